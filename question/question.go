package question

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// Intent is what a message asks for.
type Intent string

// Intents.
const (
	Partners  Intent = "partners"  // the partners of one place: a list
	Pair      Intent = "pair"      // what two places have between them: a brief of the pair
	Brief     Intent = "brief"     // a briefing on a place's ties
	Fact      Intent = "fact"      // a fact the news states: answered from sentences
	SmallTalk Intent = "smalltalk" // a greeting, thanks, goodbye, or "what can you do"
	Nonsense  Intent = "nonsense"  // no words peyvand can read
)

// Want is the type of answer a fact question expects.
type Want string

// Answer types.
const (
	WantNone   Want = ""
	WantNumber Want = "number"
	WantDate   Want = "date"
	WantPerson Want = "person"
	WantOrg    Want = "org"
	WantPlace  Want = "place"
	WantReason Want = "reason"
	WantThing  Want = "thing"
)

// Ref is a place a question names, with the spellings it used.
type Ref struct {
	Place     peyvand.Place
	Spellings []string
}

// Question is what a message asks, as Read understood it.
type Question struct {
	Text    string
	English bool // written in English: answer in English
	Intent  Intent
	// Talk is the kind of small talk: greet, thanks, bye or help.
	Talk string
	// Iranian and Foreign are the places named on each side (Iran itself
	// is on neither: every tie has it).
	Iranian, Foreign []Ref
	// Within is where the places asked for must lie: the country or
	// province of «کدام شهر روسیه», "Which Russian city".
	Within *peyvand.Place
	// Relations are the kinds of tie asked about; none means any.
	Relations []peyvand.Relation
	Want      Want
	// Wants are every answer type asked, Want first: «چه سالی و در چند
	// بند» asks for a date and a number.
	Wants []Want
	// Rank is set when the number asked is a rank («چندمین», "what
	// number"): an ordinal answers it, and answers nothing else.
	Rank bool
	// FollowUp is true when places, intent or relation came from the
	// previous question.
	FollowUp bool
	// Ties is set when the question speaks of ties in general («همکاری»،
	// «روابط»، "trade"): what answers it must be about trade or ties.
	Ties bool
	// YesNo is set for a question asked to be answered yes or no («آیا
	// …؟», "Has Hamadan got a sister city?").
	YesNo bool
	// Focus is set by the answerer when its answer was about one place
	// only (a list of one partner): a next message's «این تفاهم‌نامه» or
	// "that deal" points at it.
	Focus []Ref
	// Unread is set for an English question whose content words the
	// glossary knows none of ("What is the capital of France?"): nothing
	// checks that a sentence is about what it asks.
	Unread bool
	// Words are the question's content words in match form: what is left
	// when question words, places and stop words are taken out.
	Words []string

	persian []string // an English question's words in Persian (glossary.txt)
}

// Persian returns a Persian search text for the question: its places'
// Persian names, its relations' Persian names and the Persian words for
// its content words. For a Persian question it is the question itself,
// its English words («sister city») read in Persian.
func (q Question) Persian() string {
	if !q.English {
		if len(q.persian) == 0 {
			return q.Text
		}
		var kept []string
		for _, w := range strings.Fields(q.Text) {
			if !isLatinWord(strings.Trim(w, "?؟!.,،")) {
				kept = append(kept, w)
			}
		}
		return strings.Join(append(kept, q.persian...), " ")
	}
	var parts []string
	for _, r := range q.Places() {
		parts = append(parts, r.Place.Name)
	}
	if q.Within != nil {
		parts = append(parts, q.Within.Name)
	}
	for _, rel := range q.Relations {
		parts = append(parts, rel.Persian())
	}
	parts = append(parts, q.persian...)
	return strings.Join(parts, " ")
}

// Places returns the places of both sides, Iranian first.
func (q Question) Places() []Ref { return append(slices.Clip(q.Iranian), q.Foreign...) }

// Reader reads questions. It is safe for concurrent use.
type Reader struct {
	g   *places.Gazetteer
	lx  *lexicon
	eng *english
}

// New returns a reader over a gazetteer (places.Default() when nil).
func New(g *places.Gazetteer) *Reader {
	if g == nil {
		g = places.Default()
	}
	lx, err := parseLexicon()
	if err != nil {
		panic(err) // embedded data, checked by the tests
	}
	return &Reader{g: g, lx: lx, eng: newEnglish(g)}
}

var (
	defaultOnce   sync.Once
	defaultReader *Reader
)

