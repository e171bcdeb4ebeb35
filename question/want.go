package question

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand/persian"
)

// The answer type a question expects (Want), from its words.

// wantOrder is the order answer-type labels are tried in: the specific
// before "thing", which «چه» and "what" mark in any question.
var wantOrder = []Want{WantNumber, WantDate, WantPerson, WantOrg, WantPlace, WantReason, WantThing}

// want returns the answer type a message expects. «کی» is "when" before a
// verb and "who" otherwise; "thing" only when «چه/what» asks for a thing
// rather than for the ties themselves («چه همکاری‌ای»).
func want(t text, hits []hit) Want {
	has := func(l Want) bool {
		return slices.ContainsFunc(hits, func(h hit) bool {
			// «کجاها»، «با کجا» ask for a list, not for a place.
			return h.label == string(l) && !(l == WantPlace && covered(hits, h, "list"))
		})
	}
	for _, w := range wantOrder {
		if !has(w) {
			continue
		}
		if w == WantThing {
			// «اسم رئیس اتاق بازرگانی تبریز چیه؟»: a name, though a tie word is there.
			if n := nameAsked(hits); n != WantNone {
				return n
			}
		}
		if w == WantThing && (has("pairask") || finalThing(t, hits) && has("tie") || tiesAsked(hits) || has("topic") && has("tie") && len(relations(hits)) == 0) {
			// «رابطه هرمزگان و شارجه چیه؟»، «چه توافق‌هایی» ask for the
			// ties; «همکاری‌های … در چه زمینه‌هایی» for the ties and their fields.
			return WantNone
		}
		if w == WantThing {
			if n := askedNoun(t, hits); n != WantNone {
				return n
			}
		}
		if w == WantDate && kiDoer(t) {
			return WantPerson // «کی امضاش کرد؟»: who signed it; when too (whoOrWhen)
		}
		if w == WantPerson && slices.ContainsFunc(hits, func(h hit) bool {
			// «اولیش کی بود؟»، «آخرین سفر هیئت … کی بود؟» ask when; «رئیس
			// اولین هیئت کی بود؟» who: a role named before «کی».
			return h.label == string(WantPerson) && t.formal[h.i] == "کی" && slices.ContainsFunc(t.formal[:h.i], ordinal) &&
				!slices.ContainsFunc(hits, func(o hit) bool { return o.label == "personnoun" && o.j <= h.i })
		}) {
			return WantDate
		}
		return w
	}
	if w := askedNoun(t, hits); w != WantNone {
		return w
	}
	for _, w := range t.formal {
		if strings.HasPrefix(w, "چند") && w != "چندین" {
			return WantNumber // «چندبنده؟»، «چندتا»: glued
		}
	}
	for i, w := range t.formal {
		if w == "کی" && i > 0 && t.formal[i-1] == "با" {
			return WantNone // «با کی کار می‌کنه؟»: with whom, a list
		}
		if w == "کی" {
			// «کی» is "who" before «از/بود/است» or at the end, else "when":
			// «خوزستان کی نمایشگاهشو برپا می‌کنه؟».
			if (i+1 == len(t.formal) || whoNext[t.formal[i+1]]) && !(i > 0 && ordinal(t.formal[i-1])) {
				return WantPerson
			}
			if objectBefore(t, i) {
				return WantPerson // «هیئت عراقی رو کی دعوت کرد؟»: who; when too (whoOrWhen)
			}
			return WantDate
		}
	}
	return WantNone
}

// nameAsked is the answer type of «اسم/نام X چی بود» ("what was the name
// of X"): a person for the head of a chamber, an organisation for a
// company, as X is. WantNone when the name of no such noun is asked.
func nameAsked(hits []hit) Want {
	for _, h := range hits {
		if h.label != "name" {
			continue
		}
		// The nearest noun names what is named: «اسم رئیس اتاق» a person.
		want, at := WantNone, h.j+3 // "name of the mayor": a word or two between
		for _, n := range hits {
			if n.i < h.j || n.i >= at {
				continue
			}
			switch n.label {
			case "personnoun":
				want, at = WantPerson, n.i
			case "orgnoun":
				want, at = WantOrg, n.i
			}
		}
		if want != WantNone {
			return want
		}
	}
	return WantNone
}

// ordinal reports a word that counts events: «اولیش کی بود؟» asks when
// the first one was, not who.
func ordinal(w string) bool {
	for _, end := range []string{"ش", "ی", "ه"} {
		w = strings.TrimSuffix(w, end)
	}
	return strings.HasPrefix(w, "اول") || strings.HasPrefix(w, "آخر") || strings.HasPrefix(w, "اخر") || strings.HasPrefix(w, "نخست") ||
		strings.HasSuffix(w, "مین")
}

