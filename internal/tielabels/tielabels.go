// Package tielabels reads the hand labels of testdata/ties (see its
// README) and judges extracted facts against them, for the tests that
// measure extraction and alerts.
package tielabels

import (
	"bufio"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"os"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// Label is one paragraph's hand label.
type Label struct {
	ID   string `json:"id"`
	Ties []Tie  `json:"ties"`
	Note string `json:"note"`
}

// Tie is one labelled tie, its places as the text spells them.
type Tie struct {
	Iranian  string `json:"iranian"`
	Foreign  string `json:"foreign"`
	Relation string `json:"relation"`
	Status   string `json:"status"`
	Evidence string `json:"evidence"`
}

// Load reads a labels file: one Label a line, keyed by id.
func Load(path string) (map[string]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	out := make(map[string]Label)
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for n := 1; sc.Scan(); n++ {
		var l Label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			return nil, fmt.Errorf("%s:%d: %w", path, n, err)
		}
		out[l.ID] = l
	}
	return out, sc.Err()
}

// HeldOut reports whether a labelled item is in the third set aside, never
// looked at while tuning: FNV-1a 32 of its id, mod 3, is 0.
func HeldOut(id string) bool {
	h := fnv.New32a()
	h.Write([]byte(id))
	return h.Sum32()%3 == 0
}

// Verdict is how a fact compares with a paragraph's labels.
type Verdict struct {
	Pair     bool   // a labelled tie has the same places (or nested ones)
	Relation bool   // … and one of those has the fact's relation
	Status   bool   // … and one of those has the fact's status
	Want     string // the labelled relation/status of the matching ties
}

// Judge compares f with l: the Iranian places the same or nested (مشهد in
// خراسان رضوی, a city and its namesake province), the foreign ones the same
// or nested; a place the gazetteer does not know matches by its written
// form.
func Judge(g *places.Gazetteer, f peyvand.Fact, l Label) Verdict {
	var v Verdict
	ir, fo := g.Named(f.Iranian), g.Named(f.Foreign)
	for _, t := range l.Ties {
		if !same(g, ir, t.Iranian) || !same(g, fo, t.Foreign) {
			continue
		}
		v.Pair = true
		v.Relation = v.Relation || t.Relation == string(f.Relation)
		v.Status = v.Status || t.Status == string(f.Status)
		v.Want += " " + t.Relation + "/" + t.Status
	}
	return v
}

func same(g *places.Gazetteer, p peyvand.Place, written string) bool {
	q, ok := g.Lookup(written)
	if !ok {
		return bare(written) == bare(p.Name)
	}
	if q.Name == p.Name || g.Within(p, q) || g.Within(q, p) {
		return true
	}
	n, ok := g.Namesake(q)
	return ok && (n.Name == p.Name || g.Within(p, n))
}

// bare is a written place name normalised without a leading place word:
// «بندر حمد» and «حمد» are one port.
func bare(name string) string {
	w := persian.Words(name)
	for len(w) > 1 {
		switch w[0] {
		case "شهر", "بندر", "استان", "ایالت", "ولایت", "منطقه", "کشور":
			w = w[1:]
			continue
		}
		break
	}
	return strings.Join(w, " ")
}
