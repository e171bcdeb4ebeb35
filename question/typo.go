package question

import "strings"

// minTypoWord is the shortest English word mended: shorter ones are one
// edit from too many others.
const minTypoWord = 4

// addLatin records an English word of the lexicon as one a typo may be
// mended to.
func (lx *lexicon) addLatin(w string) {
	if len(w) >= minTypoWord && isLatinWord(w) && !strings.Contains(w, " ") {
		lx.latin[w] = true
		lx.maxLatin = max(lx.maxLatin, len(w))
	}
}

// mendTypos reads an English word typed with two letters swapped, one
// left out or one too many («how mcuh», "whcih", "partnrs") as the one
// lexicon word it is an edit from: a question's few function words carry
// its intent. A word the lexicon or the gazetteer knows is left as it is,
// and so is one that is an edit from two words. The mended word replaces
// the typed one in t, as written and as read.
func (r *Reader) mendTypos(t *text) {
	for i, w := range t.raw {
		// A word longer than any lexicon word by two is no typo of one,
		// and is not tried: the edits of a long word are many.
		if len(w) < minTypoWord || len(w) > r.lx.maxLatin+1 || !isLatinWord(w) || t.formal[i] != w || r.lx.latin[w] || englishStop[w] || r.lx.vocabulary(w) {
			continue
		}
		fix, ok := r.lx.oneEdit(w)
		if !ok {
			continue
		}
		if _, place := r.eng.lookup(w); place {
			continue
		}
		t.raw[i], t.formal[i] = fix, fix
	}
}

// oneEdit returns the one lexicon word that w is a swap, a deletion or an
// insertion of one letter away from.
func (lx *lexicon) oneEdit(w string) (string, bool) {
	found := ""
	try := func(c string) bool {
		if !lx.latin[c] || c == found {
			return true
		}
		if found != "" {
			return false // two words: no telling which was meant
		}
		found = c
		return true
	}
	b := []byte(w)
	for i := 0; i+1 < len(b); i++ { // swapped
		if b[i] == b[i+1] {
			continue
		}
		b[i], b[i+1] = b[i+1], b[i]
		ok := try(string(b))
		b[i], b[i+1] = b[i+1], b[i]
		if !ok {
			return "", false
		}
	}
	for i := range len(w) { // one too many
		if !try(w[:i] + w[i+1:]) {
			return "", false
		}
	}
	for i := 0; i <= len(w); i++ { // one left out
		for c := byte('a'); c <= 'z'; c++ {
			if !try(w[:i] + string(c) + w[i:]) {
				return "", false
			}
		}
	}
	return found, found != ""
}
