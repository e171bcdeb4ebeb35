package retrieval

import (
	"testing"

	"github.com/peyvand/peyvand/store"
)

// TestApplyPurgesRemoved checks that passages removed by re-ingest stop
// scoring at once and leave the posting lists once they are an eighth of
// the index, instead of lingering until the database is reopened.
func TestApplyPurgesRemoved(t *testing.T) {
	ix := newIndex(4)
	var added []store.Indexed
	for num := uint32(1); num <= 16; num++ {
		terms := []store.TermFreq{{Term: "تهران", Freq: 1}}
		if num%2 == 0 {
			terms = append(terms, store.TermFreq{Term: "مسکو", Freq: 2})
		}
		added = append(added, store.Indexed{Num: num, ArticleNum: num, Len: 10, Terms: terms, Vector: store.Quantize([]float32{1, 0, 0, 0})})
	}
	ix.apply(store.Change{Added: added})
	if got := len(ix.bm25([]string{"تهران"}, []float32{1}, 50)); got != 16 {
		t.Fatalf("before removal: %d hits; want 16", got)
	}

	ix.apply(store.Change{Removed: []uint32{2}}) // 1 of 15 live: not yet purged
	if got := len(ix.terms["مسکو"].nums); got != 8 {
		t.Errorf("after removing 1: %d postings of مسکو; want 8 (purge waits for an eighth)", got)
	}
	for _, h := range ix.bm25([]string{"مسکو"}, []float32{1}, 50) {
		if h.num == 2 {
			t.Errorf("removed passage 2 still scores")
		}
	}
	for _, h := range ix.dense([]float32{1, 0, 0, 0}, 50) {
		if h.num == 2 {
			t.Errorf("removed passage 2 still has a vector")
		}
	}

	ix.apply(store.Change{Removed: []uint32{4, 6}}) // 3 removed of 13 live: purged
	if got := len(ix.terms["مسکو"].nums); got != 5 {
		t.Errorf("after removing 3: %d postings of مسکو; want 5", got)
	}
	if got := len(ix.terms["تهران"].nums); got != 13 {
		t.Errorf("after removing 3: %d postings of تهران; want 13", got)
	}
	if ix.stale != 0 {
		t.Errorf("stale = %d after purge; want 0", ix.stale)
	}
	ix.apply(store.Change{Removed: []uint32{8, 10, 12, 14, 16}})
	if _, ok := ix.terms["مسکو"]; ok {
		t.Errorf("a term with no live passage is still indexed")
	}
}
