package question

import (
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
)

// english finds places by their English names in Latin text: the
// gazetteer's names, those names without a trailing kind word ("Gilan"
// for "Gilan Province"), a transliteration skeleton ("Esfahan", "Ghazvin",
// "Mashad"), and demonyms of countries ("Russian", "Afghan", "Iraqi").
type english struct {
	g        *places.Gazetteer
	byName   map[string]peyvand.Place // lower-case name or alias
	bySkel   map[string][]peyvand.Place
	country  map[string]peyvand.Place // lower-case country name
	fing     *finglish
	maxWords int
}

// kindWords end an English name without being part of what people type.
var kindWords = []string{" province", " oblast", " governorate", " region", " state", " prefecture", " city", " county", " district", " emirate"}

func newEnglish(g *places.Gazetteer) *english {
	e := &english{g: g, byName: map[string]peyvand.Place{}, bySkel: map[string][]peyvand.Place{}, country: map[string]peyvand.Place{}, maxWords: 1, fing: newFinglish(g)}
	add := func(name string, p peyvand.Place) {
		if _, ok := e.byName[name]; !ok && name != "" {
			e.byName[name] = p
			e.maxWords = max(e.maxWords, len(strings.Fields(name)))
		}
	}
	ps := g.Places()
	for _, p := range ps {
		add(strings.ToLower(p.English), p)
		if p.Kind == peyvand.KindCountry {
			e.country[strings.ToLower(p.English)] = p
		}
	}
	for _, p := range ps { // aliases after every full name: a name wins over an alias
		n := strings.ToLower(p.English)
		if i := strings.Index(n, " ("); i > 0 {
			n = n[:i] // "serakhs (turkmenistan)"
		}
		for _, k := range kindWords {
			n = strings.TrimSuffix(n, k)
		}
		add(n, p)
		if a, b, ok := strings.Cut(n, " "); ok && !strings.Contains(b, " ") {
			add(b+" "+a, p) // "Khorasan Razavi" for "Razavi Khorasan"
		}
	}
	for name, p := range e.byName {
		if s := skeleton(name); len(s) >= 2 {
			e.bySkel[s] = appendOnce(e.bySkel[s], p)
		}
	}
	return e
}

func appendOnce(ps []peyvand.Place, p peyvand.Place) []peyvand.Place {
	for _, q := range ps {
		if q.Name == p.Name {
			return ps
		}
	}
	return append(ps, p)
}

// skeleton is a Latin name's consonants, with the letters transliterations
// swap folded: gh/q, kh/h, w/v, ph/f, doubled letters once, vowels gone.
// "Esfahan" and "Isfahan" are "sfhn"; "Ghazvin" and "Qazvin" "qzvn".
func skeleton(s string) string {
	s = strings.ToLower(s)
	// q, gh, k and c are one letter: قازان، غازان، کازان are Qazan, Ghazan, Kazan.
	s = skeletonFold.Replace(s)
	var b strings.Builder
	var last byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 'a' || c > 'z' || strings.IndexByte("aeiouy", c) >= 0 {
			continue
		}
		if c == last {
			continue
		}
		b.WriteByte(c)
		last = c
	}
	return b.String()
}

// lookup returns the place an English name (lower case) names.
func (e *english) lookup(name string) (peyvand.Place, bool) {
	name = strings.TrimSuffix(strings.TrimSuffix(name, "'s"), "’s")
	if p, ok := e.byName[name]; ok {
		return p, true
	}
	for _, k := range kindWords {
		if n, ok := strings.CutSuffix(name, k); ok {
			if p, ok := e.byName[n]; ok {
				return p, true
			}
		}
	}
	if len(name) < 4 {
		return peyvand.Place{}, false
	}
	if strings.Contains(name, " ") {
		return peyvand.Place{}, false
	}
	var near []peyvand.Place
	for _, p := range e.bySkel[skeleton(name)] {
		if e.near(name, p) {
			near = append(near, p)
		}
	}
	switch {
	case len(near) == 1 && (len(name) >= 5 || e.same(name, near[0])):
		// A four-letter word only when it folds to the name: "ghom".
		return near[0], true
	case len(near) == 2 && len(name) >= 5:
		// "Esfehan": the city and its namesake province; the city, as
		// its name alone says.
		if n, ok := e.g.Namesake(near[0]); ok && n.Name == near[1].Name {
			return cityOf(near[0], near[1]), true
		}
	}
	return peyvand.Place{}, false
}

