package answer

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
)

// Extractive answers by quoting the retrieved passages' own sentences: the
// one that best answers the question (its words and places, and the type of
// answer it expects: a number for «چند», a date for «کی») and at most one
// more for context, each followed by the marker of the passage it came
// from. It needs no model, so it is the default, and the fallback of the
// LLM composer. The zero value is ready.
type Extractive struct {
	// MaxSentences bounds the answer; 2 when zero.
	MaxSentences int
	// MaxPassages is how many of the top passages are read; 5 when zero.
	MaxPassages int
}

// Compose implements Composer. It abstains when the evidence is weak, when
// the best sentence is about something else (it names none of the
// question's places, or too few of its words), and when the question
// expects a number or a date and no sentence carries one.
func (x Extractive) Compose(_ context.Context, req Request) (peyvand.Answer, error) {
	ans := peyvand.Answer{Question: req.Question, Mode: peyvand.ModeExtractive}
	if Weak(req) {
		return abstain(req, ans), nil
	}
	picked := x.pick(req)
	// The best sentence that is about the question leads: one that
	// scores higher but names another report's people is passed over.
	lead := slices.IndexFunc(picked, func(c scored) bool { return targeted(req, &c) })
	if lead < 0 {
		return abstain(req, ans), nil
	}
	best := picked[lead]
	picked = append([]scored{best}, slices.Delete(picked, lead, lead+1)...)
	// "When?" of something reported as done is the report's date; of
	// something to come («کی برگزار میشه؟») it is not.
	dated := req.Want == question.WantDate && !req.Evidence[picked[0].ev].Article.Date.IsZero() && !future(req.Question)
	if strictWant(req.Want) && !picked[0].typed && !dated {
		ans = abstain(req, ans)
		ans.Text = notInReports(req)
		return ans, nil
	}
	// The answering sentence first, then its context in reading order:
	// context that is on target too.
	first := picked[0]
	rest := slices.DeleteFunc(picked[1:], func(c scored) bool { return !targeted(req, &c) })
	slices.SortStableFunc(rest, func(a, b scored) int {
		return cmp.Or(cmp.Compare(a.ev, b.ev), cmp.Compare(a.start, b.start))
	})
	picked = append([]scored{first}, rest...)
	if len(picked) == 1 {
		// «… پیشنهاد خواهرخواندگی را مطرح کرد. شهردار ارومیه نیز با
		// استقبال از این پیشنهاد گفت: …»: the sentence that goes on about
		// what the answer told is its context.
		if next, ok := nextSentence(req.Evidence[first.ev].Passage.Text, first.start); ok && refersToTie(next.text) {
			next.ev = first.ev
			picked = append(picked, next)
		}
	}
	numbers := map[int]int{} // evidence index → citation number
	var lines []string
	for _, s := range picked {
		n, ok := numbers[s.ev]
		if !ok {
			n = len(ans.Citations) + 1
			numbers[s.ev] = n
			ans.Citations = append(ans.Citations, citation(n, req.Evidence[s.ev]))
		}
		line := s.text
		if dated && !s.typed && len(lines) == 0 {
			// "When?" answered by the report's own date.
			line += pick(req.English, " (تاریخ خبر: ", " (reported ") + dateText(req.Evidence[s.ev].Article.Date, req.English) + ")"
		}
		lines = append(lines, line+" ["+strconv.Itoa(n)+"]")
		if len(lines) == 1 && req.Want == question.WantPerson {
			// «استاندار سمنان … اعلام کرد»: the name the report gives the role.
			if r, name, ok := namedRole(reportText(req, s.ev), s.text, cmp.Or(req.Search, req.Question)); ok {
				role := r.written(s.text)
				lines = append(lines, pick(req.English, "نام "+role+" در همین خبر: ", "Named in the same report: ")+
					name+pick(req.English, "", " ("+role+")")+" ["+strconv.Itoa(n)+"]")
			}
		}
	}
	ans.Text = strings.Join(lines, "\n")
	if req.English {
		ans.Text = "From the news (quoted in Persian):\n" + ans.Text
	}
	return ans, nil
}

