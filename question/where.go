package question

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
)

// The places a question names, and the filter a list asks for.

// places finds the places a message names: Persian ones through the
// gazetteer, English ones by their English names; each with the word
// range it covers.
func (r *Reader) places(msg string, t text, hits []hit) []mention {
	var out []mention
	for _, m := range r.g.Find(msg) {
		i := len(splitWords(msg[:m.Start]))
		j := i + max(1, len(splitWords(m.Surface)))
		if j == i+1 && r.readsAsWord(t, i) {
			continue
		}
		out = append(out, mention{Ref{m.Place, []string{m.Surface}}, i, j})
	}
	// English names: the longest run of words that names a place.
	taken := make([]bool, len(t.raw))
	for _, m := range out {
		for k := m.i; k < m.j && k < len(taken); k++ {
			taken[k] = true
		}
	}
	// The words of a question phrase ("what can you do", "how many") name
	// no place, whatever their skeleton spells.
	for _, h := range hits {
		if h.label == "followup" || h.label == "tie" || strings.HasPrefix(h.label, "rel:") {
			continue
		}
		for k := h.i; k < h.j && k < len(taken); k++ {
			taken[k] = true
		}
	}
	// Latin words as read: Finglish «shomali» is read "north" (colloquial.txt).
	latin := make([]string, len(t.raw))
	for k, w := range t.raw {
		latin[k] = w
		if f := t.formal[k]; isLatinWord(f) && isLatinWord(w) {
			latin[k] = f
		}
	}
	finglish := readsFinglish(t)
	for i := 0; i < len(t.raw); i++ {
		if taken[i] || !isLatinWord(t.raw[i]) {
			continue
		}
		for n := min(r.eng.maxWords, len(t.raw)-i); n >= 1; n-- {
			words := latin[i : i+n]
			if slices.Contains(taken[i:i+n], true) {
				continue
			}
			if slices.ContainsFunc(words, func(w string) bool { return !isLatinWord(w) }) || n == 1 && (englishStop[words[0]] || r.lx.vocabulary(words[0])) || r.anyReadsAsWord(t, i, i+n) {
				continue
			}
			name := strings.Join(words, " ")
			p, ok := r.eng.lookup(name)
			if !ok && finglish {
				// As typed (typos mended): «azarbayjan gharbi», not "azarbayjan west".
				if raw := strings.Join(t.raw[i:i+n], " "); len(raw) > 0 {
					if p, ok = r.eng.fing.lookup(raw); ok {
						name = raw
					}
				}
			}
			if ok {
				out = append(out, mention{Ref{p, []string{name}}, i, i + n})
				for k := i; k < i+n; k++ {
					taken[k] = true
				}
				i += n - 1
				break
			}
		}
	}
	for i, w := range t.raw {
		if taken[i] {
			continue
		}
		if isLatinWord(w) {
			// "Belarusian delegation", "Iraqi traders": the country. Before a
			// place word it is a filter instead (see filter).
			if p, ok := r.eng.demonym(w); ok {
				out = append(out, mention{Ref{p, []string{w}}, i, i + 1})
			}
			continue
		}
		// A name that is also a word («دوشنبه»، «وان») right after «با» or
		// «و» and a place of the other side: «رامسر با دوشنبه»، «ارومیه و
		// وان». A question pairs places; Monday is no partner.
		if p, ok := r.g.Lookup(w); ok && i >= 2 && (t.raw[i-1] == "با" || t.raw[i-1] == "و") &&
			slices.ContainsFunc(out, func(m mention) bool { return m.j == i-1 && m.ref.Place.Iranian() != p.Iranian() }) {
			out = append(out, mention{Ref{p, []string{w}}, i, i + 1})
			continue
		}
		// An Iranian name misspelt with letters of the same sound:
		// «اصفحان»، «تبریذ».
		if p, ok := r.g.Homophone(w); ok && !r.lx.vocabulary(w) {
			out = append(out, mention{Ref{p, []string{w}}, i, i + 1})
			continue
		}
		// A colloquial copula glued to a foreign name («قازانه»), or the
		// adjective of a country or province («شرکت‌های گلستانی»، «چینی»).
		// Not a city's: «بازرگانی» is trade, not the town of Bazargan.
		// An Iranian name takes it only as the last word, where the copula
		// stands («… چندمین خواهرخوانده شیرازه؟»).
		if stem, ok := strings.CutSuffix(w, "ه"); ok && utf8.RuneCountInString(stem) >= 3 {
			if p, ok := r.g.Lookup(stem); ok && (!p.Iranian() || i == len(t.raw)-1) {
				out = append(out, mention{Ref{p, []string{stem}}, i, i + 1})
				continue
			}
		}
		// «اصفهانم؟» (colloquial «اصفهان هم»), as the last word: that place
		// too, a follow-up. A two-letter name takes it only alone: «قمم؟».
		shortest := 3
		if len(t.raw) == 1 {
			shortest = 2
		}
		if stem, ok := strings.CutSuffix(w, "م"); ok && i == len(t.raw)-1 && utf8.RuneCountInString(stem) >= shortest {
			if _, whole := r.g.Lookup(w); whole {
				continue // «اهرم» is Ahram (or a lever), not «اهر» too
			}
			if p, ok := r.g.Lookup(stem); ok {
				out = append(out, mention{Ref{p, []string{stem}}, i, i + 1})
				continue
			}
		}
		if stem, ok := strings.CutSuffix(w, "ی"); ok && utf8.RuneCountInString(stem) >= 3 {
			if p, ok := r.g.Lookup(stem); ok && container(p) {
				out = append(out, mention{Ref{p, []string{stem}}, i, i + 1})
				continue
			}
		}
		// «هندیا» (colloquial «هندی‌ها»): the people of a country.
		if stem, ok := strings.CutSuffix(w, "یا"); ok && utf8.RuneCountInString(stem) >= 2 {
			if p, ok := r.g.Lookup(stem); ok && p.Kind == peyvand.KindCountry {
				out = append(out, mention{Ref{p, []string{stem}}, i, i + 1})
				continue
			}
		}
		// «وبصره»: «و» glued to the name after it.
		if stem, ok := strings.CutPrefix(w, "و"); ok && utf8.RuneCountInString(stem) >= 3 {
			if p, ok := r.g.Lookup(stem); ok {
				out = append(out, mention{Ref{p, []string{stem}}, i, i + 1})
			}
		}
	}
	slices.SortStableFunc(out, func(a, b mention) int { return a.i - b.i })
	return r.dropQualifiers(out)
}

