package retrieval_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/source"
)

// sentencePool returns the sentences of the dev corpus (or of the sample
// corpus when ../shared is absent), for generating corpora of any size.
var sentencePool = sync.OnceValue(func() []string {
	var arts []peyvand.Article
	if f, err := os.Open("../testdata/dev/items.jsonl"); err == nil {
		arts, _ = source.ReadJSONL(f, "items.jsonl")
		f.Close()
	}
	if len(arts) == 0 {
		arts, _ = sampleArticles()
	}
	var pool []string
	for _, a := range arts {
		pool = append(pool, persian.Sentences(a.Text)...)
	}
	return pool
})

// synthArticles makes n articles of 5–9 sentences drawn from the pool, with
// a few words swapped between sentences so that no two are identical.
func synthArticles(n int, seed uint64) []peyvand.Article {
	pool := sentencePool()
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]peyvand.Article, n)
	for i := range out {
		var b strings.Builder
		for j := 5 + r.IntN(5); j > 0; j-- {
			words := strings.Fields(pool[r.IntN(len(pool))])
			other := strings.Fields(pool[r.IntN(len(pool))])
			for k := 0; k < 3 && len(words) > 0 && len(other) > 0; k++ {
				words[r.IntN(len(words))] = other[r.IntN(len(other))]
			}
			b.WriteString(strings.Join(words, " "))
			b.WriteString(" ")
		}
		out[i] = peyvand.Article{ID: fmt.Sprintf("synth-%d", i), Title: pool[r.IntN(len(pool))], Text: b.String()}
	}
	return out
}

var benchQueries = []string{
	"کدام شهرها با اصفهان خواهرخوانده هستند؟",
	"همکاری گلستان با ترکمنستان",
	"تفاهمنامه تبریز و باکو",
	"هیئت تجاری خراسان شمالی به چین",
	"نمایشگاه ایران در عراق",
	"اتاق مشترک ایران و روسیه",
}

// benchEngine builds (once per size) an engine holding about n passages.
var benchEngines sync.Map

func benchEngine(b *testing.B, passages int) *retrieval.Engine {
	if e, ok := benchEngines.Load(passages); ok {
		return e.(*retrieval.Engine)
	}
	dir, err := os.MkdirTemp("", "peyvand-bench")
	if err != nil {
		b.Fatal(err)
	}
	e := openEngine(b, filepath.Join(dir, "bench.db"))
	e.BatchSize = 2000
	for i := 0; ; i++ {
		st, _ := e.Stats()
		if st.Passages >= passages {
			break
		}
		need := max((passages-st.Passages)/2, 100)
		arts := synthArticles(need, uint64(i))
		for j := range arts {
			arts[j].ID = fmt.Sprintf("synth-%d-%d", i, j)
		}
		if _, err := e.Ingest(context.Background(), arts, nil); err != nil {
			b.Fatal(err)
		}
	}
	benchEngines.Store(passages, e)
	return e
}

// BenchmarkIngest reports articles ingested per second into a fresh
// database, in batches of 256 (one transaction each).
func BenchmarkIngest(b *testing.B) {
	arts := synthArticles(2000, 42)
	b.ResetTimer()
	n := 0
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		e := openEngine(b, filepath.Join(b.TempDir(), "ingest.db"))
		b.StartTimer()
		if _, err := e.Ingest(context.Background(), arts, nil); err != nil {
			b.Fatal(err)
		}
		n += len(arts)
		b.StopTimer()
		e.Store().Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(n)/b.Elapsed().Seconds(), "articles/s")
}

// BenchmarkSearch measures query latency by size and mode.
func BenchmarkSearch(b *testing.B) {
	for _, size := range []int{1_000, 10_000, 100_000} {
		for _, m := range []struct {
			name string
			mode retrieval.Mode
		}{{"hybrid", retrieval.Hybrid}, {"keyword", retrieval.KeywordOnly}, {"dense", retrieval.DenseOnly}} {
			b.Run(fmt.Sprintf("%dk/%s", size/1000, m.name), func(b *testing.B) {
				e := benchEngine(b, size)
				b.ResetTimer()
				for i := 0; i < b.N; i++ {
					q := retrieval.Query{Text: benchQueries[i%len(benchQueries)], K: 5, Mode: m.mode}
					if _, err := e.Search(context.Background(), q); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkLoad measures opening a database of 10k passages (the index is
// rebuilt from the file) and the heap it holds, per passage.
func BenchmarkLoad(b *testing.B) {
	e := benchEngine(b, 10_000)
	path := e.Store().Path()
	st, _ := e.Stats()
	e.Store().Close()
	benchEngines.Delete(10_000)
	b.ResetTimer()
	var heap uint64
	for i := 0; i < b.N; i++ {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		e := openEngine(b, path)
		runtime.GC()
		runtime.ReadMemStats(&after)
		heap = after.HeapAlloc - before.HeapAlloc
		runtime.KeepAlive(e)
		e.Store().Close()
	}
	b.ReportMetric(float64(heap)/float64(st.Passages), "heap-bytes/passage")
}
