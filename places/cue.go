package places

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
)

// relNone marks a phrase of cues.txt that contains a cue word but is no cue.
const relNone peyvand.Relation = "none"

// maxGap is how many words "…" in a cue phrase may stand for.
const maxGap = 6

// cuePhrase is one phrase of cues.txt: normalised words, "" for a gap.
type cuePhrase struct {
	words []string
	rel   peyvand.Relation
	gap   bool
}

// cueSet is the parsed cues.txt, indexed by first word.
type cueSet struct {
	phrases []cuePhrase
	byFirst map[string][]int
}

func parseCues(txt string) (*cueSet, []error) {
	cs := &cueSet{byFirst: make(map[string][]int)}
	var errs []error
	dataLines(txt, func(n int, line string) {
		rel, list, ok := strings.Cut(line, "|")
		r := peyvand.Relation(strings.TrimSpace(rel))
		if !ok || r != relNone && !slices.Contains(peyvand.Relations, r) {
			errs = append(errs, fmt.Errorf("cues.txt:%d: want \"relation | phrases\" with a known relation, got %q", n, line))
			return
		}
		for _, p := range splitList(list) {
			var words []string
			gap := false
			for k, part := range strings.Split(strings.ReplaceAll(p, "...", "…"), "…") {
				if k > 0 {
					words = append(words, "")
					gap = true
				}
				words = append(words, strings.Fields(normKey(part))...)
			}
			if len(words) == 0 || words[0] == "" || words[len(words)-1] == "" {
				errs = append(errs, fmt.Errorf("cues.txt:%d: phrase %q must start and end with a word", n, p))
				continue
			}
			cs.add(cuePhrase{words: words, rel: r, gap: gap})
			if !gap && len(words) > 1 {
				cs.add(cuePhrase{words: []string{strings.Join(words, "")}, rel: r})
			}
		}
	})
	return cs, errs
}

func (cs *cueSet) add(p cuePhrase) {
	for _, k := range cs.byFirst[p.words[0]] {
		if slices.Equal(cs.phrases[k].words, p.words) {
			return
		}
	}
	cs.byFirst[p.words[0]] = append(cs.byFirst[p.words[0]], len(cs.phrases))
	cs.phrases = append(cs.phrases, p)
}

// affixes are the suffixes a cue word may carry, attached or after a
// half-space: plural, ezafe, indefinite and adjectival endings.
var affixes = []string{"هایی", "های", "ها", "ای", "یی", "ی", "ان", "ات"}

// isAffix reports whether a whole token is a suffix split off its word.
func isAffix(w string) bool { return slices.Contains(affixes, w) }

// wordIs reports whether token t is the cue word w, possibly with a suffix.
func wordIs(t, w string) bool {
	if t == w {
		return true
	}
	if !strings.HasPrefix(t, w) {
		return false
	}
	return isAffix(t[len(w):])
}

// stems returns t and t with each affix it ends in removed (when enough of
// it remains): the cue words t could be.
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
func skipAffixes(toks []token, k int) int {
	for k < len(toks) && isAffix(toks[k].word) {
		k++
	}
	return k
}

// matchPhrase matches p at toks[i:] and returns the end (exclusive).
func matchPhrase(toks []token, i int, p cuePhrase) (int, bool) {
	k := skipAffixes(toks, i+1)
	for w := 1; w < len(p.words); w++ {
		if p.words[w] == "" {
			// A gap: the next word within maxGap tokens.
			w++
			found := false
			for g := 0; g <= maxGap && k+g < len(toks); g++ {
				if wordIs(toks[k+g].word, p.words[w]) {
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
		if k >= len(toks) || !wordIs(toks[k].word, p.words[w]) {
			return 0, false
		}
		k = skipAffixes(toks, k+1)
	}
	return k, true
}

// relations returns the relations the cues in toks (one sentence) report,
// each once, in the order of peyvand.Relations.
func (cs *cueSet) relations(toks []token) []peyvand.Relation {
	var found [8]peyvand.Relation
	seen := found[:0]
	var buf [10]string
	for i := 0; i < len(toks); {
		bestEnd, bestRel := -1, peyvand.Relation("")
		for _, st := range stems(toks[i].word, buf[:0]) {
			for _, k := range cs.byFirst[st] {
				p := cs.phrases[k]
				if !wordIs(toks[i].word, p.words[0]) {
					continue
				}
				end, ok := matchPhrase(toks, i, p)
				if !ok {
					continue
				}
				if p.gap {
					// A gap phrase reports its relation but does not hide
					// the cues inside it.
					if !slices.Contains(seen, p.rel) {
						seen = append(seen, p.rel)
					}
					continue
				}
				if end > bestEnd {
					bestEnd, bestRel = end, p.rel
				}
			}
		}
		if bestEnd < 0 {
			i++
			continue
		}
		if bestRel != relNone && !slices.Contains(seen, bestRel) {
			seen = append(seen, bestRel)
		}
		i = bestEnd
	}
	var out []peyvand.Relation
	for _, r := range peyvand.Relations {
		if slices.Contains(seen, r) {
			out = append(out, r)
		}
	}
	return out
}
