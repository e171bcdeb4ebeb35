package persian

import (
	"strings"
	"unicode/utf8"
)

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
	return appendSegments(nil, word, lexicon(), 0)
}

// AppendSegments appends the parts of word (see Segment) to dst.
func AppendSegments(dst []string, word string) []string {
	return appendSegments(dst, word, lexicon(), 0)
}

func appendSegments(dst []string, w string, lex map[string]*lexInfo, depth int) []string {
	info := lex[w]
	if info != nil && info.parts != nil && depth < 3 {
		for _, p := range info.parts {
			dst = appendSegments(dst, p, lex, depth+1)
		}
		return dst
	}
	if info != nil && info.keep || utf8.RuneCountInString(w) < 3 {
		return append(dst, w)
	}
	// A compound with an attached ending: بینالمللی is بین + المللی when
	// joins.txt lists بین+الملل. Tokens finds it the same way, by its stem.
	if st := Stem(w); st != w && strings.HasPrefix(w, st) && depth < 3 {
		if si := lex[st]; si != nil && si.parts != nil {
			last := len(si.parts) - 1
			for _, p := range si.parts[:last] {
				dst = appendSegments(dst, p, lex, depth+1)
			}
			return appendSegments(dst, si.parts[last]+w[len(st):], lex, depth+1)
		}
	}
	if rest, ok := stripVerbPrefix(w); ok && !isKeep(rest) {
		dst = append(dst, w[:len(w)-len(rest)])
		w = rest
	}
	// Peel half-space suffixes from the end, then write them in order.
	var suffixes [3]string
	n := 0
	for n < len(suffixes) && !isKeep(w) {
		r, stem := matchSuffix(w)
		if r == nil || r.add != "" || !halfSpaceSuffixes[r.suffix] {
			break
		}
		suffixes[n] = r.suffix
		n++
		w = stem
	}
	dst = append(dst, w)
	for i := n - 1; i >= 0; i-- {
		dst = append(dst, suffixes[i])
	}
	return dst
}
