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

// Token is one normalised word of a text with its place in the original.
type Token struct {
	Word       string // normalised (persian.Normalize)
	Text       string // as written: the original text[Start:End]
	Start, End int    // byte offsets in the original text
	// Joined is true when only spaces (or nothing) separate the token from
	// the one before: a several-word name may continue across that gap.
	Joined bool
	// Break is true when a sentence-ending mark or a line break stands
	// between the token and the one before.
	Break bool
	// Gap is the set of other marks between the token and the one before:
	// what tells "X (Y)" from "X، Y", and a clause boundary from a colon.
	Gap Gap
}

// Gap is a set of the marks found between two tokens.
type Gap uint8

// The marks a Gap records. A sentence end is Token.Break, not a Gap.
const (
	GapComma     Gap = 1 << iota // ، or , : a clause or list boundary
	GapOpen                      // ( [ {
	GapClose                     // ) ] }
	GapQuote                     // « » " “ ” ' ‹ ›
	GapDash                      // - ‐ – —: "تیمور-لسته" is one name
	GapOther                     // any other mark: : / …
	GapHalfSpace                 // a ZWNJ: the two tokens are one word written with a half-space
)

// gapOf classifies one separator rune between tokens; spaces give 0.
func gapOf(r rune) Gap {
	switch r {
	case '\u200c':
		return GapHalfSpace
	case '،', ',':
		return GapComma
	case '(', '[', '{', '\uFD3E':
		return GapOpen
	case ')', ']', '}', '\uFD3F':
		return GapClose
	case '«', '»', '"', '“', '”', '\'', '‹', '›', '„':
		return GapQuote
	case '-', '‐', '‑', '–', '—':
		return GapDash
	}
	if unicode.IsSpace(r) || strings.ContainsRune(".!?؟؛", r) || unicode.Is(unicode.Cf, r) {
		return 0
	}
	return GapOther
}