// Default returns the reader over the default gazetteer, built once.
func Default() *Reader {
	defaultOnce.Do(func() { defaultReader = New(nil) })
	return defaultReader
}

// Mentions reports whether a text names one of the relations, by the words
// questions use for them («نمایشگاه»، «خواهرخوانده»، «هیئت» …): an answer
// must be about the kind of tie asked.
func (r *Reader) Mentions(text string, rels []peyvand.Relation) bool {
	if len(rels) == 0 {
		return true
	}
	for _, h := range r.lx.find(r.lx.read(text)) {
		if rel, ok := strings.CutPrefix(h.label, "rel:"); ok && slices.Contains(rels, peyvand.Relation(rel)) {
			return true
		}
	}
	return false
}

// Akin returns the tokens that say what token t says in a report
// (data/synonyms.txt): «بسازن» is «ساز»، «تاسیس»، «احداث» …; nil when no
// group has it.
func (r *Reader) Akin(t string) []string {
	if g, ok := r.lx.akin[t]; ok {
		return g
	}
	return r.lx.akin[verbStem(t)]
}

// verbStem takes a spoken or written verb's person ending and its «ب»/«ن»
// prefix off («بسازن» → «ساز», «بفروشند» → «فروش»); other words come back
// as they are, or shortened to a word no group has.
func verbStem(t string) string {
	for _, end := range []string{"ند", "ید", "یم", "ن", "د"} { // the longest first
		if s, ok := strings.CutSuffix(t, end); ok && utf8.RuneCountInString(s) >= 2 {
			t = s
			break
		}
	}
	for _, pre := range []string{"ب", "ن"} {
		if s, ok := strings.CutPrefix(t, pre); ok && utf8.RuneCountInString(s) >= 2 {
			return s
		}
	}
	if utf8.RuneCountInString(t) < 3 {
		return "" // «خرد» is no «بخرد»: a two-letter stem only after its prefix
	}
	return t
}

// Gazetteer returns the reader's gazetteer.
func (r *Reader) Gazetteer() *places.Gazetteer { return r.g }

// mention is a place found at words [i, j) of a message.
type mention struct {
	ref  Ref
	i, j int
}

