package store

import (
	"bytes"
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// checkOutbox verifies that every pending and finished delivery names a
// stored event, and that pending ones decode.
func checkOutbox(tx *bolt.Tx, report func(string, ...any)) error {
	events := tx.Bucket(bucketEvents)
	if events == nil { // a read-only file from before alerts
		return nil
	}
	for _, name := range [][]byte{bucketOutbox, bucketDelivered} {
		err := tx.Bucket(name).ForEach(func(k, v []byte) error {
			if len(k) != 16 || events.Get(k[:8]) == nil {
				report("%s record %x names no stored event", name, k)
				return nil
			}
			if string(name) == string(bucketOutbox) {
				if _, err := decodeDelivery(k, v); err != nil {
					report("%w", err)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
	}
	return nil
}

// Check verifies the file's integrity: bbolt's own page check, then that
// every article's passages exist and point back to it, that every vector
// and posting belongs to a stored passage, that every passage's terms are
// in its postings segment, and that every fact's article exists. It returns
// every problem found, or nil.
func (db *DB) Check() []error {
	var errs []error
	report := func(format string, args ...any) {
		if len(errs) < 100 {
			errs = append(errs, fmt.Errorf(format, args...))
		}
	}
	err := db.view(func(tx *bolt.Tx) error {
		for err := range tx.Check() {
			if len(errs) < 100 {
				errs = append(errs, damaged(db.path, err))
			}
		}
		arts, pass := tx.Bucket(bucketArticles), tx.Bucket(bucketPassages)
		owner := map[uint32]string{}
		err := arts.ForEach(func(k, v []byte) error {
			r, err := decodeArticle(string(k), v, false)
			if err != nil {
				report("%w", err)
				return nil
			}
			for _, n := range r.Passages {
				owner[n] = r.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
		postings := map[string]map[uint32]uint32{} // posting key → passage → freq
		err = tx.Bucket(bucketPostings).ForEach(func(k, v []byte) error {
			i := bytes.IndexByte(k, 0)
			if i < 0 {
				report("postings key %q has no term separator", k)
				return nil
			}
			m := map[uint32]uint32{}
			d := dec{b: v}
			var num uint32
			for len(d.b) > 0 && d.err == nil {
				num += uint32(d.uint())
				m[num] = uint32(d.uint())
				if owner[num] == "" {
					report("posting %q names passage %d, which no article owns", k[:i], num)
				}
			}
			if d.err != nil {
				report("postings %q: %w", k, d.err)
			}
			postings[string(k)] = m
			return nil
		})
		if err != nil {
			return err
		}
		seen := map[uint32]bool{}
		err = pass.ForEach(func(k, v []byte) error {
			num := binary.BigEndian.Uint32(k)
			seen[num] = true
			r, err := decodePassage(v, false)
			if err != nil {
				report("passage %d: %w", num, err)
				return nil
			}
			if owner[num] != r.ArticleID {
				report("passage %d belongs to %q but article %q lists it", num, r.ArticleID, owner[num])
			}
			for _, t := range r.Terms {
				if postings[string(postingKey(t.Term, r.Segment))][num] != uint32(t.Freq) {
					report("passage %d: term %q missing from its postings", num, t.Term)
				}
			}
			return nil
		})
		if err != nil {
			return err
		}
		for num, id := range owner {
			if !seen[num] {
				report("article %q lists missing passage %d", id, num)
			}
		}
		err = tx.Bucket(bucketVectors).ForEach(func(k, _ []byte) error {
			if !seen[binary.BigEndian.Uint32(k)] {
				report("vector %d has no passage", binary.BigEndian.Uint32(k))
			}
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketFacts).ForEach(func(k, _ []byte) error {
			i := bytes.IndexByte(k, 0)
			if i < 0 || arts.Get(k[:i]) == nil {
				report("fact %q of a missing article", k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		return checkOutbox(tx, report)
	})
	if err != nil {
		errs = append(errs, err)
	}
	return errs
}
