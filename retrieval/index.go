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
	// norm is BM25's length normalisation of each passage,
	// k1·(1 − b + b·len/avgLen), or −1 for a missing or removed passage;
	// refreshNorms recomputes it when the average length changed.
	norm    []float32
	normAvg float32
	// stale counts passages removed since the postings were last purged of
	// them: until then they are skipped by their norm.
	stale int

	dim   int
	vecs  []int8    // passage n's quantised vector is vecs[n*dim:(n+1)*dim]
	scale []float32 // its dequantisation factor; 0 when it has no vector
	words int       // uint64 words of one bit plane: dim/64 rounded up
	codes []uint64  // passage n's 2-bit code is codes[n*2*words:(n+1)*2*words] (see setCode)

	scratch      sync.Pool // *scoreBuf
	denseScratch sync.Pool // *denseBuf
}

func newIndex(dim int) *index {
	return &index{terms: map[string]*postingList{}, dim: dim, words: (dim + 63) / 64}
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
	old := len(ix.norm)
	ix.norm = slices.Grow(ix.norm, size-len(ix.norm))[:size]
	for i := old; i < size; i++ {
		ix.norm[i] = -1
	}
	ix.scale = slices.Grow(ix.scale, size-len(ix.scale))[:size]
	ix.vecs = slices.Grow(ix.vecs, size*ix.dim-len(ix.vecs))[:size*ix.dim]
	ix.codes = slices.Grow(ix.codes, size*2*ix.words-len(ix.codes))[:size*2*ix.words]
}

