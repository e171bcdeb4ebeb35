package retrieval_test

import (
	"context"
	"testing"

	"github.com/peyvand/peyvand/retrieval"
)

func TestDefaultFusion(t *testing.T) {
	hashed := retrieval.DefaultFusion(retrieval.NewHashEmbedder(256))
	if hashed.Dense <= 0 || hashed.Dense >= 1 {
		t.Errorf("HashEmbedder dense weight %g; want in (0, 1): its vectors only break near-ties", hashed.Dense)
	}
	tests := []struct {
		configured float64 // OpenAIConfig.DenseWeight
		want       float64 // the engine's Fusion.Dense
	}{
		{0, 1},     // unset: the default for a model's vectors
		{0.6, 0.6}, // a deployment's own choice
	}
	for _, tt := range tests {
		emb, err := retrieval.NewOpenAIEmbedder(retrieval.OpenAIConfig{BaseURL: "http://127.0.0.1:1/v1", Model: "m", Dim: 8, DenseWeight: tt.configured})
		if err != nil {
			t.Fatal(err)
		}
		if got := retrieval.DefaultFusion(emb).Dense; got != tt.want {
			t.Errorf("DenseWeight %g: Fusion.Dense = %g; want %g", tt.configured, got, tt.want)
		}
		if got := retrieval.DefaultFusion(emb).Dense; got <= hashed.Dense {
			t.Errorf("DenseWeight %g: %g; want above the offline embedder's %g", tt.configured, got, hashed.Dense)
		}
	}
}

// TestHybridKeepsKeywordLead checks that the hybrid adds to BM25: on the
// seed questions, every article BM25 alone ranks first stays first.
func TestHybridKeepsKeywordLead(t *testing.T) {
	e := mustEngine(t, "")
	mustSample(t, e)
	for _, q := range []string{
		"سفر هیئت اصفهان به مسکو و سن پترزبورگ",
		"خواهرخواندگی اصفهان و مسقط",
		"اتاق گوانگژو در شهرداری گرگان",
		"همکاریهای گرگان با گوانگجو",
	} {
		top := func(mode retrieval.Mode, fu *retrieval.Fusion) string {
			rs, err := e.Search(context.Background(), retrieval.Query{Text: q, K: 1, Mode: mode, Fusion: fu})
			if err != nil || len(rs) == 0 {
				t.Fatalf("%q: %v, %d results", q, err, len(rs))
			}
			return rs[0].Article.ID
		}
		key := top(retrieval.KeywordOnly, nil)
		if got := top(retrieval.Hybrid, nil); got != key {
			t.Errorf("%q: hybrid first %s; keyword first %s", q, got, key)
		}
		// With no dense or coverage weight the hybrid is BM25's order.
		if got := top(retrieval.Hybrid, &retrieval.Fusion{}); got != key {
			t.Errorf("%q: zero-weight hybrid first %s; keyword first %s", q, got, key)
		}
	}
}
