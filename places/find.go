package places

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// Mention is a place named in a text.
type Mention struct {
	Place peyvand.Place
	// Start and End are byte offsets of the name in the text given to Find,
	// End one past its last byte, so text[Start:End] is what was written.
	Start, End int
	Surface    string // text[Start:End]
}

// node is a trie node over normalised words.
type node struct {
	next map[string]*node
	val  keyInfo
	end  bool // a key ends here
}

func (n *node) insert(words []string, ki keyInfo) {
	for _, w := range words {
		if n.next == nil {
			n.next = make(map[string]*node)
		}
		c := n.next[w]
		if c == nil {
			c = &node{}
			n.next[w] = c
		}
		n = c
	}
	n.val, n.end = ki, true
}

// token is one normalised word of a text with its place in the original.
type token struct {
	word       string // normalised
	start, end int    // byte offsets in the original text
	// joined is true when only spaces (or nothing) separate the token from
	// the one before: a several-word name may continue across that gap.
	joined bool
	// brk is true when a sentence-ending mark or a line break stands
	// between the token and the one before.
	brk bool
}

// tokenize splits text into words the way persian.Words does (letters,
// digits and marks; ZWNJ, spaces and punctuation separate) and normalises
// each, keeping byte offsets into text. A written word that normalises to
// several words (a ligature) gives each of them its whole span.
func tokenize(text string, dst []token) []token {
	var buf []string
	first := len(dst)
	start := -1
	spaceOnly := true // the gap since the last token holds only spaces/ZWNJ
	brk := false      // the gap since the last token ends a sentence
	flush := func(end int) {
		buf = persian.AppendWords(buf[:0], text[start:end])
		for _, w := range buf {
			dst = append(dst, token{word: w, start: start, end: end,
				joined: spaceOnly && len(dst) > first, brk: brk})
			spaceOnly, brk = true, false
		}
		start = -1
	}
	for i := 0; i < len(text); {
		r, n := utf8.DecodeRuneInString(text[i:])
		if inWord(r, start >= 0) {
			if start < 0 {
				start = i
			}
		} else {
			if start >= 0 {
				flush(i)
			}
			if !unicode.IsSpace(r) && r != '\u200c' {
				spaceOnly = false
			}
			if strings.ContainsRune(".!?؟؛\n\r", r) {
				brk = true
			}
		}
		i += n
	}
	if start >= 0 {
		flush(len(text))
	}
	return dst
}

// inWord reports whether r belongs to a word: a letter or digit, or a mark
// or invisible format character (which normalisation drops) inside one.
func inWord(r rune, inside bool) bool {
	if r == utf8.RuneError || r == '\u200c' {
		return false
	}
	if unicode.IsLetter(r) || unicode.IsDigit(r) {
		return true
	}
	return inside && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me) || unicode.Is(unicode.Cf, r))
}

// placeWords are the words that, right before a name, say it is a place
// ("شهر دوشنبه", "کشور مالی"): they make an ambiguous name count, and Lookup
// drops them from the front of a name.
var placeWords = map[string]bool{
	"شهر": true, "شهرستان": true, "کلانشهر": true, "استان": true, "بندر": true, "کشور": true,
	"ایالت": true, "ولایت": true, "منطقه": true, "جزیره": true, "مرز": true, "پایتخت": true,
	"جمهوری": true, "مرکز": true,
}

// titleWords, right before an ambiguous name, also make it a place: an
// official of a place ("استاندار بالکان", "شهردار دوشنبه", "سفیر مالی").
var titleWords = map[string]bool{
	"استاندار": true, "استانداری": true, "استانداران": true, "والی": true, "فرماندار": true,
	"فرمانداری": true, "شهردار": true, "شهرداری": true, "سفیر": true, "سفارت": true,
	"سرکنسول": true, "سرکنسولگری": true, "کنسولگری": true, "اتاق": true,
}

// linkWords may stand between an ambiguous name and its country: "یاش در
// رومانی", "دوشنبه پایتخت تاجیکستان".
var linkWords = map[string]bool{"در": true, "پایتخت": true, "مرکز": true, "شهر": true, "استان": true}

// match is a place (or not-place) recognised at tokens[i:j].
type match struct {
	id      int // entry, or notPlace
	i, j    int // token range, j exclusive
	demonym bool
}

// Find returns the places named in text, left to right, each at its longest
// spelling ("آذربایجان شرقی" is the Iranian province, not the Republic of
// Azerbaijan followed by a word). Phrases that only look like places
// ("خلیج فارس") yield nothing, and a name that is also a common word
// ("دوشنبه") counts only after a place word or before its own country.
// Offsets refer to text as given, not to its normalised form.
func (g *Gazetteer) Find(text string) []Mention {
	toks := tokenize(text, nil)
	ms := g.find(toks, nil)
	out := make([]Mention, 0, len(ms))
	for _, m := range ms {
		s, e := toks[m.i].start, toks[m.j-1].end
		out = append(out, Mention{Place: g.entries[m.id].place, Start: s, End: e, Surface: text[s:e]})
	}
	return out
}

