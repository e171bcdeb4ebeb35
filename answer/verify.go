package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// Verification is the outcome of checking a model's answer, sentence by
// sentence, against the passages it was given.
type Verification struct {
	// Text is the answer with every failing sentence dropped and the
	// markers renumbered [1], [2]… in order of first use, each sentence
	// ending with its markers.
	Text string
	// Sources are the indexes into the evidence of the passages the kept
	// sentences cite, in the order of their new numbers: Sources[0] is [1].
	Sources []int
	// Sentences counts the sentences checked; a sentence saying that the
	// passages do not answer is not counted (it is never kept either).
	Sentences int
	Kept      int  // sentences that passed every check
	Cited     bool // some marker named a given passage
	// Abstains reports that the model said the passages do not answer and
	// no sentence was kept.
	Abstains bool
	// Problems say why each dropped sentence was dropped, and which markers
	// were removed, in the order met.
	Problems []Problem
}

// Problem is one failed check.
type Problem struct {
	Kind     ProblemKind
	Sentence string // the sentence as the model wrote it, markers removed
	Detail   string // the marker number, name, number or date that failed
	Passages []int  // the given passages the sentence cited, by the model's numbers
}

// ProblemKind names a check.
type ProblemKind string

// Kinds of problem.
const (
	ProblemUncited ProblemKind = "uncited" // the sentence cites no given passage
	// ProblemUnknownSource is a marker naming a passage that was not given.
	// The marker is removed; the sentence survives if it cites another.
	ProblemUnknownSource ProblemKind = "unknown_source"
	ProblemPlace         ProblemKind = "place"  // a place the cited passages do not mention
	ProblemNumber        ProblemKind = "number" // a number they do not contain
	ProblemDate          ProblemKind = "date"   // a month they do not name
)

// Usable reports whether enough of the answer survived to show it: some
// sentence was kept, and at least half of those checked.
func (v *Verification) Usable() bool {
	return v.Kept > 0 && 2*v.Kept >= v.Sentences
}

// Failure says in a few English words why an answer is not usable, for
// Answer.FallbackReason; "" when it is.
func (v *Verification) Failure() string {
	switch {
	case v.Usable():
		return ""
	case !v.Cited:
		return "no citations"
	case v.Kept == 0:
		return "no sentence verified (0 of " + strconv.Itoa(v.Sentences) + ")"
	default:
		return "too few sentences verified (" + strconv.Itoa(v.Kept) + " of " + strconv.Itoa(v.Sentences) + ")"
	}
}

// Verify checks a model's answer against the evidence it was shown as
// passages [1]…[len(evidence)]. A sentence is kept when it cites at least one
// given passage and every place, number and month it names appears in the
// passages it cites (title, text and date included), after normalisation.
// Markers are read in the forms models write them: [1], [۱], [١], 【1】,
// [1, 2], [1،2], [1-3], [منبع 1].
func Verify(g *places.Gazetteer, text string, evidence []Evidence) Verification {
	var v Verification
	facts := make([]*passageFacts, len(evidence))
	numbers := map[int]int{} // evidence index → new marker number
	var out strings.Builder
	brk, lastLine := 0, -1
	for _, s := range splitClaims(text) {
		brk = max(brk, s.brk)
		if s.body == "" {
			continue
		}
		if isAbstention(s.body) {
			v.Abstains = true
			continue
		}
		v.Sentences++
		var cited []int // evidence indexes
		for _, n := range s.markers {
			switch {
			case n < 1 || n > len(evidence):
				v.Problems = append(v.Problems, Problem{Kind: ProblemUnknownSource, Sentence: s.body, Detail: strconv.Itoa(n)})
			case !slices.Contains(cited, n-1):
				cited = append(cited, n-1)
			}
		}
		if len(cited) == 0 {
			v.Problems = append(v.Problems, Problem{Kind: ProblemUncited, Sentence: s.body})
			continue
		}
		v.Cited = true
		if p, ok := check(g, s.body, cited, evidence, facts); !ok {
			v.Problems = append(v.Problems, p)
			continue
		}
		v.Kept++
		if out.Len() > 0 {
			switch {
			case brk >= 2:
				out.WriteString("\n\n")
			case brk == 1:
				out.WriteString("\n")
			default:
				out.WriteString(" ")
			}
		}
		if s.line != lastLine {
			out.WriteString(s.bullet)
			lastLine = s.line
		}
		brk = 0
		out.WriteString(s.body)
		out.WriteString(" ")
		for _, i := range cited {
			n, ok := numbers[i]
			if !ok {
				n = len(v.Sources) + 1
				numbers[i] = n
				v.Sources = append(v.Sources, i)
			}
			out.WriteString("[" + strconv.Itoa(n) + "]")
		}
	}
	v.Abstains = v.Abstains && v.Kept == 0
	v.Text = out.String()
	return v
}

