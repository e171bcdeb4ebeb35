package store_test

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/store"
)

// TestDamagedFile: a page overwritten with garbage makes no command panic:
// a verified open is refused with an EDamaged error, Check reports the
// damage, and the file is left exactly as it was.
func TestDamagedFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "peyvand.db")
	db, err := store.Open(path, store.Options{Embedder: "test", Dim: 3})
	if err != nil {
		t.Fatal(err)
	}
	var items []store.Item
	for i := range 200 {
		items = append(items, item("a"+string(rune('A'+i%26))+string(rune('a'+i/26)), "h", "صادرات اصفهان به مسکو و تفاهم‌نامه تبریز و باکو"))
	}
	if _, _, err := db.Put(items); err != nil {
		t.Fatal(err)
	}
	db.Close()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	page := 4096
	for i := 6 * page; i < 8*page && i < len(raw); i++ {
		raw[i] = byte(i * 7)
	}
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}

	_, err = store.Open(path, store.Options{Embedder: "test", Dim: 3, Verify: true})
	if peyvand.ErrorCode(err) != peyvand.EDamaged || peyvand.ErrorMessage(err) == "" {
		t.Fatalf("verified open of a damaged file: %v; want EDamaged", err)
	}
	ro, err := store.Open(path, store.Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open for check: %v", err)
	}
	errs := ro.Check()
	ro.Close()
	if len(errs) == 0 || peyvand.ErrorCode(errs[0]) != peyvand.EDamaged {
		t.Errorf("Check of a damaged file: %v; want the damage reported", errs)
	}
	after, _ := os.ReadFile(path)
	if !bytes.Equal(after, raw) {
		t.Error("the damaged file was written to")
	}
}

// TestCallerPanicIsNotDamage: a panic in the caller's own code inside a
// transaction is that code's bug, not a damaged file: it is not turned
// into an EDamaged error.
func TestCallerPanicIsNotDamage(t *testing.T) {
	db := mustOpen(t, "")
	if _, _, err := db.Put([]store.Item{item("a1", "h", "صادرات اصفهان به مسکو")}); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if r := recover(); r == nil {
			t.Error("the caller's panic was swallowed")
		}
	}()
	db.Articles(func(peyvand.Article) error { panic("a bug of the caller") })
}
