package retrieval

import (
	"math"
	"math/bits"
	"runtime"
	"sync"
)

// Dense search in two passes. An exact scan of the int8 vectors reads dim
// bytes per passage and multiplies each: about 26 ms per query at 100k
// passages and 256 dimensions on this project's 2-core machine. Instead:
//
//  1. a first pass reads a 2-bit code of each passage (a sign bit and a
//     "large" bit per dimension: dim/4 bytes) and scores it against the
//     query's magnitudes quantised to two bit planes (levels 0..3), with
//     AND and POPCNT over 64 dimensions at a time;
//  2. the best rerankSize passages of that pass are rescored exactly with
//     their int8 vectors, and the best n of those are returned.
//
// The first pass only has to keep the true top n among its candidates:
// TestDenseRecall measures that against the exact scan on the pooled public
// passages and a synthetic corpus. Small indexes are scanned exactly.
const (
	// largeRMS is where a passage's dimension counts as large in its code:
	// above this many times the vector's root mean square. 1.3 keeps more
	// of the exact top passages than 1.0 (a normal distribution's 2-bit
	// Lloyd–Max cut) or 1.6 on the pooled public and synthetic corpora.
	largeRMS = 1.3
	// exactBelow is the passage count under which the exact scan is cheap
	// enough (well under 1 ms) that the first pass is not worth its error.
	exactBelow = 4096
	// planes is the number of bit planes of the query's magnitudes: two
	// keep as many of the exact top passages as three, at two thirds of
	// the popcounts; one loses a tenth of them (TestDenseRecall).
	planes = 2
	// shardMin is the least number of passages worth a goroutine of the
	// first pass.
	shardMin = 16384
)

// rerankSize is how many first-pass candidates are rescored exactly for a
// request of n.
func rerankSize(n int) int { return max(24*n, 1024) }

// setCode stores the 2-bit code of passage num's quantised vector, as two
// bit planes: u, its sign bits, then v, set where the sign and the "large"
// bit agree. A dimension's value 2(2u−1) + (2v−1) is then +3 or −3 where
// the vector is large, +1 or −1 where it is small (see firstPass).
func (ix *index) setCode(num uint32, v []int8) {
	w := ix.words
	dst := ix.codes[int(num)*2*w : int(num+1)*2*w]
	clear(dst)
	var ss float64
	for _, x := range v {
		ss += float64(x) * float64(x)
	}
	if ss == 0 {
		return
	}
	cut := largeRMS * math.Sqrt(ss/float64(len(v)))
	for i, x := range v {
		pos, large := x > 0, math.Abs(float64(x)) > cut
		if pos {
			dst[i>>6] |= 1 << (uint(i) & 63)
		}
		if pos == large {
			dst[w+i>>6] |= 1 << (uint(i) & 63)
		}
	}
}

// denseQuery is a query prepared for both passes.
type denseQuery struct {
	q      []int8   // quantised query, for the exact rescoring
	nz     []int32  // the dimensions where q is not zero: hashed queries are sparse
	scale  float32  // its dequantisation factor
	signs  []uint64 // bit i set when q[i] > 0
	planes [planes][]uint64
}

func (ix *index) prepareDense(q []float32) (denseQuery, bool) {
	var m float32
	for _, f := range q {
		m = max(m, abs32(f))
	}
	if m == 0 {
		return denseQuery{}, false
	}
	dq := denseQuery{q: make([]int8, ix.dim), scale: m / 127, signs: make([]uint64, ix.words)}
	for p := range dq.planes {
		dq.planes[p] = make([]uint64, ix.words)
	}
	const top = 1<<planes - 1
	for i, f := range q {
		dq.q[i] = int8(math.Round(float64(f * 127 / m)))
		if dq.q[i] != 0 {
			dq.nz = append(dq.nz, int32(i))
		}
		if f > 0 {
			dq.signs[i>>6] |= 1 << (uint(i) & 63)
		}
		l := int(math.Round(float64(abs32(f) / m * top)))
		for p := range planes {
			if l&(1<<p) != 0 {
				dq.planes[p][i>>6] |= 1 << (uint(i) & 63)
			}
		}
	}
	return dq, true
}

