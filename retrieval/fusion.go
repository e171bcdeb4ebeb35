package retrieval

import (
	"math"
	"slices"
	"strconv"
)

// Fusion weighs the evidence a hybrid search adds up. A candidate is any
// passage in the best pool of BM25 or of the dense search; each candidate
// gets both scores, computed exactly, and
//
//	score = bm25/best bm25 + Dense·cosine + Coverage·coverage
//
// where best bm25 is the top candidate's, cosine is the passage vector's with
// the question's, and coverage is Result.Coverage. Keyword evidence is scaled
// to 0..1 per query, so a weight says how much a cosine (or coverage) of 1
// counts against the best keyword match, whatever the corpus's idf.
//
// Reciprocal rank fusion, used before, gave the weak offline embedder as
// much say as BM25 and so ranked below BM25 alone on every measured set; a
// score sum lets a strong keyword match keep its lead and a small weight
// make the vectors break near-ties (bench/README.md has the sweep).
type Fusion struct {
	// Dense weighs the cosine of the passage's vector with the question's.
	Dense float64
	// Coverage weighs the IDF share of the question's terms the passage
	// holds: it favours a passage with all the question's words over one
	// that repeats a few of them.
	Coverage float64

	keywordOff bool // DenseOnly: the keyword score is not counted
}

// hashFusion is for the offline HashEmbedder. It was chosen on PersianQA
// alone (651 questions over the pooled passages; a 7×7 grid of weights
// 0–0.3; of the cells within 0.0001 of the best, the smallest coverage
// weight) and confirmed on PQuAD, ParsiNLU and the dev questions, where it
// is at or above BM25 alone (bench/README.md has the figures). The hashed vectors match
// spelling, not meaning: they earn a small weight only.
var hashFusion = Fusion{Dense: 0.15, Coverage: 0.2}

// openAIDenseWeight is the default of OpenAIConfig.DenseWeight, for a
// model whose vectors carry meaning: a cosine gap of 0.1 between two
// passages is then worth a tenth of the best keyword match. It is not
// measured here (bench runs the offline embedder); choose a deployment's
// own with bench's -dense-weights on its questions (bench/README.md).
const openAIDenseWeight = 1.0

// placeWeight is the bonus of a passage for each of the question's places
// it names, as a share of the best candidate's fused score: what it was
// under reciprocal rank fusion (0.5/60 against a best of about 2/61), the
// share TestQuestionSet's figures were reached with.
const placeWeight = 0.25

// String is how a database records the weights: "dense=0.15 coverage=0.2".
func (f Fusion) String() string {
	return "dense=" + strconv.FormatFloat(f.Dense, 'g', -1, 64) + " coverage=" + strconv.FormatFloat(f.Coverage, 'g', -1, 64)
}

// DefaultFusion returns the weights for emb's vectors: the tuned ones for
// the offline HashEmbedder, OpenAIConfig.DenseWeight for an OpenAI-compatible
// embedder, and openAIDenseWeight for any other.
func DefaultFusion(emb Embedder) Fusion {
	switch e := emb.(type) {
	case *HashEmbedder:
		return hashFusion
	case *OpenAIEmbedder:
		return Fusion{Dense: e.cfg.DenseWeight, Coverage: hashFusion.Coverage}
	default:
		return Fusion{Dense: openAIDenseWeight, Coverage: hashFusion.Coverage}
	}
}

// fuse scores the union of the keyword and dense hits. Called under the
// read lock.
func (e *Engine) fuse(keyHits, denseHits []hit, fu Fusion, terms []string, weights []float32, qvec []float32, places [][][]string) []cand {
	ix := e.ix
	byNum := make(map[uint32]int, len(keyHits)+len(denseHits))
	cands := make([]cand, 0, len(keyHits)+len(denseHits))
	for _, h := range keyHits {
		byNum[h.num] = len(cands)
		cands = append(cands, cand{num: h.num, art: ix.artNum[h.num], bm25: float64(h.score), cos: math.NaN()})
	}
	for _, h := range denseHits {
		if i, ok := byNum[h.num]; ok {
			cands[i].cos = float64(h.score)
			continue
		}
		c := cand{num: h.num, art: ix.artNum[h.num], cos: float64(h.score), bm25: math.NaN()}
		cands = append(cands, c)
	}
	// Each candidate's missing score, exactly: a passage just outside one
	// pool is not one that has none of that evidence.
	var dq denseQuery
	haveDQ := false
	if qvec != nil && fu.Dense != 0 {
		dq, haveDQ = ix.prepareDense(qvec)
	}
	qts := ix.weigh(terms, weights) // once, not per candidate
	var best float64
	for i := range cands {
		c := &cands[i]
		if math.IsNaN(c.bm25) {
			c.bm25 = 0
			if !fu.keywordOff {
				c.bm25 = ix.bm25Of(qts, c.num)
			}
		}
		if math.IsNaN(c.cos) {
			c.cos = 0
			if haveDQ {
				c.cos = ix.cosOf(&dq, c.num)
			}
		}
		best = max(best, c.bm25)
	}
	top := 0.0
	for i := range cands {
		c := &cands[i]
		c.coverage = ix.coverage(qts, c.num)
		if best > 0 && !fu.keywordOff {
			c.score = c.bm25 / best
		}
		c.score += fu.Dense*c.cos + fu.Coverage*c.coverage
		top = max(top, c.score)
	}
	for i := range cands {
		c := &cands[i]
		c.places = e.placesIn(c.num, places)
		c.score += placeWeight * top * float64(c.places)
	}
	return cands
}

// bm25Of is passage num's BM25 score for the query terms, by binary search
// in each term's postings: the same sum bm25 computes for its hits.
func (ix *index) bm25Of(qts []queryTerm, num uint32) float64 {
	nm := ix.norm[num]
	if nm < 0 {
		return 0
	}
	var s float32
	for _, qt := range qts {
		if qt.pl == nil {
			continue
		}
		i, ok := slices.BinarySearch(qt.pl.nums, num)
		if !ok {
			continue
		}
		tf := float32(qt.pl.freqs[i])
		s += qt.w * tf / (tf + nm)
	}
	return float64(s)
}

// coverage is the IDF-weighted share of query terms the passage contains.
// Called under the read lock.
func (ix *index) coverage(qts []queryTerm, num uint32) float64 {
	var have, total float64
	for _, qt := range qts {
		total += qt.idf
		if qt.pl != nil {
			if _, ok := slices.BinarySearch(qt.pl.nums, num); ok {
				have += qt.idf
			}
		}
	}
	if total == 0 {
		return 0
	}
	return have / total
}

// cosOf is passage num's cosine with the prepared query, from its int8
// vector as the dense rescoring computes it.
func (ix *index) cosOf(dq *denseQuery, num uint32) float64 {
	sc := ix.scale[num]
	if sc == 0 || int(num) >= len(ix.docLen) || ix.docLen[num] == 0 {
		return 0
	}
	d := dq.dot(ix.vecs[int(num)*ix.dim : int(num+1)*ix.dim])
	return float64(float32(d) * sc * dq.scale)
}
