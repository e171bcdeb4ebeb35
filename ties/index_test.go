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

// TestTiesSelectsWhatAScanSelects: for queries of every shape (one side,
// both, with Also places, a namesake, Iran, nothing), the facts Ties reads
// through the index are the facts a scan of all of them selects.
func TestTiesSelectsWhatAScanSelects(t *testing.T) {
	e := enginetest.Files(t, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	g := New(e.Store())
	facts, _, err := g.all()
	if err != nil {
		t.Fatal(err)
	}
	gz := g.gazetteer()
	p := func(name string) peyvand.Place {
		pl, ok := gz.Lookup(name)
		if !ok {
			t.Fatalf("%s unknown", name)
		}
		return pl
	}
	ps := func(names ...string) []peyvand.Place {
		var out []peyvand.Place
		for _, n := range names {
			out = append(out, p(n))
		}
		return out
	}
	all := make([]int, len(facts))
	for i := range all {
		all[i] = i
	}
	for _, q := range []Query{
		{}, {Iranian: ps("اصفهان")}, {Iranian: ps("استان خراسان رضوی")}, {Iranian: ps("ایران")},
		{Foreign: ps("روسیه")}, {Foreign: ps("ایروان"), AlsoForeign: ps("ارمنستان")},
		{Iranian: ps("مشهد"), AlsoIranian: ps("استان خراسان رضوی"), Foreign: ps("هرات")},
		{Iranian: ps("رشت"), Foreign: ps("ایروان"), AlsoIranian: ps("استان گیلان"), AlsoForeign: ps("ارمنستان")},
		{AlsoIranian: ps("استان گیلان")}, {AlsoForeign: ps("ارمنستان")}, {Foreign: ps("قطر"), Relations: []peyvand.Relation{peyvand.RelOther}},
	} {
		iranian := g.expand(q.Iranian)
		want := g.selected(q, iranian, facts, all)
		got, err := g.Ties(q)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for _, tie := range got {
			n += len(tie.Facts)
		}
		if n != len(want) {
			t.Errorf("%+v: Ties merged %d facts; a scan selects %d", q, n, len(want))
		}
	}
}