// dense returns the n passages whose vectors have the highest cosine with q
// (q unit length).
func (ix *index) dense(q []float32, n int) []hit {
	if len(q) != ix.dim || ix.alive == 0 {
		return nil
	}
	dq, ok := ix.prepareDense(q)
	if !ok {
		return nil
	}
	if ix.alive < exactBelow {
		return ix.denseExact(dq, n)
	}
	return ix.denseTwoPass(dq, n)
}

// denseExact scores every passage with its int8 vector.
func (ix *index) denseExact(dq denseQuery, n int) []hit {
	top := topK{k: n}
	dim := ix.dim
	for num := 1; num < len(ix.docLen); num++ {
		sc := ix.scale[num]
		if sc == 0 || ix.docLen[num] == 0 {
			continue
		}
		d := dq.dot(ix.vecs[num*dim : num*dim+dim])
		top.offer(hit{num: uint32(num), score: float32(d) * sc * dq.scale})
	}
	return top.sorted()
}

// The first pass's score of a passage is Σ q_i·d_i over dimensions i, q_i
// the query's sign times its level (0..3), d_i = 2(2u_i−1) + (2v_i−1) the
// code's value. With L the sum of the query's levels and Bu, Bv the sums of
// the levels where u, v disagree with the query's signs,
//
//	score = 2(L − 2Bu) + (L − 2Bv) = 3L − 2(2Bu + Bv),
//
// so cost = 2Bu + Bv ranks passages the same way, nearest first: popcounts
// of (code XOR query signs) AND each level plane. A passage without a
// vector gets noCost.
const (
	maxCost = 3 * (1<<planes - 1) * 256
	noCost  = maxCost + 1
)

// denseBuf is pooled per-query scratch space of the first pass.
type denseBuf struct {
	cost []uint16
	hist [][noCost + 1]uint32 // one histogram per shard
}

func (ix *index) denseTwoPass(dq denseQuery, n int) []hit {
	size := len(ix.docLen)
	buf, _ := ix.denseScratch.Get().(*denseBuf)
	if buf == nil {
		buf = &denseBuf{}
	}
	if len(buf.cost) < size {
		buf.cost = make([]uint16, size+size/4)
	}
	shards := min(runtime.GOMAXPROCS(0), max(size/shardMin, 1))
	if len(buf.hist) < shards {
		buf.hist = make([][noCost + 1]uint32, shards)
	}
	// Pass 1: costs and their histogram, in shards of passage numbers.
	if shards == 1 {
		ix.firstPass(&dq, buf.cost, &buf.hist[0], 1, size)
	} else {
		var wg sync.WaitGroup
		step := (size + shards - 1) / shards
		for s := range shards {
			lo, hi := max(s*step, 1), min((s+1)*step, size)
			wg.Add(1)
			go func() {
				defer wg.Done()
				ix.firstPass(&dq, buf.cost, &buf.hist[s], lo, hi)
			}()
		}
		wg.Wait()
	}
	// The smallest cost threshold that admits rerankSize candidates.
	want := uint32(rerankSize(n))
	var seen uint32
	threshold := uint16(maxCost)
	for c := 0; c <= maxCost; c++ {
		for s := range shards {
			seen += buf.hist[s][c]
		}
		if seen >= want {
			threshold = uint16(c)
			break
		}
	}
	for s := range shards {
		clear(buf.hist[s][:])
	}
	// Pass 2: rescore the candidates exactly.
	top := topK{k: n}
	dim := ix.dim
	cost := buf.cost[:size]
	for num := 1; num < size; num++ {
		if cost[num] > threshold {
			continue
		}
		d := dq.dot(ix.vecs[num*dim : num*dim+dim])
		top.offer(hit{num: uint32(num), score: float32(d) * ix.scale[num] * dq.scale})
	}
	ix.denseScratch.Put(buf)
	return top.sorted()
}

