package extract

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand/internal/datafile"
	"github.com/peyvand/peyvand/places"
)

// maxGap is how many words "…" in a phrase may stand for.
const maxGap = 6

// phrase is one phrase of a lexicon file: normalised words, "" for a gap.
type phrase struct {
	words []string
	label string
	ns    int // the file it came from
	gap   bool
}

// lexicon holds the phrases of several data files of "label | phrase،
// phrase، …" lines, indexed by first word, so that one pass over a
// sentence finds the cues, status markers, topic words and metonyms of it.
// Each file is its own namespace: where its phrases overlap the longest
// wins, whatever the other files hold there.
type lexicon struct {
	phrases []phrase
	byFirst map[string][]int
	files   int // namespaces
}

// Namespaces of the lexicon: one per data file.
const (
	nsCue = iota
	nsStatus
	nsTopic
	nsMetonym
	nsName
	nsInstruction
	namespaces
)

// hit is a phrase found in a token slice, at tokens [i, j).
type hit struct {
	i, j  int
	label string
	ns    int
}

func newLexicon() *lexicon { return &lexicon{byFirst: make(map[string][]int), files: namespaces} }

// parse reads a lexicon file into namespace ns; valid reports whether a
// label is allowed. The errors name the file and line.
func (lx *lexicon) parse(ns int, name, txt string, valid func(label string) bool) []error {
	var errs []error
	datafile.Lines(txt, func(n int, line string) {
		label, list, ok := strings.Cut(line, "|")
		label = strings.TrimSpace(label)
		if !ok || !valid(label) {
			errs = append(errs, fmt.Errorf("%s:%d: want \"label | phrases\" with a known label, got %q", name, n, line))
			return
		}
		for _, p := range datafile.List(list) {
			var words []string
			gap := false
			for k, part := range strings.Split(strings.ReplaceAll(p, "...", "…"), "…") {
				if k > 0 {
					words = append(words, "")
					gap = true
				}
				for _, t := range places.Tokenize(part, nil) {
					words = append(words, t.Word)
				}
			}
			if len(words) == 0 || words[0] == "" || words[len(words)-1] == "" {
				errs = append(errs, fmt.Errorf("%s:%d: phrase %q must start and end with a word", name, n, p))
				continue
			}
			lx.add(phrase{words: words, label: label, ns: ns, gap: gap})
			if !gap && len(words) > 1 {
				// Written as one word: "تفاهم نامه" → "تفاهمنامه".
				lx.add(phrase{words: []string{strings.Join(words, "")}, label: label, ns: ns})
			}
		}
	})
	return errs
}

func (lx *lexicon) add(p phrase) {
	for _, k := range lx.byFirst[p.words[0]] {
		if q := lx.phrases[k]; q.ns == p.ns && slices.Equal(q.words, p.words) {
			return
		}
	}
	lx.byFirst[p.words[0]] = append(lx.byFirst[p.words[0]], len(lx.phrases))
	lx.phrases = append(lx.phrases, p)
}

// affixes are the suffixes a word may carry, attached or after a
// half-space: plural, ezafe, indefinite and adjectival endings.
var affixes = []string{"هایی", "های", "ها", "ای", "یی", "ی", "ان", "ات"}

func isAffix(w string) bool { return slices.Contains(affixes, w) }

// wordIs reports whether token t is the word w, possibly with a suffix.
func wordIs(t, w string) bool {
	if t == w {
		return true
	}
	rest, ok := strings.CutPrefix(t, w)
	return ok && isAffix(rest)
}

// stems returns t and t with each affix it ends in removed (when enough of
// it remains): the lexicon words t could be.
func stems(t string, dst []string) []string {
	dst = append(dst, t)
	for _, a := range affixes {
		if s, ok := strings.CutSuffix(t, a); ok && utf8.RuneCountInString(s) >= 3 {
			dst = append(dst, s)
		}
	}
	return dst
}

// skipAffixes returns the first index at or after k that is not a
// standalone suffix token.
func skipAffixes(toks []places.Token, k int) int {
	for k < len(toks) && isAffix(toks[k].Word) {
		k++
	}
	return k
}

// matchPhrase matches p at toks[i:] and returns its end (exclusive).
func matchPhrase(toks []places.Token, i int, p phrase) (int, bool) {
	k := skipAffixes(toks, i+1)
	for w := 1; w < len(p.words); w++ {
		if p.words[w] == "" {
			w++
			found := false
			for g := 0; g <= maxGap && k+g < len(toks); g++ {
				if wordIs(toks[k+g].Word, p.words[w]) {
					k = skipAffixes(toks, k+g+1)
					found = true
					break
				}
			}
			if !found {
				return 0, false
			}
			continue
		}
		if k >= len(toks) || !wordIs(toks[k].Word, p.words[w]) {
			return 0, false
		}
		k = skipAffixes(toks, k+1)
	}
	return k, true
}

// find appends to dst the phrases found in toks, left to right. Within a
// namespace, where phrases start at one word the longest wins and the words
// it covers start no other phrase of it; a gap phrase ("سفر … به") is
// reported but hides nothing inside it.
func (lx *lexicon) find(toks []places.Token, dst []hit) []hit {
	var buf [10]string
	var resume [namespaces]int // the first token each namespace may start at
	for i := range toks {
		var best [namespaces]hit
		for k := range best {
			best[k].j = -1
		}
		for _, st := range stems(toks[i].Word, buf[:0]) {
			for _, k := range lx.byFirst[st] {
				p := lx.phrases[k]
				if i < resume[p.ns] || !wordIs(toks[i].Word, p.words[0]) {
					continue
				}
				end, ok := matchPhrase(toks, i, p)
				if !ok {
					continue
				}
				if p.gap {
					dst = append(dst, hit{i: i, j: end, label: p.label, ns: p.ns})
					continue
				}
				if end > best[p.ns].j {
					best[p.ns] = hit{i: i, j: end, label: p.label, ns: p.ns}
				}
			}
		}
		for ns := range best {
			if best[ns].j >= 0 {
				dst = append(dst, best[ns])
				resume[ns] = best[ns].j
			}
		}
	}
	return dst
}
