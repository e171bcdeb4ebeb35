package store

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"time"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
)

// The alert outbox: events (one per news event, however many outlets
// carry it), and per (event, chat) a delivery, pending in the outbox until
// it is sent or given up, then recorded in delivered. Deliveries are
// written in the transaction that stores the article, so an alert is
// neither lost nor queued twice; the delivered record is the idempotency
// key that keeps a later report of the same event from alerting again.

// Delivery is one alert (or one digest line) owed to one chat.
type Delivery struct {
	EventID   uint64    `json:"-"`
	ChatID    int64     `json:"-"`
	Place     string    `json:"place"`            // the subscription it answers, for its unsubscribe button
	Digest    bool      `json:"digest,omitempty"` // goes out in the chat's daily digest
	Due       time.Time `json:"due"`              // not before
	Attempts  int       `json:"attempts,omitempty"`
	LastError string    `json:"last_error,omitempty"`
}

// Delivery outcomes kept in the delivered bucket.
const (
	deliveredSent    = 1
	deliveredDropped = 2 // given up: the chat refused the bot, or retries ran out
)

// deliveryKey is the event id then the chat id (sign flipped, as in
// subscriptions), so one event's deliveries are contiguous.
func deliveryKey(eventID uint64, chatID int64) []byte {
	k := binary.BigEndian.AppendUint64(make([]byte, 0, 16), eventID)
	return binary.BigEndian.AppendUint64(k, uint64(chatID)^(1<<63))
}

func decodeDeliveryKey(k []byte) (uint64, int64, error) {
	if len(k) != 16 {
		return 0, 0, fmt.Errorf("delivery key %x: %w", k, errCorrupt)
	}
	return binary.BigEndian.Uint64(k), int64(binary.BigEndian.Uint64(k[8:]) ^ (1 << 63)), nil
}

// PutHook is called inside Put's transaction for every item added or
// updated, after the item is written: what it writes through tx commits
// or rolls back with the article.
type PutHook func(tx *Tx, it *Item, o Outcome) error

// SetPutHook sets the hook Put calls; nil removes it. Set it before the
// first Put.
func (db *DB) SetPutHook(h PutHook) { db.hook = h }

// Tx is the part of a Put transaction a PutHook may use.
type Tx struct{ tx *bolt.Tx }

// OnCommit runs fn after the transaction commits (not if it rolls back).
func (t *Tx) OnCommit(fn func()) { t.tx.OnCommit(fn) }

// Events calls fn for stored events, newest first, until it returns false.
func (t *Tx) Events(fn func(id uint64, data []byte) (more bool, err error)) error {
	c := t.tx.Bucket(bucketEvents).Cursor()
	for k, v := c.Last(); k != nil; k, v = c.Prev() {
		if len(k) != 8 {
			continue // not an event key; check reports it
		}
		more, err := fn(binary.BigEndian.Uint64(k), v)
		if err != nil || !more {
			return err
		}
	}
	return nil
}

// PutEvent stores an event's data under id, or under a new id when id is
// 0, and returns the id.
func (t *Tx) PutEvent(id uint64, data []byte) (uint64, error) {
	b := t.tx.Bucket(bucketEvents)
	if id == 0 {
		var err error
		if id, err = b.NextSequence(); err != nil {
			return 0, err
		}
	}
	return id, b.Put(binary.BigEndian.AppendUint64(nil, id), data)
}

// Subscriptions calls fn for every subscription, by chat. A record that
// does not decode is skipped (bad reports it): it must not stop ingest.
func (t *Tx) Subscriptions(fn func(peyvand.Subscription) error, bad func(error)) error {
	return t.tx.Bucket(bucketSubscriptions).ForEach(func(k, v []byte) error {
		s, err := decodeSub(k, v)
		if err != nil {
			bad(err)
			return nil
		}
		return fn(s)
	})
}

// Enqueue queues a delivery unless one for the same event and chat is
// queued or was delivered already; it reports whether it queued. A
// per-event delivery replaces a queued digest one: the chat asked to
// hear of this event at once.
func (t *Tx) Enqueue(d Delivery) (bool, error) {
	k := deliveryKey(d.EventID, d.ChatID)
	if t.tx.Bucket(bucketDelivered).Get(k) != nil {
		return false, nil
	}
	if v := t.tx.Bucket(bucketOutbox).Get(k); v != nil {
		old, err := decodeDelivery(k, v)
		if err != nil || !old.Digest || d.Digest {
			return false, nil
		}
	}
	v, err := json.Marshal(d)
	if err != nil {
		return false, err
	}
	return true, t.tx.Bucket(bucketOutbox).Put(k, v)
}

// Event returns the data of a stored event, nil when there is none.
func (db *DB) Event(id uint64) ([]byte, error) {
	var out []byte
	err := db.view(func(tx *bolt.Tx) error {
		if v := tx.Bucket(bucketEvents).Get(binary.BigEndian.AppendUint64(nil, id)); v != nil {
			out = bytes.Clone(v)
		}
		return nil
	})
	return out, err
}

// Outbox calls fn for every pending delivery, by event then chat.
func (db *DB) Outbox(fn func(Delivery) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketOutbox)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			d, err := decodeDelivery(k, v)
			if err != nil {
				return err
			}
			return fn(d)
		})
	})
}

