package store_test

import (
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// TestBackupWhileWriting snapshots a database another goroutine keeps
// writing to: every snapshot opens, passes Check, and holds whole batches.
func TestBackupWhileWriting(t *testing.T) {
	dir := t.TempDir()
	db, err := store.Open(filepath.Join(dir, "live.db"), store.Options{Embedder: "test", Dim: 3})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Subscribe(peyvand.Subscription{ChatID: 9, Place: "تبریز"})
	var wg sync.WaitGroup
	stop := make(chan struct{})
	first := make(chan struct{}) // the first batch is committed
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			id := fmt.Sprintf("n%04d", i)
			if _, _, err := db.Put([]store.Item{item(id, "h"+id, "همکاری تبریز و باکو در بخش گردشگری", "هیئت تجاری اصفهان در مسکو")}); err != nil {
				t.Error(err)
				if i == 0 {
					close(first)
				}
				return
			}
			if i == 0 {
				close(first)
			}
		}
	}()
	// Snapshots taken while the writer runs, after it has committed once: a
	// backup faster than the first commit would hold nothing to check.
	<-first
	for i := 0; i < 5; i++ {
		path := filepath.Join(dir, fmt.Sprintf("backup%d.db", i))
		if _, err := db.BackupFile(path); err != nil {
			t.Fatal(err)
		}
		if err := store.Verify(path); err != nil {
			t.Fatalf("backup %d: %v", i, err)
		}
	}
	close(stop)
	wg.Wait()
	last := filepath.Join(dir, "backup4.db")
	b := mustOpenRO(t, last)
	s, _ := b.Stats()
	subs, _ := b.Subscriptions(9)
	b.Close()
	if s.Articles == 0 || s.Passages != 2*s.Articles || len(subs) != 1 {
		t.Errorf("backup holds %d articles, %d passages, %d subscriptions; want whole batches and the subscription", s.Articles, s.Passages, len(subs))
	}

	// Restore refuses while the live file is open, then replaces it.
	if err := store.Restore(last, filepath.Join(dir, "live.db")); peyvand.ErrorCode(err) != peyvand.EUnavailable {
		t.Errorf("Restore over an open database: %v; want EUnavailable", err)
	}
	db.Close()
	if err := store.Restore(last, filepath.Join(dir, "live.db")); err != nil {
		t.Fatal(err)
	}
	r := mustOpenRO(t, filepath.Join(dir, "live.db"))
	defer r.Close()
	if rs, _ := r.Stats(); rs.Articles != s.Articles {
		t.Errorf("restored %d articles; want %d", rs.Articles, s.Articles)
	}
	// A file that is not a database is refused.
	if err := store.Restore(filepath.Join(dir, "missing.db"), filepath.Join(dir, "live.db")); err == nil {
		t.Error("restored from a missing file")
	}
}

func mustOpenRO(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	return db
}
