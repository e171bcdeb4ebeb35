package answer

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/ties"
)

// citeMarker is an answer's citation marker, in ASCII or Persian digits;
// spacedMarker takes the spaces before it too.
var (
	citeMarker   = regexp.MustCompile(`\[([0-9۰-۹]+)\]`)
	spacedMarker = regexp.MustCompile(`[ \t]*\[([0-9۰-۹]+)\]`)
)

// Renumber makes an answer's citations read as a reader expects: one
// number per article, 1..n in the order the text first cites them, and no
// listed source that the text never cites. Markers are written "[n]" in
// ASCII digits, as the --json contract has them; a transport shows them
// in the reply's own digits. A marker naming no citation is dropped: left
// as it was, it would come to name whichever source now has its number.
// An answer whose text cites nothing keeps its citations, numbered 1..n.
// Renumbering twice changes nothing.
func Renumber(ans peyvand.Answer) peyvand.Answer {
	ans, _ = renumber(ans)
	return ans
}

// renumber is Renumber, also returning each article's new number.
func renumber(ans peyvand.Answer) (peyvand.Answer, map[string]int) {
	newN := map[string]int{} // article → new number
	if len(ans.Citations) == 0 {
		return ans, newN
	}
	byN := make(map[int]int, len(ans.Citations)) // old N → index
	for i, c := range ans.Citations {
		byN[c.N] = i
	}
	var cites []peyvand.Citation
	text := spacedMarker.ReplaceAllStringFunc(ans.Text, func(m string) string {
		lead, m := m[:strings.IndexByte(m, '[')], m[strings.IndexByte(m, '['):]
		old, err := strconv.Atoi(persian.Normalize(m[1 : len(m)-1])) // match form: ASCII digits
		i, ok := byN[old]
		if err != nil || !ok {
			return "" // with the space before it
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
		return lead + "[" + strconv.Itoa(n) + "]"
	})
	if len(cites) == 0 { // the text cites nothing: keep the list, numbered
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
	return ans, newN
}

// renumberBrief renumbers a briefing's answer and the briefing with it, so
// that brief --json, which lists every event, keeps the text's numbers:
// the sources the text cites come first, in its order, the others after.
func renumberBrief(b *ties.Briefing, ans peyvand.Answer) peyvand.Answer {
	ans, newN := renumber(ans)
	next := len(newN) + 1
	for _, c := range b.Citations {
		if _, ok := newN[citationKey(c)]; !ok {
			newN[citationKey(c)] = next
			next++
		}
	}
	seen := map[string]bool{}
	var cites []peyvand.Citation
	for _, c := range b.Citations {
		k := citationKey(c)
		if !seen[k] {
			seen[k] = true
			c.N = newN[k]
			cites = append(cites, c)
		}
	}
	slices.SortFunc(cites, func(a, b peyvand.Citation) int { return a.N - b.N })
	b.Citations = cites
	for gi := range b.Groups {
		for ei := range b.Groups[gi].Events {
			e := &b.Groups[gi].Events[ei]
			e.Citation.N = newN[citationKey(e.Citation)]
		}
	}
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

// markerRun is markers side by side, with at most spaces or tabs between.
var markerRun = regexp.MustCompile(`\[[0-9]+\](?:[ \t]*\[[0-9]+\])+`)

// collapseRepeats drops a number repeated within a run of markers, as when
// two passages of one article became one number: "[1][1]", "[1] [1]". A run
// without a repeat is left as written.
func collapseRepeats(text string) string {
	return markerRun.ReplaceAllStringFunc(text, func(run string) string {
		ms := citeMarker.FindAllString(run, -1)
		var out []string
		for _, m := range ms {
			if !slices.Contains(out, m) {
				out = append(out, m)
			}
		}
		if len(out) == len(ms) {
			return run
		}
		return strings.Join(out, "")
	})
}
