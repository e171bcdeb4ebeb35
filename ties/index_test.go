package ties

import (
	"slices"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/enginetest"
)

// TestIndexSelectsWhatAScanSelects: for every place on either side of the
// dev items' facts, and every place those lie in, the facts the index
// narrows to are the facts a scan of all of them selects.
func TestIndexSelectsWhatAScanSelects(t *testing.T) {
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	g := New(e.Store())
	facts, idx, err := g.all()
	if err != nil {
		t.Fatal(err)
	}
	gz := g.gazetteer()
	asked := map[string]peyvand.Place{}
	for _, f := range facts {
		for _, p := range []peyvand.Place{f.iranian, f.foreign} {
			for q, ok := p, true; ok; q, ok = gz.Parent(q) {
				asked[q.Name] = q
			}
		}
	}
	if len(asked) < 50 {
		t.Fatalf("only %d places to ask about", len(asked))
	}
	for _, p := range asked {
		for _, side := range []struct {
			by    map[string][]int
			place func(resolved) peyvand.Place
		}{{idx.iranian, func(r resolved) peyvand.Place { return r.iranian }}, {idx.foreign, func(r resolved) peyvand.Place { return r.foreign }}} {
			var scan []int
			for i, f := range facts {
				if g.matches(side.place(f), []peyvand.Place{p}) {
					scan = append(scan, i)
				}
			}
			got, _ := candidates(side.by, []peyvand.Place{p})
			for _, i := range scan {
				if !slices.Contains(got, i) {
					t.Errorf("%s: fact %d (%s–%s) is selected by a scan but not in the index", p.Name, i, facts[i].Iranian, facts[i].Foreign)
				}
			}
		}
	}
}
