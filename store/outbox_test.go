package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	bolt "go.etcd.io/bbolt"
)

var errTest = errors.New("hook failed")

// TestOutbox: deliveries are queued in the article's transaction (or not
// at all when it rolls back), queued once per (event, chat) even after
// they are sent, and leave the outbox when sent, dropped or gone.
func TestOutbox(t *testing.T) {
	path := filepath.Join(t.TempDir(), "outbox.db")
	db, err := Open(path, Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	for _, id := range []int64{1, 2, -100} {
		if _, err := db.Subscribe(peyvand.Subscription{ChatID: id, Place: "اصفهان", Created: now}); err != nil {
			t.Fatal(err)
		}
	}
	committed := 0
	var queued []bool
	db.SetPutHook(func(tx *Tx, it *Item, o Outcome) error {
		id, err := tx.PutEvent(0, []byte(`{"article":"`+it.Article.ID+`"}`))
		if err != nil {
			return err
		}
		err = tx.Subscriptions(func(s peyvand.Subscription) error {
			ok, err := tx.Enqueue(Delivery{EventID: id, ChatID: s.ChatID, Place: s.Place, Due: now})
			queued = append(queued, ok)
			return err
		}, func(err error) { t.Error(err) })
		tx.OnCommit(func() { committed++ })
		return err
	})
	item := func(id string) Item {
		return Item{Article: peyvand.Article{ID: id, Title: "خبر", Text: "متن"}, Hash: id}
	}
	if _, _, err := db.Put([]Item{item("a1")}); err != nil {
		t.Fatal(err)
	}
	if committed != 1 || len(queued) != 3 {
		t.Fatalf("committed %d, queued %v; want one commit, three deliveries", committed, queued)
	}
	var pending []Delivery
	db.Outbox(func(d Delivery) error { pending = append(pending, d); return nil })
	if len(pending) != 3 || pending[0].ChatID != -100 || pending[0].EventID != 1 || !pending[0].Due.Equal(now) {
		t.Fatalf("outbox = %+v; want 3 for event 1, the group first", pending)
	}

	// A hook error rolls the article back with its deliveries.
	db.SetPutHook(func(tx *Tx, it *Item, o Outcome) error {
		tx.PutEvent(0, []byte(`{}`))
		return errTest
	})
	if _, _, err := db.Put([]Item{item("a2")}); err == nil {
		t.Fatal("Put with a failing hook succeeded")
	}
	if _, err := db.Article("a2"); err == nil {
		t.Error("the article of a failed hook was stored")
	}
	if st, _ := db.OutboxStats(); st.Events != 1 || st.Pending != 3 {
		t.Errorf("after the rollback: %+v", st)
	}

	// Sent, dropped, gone: each leaves the outbox, and stays done.
	if err := db.Sent(pending[0]); err != nil {
		t.Fatal(err)
	}
	retry := pending[1]
	retry.Attempts, retry.Due, retry.LastError = 1, now.Add(time.Minute), "502"
	if err := db.Reschedule(retry); err != nil {
		t.Fatal(err)
	}
	if n, err := db.Gone(2); n != 1 || err != nil {
		t.Fatalf("Gone(2) = %d, %v", n, err)
	}
	if subs, _ := db.Subscriptions(2); len(subs) != 1 || !subs[0].Paused {
		t.Errorf("chat 2 after Gone: %+v, want paused", subs)
	}
	pending = nil
	db.Outbox(func(d Delivery) error { pending = append(pending, d); return nil })
	if len(pending) != 1 || pending[0].ChatID != 1 || pending[0].Attempts != 1 || pending[0].LastError != "502" {
		t.Fatalf("outbox = %+v; want chat 1's rescheduled delivery", pending)
	}
	if st, _ := db.OutboxStats(); st != (OutboxStats{Events: 1, Pending: 1, Sent: 1, Dropped: 1}) {
		t.Errorf("stats = %+v", st)
	}
	// The idempotency key: a delivery done is never queued again.
	err = db.bolt.Update(func(tx *bolt.Tx) error {
		for _, chat := range []int64{-100, 2} {
			if ok, err := (&Tx{tx}).Enqueue(Delivery{EventID: 1, ChatID: chat}); ok || err != nil {
				t.Errorf("Enqueue(1, %d) again = %v, %v; want refused", chat, ok, err)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Fatalf("check: %v", errs)
	}

	// Reindex copies the alert records; pruning removes an event's.
	dst, err := Open(filepath.Join(t.TempDir(), "copy.db"), Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer dst.Close()
	if err := db.CopyUserData(dst); err != nil {
		t.Fatal(err)
	}
	if st, _ := dst.OutboxStats(); st != (OutboxStats{Events: 1, Pending: 1, Sent: 1, Dropped: 1}) {
		t.Errorf("copied stats = %+v", st)
	}
	if err := db.DeleteEvent(1); err != nil {
		t.Fatal(err)
	}
	if st, _ := db.OutboxStats(); st != (OutboxStats{}) {
		t.Errorf("after DeleteEvent: %+v", st)
	}
}

// TestCheckOrphanDelivery: check names a delivery whose event is gone.
func TestCheckOrphanDelivery(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "orphan.db"), Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.bolt.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(bucketOutbox).Put(deliveryKey(9, 1), []byte(`{"place":"all"}`))
	})
	if errs := db.Check(); len(errs) != 1 {
		t.Errorf("check = %v, want the orphan named", errs)
	}
}