func cityOf(a, b peyvand.Place) peyvand.Place {
	if b.Kind == peyvand.KindCity {
		return b
	}
	return a
}

// The letter foldings of English transliterations: q, gh, k and c are one
// letter (قازان، غازان، کازان are Qazan, Ghazan, Kazan), kh and h, w and v;
// spellingFold keeps the vowels, as near compares them.
var (
	skeletonFold = strings.NewReplacer("gh", "k", "q", "k", "kh", "h", "ph", "f", "w", "v", "ck", "k", "c", "k", "'", "", "-", "", " ", "")
	spellingFold = strings.NewReplacer("gh", "k", "q", "k", "kh", "h", "ou", "u", "oo", "u", "ee", "i", "w", "v", "c", "k")
	vowelFold    = strings.NewReplacer("e", "a", "i", "a")
)

// same reports whether w folds to one of p's English names exactly.
func (e *english) same(w string, p peyvand.Place) bool {
	for name, q := range e.byName {
		if q.Name == p.Name && spellingFold.Replace(name) == spellingFold.Replace(w) {
			return true
		}
	}
	return false
}

// near reports whether a word is spelled close to a place's English name,
// vowels included: a skeleton alone would take "foreign" for Fergana.
func (e *english) near(w string, p peyvand.Place) bool {
	fold := spellingFold
	// Short vowels are written as the transliterator hears them (Esfehan,
	// Isfahan): any of e, i, a in a word of the name's length. A vowel
	// more or less is no such variant: "rabete" is no Rabat.
	vowels := vowelFold
	a := fold.Replace(w)
	for name, q := range e.byName {
		if q.Name != p.Name || strings.Contains(name, " ") {
			continue
		}
		b := fold.Replace(name)
		limit := max(1, len(b)/4)
		if places.EditDistance([]rune(a), []rune(b), limit) <= limit {
			return true
		}
		// Only for a long word with the name's first letter: "river" is
		// no Ravar, "samen" no Saman.
		if va, vb := vowels.Replace(a), vowels.Replace(b); len(va) == len(vb) && len(va) >= 6 && va[0] == vb[0] &&
			places.EditDistance([]rune(va), []rune(vb), limit) <= limit {
			return true
		}
	}
	return false
}

// demonym returns the country an English demonym names: "Russian",
// "Afghan", "Iraqi", "Chinese", "Japanese", "Lebanese", "Turkish", "Tajik".
func (e *english) demonym(w string) (peyvand.Place, bool) {
	if len(w) < 4 {
		return peyvand.Place{}, false
	}
	tries := []string{w + "istan", w + "stan", w + "y"}
	for _, cut := range []struct{ suf, with string }{
		{"n", ""}, {"i", ""}, {"ian", ""}, {"ese", "a"}, {"ese", ""}, {"ese", "on"}, {"ian", "y"}, {"ian", "ia"}, {"an", "a"}, {"ish", "ey"}, {"ish", "iye"}, {"ish", "and"}, {"ic", "ia"}, {"ean", "ea"},
	} {
		if s, ok := strings.CutSuffix(w, cut.suf); ok {
			tries = append(tries, s+cut.with)
		}
	}
	for _, t := range tries {
		if p, ok := e.country[t]; ok {
			return p, true
		}
	}
	return peyvand.Place{}, false
}

// englishStop are words never read as a place on their own.
var englishStop = map[string]bool{"and": true, "the": true, "of": true, "with": true, "in": true, "to": true, "is": true, "are": true,
	"did": true, "do": true, "does": true, "what": true, "which": true, "who": true, "how": true, "when": true, "where": true,
	"me": true, "on": true, "a": true, "an": true, "its": true, "it": true, "have": true, "has": true, "for": true, "by": true,
	"about": true, "between": true, "them": true, "city": true, "cities": true, "province": true, "provinces": true, "country": true,
	"sister": true, "twin": true, "ties": true, "trade": true, "new": true, "news": true, "latest": true, "brief": true, "iranian": true,
	"foreign": true, "international": true, "give": true, "tell": true, "show": true, "list": true,
	"hash": true, "ash": true} // «هاش»، «اش»: Finglish endings, which fold like Khash