// Tokenize splits text into words the way persian.Words does (letters,
// digits and marks; ZWNJ, spaces and punctuation separate) and normalises
// each, keeping byte offsets into text, appending to dst. A written word
// that normalises to several words (a ligature) gives each of them its
// whole span.
func Tokenize(text string, dst []Token) []Token {
	var buf []string
	first := len(dst)
	start := -1
	spaceOnly := true // the gap since the last token holds only spaces/ZWNJ
	brk := false      // the gap since the last token ends a sentence
	var gap Gap       // the other marks in that gap
	flush := func(end int) {
		buf = persian.AppendWords(buf[:0], text[start:end])
		for _, w := range buf {
			dst = append(dst, Token{Word: w, Text: text[start:end], Start: start, End: end,
				Joined: spaceOnly && len(dst) > first, Break: brk, Gap: gap})
			spaceOnly, brk, gap = true, false, 0
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
			if r != ' ' {
				if !unicode.IsSpace(r) && r != '\u200c' {
					spaceOnly = false
				}
				if strings.ContainsRune(".!?؟؛\n\r", r) {
					brk = true
				}
				gap |= gapOf(r)
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
	toks := Tokenize(text, nil)
	ms := g.find(toks, nil)
	out := make([]Mention, 0, len(ms))
	for _, m := range ms {
		s, e := toks[m.i].Start, toks[m.j-1].End
		out = append(out, Mention{Place: g.entries[m.id].place, Start: s, End: e, Surface: text[s:e]})
	}
	return out
}

// Match is a place recognised in a token slice, at tokens [I, J).
type Match struct {
	Place peyvand.Place
	I, J  int
	// Demonym is true when the place is named by its people's name
	// ("عراقی", "ترکمن‌ها"), which names the people as often as the place.
	Demonym bool
	// Read is true for a place the gazetteer does not know, read from the
	// patterns news use to name one ("شهر X کشور Y"); Place then has the
	// name as written and, when the text gives it, the country.
	Read bool
}

// Match appends to dst the places named in toks (from Tokenize), left to
// right, as Find recognises them: known spellings, their other readings
// (data/readings.txt) set aside, then transliteration variants of known
// foreign names and a city glued to its country ("شیانچین", which gives two
// matches over the same token). Places the gazetteer does not know are
// Read's.
func (g *Gazetteer) Match(toks []Token, dst []Match) []Match {
	var buf [16]match
	for _, m := range g.find(toks, buf[:0]) {
		dst = append(dst, Match{Place: g.entries[m.id].place, I: m.i, J: m.j, Demonym: m.demonym})
	}
	return dst
}

// find appends the place matches among toks to dst, left to right.
func (g *Gazetteer) find(toks []Token, dst []match) []match {
	for i := 0; i < len(toks); {
		// Most words start no spelling: one lookup tells.
		first := g.root.next[toks[i].Word]
		m, ok := match{}, false
		if first != nil {
			m, ok = g.matchFrom(toks, i, first, true)
		}
		if !ok {
			var j int
			if dst, j = g.fuzzyAt(toks, i, first, dst); j == i {
				j++
			}
			i = j
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
func (g *Gazetteer) province(toks []Token, m match) match {
	if m.i == 0 || !toks[m.i].Joined || !governorWords[toks[m.i-1].Word] ||
		g.entries[m.id].place.Kind != peyvand.KindCity {
		return m
	}
	var b strings.Builder
	b.WriteString("استان")
	for _, t := range toks[m.i:m.j] {
		b.WriteByte(' ')
		b.WriteString(t.Word)
	}
	if ki, ok := g.keys[b.String()]; ok && ki.id >= 0 && g.entries[m.id].parent == ki.id {
		m.id = ki.id
	}
	return m
}

// matchAt returns the longest acceptable key starting at toks[i]. An
// ambiguous key is acceptable only when context is true and its context
// makes it a place.
func (g *Gazetteer) matchAt(toks []Token, i int, context bool) (match, bool) {
	if i >= len(toks) {
		return match{}, false
	}
	return g.matchFrom(toks, i, g.root.next[toks[i].Word], context)
}

// matchFrom is matchAt given first, the trie node of toks[i]'s word.
func (g *Gazetteer) matchFrom(toks []Token, i int, first *node, context bool) (match, bool) {
	type cand struct {
		m     match
		amb   bool
		reads *[]reading
	}
	var buf [8]cand
	found := buf[:0]
	n := first
	for j := i; j < len(toks) && n != nil; j++ {
		if j > i {
			if !toks[j].Joined && (toks[j].Break || toks[j].Gap != GapDash) {
				break
			}
			if n = n.next[toks[j].Word]; n == nil {
				break
			}
		}
		if n.end {
			found = append(found, cand{match{id: n.val.id, i: i, j: j + 1, demonym: n.val.demonym}, n.val.ambiguous, n.val.reads})
		}
	}
	for k := len(found) - 1; k >= 0; k-- {
		c := found[k]
		if c.reads != nil && otherReading(toks, c.m.i, c.m.j, *c.reads) {
			continue
		}
		if !c.amb || context && g.placeContext(toks, c.m) {
			return c.m, true
		}
	}
	return match{}, false
}

// anchored reports whether the text vouches for a place at m: a place word
// or an official's title right before it ("شهر غازان"), or the place it
// lies in right after it (see lies).
func (g *Gazetteer) anchored(toks []Token, m match) bool {
	if m.i > 0 && toks[m.i].Joined && (placeWords[toks[m.i-1].Word] || titleWords[toks[m.i-1].Word]) {
		return true
	}
	return g.lies(toks, m)
}

// lies reports whether the place m lies in follows it, perhaps after a link
// word: "خارطوم سودان", "خرطوم در سودان", "خرطوم (سودان)". Iran and
// demonyms do not count ("فلات مرکزی ایران", "سرباز ایرانی").
func (g *Gazetteer) lies(toks []Token, m match) bool {
	iran := g.byName[peyvand.Iran]
	k := m.j
	for step := 0; step < 2 && k < len(toks) && !toks[k].Break; step++ {
		if next, ok := g.matchAt(toks, k, false); ok {
			return next.id != notPlace && next.id != m.id && next.id != iran && !next.demonym && g.within(m.id, next.id)
		}
		if !linkWords[toks[k].Word] {
			return false
		}
		k++
	}
	return false
}

// placeContext reports whether an ambiguous name at m is used as a place:
// right after a place word; right before (after at most one link word) a
// place it lies in; or in a list with a place of its kind ("غنا، ساحل عاج و
// لیبریا"), within the sentence.
func (g *Gazetteer) placeContext(toks []Token, m match) bool {
	if m.i > 0 && toks[m.i].Joined && (placeWords[toks[m.i-1].Word] || titleWords[toks[m.i-1].Word]) {
		return true
	}
	iran := g.byName[peyvand.Iran]
	k := m.j
	for step := 0; step < 2 && k < len(toks) && !toks[k].Break; step++ {
		if next, ok := g.matchAt(toks, k, false); ok && next.id != notPlace {
			// "دوشنبه (تاجیکستان)", "پچ مجارستان"; but not a demonym
			// ("سرباز ایرانی") nor "ایران" ("فلات مرکزی ایران"), which
			// follow common words as often as names.
			if next.id != m.id && next.id != iran && !next.demonym && g.within(m.id, next.id) {
				return true
			}
			// A list: "X، Y" or "X و Y" with Y a place of the same kind.
			if (step == 1 && toks[k-1].Word == "و" || step == 0 && !toks[k].Joined) &&
				g.listable(m.id, next.id) {
				return true
			}
			break
		}
		if !linkWords[toks[k].Word] && toks[k].Word != "و" {
			break
		}
		k++
	}
	// The previous words: "Y، X" or "Y و X" with Y a place of the same kind.
	k = m.i - 1
	if k >= 0 && toks[k].Word == "و" && !toks[k+1].Break {
		k--
	}
	if k < 0 || toks[k+1].Break {
		return false
	}
	for i := max(0, k-3); i <= k; i++ {
		if prev, ok := g.matchAt(toks, i, false); ok && prev.j == k+1 && prev.id != notPlace {
			return g.listable(m.id, prev.id) && (toks[m.i-1].Word == "و" || !toks[m.i].Joined)
		}
	}
	return false
}

// listable reports whether two places are alike enough that listing one
// next to the other ("X، Y و Z") vouches for it: two countries, two places of
// one country, or two provinces or regions (neighbouring provinces of two
// countries are often named together; a city named like its province
// counts as one). Two cities of different countries
// are not: "تهران، دوشنبه" is more likely Tehran on a Monday.
func (g *Gazetteer) listable(a, b int) bool {
	pa, pb := g.entries[a].place, g.entries[b].place
	switch {
	case pa.Kind == peyvand.KindCountry || pb.Kind == peyvand.KindCountry:
		return pa.Kind == pb.Kind
	case pa.Country == pb.Country:
		return true
	}
	return g.provinceLike(pa) && g.provinceLike(pb)
}

// provinceLike reports whether a place stands for a province: a province,
// or an Iranian city named like its province ("ایلام و واسط": Ilam is
// written for either).
func (g *Gazetteer) provinceLike(p peyvand.Place) bool {
	if p.Kind == peyvand.KindProvince {
		return true
	}
	n, ok := g.Namesake(p)
	return ok && n.Kind == peyvand.KindProvince
}
