package persian

import "unicode/utf8"

// halfSpaceSuffixes are the suffixes that standard spelling joins to a word
// with a half-space (کشور‌ها، بزرگ‌ترین، کرده‌اند، منطقه‌ای) and news text
// often glues on without one. The other suffixes Stem strips (ی، ات، ان…)
// are written attached and are part of the written word.
var halfSpaceSuffixes = map[string]bool{
	"هایی": true, "های": true, "ها": true, "ترین": true, "تر": true,
	"ای": true, "اند": true, "ایم": true, "اید": true, "است": true, "ام": true,
}

// Segment returns the parts of a normalised word as it is written with its
// half-spaces: a compound of joins.txt its parts (تفاهمنامه → تفاهم نامه),
// the verbal prefix می/نمی (میکند → می کند) and each half-space suffix
// (همکاریهای → همکاری های, بزرگترین → بزرگ ترین) split off. It uses Stem's
// rules and exceptions (stem_keep.txt: میلیارد، میوه، تنها… stay whole), so
// the glued spelling, the half-space one and the one with a space give the
// same parts: what the offline embedder needs to give them one vector, as
// Tokens gives them the same tokens. A word with nothing to split is
// returned alone.
func Segment(word string) []string {
	return appendSegments(nil, word, lexicon(), 0, false)
}

// AppendSegments appends the parts of word (see Segment) to dst.
func AppendSegments(dst []string, word string) []string {
	return appendSegments(dst, word, lexicon(), 0, false)
}

// AppendContentSegments appends the parts of word that are not stop words
// (the affixes Segment splits off all are): what the offline embedder
// embeds. It costs about one lookup a word, as IsStopword does.
func AppendContentSegments(dst []string, word string) []string {
	return appendSegments(dst, word, lexicon(), 0, true)
}

// appendSegments appends w's segments to dst; with content, only those
// that are not stop words.
func appendSegments(dst []string, w string, lex map[string]*lexInfo, depth int, content bool) []string {
	info := lex[w]
	if info != nil && info.parts != nil && depth < 3 {
		for _, p := range info.parts {
			dst = appendSegments(dst, p, lex, depth+1, content)
		}
		return dst
	}
	if content && info != nil && info.stop {
		return dst
	}
	if info != nil && info.keep || utf8.RuneCountInString(w) < 3 {
		return append(dst, w)
	}
	if rest, ok := stripVerbPrefix(w); ok && !isKeep(rest) {
		if !content {
			dst = append(dst, w[:len(w)-len(rest)])
		}
		return appendSegments(dst, rest, lex, depth+1, content)
	}
	// Peel half-space suffixes from the end, then write them in order.
	var suffixes [3]string
	n := 0
	for n < len(suffixes) {
		r, stem := matchSuffix(w)
		if r == nil {
			break
		}
		if r.add != "" || !halfSpaceSuffixes[r.suffix] {
			// An attached ending: a compound may be under it, as
			// بینالمللی is بین + المللی when joins.txt lists بین+الملل.
			// Tokens finds it the same way, by its stem.
			if si := lex[stem]; n == 0 && r.add == "" && si != nil && si.parts != nil && depth < 3 {
				last := len(si.parts) - 1
				for _, p := range si.parts[:last] {
					dst = appendSegments(dst, p, lex, depth+1, content)
				}
				return appendSegments(dst, si.parts[last]+w[len(stem):], lex, depth+1, content)
			}
			break
		}
		suffixes[n] = r.suffix
		n++
		w = stem
		if isKeep(w) {
			break
		}
	}
	switch {
	case n == 0: // w is the word, a stop word only without content
		dst = append(dst, w)
	case depth < 3:
		dst = appendSegments(dst, w, lex, depth+1, content) // a compound under the suffixes
	case !content || !isStopInfo(lex[w]):
		dst = append(dst, w)
	}
	if !content {
		for i := n - 1; i >= 0; i-- {
			dst = append(dst, suffixes[i])
		}
	}
	return dst
}

func isStopInfo(info *lexInfo) bool { return info != nil && info.stop }