// firstPass writes the cost of passages lo..hi-1 and counts them in hist.
func (ix *index) firstPass(dq *denseQuery, cost []uint16, hist *[noCost + 1]uint32, lo, hi int) {
	if ix.words != 4 {
		ix.firstPassAny(dq, cost, hist, lo, hi)
		return
	}
	s0, s1, s2, s3 := dq.signs[0], dq.signs[1], dq.signs[2], dq.signs[3]
	a0, a1, a2, a3 := dq.planes[0][0], dq.planes[0][1], dq.planes[0][2], dq.planes[0][3]
	b0, b1, b2, b3 := dq.planes[1][0], dq.planes[1][1], dq.planes[1][2], dq.planes[1][3]
	codes := ix.codes
	scale := ix.scale
	cost = cost[:hi]
	for num := lo; num < hi; num++ {
		if scale[num] == 0 { // no vector, or removed
			cost[num] = noCost
			hist[noCost]++
			continue
		}
		c := codes[num*8 : num*8+8 : num*8+8]
		u0, u1, u2, u3 := c[0]^s0, c[1]^s1, c[2]^s2, c[3]^s3
		v0, v1, v2, v3 := c[4]^s0, c[5]^s1, c[6]^s2, c[7]^s3
		ka := 2*(bits.OnesCount64(u0&a0)+bits.OnesCount64(u1&a1)+bits.OnesCount64(u2&a2)+bits.OnesCount64(u3&a3)) +
			bits.OnesCount64(v0&a0) + bits.OnesCount64(v1&a1) + bits.OnesCount64(v2&a2) + bits.OnesCount64(v3&a3)
		kb := 2*(bits.OnesCount64(u0&b0)+bits.OnesCount64(u1&b1)+bits.OnesCount64(u2&b2)+bits.OnesCount64(u3&b3)) +
			bits.OnesCount64(v0&b0) + bits.OnesCount64(v1&b1) + bits.OnesCount64(v2&b2) + bits.OnesCount64(v3&b3)
		k := uint16(ka + 2*kb)
		cost[num] = k
		hist[k]++
	}
}

// firstPassAny is firstPass for codes of any length. Costs beyond maxCost
// (more than 256 dimensions) are clamped to noCost: far from the query.
func (ix *index) firstPassAny(dq *denseQuery, cost []uint16, hist *[noCost + 1]uint32, lo, hi int) {
	w := ix.words
	for num := lo; num < hi; num++ {
		k := noCost
		if ix.scale[num] != 0 {
			code := ix.codes[num*2*w : num*2*w+2*w]
			k = 0
			for i := range w {
				u, v := code[i]^dq.signs[i], code[w+i]^dq.signs[i]
				for p := range planes {
					pl := dq.planes[p][i]
					k += (2*bits.OnesCount64(u&pl) + bits.OnesCount64(v&pl)) << p
				}
			}
			k = min(k, noCost)
		}
		cost[num] = uint16(k)
		hist[k]++
	}
}

// dot is the inner product of the quantised query with v, over the query's
// non-zero dimensions only, or over all of them when that is cheaper.
func (dq *denseQuery) dot(v []int8) int32 {
	if 2*len(dq.nz) > len(dq.q) {
		return dotInt8(dq.q, v)
	}
	v = v[:len(dq.q)]
	q := dq.q
	var s0, s1 int32
	nz := dq.nz
	i := 0
	for ; i+2 <= len(nz); i += 2 {
		a, b := nz[i], nz[i+1]
		s0 += int32(q[a]) * int32(v[a])
		s1 += int32(q[b]) * int32(v[b])
	}
	if i < len(nz) {
		a := nz[i]
		s0 += int32(q[a]) * int32(v[a])
	}
	return s0 + s1
}

// dotInt8 is the inner product of two int8 vectors of equal length.
func dotInt8(a, b []int8) int32 {
	b = b[:len(a)]
	var s0, s1, s2, s3 int32
	i := 0
	for ; i+8 <= len(a); i += 8 {
		aa, bb := a[i:i+8:i+8], b[i:i+8:i+8]
		s0 += int32(aa[0])*int32(bb[0]) + int32(aa[4])*int32(bb[4])
		s1 += int32(aa[1])*int32(bb[1]) + int32(aa[5])*int32(bb[5])
		s2 += int32(aa[2])*int32(bb[2]) + int32(aa[6])*int32(bb[6])
		s3 += int32(aa[3])*int32(bb[3]) + int32(aa[7])*int32(bb[7])
	}
	for ; i < len(a); i++ {
		s0 += int32(a[i]) * int32(b[i])
	}
	return s0 + s1 + s2 + s3
}