func decodeDelivery(k, v []byte) (Delivery, error) {
	var d Delivery
	ev, chat, err := decodeDeliveryKey(k)
	if err != nil {
		return d, err
	}
	if err := json.Unmarshal(v, &d); err != nil {
		return d, fmt.Errorf("delivery %x: %w", k, err)
	}
	d.EventID, d.ChatID = ev, chat
	return d, nil
}

// Sent records deliveries as done: out of the outbox, into delivered.
// Concurrent calls share a commit (bbolt's Batch), which is what lets a
// fan-out record thousands of sends a second.
func (db *DB) Sent(ds ...Delivery) error {
	return db.bolt.Batch(func(tx *bolt.Tx) error { return finish(tx, ds, deliveredSent) })
}

// Drop gives deliveries up: out of the outbox, recorded as dropped, so
// they are never queued again.
func (db *DB) Drop(ds ...Delivery) error {
	return db.update(func(tx *bolt.Tx) error { return finish(tx, ds, deliveredDropped) })
}

func finish(tx *bolt.Tx, ds []Delivery, state byte) error {
	out, done := tx.Bucket(bucketOutbox), tx.Bucket(bucketDelivered)
	for _, d := range ds {
		k := deliveryKey(d.EventID, d.ChatID)
		if err := out.Delete(k); err != nil {
			return err
		}
		if err := done.Put(k, []byte{state}); err != nil {
			return err
		}
	}
	return nil
}

// Reschedule rewrites pending deliveries (their Due, Attempts and
// LastError); a delivery no longer pending is left alone.
func (db *DB) Reschedule(ds ...Delivery) error {
	return db.update(func(tx *bolt.Tx) error {
		out := tx.Bucket(bucketOutbox)
		for _, d := range ds {
			k := deliveryKey(d.EventID, d.ChatID)
			if out.Get(k) == nil {
				continue
			}
			v, err := json.Marshal(d)
			if err != nil {
				return err
			}
			if err := out.Put(k, v); err != nil {
				return err
			}
		}
		return nil
	})
}

// Gone handles a chat that refused the bot: its subscriptions are paused
// and its pending deliveries dropped, in one transaction. It returns how
// many deliveries it dropped.
func (db *DB) Gone(chatID int64) (int, error) {
	n := 0
	err := db.update(func(tx *bolt.Tx) error {
		if err := setPaused(tx.Bucket(bucketSubscriptions), chatID, true); err != nil {
			return err
		}
		var err error
		n, err = dropPending(tx, chatID, "")
		return err
	})
	return n, err
}

// dropPending drops a chat's pending deliveries, those for one
// subscription place or, with place "", all of them.
func dropPending(tx *bolt.Tx, chatID int64, place string) (int, error) {
	var ds []Delivery
	err := tx.Bucket(bucketOutbox).ForEach(func(k, v []byte) error {
		ev, chat, err := decodeDeliveryKey(k)
		if err != nil || chat != chatID {
			return nil // check reports a bad key
		}
		if place != "" {
			if d, err := decodeDelivery(k, v); err != nil || d.Place != place {
				return nil
			}
		}
		ds = append(ds, Delivery{EventID: ev, ChatID: chat})
		return nil
	})
	if err != nil {
		return 0, err
	}
	return len(ds), finish(tx, ds, deliveredDropped)
}

// DeleteEvent removes an event with its pending and delivered records:
// the sender's pruning of events too old to be reported again.
func (db *DB) DeleteEvent(id uint64) error {
	return db.update(func(tx *bolt.Tx) error {
		prefix := binary.BigEndian.AppendUint64(nil, id)
		for _, name := range [][]byte{bucketOutbox, bucketDelivered} {
			b := tx.Bucket(name)
			for _, k := range prefixKeys(b, prefix) {
				if err := b.Delete(k); err != nil {
					return err
				}
			}
		}
		return tx.Bucket(bucketEvents).Delete(prefix)
	})
}

// Events calls fn for every stored event, oldest first.
func (db *DB) Events(fn func(id uint64, data []byte) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketEvents)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("event key %x: %w", k, errCorrupt)
			}
			return fn(binary.BigEndian.Uint64(k), v)
		})
	})
}

// OutboxStats counts the alert records.
type OutboxStats struct {
	Events, Pending, Sent, Dropped int
}

// OutboxStats counts events, pending deliveries, and deliveries sent and
// dropped.
func (db *DB) OutboxStats() (OutboxStats, error) {
	var s OutboxStats
	err := db.view(func(tx *bolt.Tx) error {
		if b := tx.Bucket(bucketEvents); b != nil {
			s.Events = b.Stats().KeyN
		}
		if b := tx.Bucket(bucketOutbox); b != nil {
			s.Pending = b.Stats().KeyN
		}
		if b := tx.Bucket(bucketDelivered); b != nil {
			return b.ForEach(func(_, v []byte) error {
				if len(v) == 1 && v[0] == deliveredSent {
					s.Sent++
				} else {
					s.Dropped++
				}
				return nil
			})
		}
		return nil
	})
	return s, err
}
