package store_test

import (
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// mustOpen opens a database in a temp dir and checks its consistency when
// the test ends.
func mustOpen(tb testing.TB, path string) *store.DB {
	tb.Helper()
	if path == "" {
		path = filepath.Join(tb.TempDir(), "peyvand.db")
	}
	db, err := store.Open(path, store.Options{Embedder: "test", Dim: 3})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() {
		for _, err := range db.Check() {
			tb.Errorf("check: %v", err)
		}
		db.Close()
	})
	return db
}

func item(id, hash string, passages ...string) store.Item {
	a := peyvand.Article{ID: id, Title: "سفر هیئت تجاری اصفهان به مسکو", Date: time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)}
	it := store.Item{Article: a, Hash: hash}
	for i, p := range passages {
		it.Docs = append(it.Docs, store.Doc{
			Passage: peyvand.Passage{ArticleID: id, Index: i, Text: p, Start: 0, End: len(p)},
			Len:     2,
			Terms:   []store.TermFreq{{Term: "اصفهان", Freq: 1}, {Term: p, Freq: 2}},
			Vector:  []float32{1, 0, 0},
		})
	}
	it.Facts = []peyvand.Fact{{ArticleID: id, Iranian: "اصفهان", Foreign: "مسکو", Relation: peyvand.RelMOU}}
	return it
}

// loader records what Load streams.
type loader struct {
	docs     map[uint32]int
	postings map[string][]uint32
}

func (l *loader) LoadDoc(num, _ uint32, length int, _ store.Quantized) { l.docs[num] = length }
func (l *loader) LoadPostings(term string, nums, _ []uint32) {
	l.postings[term] = append(l.postings[term], nums...)
}

func load(t *testing.T, db *store.DB) *loader {
	t.Helper()
	l := &loader{docs: map[uint32]int{}, postings: map[string][]uint32{}}
	if err := db.Load(l); err != nil {
		t.Fatal(err)
	}
	return l
}

func TestPut(t *testing.T) {
	db := mustOpen(t, "")
	out, ch, err := db.Put([]store.Item{item("a", "h1", "مسکو", "سن پترزبورگ")})
	if err != nil {
		t.Fatal(err)
	}
	if out[0] != store.Added || len(ch.Added) != 2 || len(ch.Removed) != 0 {
		t.Fatalf("first put = %v, %+v; want added with 2 passages", out, ch)
	}
	t.Run("Unchanged", func(t *testing.T) {
		out, ch, err := db.Put([]store.Item{item("a", "h1", "مسکو", "سن پترزبورگ")})
		if err != nil || out[0] != store.Unchanged || len(ch.Added)+len(ch.Removed) != 0 {
			t.Fatalf("re-put = %v, %+v, %v; want unchanged and no change", out, ch, err)
		}
	})
	t.Run("Updated", func(t *testing.T) {
		out, ch, err := db.Put([]store.Item{item("a", "h2", "کازان")})
		if err != nil || out[0] != store.Updated || len(ch.Added) != 1 || len(ch.Removed) != 2 {
			t.Fatalf("changed put = %v, %+v, %v; want updated, 1 added, 2 removed", out, ch, err)
		}
		l := load(t, db)
		if len(l.docs) != 1 || len(l.postings["مسکو"]) != 0 || len(l.postings["اصفهان"]) != 1 {
			t.Fatalf("after update: docs %v, postings %v", l.docs, l.postings)
		}
		facts, err := db.Facts()
		if err != nil || len(facts) != 1 {
			t.Fatalf("facts = %v, %v; want the one fact of the new version", facts, err)
		}
	})
	t.Run("Passages", func(t *testing.T) {
		got, err := db.Passages([]uint32{1, 3, 99})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1 || got[0].Passage.Text != "کازان" || got[0].Article.Title == "" {
			t.Fatalf("Passages = %+v; want only passage 3 (کازان) with its article", got)
		}
	})
}

func TestPutSameArticleTwiceInOneBatch(t *testing.T) {
	db := mustOpen(t, "")
	_, _, err := db.Put([]store.Item{item("a", "h1", "مسکو"), item("a", "h2", "کازان")})
	if err != nil {
		t.Fatal(err)
	}
	l := load(t, db)
	if len(l.docs) != 1 || len(l.postings["مسکو"]) != 0 {
		t.Fatalf("docs %v postings %v; want only the second version", l.docs, l.postings)
	}
}