// check verifies one sentence's places, numbers and months against the
// passages it cites, building each passage's facts the first time it is
// needed.
func check(g *places.Gazetteer, body string, cited []int, evidence []Evidence, facts []*passageFacts) (Problem, bool) {
	support := func(f func(*passageFacts) bool) bool {
		for _, i := range cited {
			if facts[i] == nil {
				facts[i] = newPassageFacts(g, evidence[i])
			}
			if f(facts[i]) {
				return true
			}
		}
		return false
	}
	fail := func(kind ProblemKind, detail string) (Problem, bool) {
		ns := make([]int, len(cited))
		for k, i := range cited {
			ns[k] = i + 1
		}
		return Problem{Kind: kind, Sentence: body, Detail: detail, Passages: ns}, false
	}
	for _, m := range g.Find(body) {
		if !support(func(f *passageFacts) bool { return f.places[m.Place.Name] }) {
			return fail(ProblemPlace, m.Surface)
		}
	}
	c := claimsOf(persian.Normalize(body), true)
	for _, n := range c.numbers {
		if !support(func(f *passageFacts) bool { return f.numbers[n] }) {
			return fail(ProblemNumber, n)
		}
	}
	for _, m := range c.months {
		if !support(func(f *passageFacts) bool { return f.months[m.Month] }) {
			return fail(ProblemDate, m.name)
		}
	}
	return Problem{}, true
}

// passageFacts is what one passage (with its title and date) supports.
type passageFacts struct {
	places  map[string]bool // canonical names, with their countries and provinces
	numbers map[string]bool // canonical numbers (see claimsOf)
	months  map[persian.Month]bool
}

func newPassageFacts(g *places.Gazetteer, ev Evidence) *passageFacts {
	text := ev.Article.Title + "\n" + ev.Passage.Text
	if !ev.Article.Date.IsZero() {
		text += "\n" + persian.FormatJalali(ev.Article.Date)
	}
	f := &passageFacts{places: map[string]bool{}, numbers: map[string]bool{}, months: map[persian.Month]bool{}}
	for _, m := range g.Find(text) {
		// A passage about Moscow supports "Russia"; one about Gorgan, "Golestan".
		for _, name := range []string{m.Place.Name, m.Place.Country, m.Place.Province} {
			if name != "" {
				f.places[name] = true
			}
		}
	}
	c := claimsOf(persian.Normalize(text), false)
	for _, n := range c.numbers {
		f.numbers[n] = true
	}
	for _, m := range c.months {
		f.months[m.Month] = true
		if m.Jalali {
			f.numbers[strconv.Itoa(m.Number)] = true // "۱۴ دی ۱۴۰۱" supports 1401/10/14
		}
	}
	return f
}

// claims are the numbers and months a text names.
type claims struct {
	numbers []string
	months  []namedMonth
}

// namedMonth is a month as a text names it: claims compare by month, so
// "دسامبر" is supported by "December"; the name is for the feedback.
type namedMonth struct {
	persian.Month
	name string
}

