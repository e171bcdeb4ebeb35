package retrieval

import (
	"bufio"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

const corpusDir = "../../shared/corpus"

// readTexts reads one string field of every line of a JSONL file.
func readTexts(tb testing.TB, path, field string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Skipf("corpus not available: %v", err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<24)
	for sc.Scan() {
		var m map[string]any
		if err := json.Unmarshal(sc.Bytes(), &m); err != nil {
			tb.Fatal(err)
		}
		if s, ok := m[field].(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// passageTexts splits texts as the engine does.
func passageTexts(texts []string) []string {
	var out []string
	for _, t := range texts {
		for _, sp := range persian.Passages(t) {
			out = append(out, t[sp.Start:sp.End])
		}
	}
	return out
}

// synthTexts makes n texts of dev sentences with words swapped between them.
func synthTexts(pool []string, n int, seed uint64) []string {
	r := rand.New(rand.NewPCG(seed, 3))
	out := make([]string, n)
	for i := range out {
		var b strings.Builder
		for j := 3 + r.IntN(4); j > 0; j-- {
			words := strings.Fields(pool[r.IntN(len(pool))])
			other := strings.Fields(pool[r.IntN(len(pool))])
			for k := 0; k < 3 && len(words) > 0 && len(other) > 0; k++ {
				words[r.IntN(len(words))] = other[r.IntN(len(other))]
			}
			b.WriteString(strings.Join(words, " "))
			b.WriteString(" ")
		}
		out[i] = b.String()
	}
	return out
}

// vectorIndex indexes the texts' vectors only.
func vectorIndex(texts []string) *index {
	emb := NewHashEmbedder(256)
	ix := newIndex(256)
	for i, t := range texts {
		ix.LoadDoc(uint32(i+1), uint32(i+1), 10, emb.Vector(t, nil))
	}
	return ix
}

// TestDenseRecall checks that the two-pass dense search finds the exact
// scan's top passages: recall of the exact top 50 (the pool hybrid fuses)
// and of the exact top 10, on real questions over real and synthetic
// passages.
func TestDenseRecall(t *testing.T) {
	devTexts := readTexts(t, corpusDir+"/dev/items.jsonl", "text")
	devQs := readTexts(t, corpusDir+"/dev/questions.jsonl", "q")
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

// denseBenchIndex is a vector-only index of n synthetic passages.
var denseBenchIndex = map[int]*index{}

func benchVectorIndex(b *testing.B, n int) (*index, [][]float32) {
	devTexts := readTexts(b, corpusDir+"/dev/items.jsonl", "text")
	devQs := readTexts(b, corpusDir+"/dev/questions.jsonl", "q")
	emb := NewHashEmbedder(256)
	qs := make([][]float32, len(devQs))
	for i, q := range devQs {
		qs[i] = emb.Vector(q, nil)
	}
	if ix := denseBenchIndex[n]; ix != nil {
		return ix, qs
	}
	var pool []string
	for _, d := range devTexts {
		pool = append(pool, persian.Sentences(d)...)
	}
	ix := vectorIndex(synthTexts(pool, n, 9))
	denseBenchIndex[n] = ix
	return ix, qs
}

// BenchmarkDense measures the dense search alone (n = 50, the hybrid pool)
// by index size: the two-pass search and the exact int8 scan it replaced.
func BenchmarkDense(b *testing.B) {
	for _, size := range []int{10_000, 100_000} {
		for _, m := range []string{"twopass", "exact"} {
			b.Run(fmt.Sprintf("%dk/%s", size/1000, m), func(b *testing.B) {
				ix, qs := benchVectorIndex(b, size)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					dq, _ := ix.prepareDense(qs[i%len(qs)])
					if m == "exact" {
						ix.denseExact(dq, 50)
					} else {
						ix.denseTwoPass(dq, 50)
					}
				}
			})
		}
	}
}

// benchKeywordIndex is a postings-only index of n synthetic passages.
func benchKeywordIndex(b *testing.B, n int) (*index, [][]string) {
	devTexts := readTexts(b, corpusDir+"/dev/items.jsonl", "text")
	devQs := readTexts(b, corpusDir+"/dev/questions.jsonl", "q")
	var pool []string
	for _, d := range devTexts {
		pool = append(pool, persian.Sentences(d)...)
	}
	ix := newIndex(256)
	for i, t := range synthTexts(pool, n, 9) {
		d := makeDoc(peyvand.Passage{Text: t}, nil)
		ix.LoadDoc(uint32(i+1), uint32(i+1), d.Len, nil)
		for _, tf := range d.Terms {
			ix.addPosting(tf.Term, uint32(i+1), tf.Freq)
		}
	}
	ix.refreshNorms()
	qs := make([][]string, len(devQs))
	for i, q := range devQs {
		qs[i], _ = queryTerms(q)
	}
	return ix, qs
}

// BenchmarkBM25 measures keyword scoring alone (n = 50) at 100k passages,
// and reports the postings a query reads.
func BenchmarkBM25(b *testing.B) {
	ix, qs := benchKeywordIndex(b, 100_000)
	postings := 0
	for _, q := range qs {
		for _, t := range q {
			if pl := ix.terms[t]; pl != nil {
				postings += len(pl.nums)
			}
		}
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		terms := qs[i%len(qs)]
		w := make([]float32, len(terms))
		for j := range w {
			w[j] = 1
		}
		ix.bm25(terms, w, 50)
	}
	b.ReportMetric(float64(postings)/float64(len(qs)), "postings/query")
}

// BenchmarkHashEmbedder measures the offline embedder on passage-sized
// texts, the ingest hot path.
func BenchmarkHashEmbedder(b *testing.B) {
	texts := passageTexts(readTexts(b, corpusDir+"/dev/items.jsonl", "text"))
	emb := NewHashEmbedder(256)
	dst := make([]float32, 256)
	bytes := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t := texts[i%len(texts)]
		bytes += len(t)
		dst = emb.Vector(t, dst)
	}
	b.ReportMetric(float64(bytes)/b.Elapsed().Seconds()/1e6, "MB/s")
}
