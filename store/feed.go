package store

import bolt "go.etcd.io/bbolt"

// FeedRecord returns what the feed poller stored for a feed URL (its
// validators, seen and pending items, as the poller encodes them), or nil.
func (db *DB) FeedRecord(url string) ([]byte, error) {
	var out []byte
	err := db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketFeeds); b != nil {
			if v := b.Get([]byte(url)); v != nil {
				out = append([]byte(nil), v...)
			}
		}
		return nil
	})
	return out, err
}

// PutFeedRecord stores a feed's poller record.
func (db *DB) PutFeedRecord(url string, rec []byte) error {
	return db.update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketFeeds).Put([]byte(url), rec)
	})
}
