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
	"github.com/peyvand/peyvand/store"
)

// devDir is the project's dev corpus; corpusDir the public sets beside
// the repository (corpus-tagged tests only).
const (
	devDir    = "../testdata/dev"
	corpusDir = "../../shared/corpus"
)

// readTexts reads one string field of every line of a JSONL file.
func readTexts(tb testing.TB, path, field string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
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
		ix.LoadDoc(uint32(i+1), uint32(i+1), 10, store.Quantize(emb.Vector(t, nil)))
	}
	return ix
}

// denseBenchIndex is a vector-only index of n synthetic passages.
var denseBenchIndex = map[int]*index{}

func benchVectorIndex(b *testing.B, n int) (*index, [][]float32) {
	devTexts := readTexts(b, devDir+"/items.jsonl", "text")
	devQs := readTexts(b, devDir+"/questions.jsonl", "q")
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
	devTexts := readTexts(b, devDir+"/items.jsonl", "text")
	devQs := readTexts(b, devDir+"/questions.jsonl", "q")
	var pool []string
	for _, d := range devTexts {
		pool = append(pool, persian.Sentences(d)...)
	}
	ix := newIndex(256)
	for i, t := range synthTexts(pool, n, 9) {
		d := makeDoc(peyvand.Passage{Text: t}, nil)
		ix.LoadDoc(uint32(i+1), uint32(i+1), d.Len, store.Quantized{})
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
	texts := passageTexts(readTexts(b, devDir+"/items.jsonl", "text"))
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
