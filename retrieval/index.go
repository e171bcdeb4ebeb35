package retrieval

import (
	"container/heap"
	"math"
	"slices"
	"sync"

	"github.com/peyvand/peyvand/store"
)

// BM25 parameters: the usual defaults, which suit passages of 40–120 words.
const (
	bm25K1 = 1.2
	bm25B  = 0.75
)

// postingList is one term's passages in increasing number order.
type postingList struct {
	nums  []uint32
	freqs []uint16
}

// index is the in-memory search structure, loaded from the store at open and
// updated after each committed ingest. Arrays are indexed by passage number.
type index struct {
	mu sync.RWMutex

	terms    map[string]*postingList
	docLen   []uint32 // 0 for a missing or removed passage
	artNum   []uint32
	alive    int   // passages present
	totalLen int64 // sum of docLen over present passages

	dim   int
	vecs  []int8    // passage n's quantised vector is vecs[n*dim:(n+1)*dim]
	scale []float32 // its dequantisation factor; 0 when it has no vector

	scratch sync.Pool // *scoreBuf
}

func newIndex(dim int) *index {
	return &index{terms: map[string]*postingList{}, dim: dim}
}

// grow makes the per-passage arrays long enough for passage number n.
func (ix *index) grow(n uint32) {
	need := int(n) + 1
	if len(ix.docLen) >= need {
		return
	}
	size := max(need, 2*len(ix.docLen))
	ix.docLen = slices.Grow(ix.docLen, size-len(ix.docLen))[:size]
	ix.artNum = slices.Grow(ix.artNum, size-len(ix.artNum))[:size]
	ix.scale = slices.Grow(ix.scale, size-len(ix.scale))[:size]
	ix.vecs = slices.Grow(ix.vecs, size*ix.dim-len(ix.vecs))[:size*ix.dim]
}

// LoadDoc implements store.Loader.
func (ix *index) LoadDoc(num, articleNum uint32, length int, vec []float32) {
	ix.grow(num)
	if ix.docLen[num] == 0 {
		ix.alive++
	}
	ix.totalLen += int64(length) - int64(ix.docLen[num])
	ix.docLen[num] = uint32(max(length, 1))
	ix.artNum[num] = articleNum
	ix.setVector(num, vec)
}

// LoadPostings implements store.Loader.
func (ix *index) LoadPostings(term string, nums, freqs []uint32) {
	pl := ix.terms[term]
	if pl == nil {
		pl = &postingList{}
		ix.terms[term] = pl
	}
	for i, n := range nums {
		pl.nums = append(pl.nums, n)
		pl.freqs = append(pl.freqs, uint16(min(freqs[i], math.MaxUint16)))
	}
}

// setVector quantises a vector to int8 with a per-vector scale: a quarter of
// float32's memory, and the dot product stays within 1% of the exact one.
func (ix *index) setVector(num uint32, vec []float32) {
	dst := ix.vecs[int(num)*ix.dim : int(num+1)*ix.dim]
	if len(vec) != ix.dim {
		clear(dst)
		ix.scale[num] = 0
		return
	}
	var m float32
	for _, f := range vec {
		m = max(m, abs32(f))
	}
	if m == 0 {
		clear(dst)
		ix.scale[num] = 0
		return
	}
	q := 127 / m
	for i, f := range vec {
		dst[i] = int8(math.Round(float64(f * q)))
	}
	ix.scale[num] = m / 127
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// apply adds a committed change to the index. Removed passages leave their
// postings in memory until the next open; they are skipped by docLen == 0.
func (ix *index) apply(ch store.Change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, num := range ch.Removed {
		if int(num) < len(ix.docLen) && ix.docLen[num] != 0 {
			ix.alive--
			ix.totalLen -= int64(ix.docLen[num])
			ix.docLen[num] = 0
			ix.scale[num] = 0
		}
	}
	for _, d := range ch.Added {
		ix.LoadDoc(d.Num, d.ArticleNum, d.Len, d.Vector)
		for _, t := range d.Terms {
			ix.LoadPostings(t.Term, []uint32{d.Num}, []uint32{uint32(t.Freq)})
		}
	}
}

// hit is one scored passage.
type hit struct {
	num   uint32
	score float32
}

// topK keeps the k best hits in a min-heap: the worst kept hit is at the
// root, so a better one replaces it in O(log k).
type topK struct {
	k    int
	hits []hit
}

func (t *topK) Len() int { return len(t.hits) }
func (t *topK) Less(i, j int) bool {
	if t.hits[i].score != t.hits[j].score {
		return t.hits[i].score < t.hits[j].score
	}
	return t.hits[i].num > t.hits[j].num // ties: lower number ranks first
}
func (t *topK) Swap(i, j int) { t.hits[i], t.hits[j] = t.hits[j], t.hits[i] }
func (t *topK) Push(x any)    { t.hits = append(t.hits, x.(hit)) }
func (t *topK) Pop() any      { h := t.hits[len(t.hits)-1]; t.hits = t.hits[:len(t.hits)-1]; return h }
func (t *topK) offer(h hit) {
	switch {
	case len(t.hits) < t.k:
		heap.Push(t, h)
	case h.score > t.hits[0].score || (h.score == t.hits[0].score && h.num < t.hits[0].num):
		t.hits[0] = h
		heap.Fix(t, 0)
	}
}

// sorted returns the hits best first.
func (t *topK) sorted() []hit {
	out := slices.Clone(t.hits)
	slices.SortFunc(out, func(a, b hit) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		default:
			return int(int64(a.num) - int64(b.num))
		}
	})
	return out
}

