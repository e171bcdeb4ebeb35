package answer_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/internal/tielabels"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/ties"
)

// TestCoOccurrenceIsNoTie asks, of every Iranian and foreign place that
// one item names together but no label ties (a match report, an
// earthquake, a pilgrimage, a consulate's host city), whether they have
// ties: peyvand must abstain. The pairs come from the items and their
// hand labels, not from any question set; the held-out third of the items
// is counted apart and its failures are not printed.
func TestCoOccurrenceIsNoTie(t *testing.T) {
	g := places.Default()
	labels := map[string]tielabels.Label{}
	for _, f := range []string{"dev_labels.jsonl", "extra_labels.jsonl"} {
		ls, err := tielabels.Load(filepath.Join("..", "testdata", "ties", f))
		if err != nil {
			t.Fatal(err)
		}
		for id, l := range ls {
			labels[id] = l
		}
	}
	var tied [][2]peyvand.Place
	for _, l := range labels {
		for _, tie := range l.Ties {
			a, ok1 := g.Lookup(tie.Iranian)
			b, ok2 := g.Lookup(tie.Foreign)
			if ok1 && ok2 {
				tied = append(tied, [2]peyvand.Place{a, b})
			}
		}
	}
	// Labels name a tie at the level the text gives it (a province, its
	// capital, a border crossing in it): any of them stands for the others.
	near := func(p, q peyvand.Place) bool {
		return p.Name == q.Name || p.Province == q.Name || q.Province == p.Name || p.Country == q.Name || q.Country == p.Name ||
			p.Province != "" && p.Province == q.Province
	}
	e := corpusEngine(t)
	svc := &answer.Service{Engine: e, Graph: ties.New(e.Store())}
	var items []struct{ ID, Title, Text string }
	items = append(items, readJSONL[struct{ ID, Title, Text string }](t, filepath.Join(devDir, "items.jsonl"))...)
	items = append(items, readJSONL[struct{ ID, Title, Text string }](t, filepath.Join("..", "testdata", "ties", "extra_items.jsonl"))...)
	asked := map[[2]string]bool{}
	var n, wrong, heldN, heldWrong int
	for _, it := range items {
		if _, ok := labels[it.ID]; !ok {
			continue
		}
		ms := g.Find(it.Title + "\n" + it.Text)
		for _, a := range ms {
			for _, b := range ms {
				ir, fo := a.Place, b.Place
				if !ir.Iranian() || fo.Iranian() || ir.Name == peyvand.Iran || fo.Name == peyvand.Iran || asked[[2]string{ir.Name, fo.Name}] {
					continue
				}
				if slices.ContainsFunc(tied, func(p [2]peyvand.Place) bool { return near(p[0], ir) && near(p[1], fo) }) {
					continue
				}
				asked[[2]string{ir.Name, fo.Name}] = true
				held := tielabels.HeldOut(it.ID)
				for _, q := range []string{"آیا " + ir.Name + " با " + fo.Name + " همکاری تجاری دارد؟", "همکاری‌های " + ir.Name + " و " + fo.Name} {
					ans, _, err := svc.Ask(context.Background(), q, answer.AskOptions{})
					if err != nil {
						t.Fatal(err)
					}
					if held {
						heldN++
					} else {
						n++
					}
					if ans.Abstained {
						continue
					}
					if held {
						heldWrong++
						continue
					}
					wrong++
					t.Logf("%s: %q answered: %.200s", it.ID, q, ans.Text)
				}
			}
		}
	}
	rate := 1 - float64(wrong)/float64(max(n, 1))
	t.Logf("co-occurrences asked: %d, abstained %.3f; held-out items: %d, abstained %.3f",
		n, rate, heldN, 1-float64(heldWrong)/float64(max(heldN, 1)))
	// The first run was 0.944: a list that names an Iranian place beside
	// the partners of another («شیراز … با دوشنبه … و حتی رامسر»), a
	// surname and an industrial park named like a province were the
	// misses. The guard sits just under what the tuned-on items reach.
	if rate < 0.98 {
		t.Errorf("co-occurrences abstained %.3f, below 0.98", rate)
	}
}
