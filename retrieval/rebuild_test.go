package retrieval_test

import (
	"context"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/retrieval"
)

// TestRebuild derives the sample again into an empty database: the same
// articles, passages and ties, the same answers, and the subscriptions
// carried over.
func TestRebuild(t *testing.T) {
	ctx := context.Background()
	src := enginetest.Sample(t)
	if _, err := src.Store().Subscribe(peyvand.Subscription{ChatID: 42, Place: "اصفهان"}); err != nil {
		t.Fatal(err)
	}
	dst := enginetest.New(t)
	var calls []int
	if err := retrieval.Rebuild(ctx, src.Store(), dst, func(done int) { calls = append(calls, done) }); err != nil {
		t.Fatal(err)
	}
	before, _ := src.Store().Stats()
	after, _ := dst.Store().Stats()
	if after.Articles != before.Articles || after.Passages != before.Passages || after.Facts != before.Facts {
		t.Errorf("rebuilt %+v; want %+v", after, before)
	}
	if len(calls) == 0 || calls[len(calls)-1] != before.Articles {
		t.Errorf("progress %v; want it to end at %d", calls, before.Articles)
	}
	subs, err := dst.Store().Subscriptions(42)
	if err != nil || len(subs) != 1 || subs[0].Place != "اصفهان" {
		t.Errorf("subscriptions after rebuild: %v, %v", subs, err)
	}
	q := retrieval.Query{Text: "خواهرخواندگی تبریز و باکو", K: 3}
	want, err1 := src.Search(ctx, q)
	got, err2 := dst.Search(ctx, q)
	if err1 != nil || err2 != nil || len(got) == 0 || len(got) != len(want) {
		t.Fatalf("search: %d results (%v), want %d (%v)", len(got), err2, len(want), err1)
	}
	for i := range want {
		if got[i].Passage.ArticleID != want[i].Passage.ArticleID {
			t.Errorf("result %d: %s, want %s", i, got[i].Passage.ArticleID, want[i].Passage.ArticleID)
		}
	}
}