// LoadDoc implements store.Loader.
func (ix *index) LoadDoc(num, articleNum uint32, length int, vec store.Quantized) {
	ix.grow(num)
	if ix.docLen[num] == 0 {
		ix.alive++
	}
	ix.totalLen += int64(length) - int64(ix.docLen[num])
	ix.docLen[num] = uint32(max(length, 1))
	ix.artNum[num] = articleNum
	ix.norm[num] = 0 // set by refreshNorms
	ix.normAvg = 0
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

// addPosting appends one posting; num is above every number in the list.
func (ix *index) addPosting(term string, num uint32, freq int) {
	pl := ix.terms[term]
	if pl == nil {
		pl = &postingList{}
		ix.terms[term] = pl
	}
	pl.nums = append(pl.nums, num)
	pl.freqs = append(pl.freqs, uint16(min(freq, math.MaxUint16)))
}

// refreshNorms recomputes the length normalisation of every passage when
// the average passage length moved: once after loading, then after each
// ingest batch, O(passages) each time, never per query.
func (ix *index) refreshNorms() {
	if ix.alive == 0 {
		return
	}
	avg := float32(ix.totalLen) / float32(ix.alive)
	if avg == ix.normAvg {
		return
	}
	ix.normAvg = avg
	a, c := float32(bm25K1*(1-bm25B)), float32(bm25K1*bm25B)/avg
	for num, dl := range ix.docLen {
		if dl == 0 {
			ix.norm[num] = -1
		} else {
			ix.norm[num] = a + c*float32(dl)
		}
	}
}

// purge drops removed passages from the posting lists, so memory does not
// grow with re-ingested articles. It runs once removed passages reach an
// eighth of the live ones: each purge costs one pass over the postings.
func (ix *index) purge() {
	if ix.stale == 0 || ix.stale*8 < ix.alive {
		return
	}
	for term, pl := range ix.terms {
		j := 0
		for i, num := range pl.nums {
			if ix.docLen[num] != 0 {
				pl.nums[j], pl.freqs[j] = num, pl.freqs[i]
				j++
			}
		}
		switch {
		case j == 0:
			delete(ix.terms, term)
		case j < len(pl.nums):
			// Shrink the backing arrays when most of them is gone.
			if j < cap(pl.nums)/2 {
				pl.nums, pl.freqs = slices.Clip(slices.Clone(pl.nums[:j])), slices.Clip(slices.Clone(pl.freqs[:j]))
			} else {
				pl.nums, pl.freqs = pl.nums[:j], pl.freqs[:j]
			}
		}
	}
	ix.stale = 0
}

// setVector keeps passage num's quantised vector (store.Quantize): a
// quarter of float32's memory, and the form the store keeps.
func (ix *index) setVector(num uint32, vec store.Quantized) {
	dst := ix.vecs[int(num)*ix.dim : int(num+1)*ix.dim]
	defer ix.setCode(num, dst)
	if len(vec.Q) != ix.dim || vec.Scale == 0 {
		clear(dst)
		ix.scale[num] = 0
		return
	}
	copy(dst, vec.Q)
	ix.scale[num] = vec.Scale
}

func abs32(f float32) float32 {
	if f < 0 {
		return -f
	}
	return f
}

// apply adds a committed change to the index. Removed passages are skipped
// at once (norm −1, scale 0) and purged from the postings in bulk.
func (ix *index) apply(ch store.Change) {
	ix.mu.Lock()
	defer ix.mu.Unlock()
	for _, num := range ch.Removed {
		if int(num) < len(ix.docLen) && ix.docLen[num] != 0 {
			ix.alive--
			ix.totalLen -= int64(ix.docLen[num])
			ix.docLen[num] = 0
			ix.norm[num] = -1
			ix.scale[num] = 0
			ix.setCode(num, nil)
			ix.stale++
		}
	}
	for _, d := range ch.Added {
		ix.LoadDoc(d.Num, d.ArticleNum, d.Len, d.Vector)
		for _, t := range d.Terms {
			ix.addPosting(t.Term, d.Num, t.Freq)
		}
	}
	ix.purge()
	ix.refreshNorms()
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
	touched []uint32
}

// bm25 scores passages against query terms and returns the best n. Scores
// accumulate term at a time in a dense array indexed by passage number; a
// passage's first score marks it touched (every score is positive: idf > 0,
// tf ≥ 1).
func (ix *index) bm25(terms []string, weights []float32, n int) []hit {
	if ix.alive == 0 || len(terms) == 0 {
		return nil
	}
	buf, _ := ix.scratch.Get().(*scoreBuf)
	if buf == nil {
		buf = &scoreBuf{}
	}
	if len(buf.scores) < len(ix.docLen) {
		buf.scores = make([]float32, len(ix.docLen)+len(ix.docLen)/4)
	}
	scores, touched, norm := buf.scores, buf.touched[:0], ix.norm
	N := float64(ix.alive)
	for ti, term := range terms {
		pl := ix.terms[term]
		if pl == nil {
			continue
		}
		df := float64(len(pl.nums))
		w := float32(termIDF(N, df)) * weights[ti] * (bm25K1 + 1)
		freqs := pl.freqs[:len(pl.nums)]
		for i, num := range pl.nums {
			nm := norm[num]
			if nm < 0 {
				continue // removed, not yet purged
			}
			tf := float32(freqs[i])
			if scores[num] == 0 {
				touched = append(touched, num)
			}
			scores[num] += w * tf / (tf + nm)
		}
	}
	top := topK{k: n}
	for _, num := range touched {
		top.offer(hit{num: num, score: scores[num]})
	}
	for _, num := range touched {
		scores[num] = 0
	}
	buf.touched = touched[:0]
	ix.scratch.Put(buf)
	return top.sorted()
}

// termIDF is BM25's inverse document frequency of a term df of N passages
// hold.
func termIDF(N, df float64) float64 { return math.Log(1 + (N-df+0.5)/(df+0.5)) }

// queryTerm is a query term weighed once a query: its postings (nil when
// no passage has it), its IDF × weight (its share of coverage) and its
// BM25 weight, as bm25 computes it.
type queryTerm struct {
	pl  *postingList
	idf float64
	w   float32
}

// weigh weighs a query's terms for scoring single passages (bm25Of,
// coverage) without looking each up again per passage.
func (ix *index) weigh(terms []string, weights []float32) []queryTerm {
	N := float64(max(ix.alive, 1))
	out := make([]queryTerm, len(terms))
	for i, t := range terms {
		df := 0.0
		pl := ix.terms[t]
		if pl != nil {
			df = float64(len(pl.nums))
		}
		idf := termIDF(N, df)
		out[i] = queryTerm{pl: pl, idf: idf * float64(weights[i]), w: float32(idf) * weights[i] * (bm25K1 + 1)}
	}
	return out
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
