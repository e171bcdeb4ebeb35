package question

import (
	_ "embed"
	"fmt"
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
)

// phrase is one phrase of words.txt, in the words' match form.
type phrase struct {
	words []string
	label string
}

// lexicon is words.txt and colloquial.txt, parsed.
type lexicon struct {
	phrases []phrase
	formal  map[string]string   // colloquial word → formal (possibly two words)
	persian map[string][]string // English word → the Persian words news use
}

func parseLexicon() (*lexicon, error) {
	lx := &lexicon{formal: make(map[string]string), persian: make(map[string][]string)}
	datafile.Lines(glossaryTxt, func(n int, line string) {
		en, fa, ok := strings.Cut(line, "|")
		if !ok {
			return
		}
		for _, w := range datafile.List(en) {
			lx.persian[strings.ToLower(w)] = datafile.List(fa)
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
			lx.phrases = append(lx.phrases, phrase{words: ws, label: label})
		}
	})
	if len(errs) > 0 {
		return nil, fmt.Errorf("question words: %s", strings.Join(errs, "; "))
	}
	return lx, nil
}

// suffixes are written joined, with a half-space or with a space: glued to
// the word before, so that all three compare equal. «س» and «ه» are the
// colloquial copula («خواهرخونده‌س»).
var suffixes = map[string]bool{"ها": true, "های": true, "هایی": true, "ای": true, "اند": true, "ی": true, "ام": true, "س": true}

// splitWords is a text's words in match form: normalised, lower case,
// a plural or copula suffix glued to its word.
func splitWords(s string) []string {
	var out []string
	for _, w := range persian.Words(persian.Normalize(s)) {
		if suffixes[w] && len(out) > 0 {
			out[len(out)-1] += w
			continue
		}
		out = append(out, w)
	}
	return out
}

// text is a message's words, as written and read formally.
type text struct {
	raw, formal []string
}

func (lx *lexicon) read(s string) text {
	t := text{raw: splitWords(s)}
	t.formal = make([]string, len(t.raw))
	for i, w := range t.raw {
		f, ok := lx.formal[w]
		if !ok {
			f = w
			// The colloquial object ending «ـشو/ـشون» («نمایشگاهشو»).
			for _, end := range []string{"شون", "شو"} {
				if stem, cut := strings.CutSuffix(w, end); cut && utf8.RuneCountInString(stem) >= 4 {
					f = stem
					break
				}
			}
		}
		t.formal[i] = f
	}
	return t
}

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

// find returns every phrase of t, in raw or formal form, longest first at
// each word; a word glued to a long phrase also counts.
func (lx *lexicon) find(t text) []hit {
	var out []hit
	for _, p := range lx.phrases {
		for _, ws := range [][]string{t.raw, t.formal} {
			found := false
			for i := range ws {
				if j, ok := at(ws, i, p.words); ok {
					out = append(out, hit{i, j, p.label})
					found = true
				} else if len(p.words) == 1 && len(p.words[0]) >= glueMin && strings.Contains(ws[i], p.words[0]) {
					out = append(out, hit{i, i + 1, p.label})
					found = true
				}
			}
			if found {
				break
			}
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
