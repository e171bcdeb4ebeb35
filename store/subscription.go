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

// subscription records are JSON: few, small and worth reading in a dump.
type subscriptionRec struct {
	Digest    bool               `json:"digest,omitempty"`
	Paused    bool               `json:"paused,omitempty"`
	Muted     bool               `json:"muted,omitempty"`
	Relations []peyvand.Relation `json:"relations,omitempty"`
	Created   time.Time          `json:"created"`
}

// subKey is the chat id (big-endian, sign bit flipped so negative group ids
// sort first) followed by the place.
func subKey(chatID int64, place string) []byte {
	k := binary.BigEndian.AppendUint64(nil, uint64(chatID)^(1<<63))
	return append(k, place...)
}

func subPrefix(chatID int64) []byte { return subKey(chatID, "") }

func decodeSub(k, v []byte) (peyvand.Subscription, error) {
	if len(k) < 8 {
		return peyvand.Subscription{}, fmt.Errorf("subscription key %x: %w", k, errCorrupt)
	}
	var r subscriptionRec
	if err := json.Unmarshal(v, &r); err != nil {
		return peyvand.Subscription{}, fmt.Errorf("subscription %x: %w", k, err)
	}
	return peyvand.Subscription{ChatID: int64(binary.BigEndian.Uint64(k) ^ (1 << 63)), Place: string(k[8:]),
		Digest: r.Digest, Paused: r.Paused, Muted: r.Muted, Relations: r.Relations, Created: r.Created}, nil
}

// Subscribe records a subscription, replacing the chat's earlier one for
// the same place (to switch between digest and per-event alerts, or to
// change the relations followed). A chat paused because it blocked the bot
// is resumed; a chat that muted its alerts stays muted, the new
// subscription with it. It reports whether the place was new for the chat.
func (db *DB) Subscribe(s peyvand.Subscription) (added bool, err error) {
	err = db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubscriptions)
		k := subKey(s.ChatID, s.Place)
		added = b.Get(k) == nil
		if err := setPaused(b, s.ChatID, false); err != nil {
			return err
		}
		muted, err := chatMuted(b, s.ChatID)
		if err != nil {
			return err
		}
		v, err := json.Marshal(subscriptionRec{Digest: s.Digest, Muted: muted || s.Muted,
			Relations: s.Relations, Created: s.Created})
		if err != nil {
			return err
		}
		return b.Put(k, v)
	})
	return added, err
}

// Unsubscribe removes the chat's subscription to place, or every one of its
// subscriptions when place is empty, and returns how many it removed. The
// alerts queued for what it removed are dropped with it.
func (db *DB) Unsubscribe(chatID int64, place string) (int, error) {
	n := 0
	err := db.update(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubscriptions)
		if _, err := dropPending(tx, chatID, place); err != nil {
			return err
		}
		if place != "" {
			k := subKey(chatID, place)
			if b.Get(k) == nil {
				return nil
			}
			n = 1
			return b.Delete(k)
		}
		keys := prefixKeys(b, subPrefix(chatID))
		n = len(keys)
		for _, k := range keys {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return nil
	})
	return n, err
}

// Subscriptions returns a chat's subscriptions, by place.
func (db *DB) Subscriptions(chatID int64) ([]peyvand.Subscription, error) {
	var out []peyvand.Subscription
	err := db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubscriptions)
		if b == nil { // a read-only file from before subscriptions
			return nil
		}
		c := b.Cursor()
		p := subPrefix(chatID)
		for k, v := c.Seek(p); k != nil && bytes.HasPrefix(k, p); k, v = c.Next() {
			s, err := decodeSub(k, v)
			if err != nil {
				return err
			}
			out = append(out, s)
		}
		return nil
	})
	return out, err
}

// AllSubscriptions calls fn for every subscription, by chat.
func (db *DB) AllSubscriptions(fn func(peyvand.Subscription) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketSubscriptions)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			s, err := decodeSub(k, v)
			if err != nil {
				return err
			}
			return fn(s)
		})
	})
}

