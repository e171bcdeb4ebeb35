package places

import (
	"slices"
	"strings"
	"unicode"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// readWords are the place words before a name that Read takes as a place,
// with the kind they give it.
var readWords = map[string]peyvand.PlaceKind{
	"شهر": peyvand.KindCity, "بندر": peyvand.KindCity,
	"استان": peyvand.KindProvince, "ایالت": peyvand.KindProvince, "ولایت": peyvand.KindProvince,
}

// bareCountry are the place words whose name Read takes when its country
// follows it with nothing between ("بندر گوادر پاکستان", "ایالت کرالا هند"):
// after «شهر» or «استان» the words are too often common ones.
var bareCountry = map[string]bool{"بندر": true, "ایالت": true, "ولایت": true}

// boundWords may stand right before a name that no place word introduces:
// "سفر به X در کشور Y", "همکاری با X (Y)".
var boundWords = map[string]bool{
	"به": true, "از": true, "با": true, "در": true, "و": true, "تا": true, "بین": true, "میان": true,
	"شامل": true, "مانند": true, "همچون": true, "چون": true, "یعنی": true,
}

// maxReadWords is the most words a name read from a pattern may have.
const maxReadWords = 3

// Read returns the places the gazetteer does not know that toks name in
// the patterns Persian news use for them, each with Read set: "شهر X در
// کشور Y", "شهر X کشور Y", "بندر X (Y)", "ایالت X Y", and with no place
// word "X در کشور Y" and "X (Y)" for a one-word X, where Y is a foreign country
// among known (the matches of Match on toks). The name X is one
// to three words, none a stop word, a number, a known place or a word
// that follows a place word without naming a place (data/generic.txt:
// "شهر ما", "بندر مهم"), and it is given as written. A place word with
// no country after its name gives nothing: "شهر X" alone is too often a
// common phrase. Read is cheap when known holds no foreign country.
func (g *Gazetteer) Read(toks []Token, known []Match) []Match {
	var out []Match
	covered := func(k int) bool {
		for _, m := range known {
			if m.I <= k && k < m.J {
				return true
			}
		}
		for _, m := range out {
			if m.I <= k && k < m.J {
				return true
			}
		}
		return false
	}
	// countryAt is the foreign country ending at token k.
	countryAt := func(k int) (Match, bool) {
		for _, m := range known {
			if m.J == k+1 && m.Place.Kind == peyvand.KindCountry && !m.Place.Iranian() && !m.Demonym {
				return m, true
			}
		}
		return Match{}, false
	}
	// placeIn reports a foreign place ending at token k that lies in
	// country: «ارزروم» before «در ترکیه».
	placeIn := func(k int, country peyvand.Place) bool {
		in := func(m Match) bool {
			return m.J == k+1 && !m.Place.Iranian() && (m.Place.Country == country.Name || g.Within(m.Place, country))
		}
		return slices.ContainsFunc(known, in) || slices.ContainsFunc(out, in) // not append: known is the caller's
	}
	for _, y := range known {
		if y.Place.Iranian() || y.Demonym || y.Read || y.I == 0 {
			continue
		}
		if y.Place.Kind != peyvand.KindCountry {
			// "بندر حمد در دوحه": a place word, a name, «در» and a known
			// foreign city or region.
			if m, ok := g.readInPlace(toks, y, covered); ok {
				out = append(out, m)
			}
			continue
		}
		// The mark between the name and its country: "در کشور", "کشور",
		// «در», a parenthesis, or nothing.
		e, mk := y.I, markNone
		switch {
		case y.I >= 2 && toks[y.I-1].Word == "کشور" && toks[y.I-2].Word == "در" && toks[y.I].Joined && toks[y.I-1].Joined:
			e, mk = y.I-2, markIn
		case toks[y.I-1].Word == "در" && toks[y.I].Joined:
			e, mk = y.I-1, markInBare
		case toks[y.I-1].Word == "کشور" && toks[y.I].Joined:
			e, mk = y.I-1, markCountry
		case toks[y.I].Gap&GapOpen != 0 && !toks[y.I].Break && (y.J == len(toks) || toks[y.J].Gap&GapClose != 0):
			mk = markParen
		case toks[y.I].Joined:
		default:
			continue
		}
		if e == 0 || e < y.I && !toks[e].Joined {
			continue // nothing before, or a mark between the name and "در کشور"
		}
		m, ok := g.readBefore(toks, e, mk, covered, func(s int) bool { return inPlaceList(toks, s, countryAt, placeIn) })
		if !ok {
			continue
		}
		m.Place.Country = y.Place.Name
		out = append(out, m)
	}
	return out
}

// The marks between a name and its country.
const (
	markNone    = iota // "بندر X Y"
	markCountry        // "شهر X کشور Y"
	markIn             // "X در کشور Y"
	markParen          // "X (Y)"
	markInBare         // "X در Y": with a place word, or in a list of places
)

// readInPlace reads "بندر X در Y" where Y is a known foreign city or
// region (y): the place word is required, as "X در Y" alone is too often
// an event in a city.
func (g *Gazetteer) readInPlace(toks []Token, y Match, covered func(int) bool) (Match, bool) {
	if y.I < 3 || toks[y.I-1].Word != "در" || !toks[y.I].Joined || !toks[y.I-1].Joined {
		return Match{}, false
	}
	e := y.I - 1
	s := e
	for s > 1 && e-s < maxReadWords && g.nameWord(toks, s-1, covered) && nameGap(toks[s-1]) {
		s--
	}
	if s == e || readWords[toks[s-1].Word] == "" || !nameGap(toks[s]) {
		return Match{}, false
	}
	country := y.Place.Country
	if country == "" || country == peyvand.Iran {
		return Match{}, false
	}
	m := g.readMatch(toks, s, e, peyvand.KindCity)
	m.Place.Country = country
	if y.Place.Kind != peyvand.KindCity {
		m.Place.Province = y.Place.Name // a port in a region; a city is no province
	}
	return m, true
}

// readBefore reads the name that ends right before toks[e], where its
// country's mark mk starts.
func (g *Gazetteer) readBefore(toks []Token, e, mk int, covered func(int) bool, listed func(s int) bool) (Match, bool) {
	// The name's words, back from e: at most maxReadWords, each one a name
	// may have, written together.
	s := e
	for s > 0 && e-s < maxReadWords && g.nameWord(toks, s-1, covered) && (s == e || nameGap(toks[s])) {
		s--
	}
	if s == e {
		return Match{}, false
	}
	// With a place word before it: the words between the two.
	for k := e - 1; k >= s; k-- {
		if k == 0 || !nameGap(toks[k]) {
			continue
		}
		kind, ok := readWords[toks[k-1].Word]
		if !ok || mk == markNone && !bareCountry[toks[k-1].Word] && !(e-k == 1 && toks[k-1].Word == "استان" && bound(toks, k-1)) {
			continue
		}
		return g.readMatch(toks, k, e, kind), true
	}
	if s > 0 && readWords[toks[s-1].Word] != "" {
		return Match{}, false // a place word that does not take a bare country
	}
	// No place word: one word, before "در کشور Y" or "(Y)" only ("وزیر
	// کشور ترکیه" is Turkey's interior minister), and only after a word or
	// mark that ends what came before ("سفر به X در کشور Y", "، X (Y)").
	if mk != markIn && mk != markParen && mk != markInBare {
		return Match{}, false
	}
	s = e - 1
	switch {
	case s == 0, toks[s].Break:
		return Match{}, false // a sentence may start with anything
	case mk == markInBare:
		// "ارزروم در ترکیه، اوش در قرقیزستان، بلغار در روسیه": only as
		// an item of a list of places.
		if listed(s) {
			return g.readMatch(toks, s, e, peyvand.KindCity), true
		}
		return Match{}, false
	case toks[s].Gap&(GapComma|GapOpen|GapQuote) != 0, boundWords[toks[s-1].Word] && toks[s].Joined:
		return g.readMatch(toks, s, e, peyvand.KindCity), true
	}
	return Match{}, false
}

// bound reports whether the place word at toks[k] follows a preposition
// with nothing between: «یک شرکت از استان هونان چین» names a province;
// «استان هبئی چین» alone may be a phrase of common words, and after «شهر»
// the words are too often common ones («به شهر ناشناس چین»).
func bound(toks []Token, k int) bool {
	return k > 0 && boundWords[toks[k-1].Word] && toks[k].Joined && toks[k-1].Word != "و"
}

// nameGap reports whether the gap before t may lie inside a name: spaces,
// a half-space or a dash, nothing else.
func nameGap(t Token) bool {
	return !t.Break && (t.Joined || t.Gap&^(GapDash|GapHalfSpace) == 0)
}

// nameWord reports whether toks[k] may be a word of a place's name.
func (g *Gazetteer) nameWord(toks []Token, k int, covered func(int) bool) bool {
	w := toks[k].Word
	if len(w) < 4 || covered(k) || persian.IsStopword(w) || g.generic[w] ||
		placeWords[w] || titleWords[w] || readWords[w] != "" || w == "کشور" {
		return false
	}
	for _, r := range w {
		if !unicode.Is(unicode.Arabic, r) || unicode.IsDigit(r) {
			return false
		}
	}
	_, known := g.keys[w]
	return !known
}

// readMatch is the place named by toks[s:e], as written.
func (g *Gazetteer) readMatch(toks []Token, s, e int, kind peyvand.PlaceKind) Match {
	if s > 0 && toks[s-1].Word == "بندر" && nameGap(toks[s]) {
		s-- // a port is named with its word: «بندر حمد», not «حمد»
	}
	var b strings.Builder
	for k := s; k < e; k++ {
		if k > s && toks[k].Start == toks[k-1].Start {
			continue // one written word that normalised to several
		}
		if k > s {
			if toks[k].Gap&GapHalfSpace != 0 {
				b.WriteString("\u200c")
			} else {
				b.WriteByte(' ')
			}
		}
		b.WriteString(toks[k].Text)
	}
	name := persian.Display(b.String())
	// The ezafe before the country: "ایالت کالیفرنیای آمریکا".
	if w := toks[e-1].Word; strings.HasSuffix(w, "ای") || strings.HasSuffix(w, "وی") {
		name = strings.TrimSuffix(name, "ی")
	}
	return Match{Place: peyvand.Place{Name: name, Kind: kind}, I: s, J: e, Read: true}
}

// inPlaceList reports whether toks[s] is the next item of a list of
// places in countries: after «…، » or «… و » that closes an item «P در C»
// (or «P در کشور C») with P a foreign place in the foreign country C:
// «ارزروم در ترکیه، اوش در قرقیزستان، بلغار در روسیه». A comma after any
// place is too weak a sign: «تبریز، حضور در ترکیه», «دفتر تهران در عراق،
// شعبه در روسیه».
func inPlaceList(toks []Token, s int, countryAt func(int) (Match, bool), placeIn func(int, peyvand.Place) bool) bool {
	end := -1 // the last token of the item before
	switch {
	case toks[s].Gap&GapComma != 0 && toks[s].Gap&^(GapComma|GapHalfSpace) == 0:
		end = s - 1
	case s >= 2 && toks[s-1].Word == "و" && toks[s].Joined && toks[s-1].Joined:
		end = s - 2
	}
	if end < 0 {
		return false
	}
	c, ok := countryAt(end)
	if !ok {
		return false
	}
	k := c.I - 1
	if k >= 0 && toks[k].Word == "کشور" {
		k--
	}
	return k >= 1 && toks[k].Word == "در" && placeIn(k-1, c.Place)
}
