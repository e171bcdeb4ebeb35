// Package enginetest builds what many packages' tests start from: a
// retrieval engine over a temporary bbolt file, with the offline embedder
// and tie extraction, holding the embedded sample or the given files — in
// the manner of bbolt's internal/btesting. It is for tests only.
package enginetest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/sample"
	"github.com/peyvand/peyvand/source"
	"github.com/peyvand/peyvand/store"
)

// New returns an empty engine over a new file in tb's temp dir, closed
// when the test ends.
func New(tb testing.TB) *retrieval.Engine {
	tb.Helper()
	emb := retrieval.NewHashEmbedder(256)
	db, err := store.Open(filepath.Join(tb.TempDir(), "peyvand.db"), store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	e, err := retrieval.Open(db, emb)
	if err != nil {
		tb.Fatal(err)
	}
	e.Extract = extract.New(places.Default()).Func()
	return e
}

// Ingest stores articles, failing the test on an error.
func Ingest(tb testing.TB, e *retrieval.Engine, arts []peyvand.Article) {
	tb.Helper()
	if _, err := e.Ingest(context.Background(), arts, nil); err != nil {
		tb.Fatal(err)
	}
}

// Sample returns an engine holding the embedded sample corpus.
func Sample(tb testing.TB) *retrieval.Engine {
	tb.Helper()
	arts, err := sample.Articles()
	if err != nil {
		tb.Fatal(err)
	}
	e := New(tb)
	Ingest(tb, e, arts)
	return e
}

// Files returns an engine holding the articles of .jsonl files, read as
// ingest reads them; a missing or unreadable file fails the test.
func Files(tb testing.TB, files ...string) *retrieval.Engine {
	tb.Helper()
	e := New(tb)
	for _, path := range files {
		Ingest(tb, e, Read(tb, path))
	}
	return e
}

// Read returns the articles of one .jsonl file.
func Read(tb testing.TB, path string) []peyvand.Article {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	arts, fails := source.ReadJSONL(f, filepath.Base(path))
	if len(arts) == 0 {
		tb.Fatalf("%s: no articles (%v)", path, fails)
	}
	return arts
}