// future reports whether a question asks about what is to come: a
// present-future verb («میشه»، «می‌شود»، «خواهد»، «قراره») or "will".
func future(q string) bool {
	for _, w := range persian.Words(persian.Normalize(q)) {
		switch {
		case w == "خواهد" || w == "خواهند" || w == "قراره" || w == "will" || w == "going":
			return true
		case w == "میشه" || w == "میشود" || w == "شود" || strings.HasPrefix(w, "میشو"):
			return true
		}
	}
	return strings.Contains(persian.Normalize(q), "قرار است")
}

// strictWant reports whether an answer of this type must carry it: a
// number or a date is plain to see, a person or a reason is not.
func strictWant(w question.Want) bool { return w == question.WantNumber || w == question.WantDate }

// reportText is the text of evidence i's report: the article's, when the
// service read it, else its passages among the evidence.
func reportText(req Request, i int) string {
	ev := req.Evidence[i]
	if ev.Article.Text != "" {
		return ev.Article.Text
	}
	var b strings.Builder
	for _, e := range req.Evidence {
		if e.Passage.ArticleID == ev.Passage.ArticleID {
			b.WriteString(e.Passage.Text + "\n")
		}
	}
	return b.String()
}

// notInReports says the reports do not give what was asked.
func notInReports(req Request) string {
	what := map[question.Want][2]string{
		question.WantNumber: {"عدد یا رقم دقیقی", "the exact figure"},
		question.WantDate:   {"تاریخ یا زمان دقیقی", "the date"},
	}[req.Want]
	if req.English {
		return "The news I have mentions this, but " + what[1] + " is not in the reports."
	}
	return "در خبرهایی که دارم از این موضوع سخن رفته، ولی " + what[0] + " برای آن نیامده است."
}

// onTarget reports whether the best sentence answers the question asked:
// it names one of the question's places (when it names any), it or its
// passage speaks of the kind of tie asked, and it holds enough of the
// question's content words — a third of them, at least one (its passage
// may hold them when it names a place), or half when the question names
// no place.
func onTarget(req Request, best scored) bool {
	named, found, all := 0, false, 0
	for _, p := range req.Places {
		if p == peyvand.Iran {
			continue
		}
		named++
		if names(req.gazetteer(), best.places, p) {
			found = true
			all++
		}
	}
	if (req.Pair || req.Between) && all < min(named, 2) {
		return false // «Tabriz–Tashkent accord?»: one sentence must state it
	}
	// A sentence that names none of them may still speak of its passage's
	// («وی افزود: نخستین سند …»), when the passage names them all.
	// Two places asked are both the passage's: a sentence about Golestan
	// and Balkan does not answer about Golestan and Brazil.
	// The report's title speaks for the sentence: «سفر استاندار خراسان
	// رضوی با هیئت ۶۵ نفره به هرات» over a sentence that names one side.
	ev := req.Evidence[best.ev]
	if named > 0 && (!found || named > 1) && max(ev.PlacesMatched, titled(req, best, ev.Article.Title)) < min(named, 2) {
		return false
	}
	// The kind of tie asked must be the report's subject, and the passage
	// about trade or ties at all: «هیئت تجاری کهگیلویه» is not answered by
	// the governor's trip with «هیات همراه» to an old quarter.
	if !question.Default().Mentions(best.text, req.Relations) && !question.Default().Mentions(ev.Passage.Text, req.Relations) &&
		!question.Default().Mentions(ev.Article.Title, req.Relations) {
		return false
	}
	if strict, cross := len(req.Relations) > 0 || req.Pair, crossBorder(req) || req.Ties || req.Unread; strict || cross {
		// A tie asked, or a pair ("Zanjan Lebanon ties?"): two economic
		// words at least, even in a one-sentence paragraph. Any question
		// between an Iranian and a foreign place («خوی با وان ترکیه صادرات
		// داره؟»): one at least. A mourning ceremony or an earthquake that
		// names both answers neither. Nor, for an English question whose
		// words were not read ("What is the capital of France?"), a film
		// festival that names its place.
		title := ev.Article.Title
		if strings.HasPrefix(ev.Passage.Text, strings.TrimSuffix(title, "…")) {
			title = "" // a title derived from the text counts once
		}
		r := extract.Default().Relevance(peyvand.Article{Title: title, Text: ev.Passage.Text}, []peyvand.Passage{ev.Passage})
		if strict && (!r.Relevant || r.Econ < 2) || r.Econ < 1 {
			return false
		}
		if cross && sportOrDisaster(best.text) {
			return false // «تیم فوتبال تراکتور تبریز … راهی آنتالیا شد»: sport, not a tie
		}
	}
	var words []string
	for _, w := range req.Words {
		words = append(words, persian.Tokens(w)...)
	}
	words = dedupe(words)
	if len(words) == 0 {
		return true
	}
	have := func(toks []string) int {
		n := 0
		for _, w := range words {
			if hasAkin(toks, w) {
				n++
			}
		}
		return n
	}
	if named == 0 {
		return have(best.tokens) >= max(1, (len(words)+1)/2)
	}
	// A sentence that names the place may say the rest with other words
	// («امضاکنندگان این سند …»): its passage holds the question's words.
	need := max(1, (len(words)+2)/3)
	return have(best.tokens) >= need || found && have(dedupe(persian.Tokens(ev.Passage.Text))) >= need
}