// Read understands a message; prev is the conversation's previous question
// (nil for none), which a follow-up builds on.
func (r *Reader) Read(msg string, prev *Question) Question {
	msg = strings.TrimSpace(msg)
	q := Question{Text: msg, English: isEnglish(msg)}
	t := r.lx.read(msg)
	r.mendTypos(&t)
	possessive := r.lx.possessive(&t)
	hits := r.lx.find(t)
	hits = append(hits, r.adjectiveLists(t, hits)...)
	t, hits = trailingThanks(t, hits)
	ms := r.places(msg, t, hits)
	labels := map[string]bool{}
	for _, h := range hits {
		labels[h.label] = true
	}
	q.Relations = relations(hits)
	q.Ties = labels["tie"]
	q.Want = want(t, hits)
	if yesNo(t, hits) || verbAsked(msg, t, hits) {
		q.YesNo = true
		hits = append(hits, hit{0, 0, "yesno"})
		labels["yesno"] = true
		if q.Want == WantNone {
			q.Want = WantThing // «آیا …؟», "Is X twinned with Y?": answered by the sentence that says so
		}
	}
	q.Wants = alsoWanted(q.Want, hits)
	if q.Want == WantPerson && whoOrWhen(t) && !slices.Contains(q.Wants, WantDate) {
		q.Wants = append(q.Wants, WantDate)
	}
	q.Rank = q.Want == WantNumber && rankAsked(t)
	q.Words = contentWords(t, hits, ms)
	if q.English {
		// An English question is searched and checked in Persian.
		q.persian = r.lx.translate(t.raw)
		read := r.lx.translate(q.Words)
		q.Unread = len(q.Words) > 0 && len(read) == 0
		q.Words = read
	} else {
		q.Words = r.persianWords(q.Words)
		q.persian = r.latinInPersian(t.raw)
		// Colloquial words are searched in their written form too: the
		// news write «خواهرخوانده», not «خواهرخونده».
		for i, f := range t.formal {
			if f != t.raw[i] && !isLatinWord(t.raw[i]) {
				q.persian = append(q.persian, f)
			}
		}
	}
	if len(ms) == 0 && len(q.Relations) == 0 {
		// «عالیه ولی صادرات چقدر بود؟» asks a figure: no small talk; "who
		// made you?" asks about the bot.
		talk := smallTalk(msg, t, hits)
		if len(t.raw) == 0 {
			talk = emojiTalk(msg)
		}
		if i := afterGreeting(hits); talk == "" && i > 0 && i < len(t.raw) {
			// «سلام، asdf qwer»: a greeting, and nothing asked after it.
			if rest := r.Read(strings.Join(t.raw[i:], " "), nil); rest.Intent == Nonsense {
				talk = "greet"
			}
		}
		if talk != "" && (talk == "help" || q.Want == WantNone || q.Want == WantThing) {
			q.Intent, q.Talk = SmallTalk, talk
			return q
		}
		if r.nonsense(msg, t, hits) || prev != nil && len(t.raw) <= 4 && (!asks(msg, q, labels) || puzzled(t)) {
			// After a question, a short reply that asks nothing («نه»،
			// "test", "you are useless") does not inherit its places.
			q.Intent = Nonsense
			return q
		}
	}
	ms = r.filter(&q, t, hits, ms)
	if prev != nil && q.Within == nil && len(prev.Iranian) > 0 && prev.Intent != SmallTalk && prev.Intent != Nonsense {
		if k, ok := withWhichOf(t, hits, ms); ok {
			// «با کدوم شهرای ترکیه کار می‌کنه؟» after a question about
			// Zanjan: Zanjan's partners in Turkey, the subject left out.
			p := ms[k].ref.Place
			q.Within, q.Iranian, q.FollowUp = &p, slices.Clone(prev.Iranian), true
			ms = slices.DeleteFunc(slices.Clone(ms), func(m mention) bool { return m.ref.Place.Name == p.Name })
		}
	}
	for _, m := range ms {
		switch {
		case m.ref.Place.Name == peyvand.Iran:
		case m.ref.Place.Iranian():
			q.Iranian = appendRef(q.Iranian, m.ref)
		default:
			q.Foreign = appendRef(q.Foreign, m.ref)
		}
	}
	if prev != nil && r.followUp(&q, t, hits, ms, prev) {
		return q
	}
	if prev != nil && (anaphoric(t) || possessive || subjectLeftOut(q, labels, prev)) && len(q.Iranian)+len(q.Foreign) > 0 && prev.Intent != SmallTalk && prev.Intent != Nonsense {
		// "how many Afghan traders applied for it?", «نمایشگاهش تو عمان …»:
		// the new place joins the last question's, on the side it leaves open.
		if len(q.Iranian) == 0 {
			q.Iranian = slices.Clone(prev.Iranian)
		}
		if len(q.Foreign) == 0 {
			q.Foreign = slices.Clone(prev.Foreign)
		}
		q.FollowUp = true
	}
	pointed := pointsAtTie(t, hits)
	if prev != nil && len(q.Iranian)+len(q.Foreign) == 0 && q.Within == nil && prev.Intent != SmallTalk && prev.Intent != Nonsense &&
		(anaphoric(t) || possessive || pointed || len(q.Words) <= 3 && !labels["list"]) {
		// A short question naming no place is about the last one's: «چند
		// نفر بودند؟», "latest news?". A longer one («آمار صادرات کشور چقدر
		// است؟») or a list («کدام استان‌ها خواهرخوانده دارند؟») asks anew.
		q.Iranian, q.Foreign, q.FollowUp = slices.Clone(prev.Iranian), slices.Clone(prev.Foreign), true
		if len(q.Relations) == 0 {
			q.Relations = prev.Relations // «اولیش کی بود؟» after the memoranda counted: the first memorandum
		}
		if pointed {
			// «این تفاهم‌نامه …» after a list of one: that partner's.
			for _, f := range prev.Focus {
				if f.Place.Iranian() && len(q.Iranian) == 0 {
					q.Iranian = append(q.Iranian, f)
				} else if !f.Place.Iranian() && len(q.Foreign) == 0 {
					q.Foreign = append(q.Foreign, f)
				}
			}
		}
	}
	q.Intent = intent(q, labels, q.Want == WantPlace && !listWhere(t, hits), pluralAfterWhere(t, hits))
	if len(q.Iranian)+len(q.Foreign) == 0 && q.Within == nil && !q.FollowUp && (labels["summary"] || labels["recent"]) &&
		(q.Ties || slices.ContainsFunc(ms, func(m mention) bool { return m.ref.Place.Name == peyvand.Iran })) {
		// «آخرین خبرهای همکاری‌های خارجی»، "latest news on Iran's foreign
		// ties" name no province: the country's newest ties.
		if iran, ok := r.Gazetteer().Lookup(peyvand.Iran); ok {
			q.Iranian, q.Intent = []Ref{{Place: iran}}, Brief
		}
	}
	if q.Intent == Fact && q.Within != nil {
		// «در کدام شهر استان P …» asks where in P: P is one of its places.
		ref := Ref{Place: *q.Within}
		if q.Within.Iranian() {
			q.Iranian = appendRef(q.Iranian, ref)
		} else {
			q.Foreign = appendRef(q.Foreign, ref)
		}
		q.Within = nil
	}
	if q.FollowUp && q.Intent == Fact && prev.Intent == Fact {
		// «چند تا شرکت میرن؟» after the Moscow exhibition asks about it.
		q.Words = union(prev.Words, q.Words)
	}
	return q
}

