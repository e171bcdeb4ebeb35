package extract

import (
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// pairScore is the precision and recall of extracted (Iranian, foreign)
// pairs against annotations.
type pairScore struct {
	extracted, correct   int // extracted pairs, and those the annotation has
	annotated, recalled  int // annotated pairs (iran_side × foreign_side), and those extracted
	foreign, foreignHits int // annotated foreign places, and those extracted with a right Iranian side
}

func (s pairScore) precision() float64 { return ratio(s.correct, s.extracted) }
func (s pairScore) recall() float64    { return ratio(s.recalled, s.annotated) }
func (s pairScore) foreignRecall() float64 {
	return ratio(s.foreignHits, s.foreign)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// TestDevPairs measures extraction on the dev corpus against its
// annotations, on the text as given and as ingest cleans it, separately on
// the items tuned on and on the third held out (heldOut). An extracted pair
// matches an annotated one when the foreign places are the same and the
// Iranian places are the same or one lies in the other (مشهد and خراسان
// رضوی); an annotated "کرمان" may be the city or its province. Recall is
// over iran_side × foreign_side of each item, so an item annotated with
// three Iranian and five foreign places asks for fifteen pairs.
//
//	go test ./extract/ -run TestDevPairs -v
func TestDevPairs(t *testing.T) {
	x := Default()
	var tune, held []devItem
	for _, it := range loadDev(t) {
		if heldOut(it.ID) {
			held = append(held, it)
		} else {
			tune = append(tune, it)
		}
	}
	for _, tc := range []struct {
		name        string
		items       []devItem
		clean       bool
		minP, minR  float64 // floors, just below what is reached
		minForeignR float64
	}{
		{"tune/raw", tune, false, 0.95, 0.94, 0.97},
		{"tune/cleaned", tune, true, 0.95, 0.94, 0.97},
		{"held-out/raw", held, false, 0.85, 0.80, 0.85},
		{"held-out/cleaned", held, true, 0.85, 0.80, 0.85},
	} {
		t.Run(tc.name, func(t *testing.T) {
			total := scoreDev(t, x, tc.items, tc.clean, !strings.HasPrefix(tc.name, "held"))
			t.Logf("dev pairs (%s): precision %.3f (%d/%d), recall %.3f (%d/%d), foreign-place recall %.3f (%d/%d), %d items",
				tc.name, total.precision(), total.correct, total.extracted, total.recall(), total.recalled, total.annotated,
				total.foreignRecall(), total.foreignHits, total.foreign, len(tc.items))
			if total.precision() < tc.minP || total.recall() < tc.minR || total.foreignRecall() < tc.minForeignR {
				t.Errorf("below the floor: P %.3f (min %.2f), R %.3f (min %.2f), foreign R %.3f (min %.2f)",
					total.precision(), tc.minP, total.recall(), tc.minR, total.foreignRecall(), tc.minForeignR)
			}
		})
	}
}

// scoreDev extracts the pairs of every item and scores them; with detail it
// logs each item's wrong and missed pairs (never for the held-out items,
// which must not be tuned on).
func scoreDev(t *testing.T, x *Extractor, items []devItem, clean, detail bool) pairScore {
	g := x.places
	var total pairScore
	for _, it := range items {
		resolve := func(names []string) []peyvand.Place {
			var out []peyvand.Place
			for _, n := range names {
				p, ok := g.Lookup(n)
				if !ok {
					t.Errorf("%s: annotated place %q unknown to the gazetteer", it.ID, n)
					continue
				}
				out = append(out, p)
			}
			return out
		}
		fo := resolve(it.ForeignSide)
		var ir [][]peyvand.Place // each annotated Iranian place, with its namesake
		for _, p := range resolve(it.IranSide) {
			alt := []peyvand.Place{p}
			if q, ok := g.Namesake(p); ok {
				alt = append(alt, q)
			}
			ir = append(ir, alt)
		}
		text := it.Text
		if clean {
			text = persian.CleanText(it.Text).Text
		}
		a, ps := article(it.ID, it.Title, text)
		type pair struct{ ir, fo string }
		var got []pair
		for _, f := range x.Extract(a, ps) {
			if p := (pair{f.Iranian, f.Foreign}); !contains(got, p) {
				got = append(got, p)
			}
		}
		irMatch := func(name string, alt []peyvand.Place) bool {
			px, _ := g.Place(name)
			for _, y := range alt {
				if g.Within(px, y) || g.Within(y, px) {
					return true
				}
			}
			return false
		}
		var s pairScore
		var wrong, missed []string
		for _, p := range got {
			s.extracted++
			ok := false
			for _, y := range ir {
				for _, f := range fo {
					ok = ok || p.fo == f.Name && irMatch(p.ir, y)
				}
			}
			if ok {
				s.correct++
			} else {
				wrong = append(wrong, p.ir+"→"+p.fo)
			}
		}
		for _, f := range fo {
			s.foreign++
			hitF := false
			for _, y := range ir {
				s.annotated++
				hit := false
				for _, p := range got {
					hit = hit || p.fo == f.Name && irMatch(p.ir, y)
				}
				if hit {
					s.recalled++
					hitF = true
				} else {
					missed = append(missed, y[0].Name+"→"+f.Name)
				}
			}
			if hitF {
				s.foreignHits++
			}
		}
		if detail && len(wrong)+len(missed) > 0 {
			t.Logf("%s: P %d/%d R %d/%d  wrong %s  missed %s", it.ID, s.correct, s.extracted, s.recalled, s.annotated,
				strings.Join(wrong, " "), strings.Join(missed, " "))
		}
		total.extracted += s.extracted
		total.correct += s.correct
		total.annotated += s.annotated
		total.recalled += s.recalled
		total.foreign += s.foreign
		total.foreignHits += s.foreignHits
	}
	return total
}

func contains[T comparable](s []T, v T) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