// dropQualifiers drops a country or province named right after a place in
// it, the place's mention taking its words: «کازان روسیه», «ایالت بلوچستان
// پاکستان», "Van, Turkey" name one place, the second name says where it is.
func (r *Reader) dropQualifiers(ms []mention) []mention {
	for k := len(ms) - 1; k > 0; k-- {
		m := ms[k]
		if m.ref.Place.Kind != peyvand.KindCountry && m.ref.Place.Kind != peyvand.KindProvince {
			continue
		}
		for o := range ms[:k] {
			if ms[o].j == m.i && ms[o].ref.Place.Name != m.ref.Place.Name && r.g.Within(ms[o].ref.Place, m.ref.Place) {
				ms[o].j = m.j
				ms = slices.Delete(ms, k, k+1)
				break
			}
		}
	}
	return ms
}

// readsAsWord reports whether word i of a message is a colloquial or
// Finglish word of the lexicon, read as another word that names no place:
// «کدوم استانا» asks for provinces («استان‌ها»), not for Astana; «khubi»
// is «خوبی», not Hubei.
func (r *Reader) readsAsWord(t text, i int) bool {
	if i < 0 || i >= len(t.raw) || t.formal[i] == t.raw[i] || isLatinWord(strings.ReplaceAll(t.formal[i], " ", "")) {
		return false
	}
	_, place := r.g.Lookup(t.formal[i])
	return !place
}

func (r *Reader) anyReadsAsWord(t text, i, j int) bool {
	for k := i; k < j; k++ {
		if r.readsAsWord(t, k) {
			return true
		}
	}
	return false
}

// readsFinglish reports whether a message's Latin words may be Persian
// names typed in Latin letters: it has a Finglish word («ba», «dare»,
// «khaharkhande»). In English, "sore" and "trace" are no «سوریه» or
// «ترکیه» spelt out.
func readsFinglish(t text) bool {
	for k, w := range t.raw {
		if f := t.formal[k]; f != w && isLatinWord(w) && !isLatinWord(strings.ReplaceAll(f, " ", "")) {
			return true
		}
	}
	return false
}

