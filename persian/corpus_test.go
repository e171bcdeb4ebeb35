package persian

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"testing"
)

// corpusDir is the shared corpus, relative to this package's directory:
// the public sets joins.txt is generated from.
const corpusDir = "../../shared/corpus"

// devDir is the project's dev corpus.
const devDir = "../testdata/dev"

// readSeeds returns the seed articles by file name, from testdata/seeds.
func readSeeds(t testing.TB) map[string]string {
	t.Helper()
	files, err := filepath.Glob("testdata/seeds/*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no seed fixtures in testdata/seeds: %v", err)
	}
	seeds := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		seeds[filepath.Base(f)[:3]] = string(b)
	}
	return seeds
}

// devItem is one record of dev/items.jsonl.
type devItem struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Date  string `json:"date"`
	Text  string `json:"text"`
}

// readDevItems returns the dev corpus items (testdata/dev, the project's
// own); a missing file fails the test.
func readDevItems(t testing.TB) []devItem {
	t.Helper()
	f, err := os.Open(filepath.Join(devDir, "items.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var items []devItem
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<22)
	for sc.Scan() {
		var it devItem
		if err := json.Unmarshal(sc.Bytes(), &it); err != nil {
			t.Fatalf("items.jsonl: %v", err)
		}
		items = append(items, it)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return items
}

// devQuestion is one record of dev/questions.jsonl.
type devQuestion struct {
	Q    string `json:"q"`
	Kind string `json:"kind"`
}

// readQuestions returns the dev questions from testdata (a copy of the
// shared corpus file).
func readQuestions(t testing.TB) []devQuestion {
	t.Helper()
	f, err := os.Open("testdata/questions.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var qs []devQuestion
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var q devQuestion
		if err := json.Unmarshal(sc.Bytes(), &q); err != nil {
			t.Fatalf("questions.jsonl: %v", err)
		}
		qs = append(qs, q)
	}
	return qs
}

// corpusTexts returns the seeds and, when present, the dev item texts.
func corpusTexts(t testing.TB) map[string]string {
	t.Helper()
	texts := map[string]string{}
	for k, v := range readSeeds(t) {
		texts["seed "+k] = v
	}
	for _, it := range readDevItems(t) {
		texts["item "+it.ID] = it.Title + "\n" + it.Text
	}
	return texts
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
