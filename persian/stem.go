package persian

import (
	"strings"
	"sync"
	"unicode/utf8"
)

// Stem strips light inflection from an already-normalised word: plural
// (ها، های، هایی، ات، and a few safe ان patterns), comparative and superlative
// (تر، ترین), the adjectival and ezafe ی (یی، ای after ه), and the verbal
// prefix می/نمی. It is conservative: a suffix is stripped only when enough
// of the word remains, ان is stripped only in patterns that never end a place
// name (so تهران، اصفهان، گرگان، آبادان، کرمان and ایران stay whole), and the
// words listed in stem_keep.txt are never touched. Stem is idempotent.
func Stem(word string) string {
	if utf8.RuneCountInString(word) < 3 || isKeep(word) {
		return word
	}
	w := stripSuffixes(word)
	if v, ok := stripVerbPrefix(w); ok && !isKeep(v) {
		w = stripSuffixes(v)
	}
	return w
}

// stripSuffixes strips suffixes from w (not a kept word) until none applies
// or a kept word remains.
func stripSuffixes(w string) string {
	for {
		v, ok := stripSuffix(w)
		if !ok {
			return w
		}
		w = v
		if isKeep(w) {
			return w
		}
	}
}

// suffixRule strips suffix when at least min runes remain, then appends add.
type suffixRule struct {
	suffix string
	min    int
	add    string
}

// suffixRules are tried longest first; the first that applies wins and the
// word is stripped again until none applies.
var suffixRules = []suffixRule{
	{"هایی", 2, ""},
	{"ندگان", 1, "نده"},
	{"شدگان", 0, "شده"},
	{"گذاران", 0, "گذار"},
	{"شناسان", 0, "شناس"},
	{"ترین", 2, ""},
	{"داران", 2, "دار"},
	{"کاران", 0, "کار"},
	{"مندان", 0, "مند"},
	{"گران", 2, "گر"},
	{"انان", 3, "ان"},
	{"ولان", 2, "ول"},
	{"الان", 2, "ال"},
	{"وندان", 2, "وند"},
	{"اند", 2, ""},
	{"ایم", 2, ""},
	{"اید", 2, ""},
	{"است", 2, ""},
	{"های", 2, ""},
	{"یان", 3, "ی"},
	{"ها", 2, ""},
	{"تر", 2, ""},
	{"گر", 3, ""},
	{"ام", 2, ""},
	{"ات", 5, ""},
	{"یی", 3, ""},
	{"ای", 3, ""},
	{"ی", 3, ""},
}

// rulesByLastByte indexes suffixRules by the last byte of the suffix, in
// order, so a word is tried only against the rules that can match.
var rulesByLastByte = sync.OnceValue(func() *[256][]int {
	var t [256][]int
	for i, r := range suffixRules {
		b := r.suffix[len(r.suffix)-1]
		t[b] = append(t[b], i)
	}
	return &t
})

func stripSuffix(w string) (string, bool) {
	r, stem := matchSuffix(w)
	if r == nil {
		return w, false
	}
	return stem + r.add, true
}

// matchSuffix returns the first rule that strips a suffix from w and the
// stem it leaves (before the rule's add), or nil.
func matchSuffix(w string) (*suffixRule, string) {
	if len(w) < 2 {
		return nil, w
	}
	for _, i := range rulesByLastByte()[w[len(w)-1]] {
		r := &suffixRules[i]
		if !strings.HasSuffix(w, r.suffix) {
			continue
		}
		stem := w[:len(w)-len(r.suffix)]
		if utf8.RuneCountInString(stem) < r.min {
			continue
		}
		switch r.suffix {
		case "ای", "اند", "ایم", "اید", "است", "ام":
			// after a silent ه only: منطقهای، کردهاند، خانهام
			if !strings.HasSuffix(stem, "ه") {
				continue
			}
		case "ی":
			if strings.HasSuffix(stem, "ی") && r.min > 0 {
				// "یی" handled above; a doubled ی is part of the word (e.g. حیی)
				continue
			}
		}
		return r, stem
	}
	return nil, w
}

// shortVerbs are two-letter verb forms that still take the می prefix.
var shortVerbs = map[string]bool{"شد": true, "شه": true, "ره": true, "ده": true, "زد": true, "شم": true}

// nounPrefixes begin words whose می is not the verbal prefix: میان
// (between, in places: میانکاله، میاندشت، میاندورود), میرزا (a title:
// میرزاعبدالله), and the unit prefixes میلی، میکرو، مینی (میلیگرم، میکروگرم).
var nounPrefixes = []string{"میان", "میرزا", "میلی", "میکرو", "مینی"}

func hasNounPrefix(w string) bool {
	for _, p := range nounPrefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	return false
}

// stripVerbPrefix removes the imperfective prefix می or نمی from a verb. It
// applies only when the rest ends like a conjugated verb (د ت م ه), is long
// enough, and the word is not a listed noun such as میلیارد or a place such
// as میبد.
func stripVerbPrefix(w string) (string, bool) {
	var rest string
	switch {
	case strings.HasPrefix(w, "نمی"):
		rest = w[len("نمی"):]
	case strings.HasPrefix(w, "می"):
		rest = w[len("می"):]
	default:
		return w, false
	}
	if isKeep(w) || hasNounPrefix(w) {
		return w, false
	}
	n := utf8.RuneCountInString(rest)
	if n < 3 && !shortVerbs[rest] {
		return w, false
	}
	last, _ := utf8.DecodeLastRuneInString(rest)
	switch last {
	case 'د', 'ت', 'م', 'ه':
		return rest, true
	}
	return w, false
}