// filter finds "which city of C": a place right after a list's place word
// («کدام شهرهای روسیه», «کدام استان‌های عراق») or an English demonym
// before one ("Which Russian city", "Afghan provinces"), when the question
// names another place too. It sets q.Within and returns the mentions left.
func (r *Reader) filter(q *Question, t text, hits []hit, ms []mention) []mention {
	for _, h := range hits {
		if h.label != "placeword" {
			continue
		}
		// «کدام شهرهای روسیه»، «کدام شهرها و مناطق پاکستان»: the place word
		// is the list's, or follows one that is.
		if p, k, ok := askedIn(t, hits, h, ms); ok {
			q.Within = &p
			return slices.Delete(slices.Clone(ms), k, k+1)
		}
		if !slices.ContainsFunc(hits, func(o hit) bool { return o.label == "list" && o.i < h.j && o.j >= h.i }) &&
			!(h.i > 0 && isLatinWord(t.raw[h.i-1])) {
			continue
		}
		// A filter needs a subject besides it: in «کدام شهرهای ایران با
		// شهرهای روسیه» Russia is the side asked about, Iran no subject.
		var names []string // distinct: «با ترکیه چی؟ با کدوم شهرای ترکیه …» names one place
		for _, m := range ms {
			if m.ref.Place.Name != peyvand.Iran && !slices.Contains(names, m.ref.Place.Name) {
				names = append(names, m.ref.Place.Name)
			}
		}
		subjects := len(names)
		for k, m := range ms {
			gap := m.i - h.j
			if gap < 0 || gap > 3 || subjects < 2 || !container(m.ref.Place) || m.ref.Place.Name == peyvand.Iran {
				continue
			}
			if gap > 0 && !slices.ContainsFunc(hits, func(o hit) bool { return o.label == "placeword" && o.i >= h.j && o.j <= m.i }) {
				continue
			}
			p := m.ref.Place
			q.Within = &p
			return slices.Delete(slices.Clone(ms), k, k+1)
		}
		// "Which Russian city", "Afghan provinces": a demonym right before.
		if h.i > 0 && isLatinWord(t.raw[h.i-1]) {
			if p, ok := r.eng.demonym(t.raw[h.i-1]); ok && len(ms) >= 1 {
				if p.Name != peyvand.Iran {
					q.Within = &p
				}
				return slices.DeleteFunc(slices.Clone(ms), func(m mention) bool { return m.i == h.i-1 })
			}
		}
	}
	return ms
}

// withWhichOf finds «با کدام شهرهای C» ("with which cities of C") in a
// message that names no Iranian place: the subject is left out, and C is
// where its partners are asked. It returns C's mention.
func withWhichOf(t text, hits []hit, ms []mention) (int, bool) {
	if slices.ContainsFunc(ms, func(m mention) bool { return m.ref.Place.Iranian() }) {
		return 0, false
	}
	for k, m := range ms {
		if !container(m.ref.Place) || m.ref.Place.Name == peyvand.Iran || m.i < 3 {
			continue
		}
		placeword := slices.ContainsFunc(hits, func(h hit) bool { return h.label == "placeword" && h.j == m.i })
		if placeword && t.formal[m.i-2] == "کدام" && t.formal[m.i-3] == "با" {
			return k, true
		}
	}
	return 0, false
}

// askedIn finds the filter of a yes/no question asking for a partner in a
// country or province: "Does Kermanshah have an MoU with any city in
// Iraq?", «آیا کرمانشاه با شهری در عراق تفاهم‌نامه دارد؟». The place word
// h is followed by «در/از/in/of» and the container; another place is the
// subject. It returns the container and its mention's index.
func askedIn(t text, hits []hit, h hit, ms []mention) (peyvand.Place, int, bool) {
	if !labels(hits)["yesno"] || h.j >= len(t.formal) || len(ms) < 2 {
		return peyvand.Place{}, 0, false
	}
	switch t.formal[h.j] {
	case "در", "از", "in", "of":
	default:
		return peyvand.Place{}, 0, false
	}
	for k, m := range ms {
		if m.i == h.j+1 && container(m.ref.Place) && !m.ref.Place.Iranian() && m.ref.Place.Name != peyvand.Iran {
			return m.ref.Place, k, true
		}
	}
	return peyvand.Place{}, 0, false
}

// container reports whether p is a place other places lie in.
func container(p peyvand.Place) bool {
	return p.Kind == peyvand.KindCountry || p.Kind == peyvand.KindProvince
}
