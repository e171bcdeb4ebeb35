package places

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand/internal/datafile"
)

// reading is one non-place reading of a place's spelling (data/readings.txt):
// what the name is when every condition holds.
type reading struct {
	label string // what the name then is ("خبرگزاری", "اندازه")
	conds []cond
	where string // readings.txt:line
}

// cond is one condition of a reading: one of the phrases stands within n
// words before (or after) the name, or, with not, none does.
type cond struct {
	after, not bool
	n          int
	phrases    [][]string // normalised words
	number     bool       // "#number": a number written in digits also counts
}

// parseReadings reads readings.txt, attaching each reading to the spelling
// it names, in the map and in the trie.
func (g *Gazetteer) parseReadings(txt string) []error {
	var errs []error
	lists := map[string][][]string{}
	byKey := map[string][]reading{}
	var order []string
	datafile.Lines(txt, func(n int, line string) {
		where := fmt.Sprintf("readings.txt:%d", n)
		if strings.HasPrefix(line, "@") {
			name, words, ok := strings.Cut(line, "=")
			name = strings.TrimSpace(name)
			if !ok || len(name) < 2 || strings.ContainsAny(name, " |") {
				errs = append(errs, fmt.Errorf("%s: want \"@name = words\"", where))
				return
			}
			for _, w := range datafile.List(words) {
				if k := normKey(w); k != "" {
					lists[name] = append(lists[name], strings.Split(k, " "))
				}
			}
			return
		}
		f := strings.Split(line, "|")
		if len(f) != 3 {
			errs = append(errs, fmt.Errorf("%s: want 3 fields separated by |, got %d", where, len(f)))
			return
		}
		name, label := normKey(f[0]), strings.TrimSpace(f[1])
		ki, ok := g.keys[name]
		switch {
		case name == "" || label == "":
			errs = append(errs, fmt.Errorf("%s: the name and the reading are required", where))
			return
		case !ok || ki.id == notPlace || ki.english:
			errs = append(errs, fmt.Errorf("%s: %q is no place's spelling", where, strings.TrimSpace(f[0])))
			return
		}
		r := reading{label: label, where: where}
		for _, c := range strings.Split(f[2], ";") {
			cd, err := parseCond(strings.TrimSpace(c), lists)
			if err != nil {
				errs = append(errs, fmt.Errorf("%s: %w", where, err))
				return
			}
			r.conds = append(r.conds, cd)
		}
		if !slices.ContainsFunc(r.conds, func(c cond) bool { return !c.not }) {
			errs = append(errs, fmt.Errorf("%s: a reading needs a condition without \"not\"", where))
			return
		}
		if _, seen := byKey[name]; !seen {
			order = append(order, name)
		}
		byKey[name] = append(byKey[name], r)
	})
	for _, key := range order {
		rs := byKey[key]
		g.setReadings(key, &rs)
	}
	return errs
}

// parseCond parses "before 4: گزارش، خبرنگار", "not after: نیوز", "after 3: @length".
func parseCond(s string, lists map[string][][]string) (cond, error) {
	head, words, ok := strings.Cut(s, ":")
	if !ok {
		return cond{}, fmt.Errorf("condition %q: want \"before N: words\" or \"after N: words\"", s)
	}
	f := strings.Fields(head)
	var c cond
	if len(f) > 0 && f[0] == "not" {
		c.not, f = true, f[1:]
	}
	if len(f) == 0 || len(f) > 2 || f[0] != "before" && f[0] != "after" {
		return cond{}, fmt.Errorf("condition %q: want before or after, then an optional count", s)
	}
	c.after, c.n = f[0] == "after", 1
	if len(f) == 2 {
		n, err := strconv.Atoi(f[1])
		if err != nil || n < 1 || n > 8 {
			return cond{}, fmt.Errorf("condition %q: the count must be 1 to 8", s)
		}
		c.n = n
	}
	for _, w := range datafile.List(words) {
		switch {
		case w == "#number":
			c.number = true
		case strings.HasPrefix(w, "@"):
			l, ok := lists[w]
			if !ok {
				return cond{}, fmt.Errorf("condition %q: list %s is not defined above", s, w)
			}
			c.phrases = append(c.phrases, l...)
		default:
			if k := normKey(w); k != "" {
				c.phrases = append(c.phrases, strings.Split(k, " "))
			}
		}
	}
	if len(c.phrases) == 0 && !c.number {
		return cond{}, fmt.Errorf("condition %q has no words", s)
	}
	return c, nil
}

// setReadings attaches rs to a key already indexed, in the map and in the
// trie node the key ends at.
func (g *Gazetteer) setReadings(key string, rs *[]reading) {
	ki := g.keys[key]
	ki.reads = rs
	g.keys[key] = ki
	n := g.root
	for _, w := range strings.Split(key, " ") {
		n = n.next[w]
	}
	n.val.reads = rs
}

// otherReading reports whether a reading of the spelling at toks[i:j]
// holds: the name is then not the place. A place word or a title right
// before the name ("استان فارس", "سفیر قطر") outweighs every reading.
func otherReading(toks []Token, i, j int, rs []reading) bool {
	if i > 0 && toks[i].Joined && (placeWords[toks[i-1].Word] || titleWords[toks[i-1].Word]) {
		return false
	}
	// The words a reading may look at: those of the clause around the name.
	lo := i
	for lo > 0 && !clauseEnd(toks[lo]) {
		lo--
	}
	hi := j
	for hi < len(toks) && !clauseEnd(toks[hi]) {
		hi++
	}
next:
	for _, r := range rs {
		for _, c := range r.conds {
			if c.holds(toks, i, j, lo, hi) == c.not {
				continue next
			}
		}
		return true
	}
	return false
}

// clauseEnd reports whether a sentence end or a comma stands before t.
func clauseEnd(t Token) bool { return t.Break || t.Gap&GapComma != 0 }

// holds reports whether one of c's phrases (or a number) stands within c.n
// words of the name at toks[i:j], inside toks[lo:hi].
func (c cond) holds(toks []Token, i, j, lo, hi int) bool {
	if c.after {
		for s := j; s < min(j+c.n, hi); s++ {
			if c.number && isNumber(toks[s].Word) {
				return true
			}
			for _, p := range c.phrases {
				if s+len(p) <= hi && wordsAt(toks, s, p) {
					return true
				}
			}
		}
		return false
	}
	for e := i - 1; e >= max(i-c.n, lo); e-- {
		if c.number && isNumber(toks[e].Word) {
			return true
		}
		for _, p := range c.phrases {
			if s := e - len(p) + 1; s >= lo && wordsAt(toks, s, p) {
				return true
			}
		}
	}
	return false
}

// wordsAt reports whether the words of p are those of toks from s on.
func wordsAt(toks []Token, s int, p []string) bool {
	for k, w := range p {
		if toks[s+k].Word != w {
			return false
		}
	}
	return true
}

// isNumber reports whether a normalised word is a number in digits.
func isNumber(w string) bool {
	if w == "" || w[0] < '0' || w[0] > '9' {
		return false
	}
	for i := 0; i < len(w); i++ {
		if (w[i] < '0' || w[i] > '9') && w[i] != '.' {
			return false
		}
	}
	return true
}
