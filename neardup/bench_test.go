package neardup

import (
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/peyvand/peyvand"
)

// BenchmarkFingerprint fingerprints a news item of the fixtures' size
// (~200 words) and a long report (~1,000 words).
func BenchmarkFingerprint(b *testing.B) {
	s := readStory(b, "tabriz-delegation")
	short := peyvand.Article{Title: s.Title, Text: s.Text()}
	long := peyvand.Article{Title: s.Title}
	for i, n := range []string{"tabriz-delegation", "tabriz-fair", "bushehr-qatar", "mashhad-herat", "tabriz-delegation"} {
		long.Text += readStory(b, n).Text() + "\n\n" + fmt.Sprint(i)
	}
	for _, bc := range []struct {
		name string
		a    peyvand.Article
	}{{"200words", short}, {"1000words", long}} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.a.Text)))
			for b.Loop() {
				Fingerprint(bc.a)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

// BenchmarkExtract reads a page into an article: the hostile fixture, a

// BenchmarkNear looks up one fingerprint among 10k and 100k.
func BenchmarkNear(b *testing.B) {
	s := readStory(b, "mashhad-herat")
	probe := FingerprintText(s.Title + "\n" + s.Text())
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{10_000, 100_000} {
		d := NewIndex()
		for i := range n {
			var m MinHash
			for j := range m {
				m[j] = rng.Uint32()
			}
			d.Add(fmt.Sprint("a", i), m)
		}
		d.Add("copy", probe)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			for b.Loop() {
				if len(d.Near(probe, MaxDistance)) != 1 {
					b.Fatal("the copy was not found")
				}
			}
		})
	}
}
