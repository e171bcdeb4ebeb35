package places

import (
	"sort"
	"testing"
	"time"
)

func BenchmarkZZSlow(b *testing.B) {
	g := Default()
	texts := benchPassages(b, 10000)
	type r struct {
		d time.Duration
		n int
		i int
	}
	var rs []r
	var total time.Duration
	for i, t := range texts {
		s := time.Now()
		g.Find(t)
		d := time.Since(s)
		total += d
		rs = append(rs, r{d, len(t), i})
	}
	sort.Slice(rs, func(i, j int) bool { return rs[i].d > rs[j].d })
	b.Logf("total %v", total)
	for _, x := range rs[:8] {
		b.Logf("%v len %d idx %d: %.80q", x.d, x.n, x.i, texts[x.i])
	}
	first, second := time.Duration(0), time.Duration(0)
	for _, x := range rs {
		if x.i < 1000 {
			first += x.d
		} else {
			second += x.d
		}
	}
	b.Logf("first 1k %v, rest %v", first, second)
}
