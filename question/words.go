package question

import (
	"cmp"
	_ "embed"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand/internal/datafile"
	"github.com/peyvand/peyvand/persian"
)

var (
	//go:embed data/words.txt
	wordsTxt string
	//go:embed data/colloquial.txt
	colloquialTxt string
	//go:embed data/glossary.txt
	glossaryTxt string
	//go:embed data/synonyms.txt
	synonymsTxt string
)

// phrase is one phrase of words.txt, in the words' match form.
type phrase struct {
	words []string
	label string
}

// lexicon is words.txt and colloquial.txt, parsed.
type lexicon struct {
	phrases  []phrase
	byFirst  map[string][]int    // phrase indices by first word
	glued    []int               // one-word phrases long enough to match glued
	formal   map[string]string   // colloquial word → formal (possibly two words)
	persian  map[string][]string // English word → the Persian words news use
	latin    map[string]bool     // the English words of words.txt and glossary.txt, for mending typos
	maxLatin int                 // the longest of them
	// phraseWord are the Persian words of words.txt's phrases, of four
	// letters or more, small talk's aside: the words a clitic may be read
	// off («امضاش»; not «آفرینش», creation, as «آفرین», bravo).
	phraseWord map[string]bool
	akin       map[string][]string // token → the tokens of its synonyms.txt group
}