// asks reports whether a message asks anything: a question mark, a word
// of a question (what, when, how many …), a relation, or words of ties, a
// list, a briefing, a follow-up or more of the last answer («جزئیات»).
func asks(msg string, q Question, labels map[string]bool) bool {
	if strings.ContainsAny(msg, "?؟") || q.Want != WantNone || len(q.Relations) > 0 {
		return true
	}
	for _, l := range []string{"tie", "list", "summary", "pairask", "followup", "same", "yesno", "more"} {
		if labels[l] {
			return true
		}
	}
	return false
}

func appendRef(rs []Ref, r Ref) []Ref {
	for i := range rs {
		if rs[i].Place.Name == r.Place.Name {
			for _, s := range r.Spellings {
				if !slices.Contains(rs[i].Spellings, s) {
					rs[i].Spellings = append(rs[i].Spellings, s)
				}
			}
			return rs
		}
	}
	return append(rs, r)
}

// adjectiveLists returns a list hit for "which <word> <place word>"
// ("Which Iranian city", "which foreign ports"): the phrases cannot list
// every adjective.
func (r *Reader) adjectiveLists(t text, hits []hit) []hit {
	var out []hit
	for _, h := range hits {
		if h.label != "placeword" || h.i < 2 || t.raw[h.i-2] != "which" && t.raw[h.i-2] != "what" {
			continue
		}
		if isLatinWord(t.raw[h.i-1]) { // "Which Iranian city", "which foreign ports"
			out = append(out, hit{h.i - 2, h.j, "list"})
		}
	}
	return out
}

// isEnglish reports whether a message is written mostly in Latin letters.
func isEnglish(s string) bool {
	latin, other := 0, 0
	for _, r := range s {
		switch {
		case r < unicode.MaxASCII && unicode.IsLetter(r):
			latin++
		case unicode.IsLetter(r):
			other++
		}
	}
	return latin > other
}

func isLatinWord(w string) bool {
	for _, r := range w {
		if r > unicode.MaxASCII || !unicode.IsLetter(r) && r != '\'' {
			return false
		}
	}
	return w != ""
}

// relations returns the relations a message names, in order.
func relations(hits []hit) []peyvand.Relation {
	var out []peyvand.Relation
	for _, h := range hits {
		if rel, ok := strings.CutPrefix(h.label, "rel:"); ok && !slices.Contains(out, peyvand.Relation(rel)) {
			out = append(out, peyvand.Relation(rel))
		}
	}
	return out
}

// yesNo reports whether a message asks yes or no: «آیا …»، «… یا نه؟», or
// English that opens with an auxiliary ("Is Shiraz twinned with …?").
func yesNo(t text, hits []hit) bool {
	if slices.ContainsFunc(hits, func(h hit) bool { return h.label == "yesno" }) {
		return true
	}
	if i := afterGreeting(hits); len(t.raw) > i+2 {
		switch t.raw[i] {
		case "is", "are", "does", "do", "did", "has", "have", "was", "were", "will", "can":
			return true
		}
	}
	return false
}