// alsoWanted returns w and the other specific answer types hits ask for.
func alsoWanted(w Want, hits []hit) []Want {
	if w == WantNone {
		return nil
	}
	out := []Want{w}
	for _, o := range wantOrder[:len(wantOrder)-1] { // not "thing"
		if o != w && slices.ContainsFunc(hits, func(h hit) bool { return h.label == string(o) && !(o == WantPlace && covered(hits, h, "list")) }) {
			out = append(out, o)
		}
	}
	return out
}

// objectBefore reports «کی» (word i) right after an object marked with
// «را/رو» and before an active verb: «اهواز رو کی دعوت کرده بود» reads
// best as "who invited", a passive («کی امضا شد») as "when".
func objectBefore(t text, i int) bool {
	if i == 0 || t.formal[i-1] != "را" && t.raw[i-1] != "رو" {
		return false
	}
	for _, w := range t.formal[i+1:] {
		if strings.HasPrefix(w, "شد") || strings.HasPrefix(w, "میشود") || strings.HasPrefix(w, "می شود") {
			return false
		}
	}
	return true
}

// kiDoer reports «کی» as the subject of «… کرد», a singular active verb
// in the past, which it opens: «کی امضاش کرد؟» is "who signed it";
// "when" would be «کی امضا شد؟» or, of the two sides, «کی امضا کردند؟».
func kiDoer(t text) bool {
	// «کی» opens the question: with a subject before it («استاندار کی
	// سفر کرد؟») it asks when.
	if len(t.formal) < 2 || t.formal[0] != "کی" {
		return false
	}
	rest := t.formal[1:]
	return len(rest) <= 3 && rest[len(rest)-1] == "کرد"
}

// whoOrWhen reports a «کی» read as "who" after a marked object or before
// a singular active verb, which may still ask when: the answer may carry
// either.
func whoOrWhen(t text) bool {
	for i, w := range t.formal {
		if w == "کی" && objectBefore(t, i) {
			return true
		}
	}
	return kiDoer(t)
}

// whoNext are the words after which «کی» is "who": «کی از طرف …»،
// «کی بود»، «کی هست».
var whoNext = map[string]bool{"از": true, "بود": true, "است": true, "هست": true, "بودند": true, "هستند": true, "را": true, "رو": true}

// askedNoun is the answer type of «کدام/چه/which/what» followed, within
// two words, by a noun of an organisation, a person or a place: «کدام
// اتاق بازرگانی»، "which Indian company", «وزیر کدام کشور». WantNone when
// there is none.
func askedNoun(t text, hits []hit) Want {
	for _, h := range hits {
		if h.label != string(WantThing) {
			continue
		}
		for _, n := range hits {
			if n.i < h.j || n.i > h.j+1 {
				continue
			}
			switch n.label {
			case "orgnoun":
				return WantOrg
			case "personnoun":
				return WantPerson
			case "placenoun":
				// «کدام شهرها» and a «کدام شهر» with a partner («با …»)
				// ask for partners; a singular one with none asks where.
				// Finglish is read in its formal words: «shahraye» is «شهرهای».
				if !covered(hits, h, "list") || !plural(t.raw[n.i]) && !plural(t.formal[n.i]) && !slices.Contains(t.formal, "با") && !slices.Contains(t.raw, "with") {
					return WantPlace
				}
			}
		}
	}
	return WantNone
}

// rankAsked reports whether a number question asks for a rank: «چندمین»،
// «چندم» (glued «چندمینه» too), "what number", "which place".
func rankAsked(t text) bool {
	for i, w := range t.formal {
		if strings.HasPrefix(w, "چندم") {
			return true
		}
		if (w == "what" || w == "which") && i+1 < len(t.formal) && (t.formal[i+1] == "number" || t.formal[i+1] == "rank") {
			return true
		}
	}
	return false
}

func cmpWant(w, prev Want) Want {
	if w == WantNone || w == WantThing {
		return prev
	}
	return w
}

// Counted is the noun a number question counts, in its Persian words'
// match form: «نفر» in «چند نفر بودند؟», «هیئت» in «چند تا هیئت», «بند»
// in «چندبنده»; "" when it counts none. The answer leads with the
// sentence that gives a figure of it.
func (q Question) Counted() string {
	if q.Want != WantNumber {
		return ""
	}
	return countedNoun(persian.Words(persian.Normalize(q.Persian())))
}

// countedNoun is the noun the first «چند» of words counts.
func countedNoun(words []string) string {
	for i, w := range words {
		rest, ok := strings.CutPrefix(w, "چند")
		if !ok || rest == "ین" || rest == "مین" {
			continue // «چندین», «چندمین»: no count asked
		}
		rest = strings.TrimSuffix(strings.TrimSuffix(rest, "تا"), "ه")
		if rest != "" && utf8.RuneCountInString(rest) < 3 {
			continue // «چندان»: no count
		}
		if rest == "" && i+1 < len(words) {
			rest = words[i+1]
			if rest == "تا" && i+2 < len(words) {
				rest = words[i+2]
			}
		}
		if utf8.RuneCountInString(rest) >= 2 && !persian.IsStopword(rest) {
			return rest
		}
	}
	return ""
}
