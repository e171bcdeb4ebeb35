package store

import (
	"bytes"
	"fmt"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
)

func factPrefix(articleID string) []byte {
	return append(idKey(articleID), 0)
}

func encodeFact(f *peyvand.Fact) []byte {
	var e enc
	e.uint(2)
	e.str(f.PassageID)
	e.str(f.Iranian)
	e.str(f.Foreign)
	e.str(string(f.Relation))
	e.time(f.Date)
	e.f64(f.Confidence)
	e.str(f.Evidence)
	e.str(string(f.Status))
	e.str(f.ForeignCountry)
	e.uint(b2u(f.ForeignRead))
	return e.b
}

func decodeFact(articleID string, b []byte) (peyvand.Fact, error) {
	d := dec{b: b}
	v := d.uint()
	if v != 1 && v != 2 && d.err == nil {
		return peyvand.Fact{}, fmt.Errorf("fact record version %d: %w", v, errCorrupt)
	}
	f := peyvand.Fact{ArticleID: articleID}
	f.PassageID = d.str()
	f.Iranian = d.str()
	f.Foreign = d.str()
	f.Relation = peyvand.Relation(d.str())
	f.Date = d.time()
	f.Confidence = d.f64()
	f.Evidence = d.str()
	if v >= 2 {
		f.Status = peyvand.Status(d.str())
		f.ForeignCountry = d.str()
		f.ForeignRead = d.uint() == 1
	}
	return f, d.err
}

func putFacts(tx *bolt.Tx, articleID string, facts []peyvand.Fact) error {
	b := tx.Bucket(bucketFacts)
	for i := range facts {
		key := append(factPrefix(articleID), u32(uint32(i))...)
		if err := b.Put(key, encodeFact(&facts[i])); err != nil {
			return err
		}
	}
	return nil
}

// deleteFacts removes an article's facts: keys are collected first, since
// deleting while a cursor iterates skips entries.
func deleteFacts(tx *bolt.Tx, articleID string) error {
	b := tx.Bucket(bucketFacts)
	prefix := factPrefix(articleID)
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, append([]byte(nil), k...))
	}
	for _, k := range keys {
		if err := b.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Facts returns every stored tie fact.
func (db *DB) Facts() ([]peyvand.Fact, error) {
	var out []peyvand.Fact
	err := db.view(func(tx *bolt.Tx) error {
		arts := tx.Bucket(bucketArticles)
		long := map[string]string{} // hashed key → the article's id
		return tx.Bucket(bucketFacts).ForEach(func(k, v []byte) error {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				return fmt.Errorf("fact key %q: %w", k, errCorrupt)
			}
			id := string(k[:i])
			if hashedKey(k[:i]) {
				real, ok := long[id]
				if !ok {
					r, err := decodeArticle(id, arts.Get(k[:i]), false)
					if err != nil {
						return fmt.Errorf("fact %q: its article: %w", k, err)
					}
					real, long[id] = r.ID, r.ID
				}
				id = real
			}
			f, err := decodeFact(id, v)
			if err != nil {
				return fmt.Errorf("fact %q: %w", k, err)
			}
			out = append(out, f)
			return nil
		})
	})
	return out, err
}

func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