// verbAsked reports a Persian yes/no question asked without «آیا»: a
// kind of tie, no question word, and a verb last before the question mark
// («پیمان خواهرخواندگی شیراز و مسقط امضا شده است؟»، «اصفهان با کازان
// خواهرخونده‌س؟»).
func verbAsked(msg string, t text, hits []hit) bool {
	// Telegram users often leave the mark out; a full stop says it is no
	// question.
	if strings.HasSuffix(msg, ".") || strings.HasSuffix(msg, "!") || len(t.formal) < 3 || isEnglish(msg) {
		return false
	}
	if !slices.ContainsFunc(hits, func(h hit) bool { return strings.HasPrefix(h.label, "rel:") || h.label == "tie" }) {
		return false
	}
	for _, h := range hits {
		switch h.label {
		case "list", "summary", "pairask", "topic", "recent", "same", "more", "bye", "help":
			return false // a greeting or thanks before it does not make it less a question
		case "followup":
			if h.i == 0 || h.j == len(t.raw) { // «و شیراز؟», «… چطور؟»; not the «و» between two names
				return false
			}
		}
		if slices.Contains(wantOrder, Want(h.label)) {
			return false
		}
	}
	return finalVerbs[t.formal[len(t.formal)-1]]
}

// finalVerbs end a yes/no question asked without «آیا» (formal forms).
var finalVerbs = map[string]bool{"است": true, "هست": true, "هستند": true, "اند": true, "دارد": true, "دارند": true,
	"شد": true, "شده": true, "کرد": true, "کرده": true, "کردند": true, "شود": true, "کند": true, "کنند": true,
	"رسید": true, "رسیده": true, "بسته": true, "بستند": true}

// tiesAsked reports «چه/what» right before a tie or relation word: «چه
// همکاری‌های تجاری‌ای»، «چه تفاهم‌نامه‌هایی»، "what agreements".
func tiesAsked(hits []hit) bool {
	for _, h := range hits {
		if h.label != string(WantThing) {
			continue
		}
		if slices.ContainsFunc(hits, func(o hit) bool {
			return o.i == h.j && (o.label == "tie" || strings.HasPrefix(o.label, "rel:"))
		}) {
			return true
		}
	}
	return false
}

// finalThing reports whether the only «چه/what» of a message is its last
// word («… چیه؟»، «… چیست؟»): it asks what the thing named is.
func finalThing(t text, hits []hit) bool {
	for _, h := range hits {
		if h.label == string(WantThing) && h.j != len(t.raw) {
			return false
		}
	}
	return len(t.raw) > 0
}

// plural reports whether a place noun is plural: «شهرها»، «مناطق»، "cities".
func plural(w string) bool {
	return strings.HasSuffix(w, "ها") || strings.HasSuffix(w, "های") || strings.HasSuffix(w, "هایی") ||
		w == "مناطق" || w == "بنادر" || strings.HasSuffix(w, "ات") || strings.HasSuffix(w, "s")
}

// listWhere reports whether every "where" of the question is part of a
// list («کجاها»، «با کجا») or plural: a list asked, not a place.
func listWhere(t text, hits []hit) bool {
	for _, h := range hits {
		// «در کدام شهرهای افغانستان» asks for several: a list.
		if h.label == string(WantPlace) && !covered(hits, h, "list") && !plural(t.raw[h.j-1]) {
			return false
		}
	}
	return true
}

// pluralAfterWhere reports a where-question asked of several places: its
// phrase ends in a plural place noun («در کدام شهرهای») or one follows it.
// Any other plural is no list: «کجا محصولات خود را عرضه کرد؟».
func pluralAfterWhere(t text, hits []hit) bool {
	for _, h := range hits {
		if h.label == string(WantPlace) && (pluralPlaces[t.formal[h.j-1]] || h.j < len(t.formal) && pluralPlaces[t.formal[h.j]]) {
			return true
		}
	}
	return false
}

// pluralPlaces are the plural place nouns of a list asked: «شهرهای خارجی».
var pluralPlaces = map[string]bool{"شهرها": true, "شهرهای": true, "کشورها": true, "کشورهای": true, "استانها": true,
	"استانهای": true, "بنادر": true, "بندرها": true, "بندرهای": true, "مناطق": true, "ولایتها": true, "ولایتهای": true,
	"cities": true, "countries": true, "provinces": true, "ports": true, "regions": true}

// covered reports whether a hit labelled label spans h.
func covered(hits []hit, h hit, label string) bool {
	return slices.ContainsFunc(hits, func(o hit) bool { return o.label == label && o.i <= h.i && o.j >= h.j })
}

// pointsAtTie reports a kind of tie pointed at, as one already spoken of:
// «این تفاهم‌نامه»، «همین نمایشگاه»، "that deal", "this MoU".
func pointsAtTie(t text, hits []hit) bool {
	return slices.ContainsFunc(hits, func(h hit) bool {
		if !strings.HasPrefix(h.label, "rel:") && h.label != "tie" || h.i == 0 {
			return false
		}
		switch t.formal[h.i-1] {
		case "این", "همین", "ان", "همان", "اون", "this", "that", "the":
			return true
		}
		return false
	})
}