func parseLexicon() (*lexicon, error) {
	lx := &lexicon{formal: make(map[string]string), persian: make(map[string][]string), byFirst: make(map[string][]int),
		akin: make(map[string][]string), latin: make(map[string]bool), phraseWord: make(map[string]bool)}
	datafile.Lines(synonymsTxt, func(n int, line string) {
		var group []string
		for _, w := range datafile.List(line) {
			// A phrase by its last token: «راه اندازی» is «انداز», not «راه».
			if ts := persian.Tokens(w); len(ts) > 0 {
				group = append(group, ts[len(ts)-1])
			}
		}
		for _, t := range group {
			lx.akin[t] = append(lx.akin[t], group...)
		}
	})
	datafile.Lines(glossaryTxt, func(n int, line string) {
		en, fa, ok := strings.Cut(line, "|")
		if !ok {
			return
		}
		for _, w := range datafile.List(en) {
			lx.persian[strings.ToLower(w)] = datafile.List(fa)
			lx.addLatin(strings.ToLower(w))
		}
	})
	var errs []string
	datafile.Lines(colloquialTxt, func(n int, line string) {
		formal, list, ok := strings.Cut(line, "|")
		if !ok {
			errs = append(errs, fmt.Sprintf("colloquial.txt:%d: no \"|\"", n))
			return
		}
		f := strings.Join(splitWords(formal), " ")
		for _, c := range datafile.List(list) {
			// A colloquial form written as two words («خواهرخونده س») is read
			// glued, as splitWords glues a copula.
			lx.formal[strings.Join(splitWords(c), "")] = f
		}
	})
	datafile.Lines(wordsTxt, func(n int, line string) {
		label, list, ok := strings.Cut(line, "|")
		if !ok {
			errs = append(errs, fmt.Sprintf("words.txt:%d: no \"|\"", n))
			return
		}
		label = strings.TrimSpace(label)
		for _, p := range datafile.List(list) {
			ws := splitWords(p)
			if len(ws) == 0 {
				errs = append(errs, fmt.Sprintf("words.txt:%d: %q has no words", n, p))
				continue
			}
			for _, w := range ws {
				lx.addLatin(w)
				if !isLatinWord(w) && utf8.RuneCountInString(w) >= 4 && !talkLabel[label] {
					lx.phraseWord[w] = true
				}
			}
			lx.addPhrase(ws, label)
			if g, ok := gluedForm(ws); ok {
				// The half-space lost: «سرمایهگذاری» for «سرمایه گذاری».
				lx.addPhrase([]string{g}, label)
			}
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("question words: %s", strings.Join(errs, "; "))
	}
	return lx, nil
}

// addPhrase adds a phrase of words.txt under a label, once.
func (lx *lexicon) addPhrase(ws []string, label string) {
	if slices.ContainsFunc(lx.byFirst[ws[0]], func(k int) bool {
		return lx.phrases[k].label == label && slices.Equal(lx.phrases[k].words, ws)
	}) {
		return
	}
	k := len(lx.phrases)
	lx.phrases = append(lx.phrases, phrase{words: ws, label: label})
	lx.byFirst[ws[0]] = append(lx.byFirst[ws[0]], k)
	if len(ws) == 1 && len(ws[0]) >= glueMin {
		lx.glued = append(lx.glued, k)
	}
}

// gluedForm is a Persian phrase of words of three letters or more written
// as one word, as a text that lost its half-spaces writes it; short words
// («چه کسی»، «با کی») are left apart, glued they read as other words.
func gluedForm(ws []string) (string, bool) {
	if len(ws) < 2 {
		return "", false
	}
	for _, w := range ws {
		if isLatinWord(w) || utf8.RuneCountInString(w) < 3 {
			return "", false
		}
	}
	return strings.Join(ws, ""), true
}

// suffixes are written joined, with a half-space or with a space: glued to
// the word before, so that all three compare equal. «س» and «ه» are the
// colloquial copula («خواهرخونده‌س»).
var suffixes = map[string]bool{"ها": true, "های": true, "هایی": true, "ای": true, "اند": true, "ی": true, "ام": true, "س": true}

// splitWords is a text's words in match form: normalised, lower case,
// a plural or copula suffix glued to its word.
func splitWords(s string) []string {
	var out []string
	glueNext := false
	for _, w := range persian.Words(persian.Normalize(s)) {
		switch {
		case glueNext && len(out) > 0:
			out[len(out)-1] += w // «می» or «نمی» written apart: «می‌تونی»
			glueNext = false
			continue
		case suffixes[w] && len(out) > 0:
			out[len(out)-1] += w
			continue
		}
		if rest, cut := strings.CutPrefix(w, "با"); cut && gluedAfterBa[rest] {
			out = append(out, "با") // the space lost after «با»: «باکدوم»
			w = rest
		}
		out = append(out, w)
		glueNext = w == "می" || w == "نمی"
	}
	return out
}

// gluedAfterBa are the question words typed onto «با» without a space.
var gluedAfterBa = map[string]bool{"کدام": true, "کدوم": true, "کدامین": true, "کجا": true, "کجاها": true, "چه": true}

// talkLabel are the labels of small talk's phrases.
var talkLabel = map[string]bool{"greet": true, "thanks": true, "bye": true, "help": true, "whatsup": true}

// text is a message's words, as written and read formally.
type text struct {
	raw, formal []string
}

func (lx *lexicon) read(s string) text {
	t := text{raw: lx.glueLatin(splitWords(s))}
	t.formal = make([]string, len(t.raw))
	for i, w := range t.raw {
		f, ok := lx.formal[w]
		if !ok && isLatinWord(w) {
			f, ok = lx.withEnding(w, latinSuffixes, 4)
		}
		if ok && lastOnly[w] && i+1 < len(t.raw) {
			f, ok = w, true
		}
		if !ok {
			// A colloquial word with a plural or ezafe glued on
			// («خوندههای»): the formal word with it («خواندههای»).
			if f, ok = lx.withEnding(w, persianSuffixes, 3); !ok {
				f = w
			}
		}
		if !ok {
			// The colloquial object ending «ـشو/ـشون» («نمایشگاهشو»).
			for _, end := range []string{"شون", "شو"} {
				if stem, cut := strings.CutSuffix(w, end); cut && utf8.RuneCountInString(stem) >= 4 {
					f, ok = stem, true
					break
				}
			}
		}
		if stem, cut := strings.CutSuffix(w, "ش"); !ok && cut && lx.phraseWord[stem] && !lx.phraseWord[w] && !lx.tieWord(stem) {
			// «امضاش کرد»: the ending «ـش» ("it") on a word the lexicon
			// knows; «نمایش» is no «نمای» with it, as «نمای» is no such word.
			// On a tie word it points back at a place (possessive).
			f = stem
		}
		t.formal[i] = f
	}
	return t
}

// ending is a plural or ezafe ending as typed, and as written formally.
type ending struct{ typed, formal string }

// persianSuffixes are the plural and ezafe endings a colloquial word
// carries; latinSuffixes the Finglish ones, with the Persian each is
// written as: «khaharkhandehaye» is «خواهرخواندههای».
var (
	persianSuffixes = []ending{{"های", "های"}, {"ها", "ها"}, {"ی", "ی"}}
	latinSuffixes   = []ending{{"haye", "های"}, {"hay", "های"}, {"ha", "ها"}}
)

// withEnding reads a word as a known word with one of the endings glued
// on, the stem at least minStem letters long. A base of two words is
// refused: the ending would attach to the second alone.
func (lx *lexicon) withEnding(w string, endings []ending, minStem int) (string, bool) {
	for _, e := range endings {
		if stem, cut := strings.CutSuffix(w, e.typed); cut && utf8.RuneCountInString(stem) >= minStem {
			if base, known := lx.formal[stem]; known && !strings.Contains(base, " ") {
				return base + e.formal, true
			}
		}
	}
	return "", false
}

// glueLatin joins Finglish written in two or three words where the
// Persian is one («khahar khande haye»): typed apart, each part alone
// would be read on its own, «khahar» as the town of Ahar.
func (lx *lexicon) glueLatin(ws []string) []string {
	out := ws[:0:0]
	for i := 0; i < len(ws); i++ {
		glued := false
		for n := min(3, len(ws)-i); n >= 2 && !glued; n-- {
			parts := ws[i : i+n]
			if slices.ContainsFunc(parts, func(w string) bool { return !isLatinWord(w) }) {
				continue
			}
			w := strings.Join(parts, "")
			if _, ok := lx.formal[w]; !ok {
				if _, ok := lx.withEnding(w, latinSuffixes, 4); !ok {
					continue
				}
			}
			out, i, glued = append(out, w), i+n-1, true
		}
		if !glued {
			out = append(out, ws[i])
		}
	}
	return out
}

// lastOnly are colloquial verbs that are another word before the end of a
// question: «کی میان؟» is "when do they come", «میان ارومیه و وان»
// "between".
var lastOnly = map[string]bool{"میان": true}

// at reports whether phrase p starts at word i of ws. A word of ws may
// hold two formal words («می شود»), compared as the phrase's next two.
func at(ws []string, i int, p []string) (end int, ok bool) {
	k := 0
	for j := i; j < len(ws) && k < len(p); j++ {
		parts := strings.Split(ws[j], " ")
		for _, part := range parts {
			if k == len(p) || part != p[k] && !(k == len(p)-1 && stemOf(part, p[k])) {
				return 0, false
			}
			k++
		}
		if k == len(p) {
			return j + 1, true
		}
	}
	return 0, false
}

// stemOf reports whether w is word p with a suffix glued on («خلاصه‌ای»،
// «مرحله‌ای», "briefing"): the last word of a phrase may carry one. A
// phrase word of two letters («چه») must match whole.
func stemOf(w, p string) bool {
	rest, ok := strings.CutPrefix(w, p)
	return ok && utf8.RuneCountInString(p) >= 3 && stemSuffixes[rest]
}

// stemSuffixes are the endings stemOf accepts: plural, ezafe, indefinite,
// pronoun and English inflections. Anything else is another word
// («استاندار» is not «استان»).
var stemSuffixes = map[string]bool{"ها": true, "های": true, "هایی": true, "ای": true, "ی": true, "اند": true, "ه": true,
	"ش": true, "شان": true, "مان": true, "شو": true, "s": true, "es": true, "ing": true, "ed": true, "'s": true}

// glueMin is the shortest phrase (in bytes, one word) that also matches
// glued to its neighbours («خواهرخواندههای» in «شهرهایخواهرخواندههای»).
const glueMin = 14

// hit is a phrase found at words [i, j).
type hit struct {
	i, j  int
	label string
}

// find returns every phrase of t, in raw or formal form, in the order of
// words.txt; a word glued to a long phrase also counts. Phrases are looked
// up by their first word (or, for one word, its stem), so a long passage
// costs a few map lookups a word.
func (lx *lexicon) find(t text) []hit {
	type found struct {
		k int
		h hit
	}
	var out []found
	seen := map[[2]int]bool{}
	add := func(k, i, j int) {
		if !seen[[2]int{k, i}] {
			seen[[2]int{k, i}] = true
			out = append(out, found{k, hit{i, j, lx.phrases[k].label}})
		}
	}
	for _, ws := range [][]string{t.raw, t.formal} {
		for i, w := range ws {
			first, _, _ := strings.Cut(w, " ")
			for _, key := range stems(first) {
				for _, k := range lx.byFirst[key] {
					if j, ok := at(ws, i, lx.phrases[k].words); ok {
						add(k, i, j)
					}
				}
			}
			for _, k := range lx.glued {
				if p := lx.phrases[k].words[0]; len(w) > len(p) && strings.Contains(w, p) {
					add(k, i, i+1)
				}
			}
		}
	}
	slices.SortStableFunc(out, func(a, b found) int { return cmp.Or(a.k-b.k, a.h.i-b.h.i) })
	hits := make([]hit, len(out))
	for i, f := range out {
		hits[i] = f.h
	}
	return hits
}

// possessive reads a kind of tie written with a pronoun glued to it,
// «نمایشگاهش»، «هیئتشان», as the tie word (what the news write) and
// reports whether there was one: the tie of the place spoken of before.
// The word without the pronoun must itself be a tie word («همایش» is no
// «همای»).
func (lx *lexicon) possessive(t *text) bool {
	found := false
	for i, w := range t.formal {
		for _, suf := range []string{"اش", "ش", "شان"} {
			stem, ok := strings.CutSuffix(w, suf)
			if ok && stem != "" && lx.tieWord(strings.TrimSuffix(stem, "ها")) { // «نمایشگاههاش»
				t.formal[i], found = stem, true
				break
			}
		}
	}
	return found
}

// tieWord reports a one-word phrase of a kind of tie or of ties in general.
func (lx *lexicon) tieWord(w string) bool {
	return slices.ContainsFunc(lx.byFirst[w], func(k int) bool {
		p := lx.phrases[k]
		return len(p.words) == 1 && (p.label == "tie" || strings.HasPrefix(p.label, "rel:"))
	})
}

// stems returns w and w without each suffix stemOf accepts: the keys a
// one-word phrase w may have been written under.
func stems(w string) []string {
	out := []string{w}
	for suf := range stemSuffixes {
		if s, ok := strings.CutSuffix(w, suf); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// translate returns the Persian words for an English text's words, two-word
// entries first ("free zone").
func (lx *lexicon) translate(ws []string) []string {
	var out []string
	for i := 0; i < len(ws); i++ {
		if i+1 < len(ws) {
			if fa, ok := lx.persian[ws[i]+" "+ws[i+1]]; ok {
				out = append(out, fa...)
				i++
				continue
			}
		}
		out = append(out, lx.persian[ws[i]]...)
	}
	return out
}

// vocabulary reports whether an English word is one the glossary knows: a
// word of the language ("visit", "trade"), never read as a place.
func (lx *lexicon) vocabulary(w string) bool {
	_, ok := lx.persian[w]
	return ok
}
