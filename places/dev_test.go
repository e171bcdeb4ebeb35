package places

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// corpusDir is the shared corpus, relative to this package's directory.
var corpusDir = filepath.Join("..", "..", "shared", "corpus")

// devItem is one line of dev/items.jsonl.
type devItem struct {
	ID          string   `json:"id"`
	Title       string   `json:"title"`
	Text        string   `json:"text"`
	IranSide    []string `json:"iran_side"`
	ForeignSide []string `json:"foreign_side"`
	Relation    string   `json:"relation"`
}

func loadDev(tb testing.TB) []devItem {
	tb.Helper()
	f, err := os.Open(filepath.Join(corpusDir, "dev", "items.jsonl"))
	if os.IsNotExist(err) {
		tb.Skipf("dev corpus not found at %s", corpusDir)
	}
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var items []devItem
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var it devItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			tb.Fatal(err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return items
}

// article builds an article and its passages the way ingest does.
func article(id, title, text string) (peyvand.Article, []peyvand.Passage) {
	a := peyvand.Article{ID: id, Title: title, Text: text}
	var ps []peyvand.Passage
	for i, sp := range persian.Passages(text) {
		ps = append(ps, peyvand.Passage{ArticleID: id, Index: i, Start: sp.Start, End: sp.End, Text: text[sp.Start:sp.End]})
	}
	return a, ps
}

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
// annotations, on the text as given and as ingest cleans it. An extracted
// pair matches an annotated one when the foreign places are the same and
// the Iranian places are the same or one lies in the other (مشهد and خراسان
// رضوی); an annotated "کرمان" may be the city or its province. Recall is
// over iran_side × foreign_side of each item, so an item annotated with
// three Iranian and five foreign places asks for fifteen pairs.
func TestDevPairs(t *testing.T) {
	items := loadDev(t)
	g := Default()
	for _, tc := range []struct {
		name        string
		clean       bool
		minP, minR  float64 // floors, just below what is reached
		minForeignR float64
	}{
		{"raw", false, 0.95, 0.94, 0.99},
		{"cleaned", true, 0.95, 0.94, 0.99},
	} {
		t.Run(tc.name, func(t *testing.T) {
			total := scoreDev(t, g, items, tc.clean)
			t.Logf("dev pairs (%s): precision %.3f (%d/%d), recall %.3f (%d/%d), foreign-place recall %.3f (%d/%d), %d items",
				tc.name, total.precision(), total.correct, total.extracted, total.recall(), total.recalled, total.annotated,
				total.foreignRecall(), total.foreignHits, total.foreign, len(items))
			if total.precision() < tc.minP || total.recall() < tc.minR || total.foreignRecall() < tc.minForeignR {
				t.Errorf("below the floor: P %.3f (min %.2f), R %.3f (min %.2f), foreign R %.3f (min %.2f)",
					total.precision(), tc.minP, total.recall(), tc.minR, total.foreignRecall(), tc.minForeignR)
			}
		})
	}
}

// scoreDev extracts the pairs of every item and scores them; it logs each
// item's wrong and missed pairs.
func scoreDev(t *testing.T, g *Gazetteer, items []devItem, clean bool) pairScore {
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
		for _, f := range Extract(g, a, ps) {
			if p := (pair{f.Iranian, f.Foreign}); !contains(got, p) {
				got = append(got, p)
			}
		}
		irMatch := func(x string, alt []peyvand.Place) bool {
			px, _ := g.Place(x)
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
		if len(wrong)+len(missed) > 0 {
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
