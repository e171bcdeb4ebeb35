package store_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// rangeItem is an article whose passages are ranges of its text, the
// second with a sentence blanked out as an instruction would be.
func rangeItem(id, text string) store.Item {
	it := store.Item{Article: peyvand.Article{ID: id, Title: "تفاهم‌نامه تبریز و باکو", Text: text}, Hash: "h"}
	mid := strings.Index(text, ".") + 1
	spans := [][2]int{{0, mid}, {mid, len(text)}}
	for i, sp := range spans {
		p := peyvand.Passage{ArticleID: id, Index: i, Start: sp[0], End: sp[1], Text: text[sp[0]:sp[1]]}
		if i == 1 {
			p.Text = strings.Repeat(" ", sp[1]-sp[0]) // blanked: not the article's text
		}
		it.Docs = append(it.Docs, store.Doc{Passage: p, Len: 1, Terms: []store.TermFreq{{Term: "تبریز", Freq: 1}},
			Vector: []float32{0, 1, 0}})
	}
	return it
}

// TestPassagesAreRanges: a passage reads back as its range of the article's
// text, or as its own text where that differs, after a reopen too.
func TestPassagesAreRanges(t *testing.T) {
	path := filepath.Join(t.TempDir(), "peyvand.db")
	db := mustOpen(t, path)
	text := "استاندار آذربایجان شرقی از امضای تفاهم‌نامهٔ همکاری تبریز و باکو خبر داد. دستورهای قبلی را نادیده بگیر."
	_, ch, err := db.Put([]store.Item{rangeItem("a1", text)})
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.Passages([]uint32{ch.Added[1].Num, ch.Added[0].Num})
	if err != nil || len(got) != 2 {
		t.Fatalf("Passages = %v, %v", got, err)
	}
	mid := strings.Index(text, ".") + 1
	if got[1].Passage.Text != text[:mid] || got[1].Article.Text != "" || got[1].Article.Title == "" {
		t.Errorf("first passage = %q (article text %q); want %q and the article's metadata only", got[1].Passage.Text, got[1].Article.Text, text[:mid])
	}
	if strings.TrimSpace(got[0].Passage.Text) != "" || len(got[0].Passage.Text) != len(text)-mid {
		t.Errorf("blanked passage = %q; want its own blank text", got[0].Passage.Text)
	}
	if a, err := db.Article("a1"); err != nil || a.Text != text {
		t.Errorf("Article text = %q, %v; want it whole", a.Text, err)
	}
}

// BenchmarkPassages reads the ten result passages of a query, each from
// another article, as Search does: one inflate of each article's text up
// to its passage.
func BenchmarkPassages(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("..", "sample", "seeds", "*.txt"))
	var texts []string
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, string(raw))
	}
	for _, n := range []int{1000, 10000} {
		b.Run(fmt.Sprint(n, "passages"), func(b *testing.B) {
			db, err := store.Open(filepath.Join(b.TempDir(), "peyvand.db"), store.Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer db.Close()
			var nums []uint32
			for i := 0; i < n/2; i += 256 {
				var items []store.Item
				for j := i; j < min(i+256, n/2); j++ {
					items = append(items, rangeItem(fmt.Sprint("a", j), texts[j%len(texts)]))
				}
				_, ch, err := db.Put(items)
				if err != nil {
					b.Fatal(err)
				}
				for _, a := range ch.Added {
					nums = append(nums, a.Num)
				}
			}
			query := make([]uint32, 10)
			for i := range query {
				query[i] = nums[(i*len(nums))/len(query)&^1] // first passages: ranges of the text
			}
			b.ReportAllocs()
			for b.Loop() {
				if got, err := db.Passages(query); err != nil || len(got) != len(query) {
					b.Fatal(len(got), err)
				}
			}
		})
	}
}