// claimsOf reads numbers and months from normalised text (ASCII digits).
// Numbers are canonical decimals: "1,200", "۱٬۲۰۰" and "هزار و دویست" are
// all "1200"; "2.5 میلیون" is "2500000"; "1402/09/15" is 1402, 9 and 15.
// A sentence's months count only next to a number or as "…ماه" (مهر is
// also "kindness"); a passage's count wherever they stand. In a sentence,
// the number words یک and نه count only in a compound ("one" and "no" are
// more often an article and a negation), and none counts before شنبه,
// جانبه or ها (دو شنبه is Monday, دو جانبه "bilateral", ده ها "dozens").
func claimsOf(norm string, sentence bool) claims {
	var c claims
	words := persian.Words(joinThousands(norm))
	isNum := make([]bool, len(words))
	for i := 0; i < len(words); {
		w := words[i]
		if w[0] >= '0' && w[0] <= '9' {
			val, err := strconv.ParseFloat(w, 64)
			if err != nil {
				i++
				continue
			}
			isNum[i] = true
			end := i + 1
			if end < len(words) && persian.Multiplier(words[end]) > 0 {
				if !sentence {
					c.numbers = append(c.numbers, formatNumber(val)) // "15 هزار" supports 15 too
				}
				val *= persian.Multiplier(words[end])
				isNum[end] = true
				end++
			}
			c.numbers = append(c.numbers, formatNumber(val))
			i = end
			continue
		}
		if val, end, compound := persian.NumberWords(words, i); end > i {
			if end < len(words) && notNumber[words[end]] && !compound {
				i = end
				continue
			}
			for k := i; k < end; k++ {
				isNum[k] = true
			}
			if !sentence || compound || (w != "یک" && w != "نه") {
				c.numbers = append(c.numbers, formatNumber(val))
			}
			i = end
			continue
		}
		i++
	}
	for i, w := range words {
		m, suffixed := strings.CutSuffix(w, "ماه")
		mo, ok := persian.MonthNamed(m)
		if !suffixed || !ok {
			m, suffixed = w, false
			if mo, ok = persian.MonthNamed(m); !ok {
				continue
			}
		}
		near := suffixed || i+1 < len(words) && (isNum[i+1] || words[i+1] == "ماه") || i > 0 && isNum[i-1]
		if !sentence || near {
			c.months = append(c.months, namedMonth{mo, m})
		}
	}
	slices.Sort(c.numbers)
	c.numbers = slices.Compact(c.numbers)
	return c
}

// notNumber are the words that make a number word part of another word
// when written apart from it: دو شنبه (Monday), دو جانبه (bilateral).
var notNumber = map[string]bool{"شنبه": true, "جانبه": true, "سویه": true, "طرفه": true, "گانه": true, "ها": true}

