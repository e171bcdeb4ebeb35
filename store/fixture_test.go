package store_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// copyFixture copies a testdata file to a temp dir and returns its path and
// bytes.
func copyFixture(t *testing.T, name string) (string, []byte) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "peyvand.db")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path, raw
}

// TestSchema2FileNeedsReindex: testdata/schema2.db was written by the
// version before schema 3 (commit 092caa8) and holds an article whose id is
// 655 bytes of a percent-encoded URL. Its passages, vectors and postings are
// of the layout before schema 4: opening it for use is refused, in Persian,
// naming «peyvand reindex», without a panic and without a byte written.
// It verifies as a backup. Opened with OldLayout it gives its articles,
// refuses its index, and a rebuild from it finds the long id's article.
func TestSchema2FileNeedsReindex(t *testing.T) {
	path, raw := copyFixture(t, "schema2.db")
	emb := retrieval.NewHashEmbedder(256)
	for _, opt := range []store.Options{{Embedder: emb.Name(), Dim: emb.Dim(), Verify: true}, {ReadOnly: true}} {
		_, err := store.Open(path, opt)
		if peyvand.ErrorCode(err) != peyvand.EIncompatible || !errors.Is(err, store.ErrOldLayout) {
			t.Fatalf("open (read-only %v) of a schema-2 file: %v; want EIncompatible, ErrOldLayout", opt.ReadOnly, err)
		}
		if msg := peyvand.ErrorMessage(err); !strings.Contains(msg, "peyvand reindex") {
			t.Errorf("the user's message %q does not name the command to run", msg)
		}
	}
	if after, _ := os.ReadFile(path); !bytes.Equal(after, raw) {
		t.Fatal("a refused open wrote to the old file")
	}
	// A backup of the old layout verifies, so it can be restored, then
	// reindexed.
	if err := store.Verify(path); err != nil {
		t.Errorf("Verify of a sound schema-2 file: %v", err)
	}

	src, err := store.Open(path, store.Options{OldLayout: true})
	if err != nil {
		t.Fatalf("open with OldLayout: %v", err)
	}
	defer src.Close()
	if !src.OldLayout() {
		t.Error("OldLayout() = false for a schema-2 file")
	}
	if _, _, err := src.Put(nil); !errors.Is(err, store.ErrOldLayout) {
		t.Errorf("Put into the old layout: %v; want ErrOldLayout", err)
	}
	if _, err := retrieval.Open(src, emb); !errors.Is(err, store.ErrOldLayout) {
		t.Errorf("loading the old layout's index: %v; want ErrOldLayout", err)
	}
	if errs := src.Check(); len(errs) != 1 || !errors.Is(errs[0], store.ErrOldLayout) {
		t.Errorf("check of the old layout: %v; want only ErrOldLayout", errs)
	}

	dst, err := store.Open(filepath.Join(t.TempDir(), "new.db"), store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	e, err := retrieval.Open(dst, emb)
	if err != nil {
		t.Fatal(err)
	}
	if err := retrieval.Rebuild(context.Background(), src, e, nil); err != nil {
		t.Fatalf("rebuild from the old file: %v", err)
	}
	long := "https://www.example.ir/fa/news/123/" + strings.Repeat("%D8%AA%D9%81%D8%A7%D9%87%D9%85-", 20)
	if a, err := dst.Article(long); err != nil || a.ID != long {
		t.Fatalf("the long id's article: %v", err)
	}
	res, err := e.Search(context.Background(), retrieval.Query{Text: "تفاهم‌نامه تبریز باکو", K: 1})
	if err != nil || len(res) != 1 || res[0].Article.ID != long {
		t.Fatalf("search over the rebuilt file: %v, %v", res, err)
	}
	if errs := dst.Check(); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
	s, _ := dst.Stats()
	if s.Articles != 2 {
		t.Errorf("%d articles; want 2", s.Articles)
	}
	src.Close()
	// The old file keeps its schema: it still asks for a reindex.
	if _, err := store.Open(path, store.Options{Embedder: emb.Name(), Dim: emb.Dim()}); !errors.Is(err, store.ErrOldLayout) {
		t.Errorf("the old file after a rebuild from it: %v; want ErrOldLayout still", err)
	}
}
