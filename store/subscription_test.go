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

// TestFeedbackChangesVote checks that a second press on the same message
// replaces its record (the vote changed, then a reason added) while
// another message's vote stays its own.
func TestFeedbackChangesVote(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "fb.db"), Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	now := time.Date(2026, 12, 4, 8, 0, 0, 0, time.UTC)
	vote := func(msg int, helpful bool, reason string) {
		t.Helper()
		f := peyvand.Feedback{Time: now, ChatID: 7, MessageID: msg, Helpful: helpful, Reason: reason,
			Question: "شریکان تبریز", Answer: "باکو [1]"}
		if err := db.AddFeedback(f); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
	}
	vote(501, true, "")
	vote(502, true, "")
	now = now.Add(9 * 24 * time.Hour) // a change long after, under many later votes
	vote(501, false, "")
	vote(501, false, "incomplete")
	var got []peyvand.Feedback
	db.Feedback(func(f peyvand.Feedback) error { got = append(got, f); return nil })
	if len(got) != 2 {
		t.Fatalf("%d records, want one per message: %+v", len(got), got)
	}
	if got[0].MessageID != 501 || got[0].Helpful || got[0].Reason != "incomplete" {
		t.Errorf("message 501's record = %+v, want 👎 incomplete", got[0])
	}
	if got[1].MessageID != 502 || !got[1].Helpful {
		t.Errorf("message 502's record = %+v", got[1])
	}
}

// TestMute checks that /pause mutes every subscription of a chat, that a
// new subscription while muted is muted too, that the pause after a block
// does not end the mute, and that relations are kept.
func TestMute(t *testing.T) {
	db, err := Open(filepath.Join(t.TempDir(), "mute.db"), Options{Embedder: "e", Dim: 4})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	db.Subscribe(peyvand.Subscription{ChatID: 9, Place: "اصفهان", Relations: []peyvand.Relation{peyvand.RelSisterCity}})
	if n, err := db.SetMuted(9, true); n != 1 || err != nil {
		t.Fatalf("SetMuted = %d, %v", n, err)
	}
	db.Subscribe(peyvand.Subscription{ChatID: 9, Place: "تبریز"})
	db.SetPaused(9, true)
	db.SetPaused(9, false)
	subs, _ := db.Subscriptions(9)
	if len(subs) != 2 || !subs[0].Muted || !subs[1].Muted {
		t.Fatalf("after mute, a new subscription and a block: %+v", subs)
	}
	if subs[0].Place != "اصفهان" || len(subs[0].Relations) != 1 || subs[0].Relations[0] != peyvand.RelSisterCity {
		t.Errorf("relations lost: %+v", subs[0])
	}
	if n, _ := db.SetMuted(9, false); n != 2 {
		t.Errorf("resume changed %d, want 2", n)
	}
	if n, _ := db.SetMuted(9, false); n != 0 {
		t.Errorf("a second resume changed %d", n)
	}
}
