package persian

import (
	_ "embed"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Words returns the normalised words of s: the maximal runs of letters,
// digits and combining marks of Normalize(s), with a '.' kept between two
// digits (3.5). No stop words are removed and nothing is stemmed.
func Words(s string) []string {
	return AppendWords(nil, s)
}

// AppendWords appends the words of s (see Words) to dst and returns it. The
// words are substrings of Normalize(s), so text already in match form costs
// no allocation beyond dst.
func AppendWords(dst []string, s string) []string {
	it := wordIter{s: Normalize(s)}
	for w, ok := it.next(); ok; w, ok = it.next() {
		dst = append(dst, w)
	}
	return dst
}

// appendMatchWords is AppendWords for text already in match form.
func appendMatchWords(dst []string, m string) []string {
	it := wordIter{s: m}
	for w, ok := it.next(); ok; w, ok = it.next() {
		dst = append(dst, w)
	}
	return dst
}

// wordIter walks the words of a normalised string.
type wordIter struct {
	s      string
	i      int
	arabic *[256]uint8
}

func (it *wordIter) next() (string, bool) {
	n := it.s
	if it.arabic == nil {
		it.arabic = arabicWord()
	}
	start := -1
	for it.i < len(n) {
		i := it.i
		c := n[i]
		var in bool
		size := 1
		if c < utf8.RuneSelf {
			in = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c >= 'A' && c <= 'Z'
			if !in && c == '.' && start >= 0 && isDigitByte(n[i-1]) && i+1 < len(n) && isDigitByte(n[i+1]) {
				in = true
			}
		} else if c >= 0xD8 && c <= 0xDB && i+1 < len(n) {
			size = 2
			w := it.arabic[int(c&0x1F)<<6|int(n[i+1]&0x3F)-0x600]
			in = w == 1 || w == 2 && start >= 0
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(n[i:])
			in = unicode.IsLetter(r) || unicode.IsDigit(r) || (start >= 0 && unicode.In(r, unicode.Mn, unicode.Mc))
		}
		if in {
			if start < 0 {
				start = i
			}
		} else if start >= 0 {
			return n[start:i], true
		}
		it.i += size
	}
	if start >= 0 {
		return n[start:], true
	}
	return "", false
}

func isDigitByte(c byte) bool { return c >= '0' && c <= '9' }

// Tokens returns the search tokens of s: its Words without stop words (and
// longer than MaxTokenBytes), each passed through Stem, empty results dropped. A word written without its
// half-space (همکاریهای, میشود) gives the same tokens as the same word
// written with a half-space or a space (همکاری‌های, می شود).
func Tokens(s string) []string {
	return AppendTokens(nil, s)
}

// AppendTokens appends the tokens of s (see Tokens) to dst and returns it.
func AppendTokens(dst []string, s string) []string {
	return appendTokensWith(dst, s, lexicon())
}

func appendTokensWith(dst []string, s string, lex map[string]*lexInfo) []string {
	it := wordIter{s: Normalize(s)}
	for w, ok := it.next(); ok; w, ok = it.next() {
		if len(w) > MaxTokenBytes {
			continue // a run of letters no one searches for; it would not fit a key
		}
		dst = appendWordTokens(dst, w, lex, 0)
	}
	return dst
}

// MaxTokenBytes is the longest word made a search token: far above any
// Persian or English word, far below bbolt's 32 KiB key limit, so a
// 40 KB run of letters in a hostile page neither fails an ingest nor
// bloats the index.
const MaxTokenBytes = 128

// appendWordTokens appends the tokens of one normalised word: the tokens of
// its parts for a compound written without its half-space (joins.txt);
// none for a stop word; else its stem, unless that is a stop word, in its
// canonical spelling (variants.txt).
func appendWordTokens(dst []string, w string, lex map[string]*lexInfo, depth int) []string {
	info := lex[w]
	if out, done := expandLex(dst, info, lex, depth); done {
		return out
	}
	s := Stem(w)
	if s != w {
		info = lex[s]
		if out, done := expandLex(dst, info, lex, depth); done {
			return out
		}
	}
	if s == "" {
		return dst
	}
	if s[0] == '0' && len(s) > 1 && allDigits(s) {
		s = strings.TrimLeft(s, "0")
		if s == "" {
			s = "0"
		}
	}
	if info != nil && info.variant != "" {
		s = info.variant
	}
	return append(dst, s)
}

// expandLex applies a lexicon entry that settles a word by itself: a
// compound becomes the tokens of its parts, a stop word none. done is false
// when the entry (or its absence) leaves the word to be stemmed.
func expandLex(dst []string, info *lexInfo, lex map[string]*lexInfo, depth int) ([]string, bool) {
	switch {
	case info == nil:
		return dst, false
	case info.parts != nil && depth < 3:
		for _, p := range info.parts {
			dst = appendWordTokens(dst, p, lex, depth+1)
		}
		return dst, true
	case info.stop:
		return dst, true
	}
	return dst, false
}

//go:embed stopwords.txt
var stopwordsTxt string

var stopwords = sync.OnceValue(func() map[string]struct{} {
	return loadWordSet(stopwordsTxt)
})

// loadWordSet reads a word list: one word a line, '#' starts a comment,
// each word normalised; an entry that normalises to several words adds each.
func loadWordSet(txt string) map[string]struct{} {
	m := make(map[string]struct{}, 1024)
	for _, line := range strings.Split(txt, "\n") {
		if i := strings.IndexByte(line, '#'); i >= 0 {
			line = line[:i]
		}
		for _, w := range Words(line) {
			m[w] = struct{}{}
		}
	}
	return m
}

// IsStopword reports whether the normalised word w is a Persian (or common
// English) stop word, or a standalone affix such as ها، های، می، ای، تر، ترین
// that a half-space or a space split off its word.
func IsStopword(w string) bool {
	info := lexicon()[w]
	return info != nil && info.stop
}

// arabicWord classifies the Arabic block for word splitting: 1 for letters
// and digits, 2 for combining marks (inside a word only), 0 otherwise.
var arabicWord = sync.OnceValue(func() *[256]uint8 {
	var t [256]uint8
	for i := range t {
		r := rune(0x600 + i)
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			t[i] = 1
		case unicode.In(r, unicode.Mn, unicode.Mc):
			t[i] = 2
		}
	}
	return &t
})

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isDigitByte(s[i]) {
			return false
		}
	}
	return true
}
