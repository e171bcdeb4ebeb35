package extract

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/tielabels"
	"github.com/peyvand/peyvand/persian"
)

// devDir is the project's dev corpus, relative to this package.
var devDir = filepath.Join("..", "testdata", "dev")

// heldOut reports whether a labelled item is in the third set aside: never
// looked at while tuning (testdata/ties/README.md).
func heldOut(id string) bool { return tielabels.HeldOut(id) }

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
	var items []devItem
	readJSONL(tb, filepath.Join(devDir, "items.jsonl"), func(b []byte) error {
		var it devItem
		err := json.Unmarshal(b, &it)
		items = append(items, it)
		return err
	})
	return items
}

// readJSONL calls fn for every line of a JSON-lines file; a missing file
// fails the test.
func readJSONL(tb testing.TB, path string, fn func([]byte) error) {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for n := 1; sc.Scan(); n++ {
		if err := fn(sc.Bytes()); err != nil {
			tb.Fatalf("%s:%d: %v", path, n, err)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
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