// find appends the place matches among toks to dst, left to right.
func (g *Gazetteer) find(toks []token, dst []match) []match {
	for i := 0; i < len(toks); {
		m, ok := g.matchAt(toks, i, true)
		if !ok {
			i++
			continue
		}
		if m.id != notPlace {
			dst = append(dst, g.province(toks, m))
		}
		i = m.j
	}
	return dst
}

// governorWords, right before a city that shares its province's name, make
// it the province: "استاندار کرمان" governs the province, not the city.
var governorWords = map[string]bool{"استاندار": true, "استانداری": true, "استانداران": true}

// province returns m as the province when a governor word precedes a city
// whose name is also its province's ("استان "+name).
func (g *Gazetteer) province(toks []token, m match) match {
	if m.i == 0 || !toks[m.i].joined || !governorWords[toks[m.i-1].word] ||
		g.entries[m.id].place.Kind != peyvand.KindCity {
		return m
	}
	var b strings.Builder
	b.WriteString("استان")
	for _, t := range toks[m.i:m.j] {
		b.WriteByte(' ')
		b.WriteString(t.word)
	}
	if ki, ok := g.keys[b.String()]; ok && ki.id >= 0 && g.entries[m.id].parent == ki.id {
		m.id = ki.id
	}
	return m
}

// matchAt returns the longest acceptable key starting at toks[i]. An
// ambiguous key is acceptable only when context is true and its context
// makes it a place.
func (g *Gazetteer) matchAt(toks []token, i int, context bool) (match, bool) {
	type cand struct {
		m   match
		amb bool
	}
	var buf [8]cand
	found := buf[:0]
	n := g.root
	for j := i; j < len(toks); j++ {
		if j > i && !toks[j].joined {
			break
		}
		if n = n.next[toks[j].word]; n == nil {
			break
		}
		if n.end {
			found = append(found, cand{match{id: n.val.id, i: i, j: j + 1, demonym: n.val.demonym}, n.val.ambiguous})
		}
	}
	for k := len(found) - 1; k >= 0; k-- {
		c := found[k]
		if !c.amb || context && g.placeContext(toks, c.m) {
			return c.m, true
		}
	}
	return match{}, false
}

// placeContext reports whether an ambiguous name at m is used as a place:
// right after a place word; right before (after at most one link word) a
// place it lies in; or in a list with a place of its kind ("غنا، ساحل عاج و
// لیبریا"), within the sentence.
func (g *Gazetteer) placeContext(toks []token, m match) bool {
	if m.i > 0 && toks[m.i].joined && (placeWords[toks[m.i-1].word] || titleWords[toks[m.i-1].word]) {
		return true
	}
	iran := g.byName[peyvand.Iran]
	k := m.j
	for step := 0; step < 2 && k < len(toks) && !toks[k].brk; step++ {
		if next, ok := g.matchAt(toks, k, false); ok && next.id != notPlace {
			// "دوشنبه (تاجیکستان)", "پچ مجارستان"; but not a demonym
			// ("سرباز ایرانی") nor "ایران" ("فلات مرکزی ایران"), which
			// follow common words as often as names.
			if next.id != m.id && next.id != iran && !next.demonym && g.within(m.id, next.id) {
				return true
			}
			// A list: "X، Y" or "X و Y" with Y a place of the same kind.
			if (step == 1 && toks[k-1].word == "و" || step == 0 && !toks[k].joined) &&
				g.listable(m.id, next.id) {
				return true
			}
			break
		}
		if !linkWords[toks[k].word] && toks[k].word != "و" {
			break
		}
		k++
	}
	// The previous words: "Y، X" or "Y و X" with Y a place of the same kind.
	k = m.i - 1
	if k >= 0 && toks[k].word == "و" && !toks[k+1].brk {
		k--
	}
	if k < 0 || toks[k+1].brk {
		return false
	}
	for i := max(0, k-3); i <= k; i++ {
		if prev, ok := g.matchAt(toks, i, false); ok && prev.j == k+1 && prev.id != notPlace {
			return g.listable(m.id, prev.id) && (toks[m.i-1].word == "و" || !toks[m.i].joined)
		}
	}
	return false
}

// listable reports whether two places are alike enough that listing one
// next to the other ("X، Y و Z") vouches for it: two countries, two places of
// one country, or two provinces or regions (neighbouring provinces of two
// countries are often named together). Two cities of different countries
// are not: "تهران، دوشنبه" is more likely Tehran on a Monday.
func (g *Gazetteer) listable(a, b int) bool {
	pa, pb := g.entries[a].place, g.entries[b].place
	switch {
	case pa.Kind == peyvand.KindCountry || pb.Kind == peyvand.KindCountry:
		return pa.Kind == pb.Kind
	case pa.Country == pb.Country:
		return true
	}
	return pa.Kind == peyvand.KindProvince && pb.Kind == peyvand.KindProvince
}