// anaphoric reports whether a message points back at a place already named:
// «خواهرخوانده‌اش»، «این شهر»، «آنجا»، "its", "there".
func anaphoric(t text) bool {
	for i, w := range t.raw {
		if f := t.formal[i]; f == "انجا" || f == "اینجا" {
			return true // Finglish «oonja» as well
		}
		switch w {
		case "اش", "اینجا", "انجا", "اونجا", "its", "their", "there", "it", "that", "them":
			return true
		case "one", "ones":
			if i >= 2 && t.raw[i-2] == "the" {
				return true // "the Isfahan one": the same kind of tie, of Isfahan
			}
		case "ان", "اون", "انی", "اونی", "همونی", "همانی":
			// «اسکله‌های آن»، «در آن»، «اون تفاهم‌نامه»، «اونی که میره
			// تاجیکستان»: "it", "that" one.
			return true
		case "دو", "two":
			// «تفاهم‌نامه دو استان …», "the two cities"; not «کدام دو استان».
			if i+1 < len(t.raw) && placeNouns[t.raw[i+1]] && (i == 0 || t.raw[i-1] != "کدام" && t.raw[i-1] != "which") {
				return true
			}
		case "این", "همین", "همان", "this", "these", "both":
			// «این شهر»، «همین استان»، "this city"; «این دو استان»، "these
			// two cities", "both provinces".
			k := i + 1
			if k < len(t.raw) && (t.raw[k] == "دو" || t.raw[k] == "two" || t.raw[k] == "۲") {
				k++
			}
			if k < len(t.raw) && (placeNouns[t.raw[k]] || pluralPlaces[t.raw[k]]) {
				return true
			}
		}
	}
	return false
}

var placeNouns = map[string]bool{"شهر": true, "استان": true, "کشور": true, "منطقه": true, "ولایت": true, "بندر": true,
	"city": true, "province": true, "country": true, "region": true, "port": true}

func labels(hits []hit) map[string]bool {
	m := map[string]bool{}
	for _, h := range hits {
		m[h.label] = true
	}
	return m
}

// knownLatin reports a Latin word peyvand reads: an English stop word, a
// glossary word or a Finglish word of colloquial.txt.
func (r *Reader) knownLatin(w string) bool {
	_, finglish := r.lx.formal[w]
	return englishStop[w] || r.lx.vocabulary(w) || finglish
}

// persianWords reads the English words of a Persian question in Persian
// («نانجینگ چندمین sister city شیرازه؟»): the news it is checked
// against has no Latin words. An English word the glossary does not know
// is dropped.
func (r *Reader) persianWords(ws []string) []string {
	var out, latin []string
	flush := func() {
		out = append(out, r.lx.translate(latin)...)
		latin = latin[:0]
	}
	for _, w := range ws {
		if isLatinWord(w) {
			latin = append(latin, w)
			continue
		}
		flush()
		out = append(out, w)
	}
	flush()
	return out
}

// latinInPersian is the Persian of the English words in a Persian
// question, nil when it has none.
func (r *Reader) latinInPersian(raw []string) []string {
	var latin []string
	for _, w := range raw {
		if isLatinWord(w) {
			latin = append(latin, w)
		}
	}
	if len(latin) == 0 {
		return nil
	}
	return r.lx.translate(latin)
}

// contentWords are the words of t no phrase, place or stop word covers.
func contentWords(t text, hits []hit, ms []mention) []string {
	covered := make([]bool, len(t.raw))
	for _, h := range hits {
		switch h.label {
		case "tie", "orgnoun", "personnoun", "placenoun", "placeword":
			continue // what is asked about is content too
		}
		if strings.HasPrefix(h.label, "rel:") {
			continue
		}
		j := h.j
		if h.label == string(WantDate) && h.i < len(t.formal) && (t.formal[h.i] == "کی" || t.formal[h.i] == "تاریخ") {
			j = h.i + 1 // «کی امضا», «تاریخ افتتاح»: what happened is content
		}
		for k := h.i; k < j && k < len(covered); k++ {
			covered[k] = true
		}
	}
	for _, m := range ms {
		for k := m.i; k < m.j && k < len(covered); k++ {
			covered[k] = true
		}
	}
	var out []string
	for k, w := range t.formal {
		if covered[k] || persian.IsStopword(w) || englishStop[w] || len([]rune(w)) < 2 || howMany(w) {
			continue
		}
		out = append(out, w)
	}
	return out
}

