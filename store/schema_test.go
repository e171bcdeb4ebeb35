package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
)

// v1Fact encodes a fact as schema 1 wrote it: no status, country or read
// mark.
func v1Fact(f peyvand.Fact) []byte {
	var e enc
	e.uint(1)
	e.str(f.PassageID)
	e.str(f.Iranian)
	e.str(f.Foreign)
	e.str(string(f.Relation))
	e.time(f.Date)
	e.f64(f.Confidence)
	e.str(f.Evidence)
	return e.b
}

func TestDecodeFactOfEachVersion(t *testing.T) {
	f := peyvand.Fact{ArticleID: "a1", PassageID: "a1#0", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelSisterCity,
		Date: time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC), Confidence: 0.9, Evidence: "پیمان خواهرخواندگی اصفهان و کازان امضا شد."}
	got, err := decodeFact("a1", v1Fact(f))
	if err != nil || got.Iranian != f.Iranian || got.Foreign != f.Foreign || got.Evidence != f.Evidence ||
		!got.Date.Equal(f.Date) || got.Status != "" || got.ForeignRead {
		t.Errorf("a version-1 record decodes as %+v, %v; want %+v with no status", got, err, f)
	}
	f.Status, f.ForeignCountry, f.ForeignRead = peyvand.StatusProposed, "روسیه", true
	if got, err := decodeFact("a1", encodeFact(&f)); err != nil || got.Status != f.Status || got.ForeignCountry != "روسیه" || !got.ForeignRead {
		t.Errorf("a version-2 record decodes as %+v, %v", got, err)
	}
	var e enc
	e.uint(3)
	if _, err := decodeFact("a1", append(e.b, encodeFact(&f)[1:]...)); !errors.Is(err, errCorrupt) {
		t.Errorf("a version-3 record: err %v; want errCorrupt", err)
	}
}

// setSchema writes n as the file's schema version, behind the store's back.
func setSchema(t *testing.T, path string, n uint64, facts ...[]byte) {
	t.Helper()
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	err = b.Update(func(tx *bolt.Tx) error {
		var e enc
		e.uint(n)
		if err := tx.Bucket(bucketMeta).Put(keySchema, e.b); err != nil {
			return err
		}
		for i, f := range facts {
			if err := tx.Bucket(bucketFacts).Put(append(factPrefix("old"), u32(uint32(i))...), f); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func schemaOf(t *testing.T, db *DB) uint64 {
	t.Helper()
	var n uint64
	db.bolt.View(func(tx *bolt.Tx) error {
		d := dec{b: tx.Bucket(bucketMeta).Get(keySchema)}
		n = d.uint()
		return nil
	})
	return n
}

func TestSchemaVersions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "peyvand.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	old := peyvand.Fact{Iranian: "شیراز", Foreign: "زنگبار", Relation: peyvand.RelSisterCity, Confidence: 0.9}
	setSchema(t, path, 1, v1Fact(old))

	// A version-1 file reads as it is, read-only, and keeps its version.
	ro, err := Open(path, Options{ReadOnly: true})
	if err != nil {
		t.Fatalf("read-only open of a version-1 file: %v", err)
	}
	if n := schemaOf(t, ro); n != 1 {
		t.Errorf("read-only open changed the schema to %d", n)
	}
	ro.Close()

	// Opened for writing, it is marked with this version and its facts survive.
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatalf("open a version-1 file: %v", err)
	}
	if n := schemaOf(t, db); n != SchemaVersion {
		t.Errorf("schema after a writing open = %d; want %d", n, SchemaVersion)
	}
	facts, err := db.Facts()
	if err != nil || len(facts) != 1 || facts[0].Foreign != "زنگبار" {
		t.Errorf("facts of the upgraded file = %v, %v", facts, err)
	}
	db.Close()

	// A newer file is refused, in Persian, and left as it was.
	setSchema(t, path, SchemaVersion+1)
	for _, ro := range []bool{false, true} {
		_, err := Open(path, Options{ReadOnly: ro})
		var pe *peyvand.Error
		if !errors.As(err, &pe) || pe.Code != peyvand.EIncompatible {
			t.Errorf("open (read-only %v) of a schema %d file: %v; want EIncompatible", ro, SchemaVersion+1, err)
		}
	}
	b, _ := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	b.View(func(tx *bolt.Tx) error {
		if d := (dec{b: tx.Bucket(bucketMeta).Get(keySchema)}); d.uint() != SchemaVersion+1 {
			t.Error("a refused open rewrote the schema version")
		}
		return nil
	})
	b.Close()
}