// SetPaused pauses (the chat blocked the bot) or resumes every
// subscription of a chat.
func (db *DB) SetPaused(chatID int64, paused bool) error {
	return db.update(func(tx *bolt.Tx) error {
		return setPaused(tx.Bucket(bucketSubscriptions), chatID, paused)
	})
}

func setPaused(b *bolt.Bucket, chatID int64, paused bool) error {
	_, err := rewriteSubs(b, chatID, func(r *subscriptionRec) bool {
		changed := r.Paused != paused
		r.Paused = paused
		return changed
	})
	return err
}

// SetMuted mutes (/pause) or unmutes (/resume) every subscription of a
// chat and returns how many it changed. Muting drops the chat's queued
// alerts with it (a digest due tomorrow, a retry after a failure): a
// paused chat hears nothing from then on.
func (db *DB) SetMuted(chatID int64, muted bool) (int, error) {
	n := 0
	err := db.update(func(tx *bolt.Tx) error {
		var err error
		n, err = rewriteSubs(tx.Bucket(bucketSubscriptions), chatID, func(r *subscriptionRec) bool {
			changed := r.Muted != muted
			r.Muted = muted
			return changed
		})
		if err != nil || !muted {
			return err
		}
		_, err = dropPending(tx, chatID, "")
		return err
	})
	return n, err
}

// chatMuted reports whether the chat muted its subscriptions.
func chatMuted(b *bolt.Bucket, chatID int64) (bool, error) {
	muted := false
	_, err := rewriteSubs(b, chatID, func(r *subscriptionRec) bool {
		muted = muted || r.Muted
		return false
	})
	return muted, err
}

// rewriteSubs applies change to each subscription record of a chat,
// writing back those it reports changed, and returns how many it changed.
func rewriteSubs(b *bolt.Bucket, chatID int64, change func(r *subscriptionRec) bool) (int, error) {
	n := 0
	for _, k := range prefixKeys(b, subPrefix(chatID)) {
		var r subscriptionRec
		if err := json.Unmarshal(b.Get(k), &r); err != nil {
			return n, fmt.Errorf("subscription %x: %w", k, err)
		}
		if !change(&r) {
			continue
		}
		v, err := json.Marshal(r)
		if err != nil {
			return n, err
		}
		if err := b.Put(k, v); err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// prefixKeys collects the keys under a prefix, copied, so the caller may
// then delete or rewrite them.
func prefixKeys(b *bolt.Bucket, prefix []byte) [][]byte {
	var keys [][]byte
	c := b.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		keys = append(keys, bytes.Clone(k))
	}
	return keys
}

// AddFeedback stores a 👍/👎 with the answer it judges. A record for the
// same chat and message (MessageID set) is replaced, through the
// feedback_by_message index, so that a second press changes the vote or
// adds its reason rather than adding a vote.
func (db *DB) AddFeedback(f peyvand.Feedback) error {
	v, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return db.update(func(tx *bolt.Tx) error {
		b, ix := tx.Bucket(bucketFeedback), tx.Bucket(bucketFeedbackIndex)
		var ik []byte
		if f.MessageID != 0 && ix != nil {
			ik = binary.BigEndian.AppendUint64(subPrefix(f.ChatID), uint64(f.MessageID))
			if k := ix.Get(ik); k != nil && b.Get(k) != nil {
				return b.Put(bytes.Clone(k), v)
			}
		}
		seq, err := b.NextSequence()
		if err != nil {
			return err
		}
		k := binary.BigEndian.AppendUint64(nil, seq)
		if err := b.Put(k, v); err != nil {
			return err
		}
		if ik != nil {
			return ix.Put(ik, k)
		}
		return nil
	})
}

// Feedback calls fn for every feedback record, oldest first.
func (db *DB) Feedback(fn func(peyvand.Feedback) error) error {
	return db.view(func(tx *bolt.Tx) error {
		b := tx.Bucket(bucketFeedback)
		if b == nil {
			return nil
		}
		return b.ForEach(func(k, v []byte) error {
			var f peyvand.Feedback
			if err := json.Unmarshal(v, &f); err != nil {
				return fmt.Errorf("feedback %x: %w", k, err)
			}
			return fn(f)
		})
	})
}