// sportOrDisaster reports a sentence about sport, religion or disaster more than
// trade: whatever its passage says besides, it answers nothing between two
// places.
func sportOrDisaster(sentence string) bool {
	r := sentenceRelevance(sentence)
	return r.Off > r.Econ
}

// titled counts the question's places that a sentence or its report's
// title names.
func titled(req Request, best scored, title string) int {
	if title == "" {
		return 0
	}
	have := append(placesIn(req.gazetteer(), title), best.places...)
	n := 0
	for _, p := range req.Places {
		if p != peyvand.Iran && names(req.gazetteer(), have, p) {
			n++
		}
	}
	return n
}

// crossBorder reports whether a question names an Iranian place and a
// foreign one: what it asks is then between them, a tie or trade.
func crossBorder(req Request) bool {
	iranian, foreign := false, false
	for _, name := range req.Places {
		if name == peyvand.Iran {
			continue
		}
		p, ok := req.gazetteer().Place(name)
		if !ok {
			continue
		}
		if p.Iranian() {
			iranian = true
		} else {
			foreign = true
		}
	}
	return iranian && foreign
}

// citation makes citation n from a piece of evidence.
func citation(n int, ev Evidence) peyvand.Citation {
	return peyvand.Citation{N: n, ArticleID: ev.Article.ID, PassageID: peyvand.PassageID(ev.Passage.ArticleID, ev.Passage.Index),
		Title: ev.Article.Title, URL: ev.Article.URL, Date: ev.Article.Date, Source: ev.Article.Source, Quote: ev.Passage.Text}
}

// abstain fills ans with the standard abstention and the two nearest
// articles as related reading.
func abstain(req Request, ans peyvand.Answer) peyvand.Answer {
	ans.Abstained = true
	ans.Text = AbstainText(subjectOf(req))
	if req.English {
		ans.Text = "I found no answer to this in the news I have."
	}
	seen := map[string]bool{}
	for _, ev := range req.Evidence {
		if len(ans.Related) == 2 {
			break
		}
		if seen[ev.Article.ID] {
			continue
		}
		seen[ev.Article.ID] = true
		ans.Related = append(ans.Related, citation(len(ans.Related)+1, ev))
	}
	return ans
}

// scored is a candidate sentence.
type scored struct {
	ev     int // index into Request.Evidence
	start  int // byte offset in the passage
	text   string
	tokens []string
	score  float64
	typed  bool     // carries the type of answer the question expects
	fields bool     // lists the fields of a tie («حوزه‌های …»), when they are wanted
	places []string // the places it names, canonical
	// target is onTarget's verdict, kept by pick: 0 not yet read, 1 on
	// target, 2 not. The request does not change between pick and its
	// callers, and onTarget reads reports' relevance: read it once.
	target int8
}

// targeted is onTarget(req, c), read once per candidate.
func targeted(req Request, c *scored) bool {
	if c.target == 0 {
		c.target = 2
		if onTarget(req, *c) {
			c.target = 1
		}
	}
	return c.target == 1
}

// placesIn returns the canonical names of the places a sentence names,
// however it spells them («قازان» is کازان).
func placesIn(g *places.Gazetteer, text string) []string {
	var out []string
	for _, m := range g.Find(text) {
		out = append(out, m.Place.Name)
	}
	return out
}

// names reports whether a sentence naming have names the place p: by its
// name, its namesake («اصفهان» the city for the province) or a place in it.
func names(g *places.Gazetteer, have []string, p string) bool {
	want := g.Named(p)
	for _, h := range have {
		hp := g.Named(h)
		if h == p || g.Within(hp, want) {
			return true
		}
		if n, ok := g.Namesake(hp); ok && n.Name == p {
			return true
		}
	}
	return false
}

