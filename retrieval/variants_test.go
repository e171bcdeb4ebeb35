package retrieval_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/retrieval"
)

// spellingVariants are the ways users' keyboards and news sites write the
// same question: half-spaces dropped (the words glued) or typed as spaces,
// Arabic ي and ك, and each digit script.
var spellingVariants = []struct {
	name string
	of   func(string) string
}{
	{"glued", strings.NewReplacer("\u200c", "").Replace},
	{"half-space as space", strings.NewReplacer("\u200c", " ").Replace},
	{"Arabic ي ك", strings.NewReplacer("ی", "ي", "ک", "ك").Replace},
	{"Latin digits", strings.NewReplacer("۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5", "۶", "6", "۷", "7", "۸", "8", "۹", "9").Replace},
	{"Persian digits", strings.NewReplacer("0", "۰", "1", "۱", "2", "۲", "3", "۳", "4", "۴", "5", "۵", "6", "۶", "7", "۷", "8", "۸", "9", "۹").Replace},
	{"Arabic-Indic digits", strings.NewReplacer("۰", "٠", "۱", "١", "۲", "٢", "۳", "٣", "۴", "٤", "۵", "٥", "۶", "٦", "۷", "٧", "۸", "٨", "۹", "٩",
		"0", "٠", "1", "١", "2", "٢", "3", "٣", "4", "٤", "5", "٥", "6", "٦", "7", "٧", "8", "٨", "9", "٩").Replace},
}

// readQuestions reads the Persian questions ("q") of a JSONL question file.
func readQuestions(tb testing.TB, path string) []string {
	tb.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var out []string
	for line := range strings.Lines(string(raw)) {
		var q struct{ Q, Lang string }
		if err := json.Unmarshal([]byte(line), &q); err != nil {
			tb.Fatalf("%s: %v", path, err)
		}
		if q.Lang != "en" {
			out = append(out, q.Q)
		}
	}
	return out
}

// TestSpellingVariants asks the dev and labelled questions over the dev and
// extra items, each also in every spelling variant that changes it, and
// checks that a variant retrieves the same top three articles as the
// question as written.
func TestSpellingVariants(t *testing.T) {
	dev := filepath.Join("..", "testdata", "dev")
	e := enginetest.Files(t, filepath.Join(dev, "items.jsonl"), filepath.Join("..", "testdata", "ties", "extra_items.jsonl"))
	qs := append(readQuestions(t, filepath.Join(dev, "questions.jsonl")),
		readQuestions(t, filepath.Join("..", "testdata", "questions", "questions.jsonl"))...)
	top3 := func(q string) []string {
		rs, err := e.Search(context.Background(), retrieval.Query{Text: q, K: 3, PerArticle: 1})
		if err != nil {
			t.Fatalf("%q: %v", q, err)
		}
		ids := make([]string, len(rs))
		for i, r := range rs {
			ids[i] = r.Article.ID
		}
		return ids
	}
	total, same := 0, 0
	byName := map[string][2]int{}
	for _, q := range qs {
		want := top3(q)
		for _, v := range spellingVariants {
			vq := v.of(q)
			if vq == q {
				continue
			}
			total++
			c := byName[v.name]
			c[1]++
			if got := top3(vq); slices.Equal(got, want) {
				same++
				c[0]++
			} else {
				t.Logf("%s %q: top 3 %v; as written %q: %v", v.name, vq, got, q, want)
			}
			byName[v.name] = c
		}
	}
	share := float64(same) / float64(max(total, 1))
	t.Logf("spelling variants with the same top 3 articles: %.3f (%d/%d)", share, same, total)
	for _, v := range spellingVariants {
		c := byName[v.name]
		t.Logf("  %s: %d/%d", v.name, c[0], c[1])
	}
	if total < 100 {
		t.Errorf("only %d variants; the question files changed?", total)
	}
	if share < 0.98 {
		t.Errorf("same top 3 for %.3f of variants; want ≥ 0.98", share)
	}
}