// scoreBuf is per-query scratch space, pooled: a dense score array and the
// list of passages it touched, so clearing costs only what was used.
type scoreBuf struct {
	scores  []float32
	matched []bool // the passage is in touched
	touched []uint32
}

// bm25 scores passages against query terms and returns the best n.
func (ix *index) bm25(terms []string, weights []float32, n int) []hit {
	if ix.alive == 0 || len(terms) == 0 {
		return nil
	}
	buf, _ := ix.scratch.Get().(*scoreBuf)
	if buf == nil {
		buf = &scoreBuf{}
	}
	if len(buf.scores) < len(ix.docLen) {
		buf.scores = make([]float32, len(ix.docLen))
		buf.matched = make([]bool, len(ix.docLen))
	}
	avg := float32(ix.totalLen) / float32(ix.alive)
	N := float64(ix.alive)
	for ti, term := range terms {
		pl := ix.terms[term]
		if pl == nil {
			continue
		}
		df := float64(len(pl.nums))
		idf := float32(math.Log(1+(N-df+0.5)/(df+0.5))) * weights[ti]
		for i, num := range pl.nums {
			dl := ix.docLen[num]
			if dl == 0 {
				continue
			}
			tf := float32(pl.freqs[i])
			s := idf * tf * (bm25K1 + 1) / (tf + bm25K1*(1-bm25B+bm25B*float32(dl)/avg))
			if !buf.matched[num] {
				buf.touched = append(buf.touched, num)
			}
			buf.scores[num] += s
			buf.matched[num] = true
		}
	}
	top := topK{k: n}
	for _, num := range buf.touched {
		top.offer(hit{num: num, score: buf.scores[num]})
	}
	for _, num := range buf.touched {
		buf.scores[num], buf.matched[num] = 0, false
	}
	buf.touched = buf.touched[:0]
	ix.scratch.Put(buf)
	return top.sorted()
}

// dense returns the n passages whose vectors have the highest cosine with q
// (q unit length), by an exact scan of the quantised vectors.
func (ix *index) dense(q []float32, n int) []hit {
	if len(q) != ix.dim || ix.alive == 0 {
		return nil
	}
	// Quantise the query too, so the inner loop is integer arithmetic.
	var m float32
	for _, f := range q {
		m = max(m, abs32(f))
	}
	if m == 0 {
		return nil
	}
	qq := make([]int8, ix.dim)
	for i, f := range q {
		qq[i] = int8(math.Round(float64(f * 127 / m)))
	}
	qscale := m / 127
	top := topK{k: n}
	dim := ix.dim
	for num := 1; num < len(ix.docLen); num++ {
		sc := ix.scale[num]
		if sc == 0 || ix.docLen[num] == 0 {
			continue
		}
		d := dotInt8(qq, ix.vecs[num*dim:num*dim+dim])
		top.offer(hit{num: uint32(num), score: float32(d) * sc * qscale})
	}
	return top.sorted()
}

// dotInt8 is the inner product of two int8 vectors of equal length.
func dotInt8(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += int32(a[i]) * int32(b[i])
		s1 += int32(a[i+1]) * int32(b[i+1])
		s2 += int32(a[i+2]) * int32(b[i+2])
		s3 += int32(a[i+3]) * int32(b[i+3])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}

// contains reports whether passage num has term, by binary search.
func (ix *index) contains(term string, num uint32) bool {
	pl := ix.terms[term]
	if pl == nil {
		return false
	}
	_, ok := slices.BinarySearch(pl.nums, num)
	return ok
}