// pick chooses the sentences to quote: those sharing the most question
// tokens (rarer-in-evidence tokens weigh more), mentioning the question's
// places, from better-ranked passages; never two near-duplicates.
func (x Extractive) pick(req Request) []scored {
	maxS, maxP := cmp.Or(x.MaxSentences, 2), cmp.Or(x.MaxPassages, 5)
	qTokens := dedupe(persian.Tokens(cmp.Or(req.Search, req.Question)))
	if len(qTokens) == 0 {
		return nil
	}
	var asked []string // the question's places, Iran aside
	for _, p := range req.Places {
		if p != peyvand.Iran {
			asked = append(asked, p)
		}
	}
	var cands []scored
	df := map[string]int{} // in how many candidate sentences a question token occurs
	for i, ev := range req.Evidence[:min(maxP, len(req.Evidence))] {
		for _, sp := range persian.SentenceSpans(ev.Passage.Text) {
			text := strings.TrimSpace(ev.Passage.Text[sp.Start:sp.End])
			toks := dedupe(persian.Tokens(text))
			if len(toks) < 3 {
				continue // a fragment, a dateline or a signature
			}
			cands = append(cands, scored{ev: i, start: sp.Start, text: text, tokens: toks, places: placesIn(req.gazetteer(), text)})
			for _, q := range qTokens {
				if hasAkin(toks, q) {
					df[q]++
				}
			}
		}
	}
	qOrdinals := slices.DeleteFunc(slices.Clone(qTokens), func(t string) bool { return !ordinal(t) })
	counted := req.Counted
	// «در چه زمینه‌هایی» asks for fields; a figure or a date asked comes first.
	asksFields := !strictWant(req.Want) && slices.ContainsFunc(qTokens, func(t string) bool { return topicTokens[t] })
	topics := asksFields || req.Fields
	for i := range cands {
		c := &cands[i]
		var s float64
		for _, q := range qTokens {
			if hasAkin(c.tokens, q) {
				s += 1 / float64(df[q]) // a token every sentence has tells little
			}
		}
		topical := topics && slices.ContainsFunc(c.tokens, func(t string) bool { return topicTokens[t] })
		if s == 0 && req.Fields && (topical || refersToTie(c.text)) {
			s = 0.5 // a pair's fields or terms, in words of their own
		}
		if s == 0 {
			c.score = -1
			continue
		}
		inPassage := req.Evidence[c.ev].PlacesMatched >= len(asked)
		for _, p := range asked {
			switch {
			case names(req.gazetteer(), c.places, p):
				s += 1
			case inPassage:
				s += 0.5 // «وی افزود: نخستین سند …» speaks of the passage's places
			}
		}
		if c.typed = carries(req.gazetteer(), req.Want, c.text, req.Places, req.Rank); c.typed && req.Want != question.WantNone {
			s *= 2 // the sentence that answers, over one that only restates the question
			if counted != "" && counts(c.text, counted) {
				s *= 2 // «چند نفر»: «۶۵ نفره», not «۸۰۰ کامیون»
			}
		}
		if asksFields {
			c.typed = topical // «در چه زمینه‌هایی»: the sentence that lists the fields answers
		}
		if topical {
			c.typed, c.fields = true, true
			s *= 2
		}
		s *= ordinalFit(qOrdinals, c.tokens)
		for _, w := range req.Wants[min(1, len(req.Wants)):] {
			if carries(req.gazetteer(), w, c.text, req.Places, req.Rank) {
				s *= 1.5 // «چه سالی و در چند بند»: the sentence with both
			}
		}
		s *= 1 / (1 + 0.15*float64(c.ev)) // trust the ranking a little
		c.score = s
	}
	slices.SortStableFunc(cands, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	if (strictWant(req.Want) || topics) && len(cands) > 0 && !(cands[0].typed && targeted(req, &cands[0])) {
		// The best sentence that carries the number or date asked for,
		// or the fields, leads, if it is about the question at all.
		for i := range cands {
			if c := &cands[i]; c.typed && c.score > 0 && targeted(req, c) {
				lead := *c
				cands = slices.Insert(slices.Delete(cands, i, i+1), 0, lead)
				break
			}
		}
	}
	var out []scored
	for _, c := range cands {
		if len(out) == maxS || c.score <= 0 {
			break
		}
		if out != nil && c.score < out[0].score/4 {
			break // much weaker than the best: noise, not support
		}
		if slices.ContainsFunc(out, func(o scored) bool { return similar(o.tokens, c.tokens) }) {
			continue
		}
		targeted(req, &c)
		out = append(out, c)
	}
	return out
}

// counts reports whether a sentence gives a figure of the noun counted:
// a number right before it, with an ending or not («۶۵ نفره»، «۱۵ بند»،
// «۱۵ بندی»; not «۳ بندر»).
func counts(sentence, noun string) bool {
	words := persian.Words(persian.Normalize(sentence))
	for i := 0; i+1 < len(words); i++ {
		if !digits(words[i]) && !countWords[words[i]] {
			continue
		}
		if end, ok := strings.CutPrefix(words[i+1], noun); ok && countEndings[end] {
			return true
		}
	}
	return false
}

// countEndings may follow a counted noun: «نفره», «بندی», «کامیونها».
var countEndings = map[string]bool{"": true, "ه": true, "ی": true, "ها": true, "های": true, "هایی": true}

// nextSentence is the sentence of a passage after the one that starts at
// byte start.
func nextSentence(passage string, start int) (scored, bool) {
	spans := persian.SentenceSpans(passage)
	for i, sp := range spans {
		if sp.Start == start && i+1 < len(spans) {
			n := spans[i+1]
			return scored{start: n.Start, text: strings.TrimSpace(passage[n.Start:n.End])}, true
		}
	}
	return scored{}, false
}

// tieAnaphora are the words a report uses for the agreement (or the
// proposal) it has just told of: the sentence that says «بر اساس این
// توافق …» gives its terms.
var tieAnaphora = func() []string {
	var out []string
	for _, p := range []string{"این توافق", "این تفاهم نامه", "این تفاهمنامه", "این سند", "این قرارداد", "این پیمان", "این موافقت نامه", "این یادداشت تفاهم", "این پیشنهاد"} {
		out = append(out, " "+strings.Join(persian.Words(persian.Normalize(p)), " ")+" ")
	}
	return out
}()

// refersToTie reports whether a sentence speaks of the agreement its
// report tells of, by «این توافق/تفاهم‌نامه/سند …».
func refersToTie(sentence string) bool {
	s := " " + strings.Join(persian.Words(persian.Normalize(sentence)), " ") + " "
	for _, p := range tieAnaphora {
		if strings.Contains(s, p) {
			return true
		}
	}
	return false
}

// topicTokens ask for the fields a tie covers («در چه زمینه‌هایی»، "what
// areas"), as tokens: a sentence listing them says «در زمینه‌های …».
var topicTokens = func() map[string]bool {
	m := map[string]bool{}
	for _, w := range []string{"زمینه", "حوزه", "محور", "موضوع"} {
		for _, t := range persian.Tokens(w) {
			m[t] = true
		}
	}
	return m
}()

// ordinalFit weighs a sentence by the ordinals a question asks: «اولیش کی
// بود؟» is answered by «نخستین سند …», not by «دومین تفاهم‌نامه …».
func ordinalFit(asked, toks []string) float64 {
	if len(asked) == 0 {
		return 1
	}
	other := false
	for _, t := range toks {
		if !ordinal(t) {
			continue
		}
		if slices.ContainsFunc(asked, func(a string) bool { return hasAkin([]string{t}, a) }) {
			return 2
		}
		other = true
	}
	if other {
		return 0.5
	}
	return 1
}

// hasAkin reports whether toks hold token w or a word that says the same
// in a report («بسازن» and «تاسیس»; question.Reader.Akin).
func hasAkin(toks []string, w string) bool {
	if slices.Contains(toks, w) {
		return true
	}
	for _, a := range question.Default().Akin(w) {
		if a != w && slices.Contains(toks, a) {
			return true
		}
	}
	return false
}

func dedupe(ts []string) []string {
	out := ts[:0:0]
	for _, t := range ts {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

// similar reports near-duplicate sentences (one outlet's lead repeated by
// another): a token Jaccard of 0.6 or more.
func similar(a, b []string) bool {
	inter := 0
	for _, t := range a {
		if slices.Contains(b, t) {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	return union > 0 && float64(inter)/float64(union) >= 0.6
}