// subjectLeftOut reports a fact question that names only a foreign place
// after a question about an Iranian one, its subject left out: «چرا به
// سفر قزاقستان اعتراض کردن؟» after North Khorasan's partners asks about
// North Khorasan's trip. A list or a briefing asks anew.
func subjectLeftOut(q Question, labels map[string]bool, prev *Question) bool {
	return len(q.Iranian) == 0 && len(q.Foreign) > 0 && len(prev.Iranian) > 0 && q.Want != WantNone &&
		!labels["list"] && !labels["summary"] && !labels["recent"]
}

// howMany reports «چند» with «تا» and an ending glued on («چندتان»،
// «چندتاست»): the question word, no content.
func howMany(w string) bool {
	rest, ok := strings.CutPrefix(w, "چند")
	if !ok {
		return false
	}
	rest = strings.TrimPrefix(rest, "تا")
	for _, end := range []string{"شون", "ست", "ان", "ن", "ش", "ه"} {
		rest = strings.TrimSuffix(rest, end)
	}
	return rest == ""
}

// intent decides what a question asks, from its places and words, in
// this order: a briefing asked for; a list filtered to a country («کدام
// شهر روسیه»); a fact of a specific type (a number, a date, a person …);
// a list; the ties of two places; any other fact.
func intent(q Question, labels map[string]bool, whereAsked, pluralWhere bool) Intent {
	sides := 0
	if len(q.Iranian) > 0 {
		sides++
	}
	if len(q.Foreign) > 0 {
		sides++
	}
	// "Who are Akhal's partners?" asks for a list, not a person.
	specific := q.Want == WantNumber || q.Want == WantDate || q.Want == WantOrg || q.Want == WantReason ||
		q.Want == WantPerson && !labels["list"]
	switch {
	case labels["summary"] && !specific && sides == 2 && !slices.ContainsFunc(q.Foreign, func(r Ref) bool { return r.Place.Kind == peyvand.KindCountry && !qualifies(r, q.Foreign) }):
		// «روابط هرمزگان و مسندم به کجا رسیده؟» sums up a pair; «چه خبر
		// از خراسان جنوبی و افغانستان؟» a province's ties with a country.
		return Pair
	case (labels["summary"] || labels["recent"] && !labels["list"] && len(q.Relations) == 0 && q.Within == nil) && !specific && sides > 0:
		// «استان مرکزی اخیراً چه فعالیت تجاری خارجی داشته؟» asks what is new.
		return Brief
	case labels["yesno"] && sides == 2 && len(q.Relations) == 0 && (labels["tie"] || labels["pairask"]) && !specific:
		// «آیا میان ارومیه و وان پیوندی برقرار است؟» asks whether two
		// places have ties at all: their ties answer it. A relation asked
		// («آیا … خواهرخوانده‌اند؟») is a fact.
		return Pair
	case labels["yesno"] && sides > 0 && q.Within == nil:
		return Fact
	case q.Within != nil && sides >= 1 && !specific && !whereAsked:
		return Partners
	case specific:
		return Fact
	case labels["list"] && sides >= 1 && q.Want != WantPlace:
		return Partners
	case q.Want == WantPlace && sides == 1 && pluralWhere:
		// «در کدام شهرهای خارجی نمایشگاه برگزار می‌کند؟» asks where, of
		// several: a list.
		return Partners
	case q.Want == WantPlace:
		return Fact
	case sides == 2 && q.Want == WantNone && (labels["tie"] || labels["pairask"] || len(q.Relations) > 0 || len(q.Words) <= 1):
		// «همکاری استان مرکزی و بغداد»; «اتاق گوانگژو در شهرداری گرگان»
		// names two places but asks about a thing.
		return Pair
	case q.Want == WantThing:
		return Fact
	case sides == 1 && (labels["tie"] || len(q.Relations) > 0 || len(q.Words) <= 1):
		return Partners
	}
	return Fact
}

// qualifies reports a country named only to place another of the refs:
// Oman in «مسندم عمان».
func qualifies(country Ref, refs []Ref) bool {
	return slices.ContainsFunc(refs, func(r Ref) bool {
		return r.Place.Kind != peyvand.KindCountry && r.Place.Country == country.Place.Name
	})
}

