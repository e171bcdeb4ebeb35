package store

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
)

func TestSubscriptions(t *testing.T) {
	path := filepath.Join(t.TempDir(), "subs.db")
	db, err := Open(path, Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, s := range []peyvand.Subscription{
		{ChatID: 42, Place: "تبریز", Created: now},
		{ChatID: 42, Place: "استان اصفهان", Digest: true, Created: now},
		{ChatID: -100123, Place: peyvand.AllPlaces, Created: now}, // a group: negative id
		{ChatID: 7, Place: "روسیه", Created: now},
	} {
		if added, err := db.Subscribe(s); err != nil || !added {
			t.Fatalf("Subscribe(%+v) = %v, %v; want added", s, added, err)
		}
	}
	if added, _ := db.Subscribe(peyvand.Subscription{ChatID: 42, Place: "تبریز", Digest: true}); added {
		t.Error("subscribing again to تبریز reported a new place")
	}
	got, err := db.Subscriptions(42)
	if err != nil || len(got) != 2 || !got[1].Digest || got[1].Place != "تبریز" {
		t.Fatalf("Subscriptions(42) = %+v, %v; want two, تبریز now a digest", got, err)
	}
	if err := db.SetPaused(42, true); err != nil {
		t.Fatal(err)
	}
	var all []peyvand.Subscription
	db.AllSubscriptions(func(s peyvand.Subscription) error { all = append(all, s); return nil })
	if len(all) != 4 || all[0].ChatID != -100123 {
		t.Fatalf("AllSubscriptions = %+v; want 4, the group first", all)
	}
	for _, s := range all {
		if s.Paused != (s.ChatID == 42) {
			t.Errorf("%+v: paused %v", s, s.Paused)
		}
	}
	// Subscribing again resumes a paused chat.
	db.Subscribe(peyvand.Subscription{ChatID: 42, Place: "مشهد"})
	got, _ = db.Subscriptions(42)
	for _, s := range got {
		if s.Paused {
			t.Errorf("%+v still paused after subscribing again", s)
		}
	}
	if n, err := db.Unsubscribe(42, "تبریز"); n != 1 || err != nil {
		t.Errorf("Unsubscribe(42, تبریز) = %d, %v", n, err)
	}
	if n, err := db.Unsubscribe(42, ""); n != 2 || err != nil {
		t.Errorf("Unsubscribe(42, all) = %d, %v; want 2", n, err)
	}
	if n, _ := db.Unsubscribe(42, "تبریز"); n != 0 {
		t.Errorf("Unsubscribe of a missing place removed %d", n)
	}
	// They survive a reopen.
	db.Close()
	db, err = Open(path, Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, _ = db.Subscriptions(-100123)
	if len(got) != 1 || got[0].Place != peyvand.AllPlaces || !got[0].Created.Equal(now) {
		t.Errorf("after reopen: %+v", got)
	}
}

func TestFeedback(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "fb.db"), Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, helpful := range []bool{true, false} {
		f := peyvand.Feedback{ChatID: int64(i), Helpful: helpful, Question: "خواهرخوانده‌های شیراز کدامند؟",
			Answer: "نانجینگ [1]", Mode: peyvand.ModeGraph, Citations: []string{"n021"}}
		if err := db.AddFeedback(f); err != nil {
			t.Fatal(err)
		}
	}
	var got []peyvand.Feedback
	db.Feedback(func(f peyvand.Feedback) error { got = append(got, f); return nil })
	if len(got) != 2 || !got[0].Helpful || got[1].Helpful || got[1].Citations[0] != "n021" {
		t.Errorf("Feedback = %+v", got)
	}
}
