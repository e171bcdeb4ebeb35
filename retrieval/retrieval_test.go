package retrieval_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/sample"
	"github.com/peyvand/peyvand/store"
)

// mustEngine opens an engine over a temp database with the offline embedder;
// the database's consistency is checked when the test ends.
func mustEngine(tb testing.TB, path string) *retrieval.Engine {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "peyvand.db")
	}
	e := openEngine(tb, path)
	tb.Cleanup(func() {
		for _, err := range e.Store().Check() {
			tb.Errorf("check: %v", err)
		}
		e.Store().Close()
	})
	return e
}

// openEngine opens an engine the caller closes.
func openEngine(tb testing.TB, path string) *retrieval.Engine {
	tb.Helper()
	emb := retrieval.NewHashEmbedder(256)
	db, err := store.Open(path, store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		tb.Fatal(err)
	}
	e, err := retrieval.Open(db, emb)
	if err != nil {
		tb.Fatal(err)
	}
	return e
}

func sampleArticles() ([]peyvand.Article, error) { return sample.Articles() }

func mustSample(tb testing.TB, e *retrieval.Engine) []peyvand.Article {
	tb.Helper()
	arts, err := sample.Articles()
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := e.Ingest(context.Background(), arts, nil); err != nil {
		tb.Fatal(err)
	}
	return arts
}

func TestSearchSeeds(t *testing.T) {
	e := mustEngine(t, "")
	mustSample(t, e)
	tests := []struct {
		query string // as a user would type it
		want  string // the seed article that must rank first
	}{
		{"سفر هیئت اصفهان به مسکو و سن پترزبورگ", "sample/000_1a8b584e1f4b7ca4"},
		{"خواهرخواندگي اصفهان و مسقط", "sample/001_fc9ab3219461baff"},
		{"سفر هیأت اقتصادی آذربایجان شرقی به باکو", "sample/002_3b94ff37277a5cd1"},
		{"اتاق گوانگژو در شهرداری گرگان", "sample/003_ffe83dbda3b558e3"},
		{"شهروند دیپلمات بارسلون و فلورانس", "sample/004_ec7f83be353f266a"},
		{"همکاری‌های گرگان با گوانگجو", "sample/003_ffe83dbda3b558e3"},
	}
	for _, mode := range []retrieval.Mode{retrieval.Hybrid, retrieval.KeywordOnly, retrieval.DenseOnly} {
		for _, tt := range tests {
			rs, err := e.Search(context.Background(), retrieval.Query{Text: tt.query, K: 3, Mode: mode})
			if err != nil {
				t.Fatal(err)
			}
			if len(rs) == 0 || rs[0].Article.ID != tt.want {
				got := ""
				if len(rs) > 0 {
					got = rs[0].Article.ID
				}
				t.Errorf("mode %d: Search(%q) first = %q; want %q", mode, tt.query, got, tt.want)
			}
		}
	}
}

func TestSearchPerArticleCapAndCoverage(t *testing.T) {
	e := mustEngine(t, "")
	mustSample(t, e)
	rs, err := e.Search(context.Background(), retrieval.Query{Text: "اصفهان", K: 10})
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int{}
	for _, r := range rs {
		per[r.Article.ID]++
		if per[r.Article.ID] > 2 {
			t.Fatalf("article %s has more than 2 passages in the results", r.Article.ID)
		}
	}
	rs, err = e.Search(context.Background(), retrieval.Query{Text: "اصفهان", K: 10, Mode: retrieval.KeywordOnly})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Coverage != 1 {
			t.Errorf("passage %s: coverage = %v; want 1 for a one-word query it contains", peyvand.PassageID(r.Article.ID, r.Passage.Index), r.Coverage)
		}
	}
	rs, err = e.Search(context.Background(), retrieval.Query{Text: "زلزله ژاپن", K: 3})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		if r.Coverage > 0 {
			t.Errorf("unrelated query: coverage %v; want 0", r.Coverage)
		}
	}
}

func TestSearchPlaceBoost(t *testing.T) {
	e := mustEngine(t, "")
	mustSample(t, e)
	q := retrieval.Query{Text: "همکاری تجاری", K: 1, Places: [][]string{{"گوانگژو", "گوانگجو"}}}
	rs, err := e.Search(context.Background(), q)
	if err != nil {
		t.Fatal(err)
	}
	if len(rs) != 1 || rs[0].PlacesMatched != 1 || rs[0].Article.ID != "sample/003_ffe83dbda3b558e3" {
		t.Fatalf("boosted search = %+v; want the Gorgan–Guangzhou article", rs)
	}
}

func TestIngestIdempotentAndReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	e := openEngine(t, path)
	arts := mustSample(t, e)
	out, err := e.Ingest(context.Background(), arts, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		if o.Result != store.Unchanged {
			t.Fatalf("re-ingest of %s = %v; want unchanged", o.ArticleID, o.Result)
		}
	}
	before, _ := e.Search(context.Background(), retrieval.Query{Text: "گرگان گوانگژو"})
	arts[3].Text += "\n\nاین بند تازه به خبر افزوده شد."
	out, err = e.Ingest(context.Background(), arts[3:4], nil)
	if err != nil || out[0].Result != store.Updated {
		t.Fatalf("changed ingest = %v, %v; want updated", out, err)
	}
	e.Store().Close()

	e2 := mustEngine(t, path) // reopen: the index is rebuilt from the file
	after, err := e2.Search(context.Background(), retrieval.Query{Text: "گرگان گوانگژو"})
	if err != nil {
		t.Fatal(err)
	}
	if len(after) == 0 || after[0].Article.ID != before[0].Article.ID {
		t.Fatalf("after reopen first = %v; want %s", after, before[0].Article.ID)
	}
}