func TestDelete(t *testing.T) {
	db := mustOpen(t, "")
	if _, _, err := db.Put([]store.Item{item("a", "h", "مسکو"), item("b", "h", "مسکو")}); err != nil {
		t.Fatal(err)
	}
	removed, err := db.Delete("a")
	if err != nil || len(removed) != 1 {
		t.Fatalf("Delete = %v, %v", removed, err)
	}
	if _, err := db.Delete("a"); peyvand.ErrorCode(err) != peyvand.ENotFound {
		t.Fatalf("second Delete error = %v; want ENotFound", err)
	}
	l := load(t, db)
	if got := l.postings["مسکو"]; len(got) != 1 {
		t.Fatalf("postings of مسکو = %v; want only b's passage", got)
	}
	if _, err := db.Article("a"); peyvand.ErrorCode(err) != peyvand.ENotFound {
		t.Fatalf("Article(a) error = %v; want ENotFound", err)
	}
}

func TestReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "p.db")
	db, err := store.Open(path, store.Options{Embedder: "test", Dim: 3})
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := db.Put([]store.Item{item("a", "h", "مسکو")}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	t.Run("OtherEmbedder", func(t *testing.T) {
		_, err := store.Open(path, store.Options{Embedder: "openai:text-embedding-3-small", Dim: 1536})
		if peyvand.ErrorCode(err) != peyvand.EIncompatible {
			t.Fatalf("open with another embedder: %v; want EIncompatible", err)
		}
	})
	t.Run("Locked", func(t *testing.T) {
		db, err := store.Open(path, store.Options{Embedder: "test", Dim: 3})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		start := time.Now()
		_, err = store.Open(path, store.Options{Embedder: "test", Dim: 3, Timeout: 100 * time.Millisecond})
		if peyvand.ErrorCode(err) != peyvand.EUnavailable {
			t.Fatalf("second open: %v; want EUnavailable", err)
		}
		if time.Since(start) > 5*time.Second {
			t.Fatal("lock wait ignored the timeout")
		}
	})
	t.Run("Mode", func(t *testing.T) {
		if info, err := statMode(path); err != nil || info != 0o600 {
			t.Fatalf("file mode = %o, %v; want 0600", info, err)
		}
	})
	t.Run("Article", func(t *testing.T) {
		db := mustOpen(t, path)
		a, err := db.Article("a")
		if err != nil || a.Title != "سفر هیئت تجاری اصفهان به مسکو" || !a.Date.Equal(time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)) {
			t.Fatalf("Article = %+v, %v", a, err)
		}
	})
}

func TestErrorsAreCoded(t *testing.T) {
	_, err := store.Open(filepath.Join(t.TempDir(), "missing-dir", "x.db"), store.Options{})
	if err == nil {
		t.Fatal("open in a missing directory succeeded")
	}
	var e *peyvand.Error
	if errors.As(err, &e) {
		t.Fatalf("a plain I/O failure became a coded error: %v", err)
	}
}

// TestLongID: an id over bbolt's key limit is stored (keyed by its hash,
// kept whole), read back, listed with its facts, deleted, and checks clean.
func TestLongID(t *testing.T) {
	db := mustOpen(t, "")
	long := "https://example.ir/news?" + strings.Repeat("x", 40_000)
	it := item(long, "h1", "صادرات اصفهان به مسکو")
	if _, _, err := db.Put([]store.Item{item("short", "h0", "تفاهم‌نامه تبریز و باکو"), it}); err != nil {
		t.Fatalf("Put with a 40 KB id: %v", err)
	}
	a, err := db.Article(long)
	if err != nil || a.ID != long {
		t.Fatalf("Article(long) = %.40q, %v", a.ID, err)
	}
	facts, err := db.Facts()
	if err != nil || len(facts) != 2 || !slices.ContainsFunc(facts, func(f peyvand.Fact) bool { return f.ArticleID == long }) {
		t.Fatalf("Facts: %d, %v; want the long id's fact with its id", len(facts), err)
	}
	var ids []string
	db.Articles(func(a peyvand.Article) error { ids = append(ids, a.ID); return nil })
	if !slices.Contains(ids, long) {
		t.Errorf("Articles does not list the long id")
	}
	if _, _, err := db.Put([]store.Item{it}); err != nil {
		t.Errorf("re-Put: %v", err)
	}
	if _, err := db.Delete(long); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Article(long); err == nil {
		t.Errorf("the long id survived Delete")
	}
}

// TestRankingRecorded: the hybrid weights a file is opened with are
// recorded, the last replacing the one before.
func TestRankingRecorded(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rank.db")
	for _, r := range []string{"dense=0.15 coverage=0.2", "dense=1 coverage=0.2"} {
		db, err := store.Open(path, store.Options{Embedder: "e", Dim: 4, Ranking: r})
		if err != nil {
			t.Fatal(err)
		}
		s, err := db.Stats()
		db.Close()
		if err != nil || s.Ranking != r {
			t.Errorf("Stats().Ranking = %q, %v; want %q", s.Ranking, err, r)
		}
	}
}