// joinThousands removes the commas of "1,200,000" (a comma between a digit
// and exactly three digits), so that it reads as one number.
func joinThousands(s string) string {
	if !strings.Contains(s, ",") {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] == ',' && i > 0 && isDigit(s[i-1]) && threeDigits(s[i+1:]) {
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// threeDigits reports whether s starts with exactly three digits.
func threeDigits(s string) bool {
	return len(s) >= 3 && isDigit(s[0]) && isDigit(s[1]) && isDigit(s[2]) && (len(s) == 3 || !isDigit(s[3]))
}

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func formatNumber(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// isAbstention reports whether a sentence says the passages do not answer,
// in the ways models write it in Persian and English. The text is folded
// (normalised, spaces and half-spaces removed) so that "نمی‌توانم",
// "نمی توانم" and "نمیتوانم" read alike.
func isAbstention(sentence string) bool {
	folded := strings.ReplaceAll(persian.Normalize(sentence), " ", "")
	for _, w := range abstentionCues {
		if strings.Contains(folded, w) {
			return abstentionRE.MatchString(folded)
		}
	}
	return false
}

// abstentionCues are words every abstentionRE match contains; checking them
// first spares the regular expression on most sentences.
var abstentionCues = []string{"پاسخ", "جواب", "اطلاع", "مطلبی", "اشاره", "not", "can", "couldn", "unable", "don", "doesn", "information"}

var abstentionRE = regexp.MustCompile(`` +
	`(پاسخی|جوابی|اطلاعاتی|اطلاعی|مطلبی|اشارهای).{0,40}(نیافتم|پیدانکردم|یافتنشد|پیدانشد|وجودندارد|نیامده|ندارند|نشده|دردسترسنیست)` +
	`|نمیتوانم.{0,30}(پاسخ|جواب)|(پاسخ|جواب)ی?نمیده` +
	`|(cannot|can.?t|couldnot|couldn.?t|unableto|donot|don.?t|doesnot|doesn.?t)(answer|find|determine|contain|mention)` +
	`|noinformation|notmentioned|notenoughinformation`)

// claim is one sentence of a model's answer.
type claim struct {
	body    string // display text, markers removed, ending in its punctuation
	markers []int  // the numbers its markers name, in order, repeats included
	line    int    // the line it starts on
	bullet  string // the line's list mark ("- "), when the sentence starts the line
	brk     int    // 1 when it starts a line, 2 a paragraph
}

// markerRE matches a citation marker: brackets of three kinds around numbers
// in any of three digit sets, separated by commas (Latin or Arabic),
// semicolons, "و", dashes (ranges) or spaces, optionally after a word such
// as "منبع" or "passage". "[ویرایش]", "[a]" and markdown links do not match.
var markerRE = regexp.MustCompile(`[\[【［]\s*(?:(?i:passage|source|منبع|متن|سند)\s*)?` +
	`([0-9۰-۹٠-٩]{1,4}(?:\s*(?:[,،;؛\-–]|\sو\s|\s)\s*[0-9۰-۹٠-٩]{1,4})*)\s*[\]】］]`)

var (
	bulletRE  = regexp.MustCompile(`^(?:#{1,6}\s+|[-*•▪◦–]\s+|[0-9۰-۹]{1,2}[.)]\s+)`)
	footerRE  = regexp.MustCompile(`^(?i:منابع|منبع|مراجع|ارجاع‌ها|ارجاعها|sources|references)\s*[:：]?$`)
	numTokRE  = regexp.MustCompile(`[0-9۰-۹٠-٩]+`)
	spacePunc = strings.NewReplacer(" .", ".", " ،", "،", " ,", ",", " ؛", "؛", " :", ":", " ؟", "؟", " ?", "?", " !", "!")
)

// parseMarkers returns the numbers a marker's inner text names: "1, 2" →
// [1 2], "۱-۳" → [1 2 3]. Ranges longer than 20 are read as their ends.
func parseMarkers(inner string) []int {
	var out []int
	prev, dash := 0, false
	for i := 0; i < len(inner); {
		loc := numTokRE.FindStringIndex(inner[i:])
		if loc == nil {
			break
		}
		between := inner[i : i+loc[0]]
		n, _ := strconv.Atoi(persian.Normalize(inner[i+loc[0] : i+loc[1]]))
		dash = strings.ContainsAny(between, "-–")
		if dash && prev > 0 && n > prev && n-prev <= 20 {
			for k := prev + 1; k < n; k++ {
				out = append(out, k)
			}
		}
		out = append(out, n)
		prev = n
		i += loc[1]
	}
	return out
}

// splitClaims splits a model's answer into sentences, each with the markers
// it carries. A marker written after the full stop ("… کرد. [1]") belongs to
// the sentence before it. List marks and markdown emphasis are taken off;
// a "منابع:" line ends the answer (what follows is a source list, not
// claims).
func splitClaims(text string) []claim {
	var out []claim
	brk := 0
	for li, line := range strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n") {
		line = strings.TrimSpace(strings.NewReplacer("**", "", "__", "").Replace(line))
		if line == "" {
			if len(out) > 0 {
				brk = 2
			}
			continue
		}
		if footerRE.MatchString(line) {
			break
		}
		if len(out) > 0 {
			brk = max(brk, 1)
		}
		bullet := ""
		if loc := bulletRE.FindStringIndex(line); loc != nil {
			if strings.HasPrefix(line, "#") {
				bullet = ""
			} else {
				bullet = "- "
			}
			line = line[loc[1]:]
		}
		if loc := markerRE.FindStringIndex(line); loc != nil && loc[0] == 0 {
			continue // "[1] عنوان خبر": a source list, not a claim
		}
		first := true
		for _, raw := range sentencesOf(line) {
			c := claim{line: li, brk: brk}
			if first {
				c.bullet = bullet
			}
			first = false
			brk = 0
			var body strings.Builder
			last := 0
			for _, m := range markerRE.FindAllStringSubmatchIndex(raw, -1) {
				body.WriteString(raw[last:m[0]])
				body.WriteByte(' ')
				c.markers = append(c.markers, parseMarkers(raw[m[2]:m[3]])...)
				last = m[1]
			}
			body.WriteString(raw[last:])
			c.body = tidy(body.String())
			out = append(out, c)
		}
	}
	return out
}

// tidy collapses spaces, removes those before punctuation, and ends a
// sentence that has words with punctuation; a sentence of punctuation only
// becomes "".
func tidy(s string) string {
	s = spacePunc.Replace(strings.Join(strings.Fields(s), " "))
	s = strings.TrimLeft(s, ".،,؛:!?؟ ")
	if !strings.ContainsFunc(s, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }) {
		return ""
	}
	if r, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".!?؟…:»\"”)", r) {
		s += "."
	}
	return s
}

