package store_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// TestOpensSchema2File: testdata/schema2.db was written by the version
// before schema 3 (commit 092caa8) and holds an article whose id is 655
// bytes of a percent-encoded URL. This version reads, finds and updates
// it, and marks the file as schema 3.
func TestOpensSchema2File(t *testing.T) {
	raw, err := os.ReadFile(filepath.Join("testdata", "schema2.db"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "peyvand.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	emb := retrieval.NewHashEmbedder(256)
	db, err := store.Open(path, store.Options{Embedder: emb.Name(), Dim: emb.Dim(), Verify: true})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	long := "https://www.example.ir/fa/news/123/" + strings.Repeat("%D8%AA%D9%81%D8%A7%D9%87%D9%85-", 20)
	if a, err := db.Article(long); err != nil || a.ID != long {
		t.Fatalf("the long id's article: %v", err)
	}
	e, err := retrieval.Open(db, emb)
	if err != nil {
		t.Fatal(err)
	}
	res, err := e.Search(context.Background(), retrieval.Query{Text: "تفاهم‌نامه تبریز باکو", K: 1})
	if err != nil || len(res) != 1 || res[0].Article.ID != long {
		t.Fatalf("search over the old file: %v, %v", res, err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
	s, _ := db.Stats()
	if s.Articles != 2 {
		t.Errorf("%d articles; want 2", s.Articles)
	}
}
