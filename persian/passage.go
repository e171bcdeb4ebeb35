package persian

import (
	"unicode"
	"unicode/utf8"
)

// Passage size bounds, in words.
const (
	PassageMinWords = 40
	PassageMaxWords = 120
)

// Passages splits cleaned text into passages of whole sentences, about
// PassageMinWords to PassageMaxWords words each, consecutive passages sharing
// one sentence. A sentence longer than the maximum is a passage of its own,
// cut at word boundaries into pieces of at most the maximum when it is more
// than twice as long. Spans are byte offsets into text, never empty; a short
// text is one passage, an empty one none.
func Passages(text string) []Span {
	sents := SentenceSpans(text)
	if len(sents) == 0 {
		return nil
	}
	words := make([]int, len(sents))
	total := 0
	for i, sp := range sents {
		words[i] = countWords(text[sp.Start:sp.End])
		total += words[i]
	}
	if total <= PassageMaxWords {
		return []Span{{sents[0].Start, sents[len(sents)-1].End}}
	}
	var out []Span
	i := 0
	for i < len(sents) {
		if words[i] > PassageMaxWords {
			out = appendLong(out, text, sents[i])
			i++
			continue
		}
		j, n := i, 0
		for j < len(sents) && words[j] <= PassageMaxWords && n+words[j] <= PassageMaxWords {
			n += words[j]
			j++
		}
		// j > i here: words[i] fits on its own
		out = append(out, Span{sents[i].Start, sents[j-1].End})
		if j >= len(sents) {
			break
		}
		if j-1 > i && words[j]+words[j-1] <= PassageMaxWords {
			i = j - 1 // overlap by one sentence
		} else {
			i = j
		}
	}
	return out
}

// appendLong appends a sentence longer than the maximum: whole when at most
// twice the maximum, else cut into pieces of at most the maximum words.
func appendLong(out []Span, text string, sp Span) []Span {
	s := text[sp.Start:sp.End]
	if countWords(s) <= 2*PassageMaxWords {
		return append(out, sp)
	}
	start, n, inWord := 0, 0, false
	for i, r := range s {
		w := isWordRune(r)
		if w && !inWord {
			if n == PassageMaxWords {
				a, b := trimSpan(text, sp.Start+start, sp.Start+i)
				if a < b {
					out = append(out, Span{a, b})
				}
				start, n = i, 0
			}
			n++
		}
		inWord = w
	}
	if a, b := trimSpan(text, sp.Start+start, sp.End); a < b {
		out = append(out, Span{a, b})
	}
	return out
}

// countWords counts the letter/digit runs of s, as Words would (ZWNJ and
// spaces separate words) without normalising.
func countWords(s string) int {
	n, in := 0, false
	for i := 0; i < len(s); {
		c := s[i]
		var w bool
		size := 1
		if c < utf8.RuneSelf {
			w = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
		} else {
			var r rune
			r, size = utf8.DecodeRuneInString(s[i:])
			w = isWordRune(r) || in && unicode.Is(unicode.Mn, r)
		}
		if w && !in {
			n++
		}
		in = w
		i += size
	}
	return n
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}
