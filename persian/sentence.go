package persian

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a string.
type Span struct{ Start, End int }

// Len returns the length of the span in bytes.
func (sp Span) Len() int { return sp.End - sp.Start }

// SentenceSpans returns the sentences of s as byte spans, trimmed of
// surrounding space, in order and without overlap. A sentence ends at . ؟ ?
// ! ؛ (with any closing quotes or brackets that follow) and at every line
// break. A '.' does not end a sentence inside a number (3.5, ۳.۵), after a
// single-letter initial or inside an abbreviation (ج.ا.ا، U.S.), or as part
// of an ellipsis (و...); no mark ends a sentence inside a «…» quotation that
// closes on the same line. Spans holding no letter or digit are dropped.
func SentenceSpans(s string) []Span {
	var spans []Span
	add := func(start, end int) {
		start, end = trimSpan(s, start, end)
		if start < end && hasWordRune(s[start:end]) {
			spans = append(spans, Span{start, end})
		}
	}
	start := 0
	quoteEnd := -1 // while inside «…», the offset of the closing »
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\n' || r == '\r' || r == '\u2028' || r == '\u2029' || r == '\u0085':
			add(start, i)
			start = i + n
			quoteEnd = -1
		case r == '«':
			if quoteEnd < i {
				if j := closingQuote(s, i+n); j >= 0 {
					quoteEnd = j
				}
			}
		case quoteEnd > i:
			// inside a quotation: nothing ends here
		case quoteEnd == i:
			// a quotation that ends a sentence ends it: «… بله.»
			quoteEnd = -1
			prev, _ := utf8.DecodeLastRuneInString(strings.TrimRight(s[start:i], " "))
			if prev == '.' || prev == '!' || prev == '?' || prev == '؟' {
				add(start, i+n)
				start = i + n
			}
		case r == '.' || r == '?' || r == '!' || r == '؟' || r == '؛':
			if r == '.' && !dotEnds(s, i) {
				// skip a whole run of dots (an ellipsis) at once
				for i+1 < len(s) && s[i+1] == '.' {
					i++
				}
				break
			}
			end := i + n
			for end < len(s) {
				r2, n2 := utf8.DecodeRuneInString(s[end:])
				if r2 == '.' || r2 == '?' || r2 == '!' || r2 == '؟' || r2 == '؛' || r2 == '»' || r2 == ')' || r2 == '"' || r2 == '\'' || r2 == '”' || r2 == '’' || r2 == ']' {
					end += n2
					continue
				}
				break
			}
			add(start, end)
			start = end
			i = end
			continue
		}
		i += n
	}
	add(start, len(s))
	return spans
}

// Sentences returns the texts of SentenceSpans(s).
func Sentences(s string) []string {
	spans := SentenceSpans(s)
	out := make([]string, len(spans))
	for i, sp := range spans {
		out[i] = s[sp.Start:sp.End]
	}
	return out
}

// closingQuote returns the offset of the » that closes a « opened just
// before i, if it comes before the end of the line; else -1.
func closingQuote(s string, i int) int {
	depth := 1
	for j := i; j < len(s); {
		r, n := utf8.DecodeRuneInString(s[j:])
		switch r {
		case '\n', '\r', '\u2028', '\u2029':
			return -1
		case '«':
			depth++
		case '»':
			depth--
			if depth == 0 {
				return j
			}
		}
		j += n
		if j-i > 2000 {
			return -1 // an unbalanced quote must not swallow a paragraph
		}
	}
	return -1
}

// dotEnds reports whether the '.' at s[i] ends a sentence.
func dotEnds(s string, i int) bool {
	if i+1 < len(s) && s[i+1] == '.' || i > 0 && s[i-1] == '.' {
		return false // ellipsis
	}
	prev, pn := utf8.DecodeLastRuneInString(s[:i])
	next, _ := utf8.DecodeRuneInString(s[i+1:])
	if digitValue(prev) >= 0 && digitValue(next) >= 0 {
		return false // decimal
	}
	if unicode.IsLetter(prev) {
		// a single-letter word before the dot: an initial or an abbreviation
		before, _ := utf8.DecodeLastRuneInString(s[:i-pn])
		if i-pn == 0 || !unicode.IsLetter(before) && !unicode.Is(unicode.Mn, before) && before != zwnj {
			if unicode.IsLetter(next) || next == ' ' || next == zwnj {
				return false
			}
		}
		// a Latin abbreviation such as Mr. or etc.
		if prev < utf8.RuneSelf && isLatinAbbrev(s[:i]) {
			return false
		}
	}
	if unicode.IsLetter(next) && next < utf8.RuneSelf && unicode.IsLower(next) {
		return false // e.g. a domain name: news.ir
	}
	return true
}

var latinAbbrevs = []string{"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "inc", "ltd", "co", "vs", "etc", "no", "e.g", "i.e"}

func isLatinAbbrev(before string) bool {
	j := len(before)
	for j > 0 && len(before)-j < 8 && (before[j-1] >= 'a' && before[j-1] <= 'z' || before[j-1] >= 'A' && before[j-1] <= 'Z' || before[j-1] == '.') {
		j--
	}
	w := strings.ToLower(before[j:])
	for _, a := range latinAbbrevs {
		if w == a {
			return true
		}
	}
	return false
}

// trimSpan shrinks [start, end) of s past spaces, ZWNJ and format marks.
func trimSpan(s string, start, end int) (int, int) {
	for start < end {
		r, n := utf8.DecodeRuneInString(s[start:end])
		if !isTrimRune(r) {
			break
		}
		start += n
	}
	for end > start {
		r, n := utf8.DecodeLastRuneInString(s[start:end])
		if !isTrimRune(r) {
			break
		}
		end -= n
	}
	return start, end
}

func isTrimRune(r rune) bool {
	return unicode.IsSpace(r) || r == zwnj || r == utf8.RuneError || r == '\u200B' || r == '\uFEFF' || unicode.Is(unicode.Cf, r)
}

func hasWordRune(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return true
		}
	}
	return false
}

// Clip shortens s to its first n characters, trailing space dropped, and
// marks the cut with «…»; a text of n characters or fewer is returned as
// it is. Quotes, titles and toasts are clipped with it.
func Clip(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return strings.TrimSpace(string([]rune(s)[:max(n, 0)])) + "…"
}
