package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand"
)

// citeMarker is an answer's citation marker, in ASCII or Persian digits.
var citeMarker = regexp.MustCompile(`\[([0-9۰-۹]+)\]`)

// Renumber makes an answer's citations read as a reader expects: one
// number per article, 1..n in the order the text first cites them, and no
// listed source that the text never cites. Markers are written "[n]" in
// ASCII digits, as the --json contract has them; a transport shows them
// in the reply's own digits. A marker naming no citation is left as it is;
// an answer whose text cites nothing keeps its citations, numbered 1..n.
// Renumbering twice changes nothing.
func Renumber(ans peyvand.Answer) peyvand.Answer {
	if len(ans.Citations) == 0 {
		return ans
	}
	byN := make(map[int]int, len(ans.Citations)) // old N → index
	for i, c := range ans.Citations {
		byN[c.N] = i
	}
	newN := map[string]int{} // article → new number
	var cites []peyvand.Citation
	number := func(n int) string { return "[" + strconv.Itoa(n) + "]" }
	text := citeMarker.ReplaceAllStringFunc(ans.Text, func(m string) string {
		old, err := strconv.Atoi(asciiDigits(m[1 : len(m)-1]))
		i, ok := byN[old]
		if err != nil || !ok {
			return m
		}
		c := ans.Citations[i]
		key := citationKey(c)
		n, seen := newN[key]
		if !seen {
			n = len(cites) + 1
			newN[key] = n
			c.N = n
			cites = append(cites, c)
		}
		return number(n)
	})
	if len(cites) == 0 { // the text cites nothing: keep the list, numbered
		cites = make([]peyvand.Citation, 0, len(ans.Citations))
		for _, c := range ans.Citations {
			if _, seen := newN[citationKey(c)]; !seen {
				newN[citationKey(c)] = len(cites) + 1
				c.N = len(cites) + 1
				cites = append(cites, c)
			}
		}
	}
	ans.Text = collapseRepeats(text)
	ans.Citations = cites
	return ans
}

// citationKey is the article a citation names: two passages of one
// article are one source.
func citationKey(c peyvand.Citation) string {
	switch {
	case c.ArticleID != "":
		return "id:" + c.ArticleID
	case c.URL != "":
		return "url:" + c.URL
	}
	return "title:" + c.Title
}

// repeatedMarker is a marker written twice in a row, once two passages of
// one article became one number: "[۱][۱]", "[۱] [۱]".
var repeatedMarker = regexp.MustCompile(`(\[[0-9۰-۹]+\])(?:\s*(\[[0-9۰-۹]+\]))+`)

// collapseRepeats drops the repeats within a run of markers, keeping the
// first of each number in order.
func collapseRepeats(text string) string {
	return repeatedMarker.ReplaceAllStringFunc(text, func(run string) string {
		var out []string
		for _, m := range citeMarker.FindAllString(run, -1) {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
		return strings.Join(out, "")
	})
}

// asciiDigits turns Persian digits into ASCII ones.
func asciiDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '۰' && r <= '۹' {
			return '0' + (r - '۰')
		}
		return r
	}, s)
}
