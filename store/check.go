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
// every article's passages exist, point back to it and lie within its
// text, that every vector and posting belongs to a stored passage of the
// posting's segment, that every passage with terms is in some posting list
// of its segment, and that every fact's article exists. It returns every
// problem found, or nil.
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
		if err := db.layout(); err != nil {
			errs = append(errs, err) // its passages are not of this layout
			return nil
		}
		arts, pass := tx.Bucket(bucketArticles), tx.Bucket(bucketPassages)
		owner := map[uint32]string{}
		textLen := map[string]int{}
		err := arts.ForEach(func(k, v []byte) error {
			r, err := decodeArticle(string(k), v, true)
			if err != nil {
				report("%w", err)
				return nil
			}
			textLen[r.ID] = len(r.Text)
			for _, n := range r.Passages {
				owner[n] = r.ID
			}
			return nil
		})
		if err != nil {
			return err
		}
		segment := map[uint32]uint32{} // passage → its postings segment
		indexed := map[uint32]bool{}   // passages with terms: each must be in a posting list
		err = pass.ForEach(func(k, v []byte) error {
			num := binary.BigEndian.Uint32(k)
			r, err := decodePassage(v, false)
			if err != nil {
				report("passage %d: %w", num, err)
				return nil
			}
			segment[num] = r.Segment
			if r.Len > 0 {
				indexed[num] = true
			}
			if owner[num] != r.ArticleID {
				report("passage %d belongs to %q but article %q lists it", num, r.ArticleID, owner[num])
			} else if n, ok := textLen[r.ArticleID]; ok && !r.HasText && r.End > n {
				report("passage %d: range %d..%d beyond its article's %d bytes", num, r.Start, r.End, n)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for num, id := range owner {
			if _, ok := segment[num]; !ok {
				report("article %q lists missing passage %d", id, num)
			}
		}
		listed := map[uint32]bool{}
		err = tx.Bucket(bucketPostings).ForEach(func(k, v []byte) error {
			seg, term, ok := postingTerm(k)
			if !ok {
				report("postings key %q is too short", k)
				return nil
			}
			d := dec{b: v}
			var num uint32
			for len(d.b) > 0 && d.err == nil {
				delta, _ := d.posting()
				num += delta
				listed[num] = true
				if s, ok := segment[num]; !ok || owner[num] == "" {
					report("posting %q names passage %d, which no article owns", term, num)
				} else if s != seg {
					report("posting %q of segment %d names passage %d of segment %d", term, seg, num, s)
				}
			}
			if d.err != nil {
				report("postings %q: %w", k, d.err)
			}
			return nil
		})
		if err != nil {
			return err
		}
		for num := range indexed {
			if !listed[num] {
				report("passage %d has terms but is in no posting list", num)
			}
		}
		dim := -1 // a file of no embedder: any length
		if d := (dec{b: tx.Bucket(bucketMeta).Get(keyDim)}); len(d.b) > 0 {
			dim = int(d.uint())
		}
		err = tx.Bucket(bucketVectors).ForEach(func(k, v []byte) error {
			num := binary.BigEndian.Uint32(k)
			if _, ok := segment[num]; !ok {
				report("vector %d has no passage", num)
			}
			if len(v) < 4 || (dim >= 0 && len(v) != 4+dim) {
				report("vector %d is %d bytes; want a scale and %d int8 components", num, len(v), dim)
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
