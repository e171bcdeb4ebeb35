package places

import (
	"io/fs"
	"testing"

	"github.com/peyvand/peyvand/persian"
)

// benchSentences tokenizes n passages sentence by sentence, as package
// extract does before it calls Match and Read.
func benchSentences(b *testing.B, n int) (sents [][]Token, bytes int) {
	b.Helper()
	for _, p := range benchPassages(b, n) {
		bytes += len(p)
		for _, s := range persian.Sentences(p) {
			sents = append(sents, Tokenize(s, nil))
		}
	}
	return sents, bytes
}

func BenchmarkMatch(b *testing.B) {
	g := Default()
	for _, n := range []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}} {
		sents, bytes := benchSentences(b, n.n)
		b.Run(n.name, func(b *testing.B) {
			b.SetBytes(int64(bytes))
			var dst []Match
			for b.Loop() {
				for _, toks := range sents {
					dst = g.Match(toks, dst[:0])
				}
			}
			b.ReportMetric(float64(b.N*n.n)/b.Elapsed().Seconds(), "passages/s")
		})
	}
}

func BenchmarkRead(b *testing.B) {
	g := Default()
	for _, n := range []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}} {
		sents, bytes := benchSentences(b, n.n)
		known := make([][]Match, len(sents))
		for i, toks := range sents {
			known[i] = g.Match(toks, nil)
		}
		b.Run(n.name, func(b *testing.B) {
			b.SetBytes(int64(bytes))
			for b.Loop() {
				for i, toks := range sents {
					g.Read(toks, known[i])
				}
			}
			b.ReportMetric(float64(b.N*n.n)/b.Elapsed().Seconds(), "passages/s")
		})
	}
}

// BenchmarkNew builds the embedded gazetteer: what Default costs at start.
func BenchmarkNew(b *testing.B) {
	sub, _ := fs.Sub(embedded, "data")
	for b.Loop() {
		if _, err := New(sub); err != nil {
			b.Fatal(err)
		}
	}
}
