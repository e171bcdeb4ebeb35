package retrieval

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// TestIngestHostileSizes: a 40 KB id and a 40 KB run of letters are
// stored like any article; nothing else in the batch is lost.
func TestIngestHostileSizes(t *testing.T) {
	emb := NewHashEmbedder(64)
	db, err := store.Open(filepath.Join(t.TempDir(), "x.db"), store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	e, err := Open(db, emb)
	if err != nil {
		t.Fatal(err)
	}
	arts := []peyvand.Article{
		{ID: "a", Title: "صادرات اصفهان", Text: "صادرات اصفهان " + strings.Repeat("ب", 40_000) + " به مسکو افزایش یافت."},
		{ID: strings.Repeat("i", 40_000), Title: "تفاهم‌نامه", Text: "تفاهم‌نامه تبریز و باکو امضا شد."},
		{ID: "c", Title: "هیئت", Text: "هیئت تجاری شیراز به دوشنبه رفت."},
	}
	outs, err := e.Ingest(context.Background(), arts, nil)
	if err != nil || len(outs) != 3 {
		t.Fatalf("Ingest = %d outcomes, %v; want 3, nil", len(outs), err)
	}
	res, err := e.Search(context.Background(), Query{Text: "تفاهم‌نامه تبریز باکو", K: 1})
	if err != nil || len(res) != 1 || res[0].Article.ID != arts[1].ID {
		t.Errorf("the long id's article is not found: %v, %v", res, err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
}
