//go:build corpus

package retrieval

import (
	"fmt"
	"testing"

	"github.com/peyvand/peyvand/persian"
)

// TestDenseRecall checks that the two-pass dense search finds the exact
// scan's top passages: recall of the exact top 50 (the pool hybrid fuses)
// and of the exact top 10, on real questions over real and synthetic
// passages.
func TestDenseRecall(t *testing.T) {
	devTexts := readTexts(t, devDir+"/items.jsonl", "text")
	devQs := readTexts(t, devDir+"/questions.jsonl", "q")
	pooled := readTexts(t, corpusDir+"/public/pooled/pooled.passages.jsonl", "text")
	pqQs := append(readTexts(t, corpusDir+"/public/parsinlu/parsinlu_eval.queries.jsonl", "question"),
		readTexts(t, corpusDir+"/public/persianqa/persianqa_test.queries.jsonl", "question")...)
	var pool []string
	for _, d := range devTexts {
		pool = append(pool, persian.Sentences(d)...)
	}
	synthN := 30_000
	if testing.Short() || raceEnabled {
		synthN = 5_000
		pooled = pooled[:5000]
	}
	pqSample := make([]string, 0, 300)
	for i := 0; i < len(pqQs); i += len(pqQs) / 300 {
		pqSample = append(pqSample, pqQs[i])
	}
	corpora := []struct {
		name    string
		texts   []string
		queries []string
		min50   float64 // least mean recall of the exact top 50
		min10   float64 // least mean recall of the exact top 10
	}{
		{"pooled public", passageTexts(pooled), pqSample, 0.96, 0.975},
		{fmt.Sprintf("synthetic %d", synthN), append(passageTexts(devTexts), synthTexts(pool, synthN, 1)...), append(devQs, pqSample[:100]...), 0.96, 0.975},
	}
	emb := NewHashEmbedder(256)
	for _, c := range corpora {
		ix := vectorIndex(c.texts)
		var r50, r10 float64
		for _, q := range c.queries {
			qv := emb.Vector(q, nil)
			dq, ok := ix.prepareDense(qv)
			if !ok {
				continue
			}
			exact := ix.denseExact(dq, 50)
			fast := ix.denseTwoPass(dq, 50)
			r50 += overlap(exact, fast, 50)
			r10 += overlap(exact, fast, 10)
		}
		r50 /= float64(len(c.queries))
		r10 /= float64(len(c.queries))
		t.Logf("%s: %d passages, %d queries: recall of exact top 50 %.4f, top 10 %.4f", c.name, len(c.texts), len(c.queries), r50, r10)
		if r50 < c.min50 || r10 < c.min10 {
			t.Errorf("%s: recall@50 %.4f, @10 %.4f; want ≥ %.2f, %.2f", c.name, r50, r10, c.min50, c.min10)
		}
	}
}

// overlap is the share of exact's first k hits that fast's first k hold.
func overlap(exact, fast []hit, k int) float64 {
	k = min(k, len(exact))
	if k == 0 {
		return 1
	}
	in := map[uint32]bool{}
	for _, h := range fast[:min(k, len(fast))] {
		in[h.num] = true
	}
	n := 0
	for _, h := range exact[:k] {
		if in[h.num] {
			n++
		}
	}
	return float64(n) / float64(k)
}