// followUp reads q as a follow-up of prev when it is one: short, opening
// with «و»/"and" or asking «… چطور؟»/"what about …", and naming a place or
// a relation but no new question of its own. It keeps prev's intent,
// relation, filter and answer type, and swaps the places on the sides q
// names.
func (r *Reader) followUp(q *Question, t text, hits []hit, ms []mention, prev *Question) bool {
	if prev.Intent == SmallTalk || prev.Intent == Nonsense || prev.Intent == "" {
		return false
	}
	if len(ms) == 0 && len(q.Relations) == 0 && q.Within == nil {
		return false
	}
	marked := len(t.formal) > 0 && slices.Contains([]string{"و", "and", "برای", "واسه"}, t.formal[0]) || labels(hits)["same"] ||
		slices.ContainsFunc(ms, func(m mention) bool { return alsoGlued(t, m) }) ||
		slices.ContainsFunc(hits, func(h hit) bool {
			// «… چطور؟» at the end, "what about …" at the start.
			return h.label == "followup" && (h.j == len(t.raw) || h.i == 0 && h.j-h.i > 1)
		})
	if !marked || len(q.Words) > 3 && !labels(hits)["same"] {
		return false
	}
	if q.Want != WantNone && q.Want != WantThing && q.Want != prev.Want {
		return false // a new question about the place: «و شیراز کی؟»
	}
	q.FollowUp = true
	q.Intent, q.Want = prev.Intent, cmpWant(q.Want, prev.Want)
	if prev.Intent == Brief && len(q.Relations) > 0 && len(ms) == 0 {
		q.Intent = Partners // «تفاهم‌نامه‌هاش چی؟» after a briefing: the partners of that kind
	}
	if q.Intent == Fact {
		// «واسه چین چی؟» after the subsidy of a delegation to Hungary asks
		// the same of China: the last question's words still ask.
		q.Words = union(prev.Words, q.Words)
	}
	if len(q.Relations) == 0 {
		q.Relations = prev.Relations
	}
	if q.Within == nil && len(q.Foreign) == 0 {
		q.Within = prev.Within
	}
	switch {
	case len(ms) == 0:
		q.Iranian, q.Foreign = slices.Clone(prev.Iranian), slices.Clone(prev.Foreign)
	case prev.Intent == Partners && len(prev.Iranian) > 0 && len(q.Iranian) == 0 && len(q.Foreign) == 1 && !container(q.Foreign[0].Place) &&
		(t.formal[0] == "با" || t.formal[0] == "with"):
		// «با آنتالیا چی؟» after Tabriz's partners: Tabriz with Antalya,
		// not Antalya's partners.
		q.Intent, q.Iranian = Pair, slices.Clone(prev.Iranian)
	case q.Within != nil && prev.Within != nil && len(q.Iranian)+len(q.Foreign) == 0:
		// «و با آلمان؟» after «… کدام شهرهای روسیه …»: a new filter.
		q.Iranian, q.Foreign = slices.Clone(prev.Iranian), slices.Clone(prev.Foreign)
	default:
		r.swap(q, prev)
	}
	return true
}

// union is a's words, then b's not among them.
func union(a, b []string) []string {
	out := slices.Clone(a)
	for _, w := range b {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}

// alsoGlued reports a place named with «م» (هم) glued to it as the last
// word: «اصفهانم؟».
func alsoGlued(t text, m mention) bool {
	return m.j == len(t.raw) && m.j-m.i == 1 && len(m.ref.Spellings) > 0 && t.raw[m.i] == m.ref.Spellings[0]+"م"
}

// swap keeps prev's places on the side q does not name. A question that
// named one side asked about it: «و شیراز چطور؟» after Isfahan's sister
// cities asks for Shiraz's. A foreign country after a partner list of a
// single side is a filter: «و با ترکیه؟».
func (r *Reader) swap(q *Question, prev *Question) {
	switch {
	case prev.Intent == Partners && len(q.Iranian) == 0 && len(q.Foreign) == 1 && len(prev.Iranian) > 0 && len(prev.Foreign) == 0 &&
		container(q.Foreign[0].Place):
		p := q.Foreign[0].Place
		q.Within, q.Iranian, q.Foreign = &p, slices.Clone(prev.Iranian), nil
	case prev.Intent == Partners:
		// The place asked about is replaced, whichever its side.
	default:
		if len(q.Iranian) == 0 {
			q.Iranian = slices.Clone(prev.Iranian)
		}
		if len(q.Foreign) == 0 {
			q.Foreign = slices.Clone(prev.Foreign)
		}
	}
}
