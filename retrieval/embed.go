package retrieval

import (
	"context"
	"math"

	"github.com/peyvand/peyvand/persian"
)

// Embedder turns texts into vectors of a fixed dimension. Vectors need not be
// normalised: the index normalises them on write and at query time.
type Embedder interface {
	// Name identifies the embedder and its settings; a database remembers it
	// and refuses to mix vectors of different embedders.
	Name() string
	Dim() int
	Embed(ctx context.Context, texts []string) ([][]float32, error)
}

// HashEmbedder is the offline embedder: it hashes the character n-grams of
// each normalised word (with word-boundary marks) into a fixed number of
// signed buckets. It needs no model and no network, and it matches spelling
// and morphological variants that exact tokens miss ("همکاری‌ها" and
// "همکاری‌های" share most of their n-grams). A word glued without its
// half-space is embedded as its persian.Segment parts, so "همکاریهای" and
// "همکاری‌های" give one vector.
type HashEmbedder struct {
	dim      int
	min, max int // n-gram lengths, in runes
}

// NewHashEmbedder returns an offline embedder of the given dimension, using
// n-grams of 3 to 5 runes.
func NewHashEmbedder(dim int) *HashEmbedder {
	return &HashEmbedder{dim: dim, min: 3, max: 5}
}

// Name implements Embedder.
//
// The name stayed when glued words began to be embedded as their segments
// (derive-v3): only the vectors of passages with such words moved, a file
// written before still opens, and re-ingesting or `reindex` brings its
// vectors up to date.
func (h *HashEmbedder) Name() string { return "hash-ngram-3-5-v1" }

// Dim implements Embedder.
func (h *HashEmbedder) Dim() int { return h.dim }

// Embed implements Embedder.
func (h *HashEmbedder) Embed(_ context.Context, texts []string) ([][]float32, error) {
	out := make([][]float32, len(texts))
	for i, t := range texts {
		out[i] = h.Vector(t, nil)
	}
	return out, nil
}

// Vector embeds one text into dst (allocated when nil or short).
func (h *HashEmbedder) Vector(text string, dst []float32) []float32 {
	if cap(dst) < h.dim {
		dst = make([]float32, h.dim)
	}
	dst = dst[:h.dim]
	clear(dst)
	var stack [64]rune // the runes of most words fit: no allocation per word
	runes := stack[:0]
	var parts []string
	for _, word := range persian.Words(text) {
		parts = persian.AppendContentSegments(parts[:0], word)
		for _, w := range parts {
			runes = h.addWord(dst, w, runes)
		}
	}
	normalize(dst)
	return dst
}

// addWord adds the hashes of one word and its n-grams to dst; runes is
// scratch space, returned for reuse.
func (h *HashEmbedder) addWord(dst []float32, w string, runes []rune) []rune {
	runes = append(runes[:0], '<')
	for _, r := range w {
		runes = append(runes, r)
	}
	runes = append(runes, '>')
	// The whole word, weighted as much as its n-grams together.
	h.add(dst, fnvRunes(fnvOffset, runes), 2)
	// Each start's n-grams of min..max runes extend one hash.
	for i := 0; i+h.min <= len(runes); i++ {
		x := fnvRunes(fnvOffset, runes[i:i+h.min-1])
		for n := h.min; n <= h.max && i+n <= len(runes); n++ {
			x = fnvRune(x, runes[i+n-1])
			h.add(dst, x, 1)
		}
	}
	return runes
}

// FNV-1a over runes.
const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func fnvRune(x uint64, r rune) uint64 { return (x ^ uint64(r)) * fnvPrime }

func fnvRunes(x uint64, rs []rune) uint64 {
	for _, r := range rs {
		x = fnvRune(x, r)
	}
	return x
}

// add adds w to the bucket of FNV-1a hash x, with the sign of its top bit.
func (h *HashEmbedder) add(v []float32, x uint64, w float32) {
	x ^= x >> 29 // mix the high bits into the low ones the modulo reads
	i := int(x % uint64(len(v)))
	if x&(1<<63) != 0 {
		w = -w
	}
	v[i] += w
}

// normalize scales v to unit length in place; a zero vector stays zero.
func normalize(v []float32) {
	var s float64
	for _, f := range v {
		s += float64(f) * float64(f)
	}
	if s == 0 {
		return
	}
	inv := float32(1 / math.Sqrt(s))
	for i := range v {
		v[i] *= inv
	}
}