// sentencesOf splits one line at sentence ends (. ! ? ؟ …), keeping a
// decimal point between digits and the markers that follow a full stop with
// the sentence they close.
func sentencesOf(line string) []string {
	var out []string
	start := 0
	for i := 0; i < len(line); {
		r, size := utf8.DecodeRuneInString(line[i:])
		if !isTerminator(r) || r == '.' && digitAround(line, i, size) {
			i += size
			continue
		}
		j := i + size
		for j < len(line) {
			r2, s2 := utf8.DecodeRuneInString(line[j:])
			if !isTerminator(r2) && !strings.ContainsRune("»\"”')", r2) {
				break
			}
			j += s2
		}
		for { // markers after the full stop: "… کرد. [1] [2]"
			k := j
			for k < len(line) && line[k] == ' ' {
				k++
			}
			loc := markerRE.FindStringIndex(line[k:])
			if loc == nil || loc[0] != 0 {
				break
			}
			j = k + loc[1]
		}
		for j < len(line) { // "… کرد [1]." after the marker
			r2, s2 := utf8.DecodeRuneInString(line[j:])
			if !isTerminator(r2) {
				break
			}
			j += s2
		}
		out = append(out, line[start:j])
		start, i = j, j
	}
	if strings.TrimSpace(line[start:]) != "" {
		out = append(out, line[start:])
	}
	return out
}

func isTerminator(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == '؟' || r == '…' || r == '。'
}

// digitAround reports a '.' at line[i] with a digit on each side: a decimal
// point, not a full stop.
func digitAround(line string, i, size int) bool {
	prev, _ := utf8.DecodeLastRuneInString(line[:i])
	next, _ := utf8.DecodeRuneInString(line[i+size:])
	return unicode.IsDigit(prev) && unicode.IsDigit(next)
}

// feedback names an unusable answer's problems, in Persian, for the message
// asking the model to write it again: the gist first, then up to six
// sentences with what was wrong with each.
func (v *Verification) feedback() []string {
	var out []string
	switch {
	case !v.Cited:
		out = append(out, "هیچ جمله‌ای شمارهٔ متنِ منبعش را نداشت؛ پس از هر جمله شمارهٔ متن آن را مانند [1] بیاور.")
	case v.Kept == 0:
		out = append(out, "هیچ جمله‌ای با متنی که به آن ارجاع داده بود نمی‌خواند.")
	default:
		out = append(out, "بیشتر جمله‌ها با متنی که به آن ارجاع داده بودند نمی‌خواندند.")
	}
	for _, p := range v.Problems {
		if len(out) > 6 {
			break
		}
		s := "جملهٔ «" + persian.Clip(p.Sentence, 80) + "» "
		where := "متن " + joinInts(p.Passages, " و ")
		switch p.Kind {
		case ProblemUncited:
			if !v.Cited {
				continue // said once above
			}
			s += "شمارهٔ متن ندارد."
		case ProblemUnknownSource:
			s += "به متن " + p.Detail + " ارجاع داده که در میان متن‌ها نیست."
		case ProblemPlace:
			s += "نام «" + p.Detail + "» را دارد که در " + where + " نیامده است."
		case ProblemNumber:
			s += "عدد «" + p.Detail + "» را دارد که در " + where + " نیامده است."
		case ProblemDate:
			s += "تاریخ «" + p.Detail + "» را دارد که در " + where + " نیامده است."
		}
		out = append(out, s)
	}
	return out
}

func joinInts(ns []int, sep string) string {
	parts := make([]string, len(ns))
	for i, n := range ns {
		parts[i] = strconv.Itoa(n)
	}
	return strings.Join(parts, sep)
}
