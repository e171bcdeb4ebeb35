// Package neardup tells copies of one report apart from other reports: a
// MinHash sketch over word shingles of persian.Tokens, and MaxDistance, the
// threshold measured between copies (another outlet's lead-in and
// boilerplate, sentences moved, a tail cut) and different stories. Reports
// of one event written in other words are not near by this measure; alert
// matches those by their places, relation and date besides.
package neardup

import (
	"encoding/binary"
	"fmt"
	"math"
	"slices"
	"sync"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// SketchSize is the number of minima in a MinHash.
const SketchSize = 64

// ShingleSize is the number of consecutive tokens in one shingle.
const ShingleSize = 2

// MaxDistance is the largest Distance at which two articles are taken for
// copies of one report: a wire story another outlet carries with its own
// lead-in and boilerplate, sentences moved, a tail cut, even half of it
// dropped. It is the middle of the gap measured in TestDedupSeparation: on
// the dev corpus, the fixtures and their synthetic rewrites, copies lie at
// 39 or less, different stories at 59 or more (the same city's at 60). Reports of
// one event written in other words lie with the different stories: that
// needs the place pair, the relation and the date besides.
const MaxDistance = 48

// MinHash is the MinHash sketch of a text's set of word shingles: for each
// of SketchSize hash functions, the least hash of any shingle. The share of
// slots two sketches agree on estimates the Jaccard similarity of their
// shingle sets, with a standard error of at most 1/16 at 64 slots.
//
// MinHash was chosen over a 64-bit SimHash by measurement: news items are
// short (150-300 words), and a SimHash of so few features is noisy — on the
// dev corpus unrelated items came as close as 19 bits while rewrites went
// as far as 18, no gap at all; MinHash leaves a gap of 20 slots (39 to 59).
type MinHash [SketchSize]uint32

// Fingerprint returns the MinHash of an article's title and text.
func Fingerprint(a peyvand.Article) MinHash {
	return FingerprintText(a.Title + "\n" + a.Text)
}

// FingerprintText returns the MinHash of a text's distinct runs of
// ShingleSize tokens (persian.Tokens: normalised, stop words dropped,
// stemmed, so spelling, half-spaces, digits and function words do not
// count). A text shorter than one shingle uses its tokens; a text without
// tokens gives the empty sketch, which is near nothing.
func FingerprintText(text string) MinHash {
	return minhash(persian.Tokens(text), ShingleSize)
}

// minhash is the MinHash of the k-token shingles of toks.
func minhash(toks []string, k int) MinHash {
	var m MinHash
	for i := range m {
		m[i] = math.MaxUint32
	}
	if len(toks) == 0 {
		return m
	}
	n := max(len(toks)-k+1, 1)
	seen := make(map[uint64]bool, n)
	for i := 0; i < n; i++ {
		h := hashTokens(toks[i:min(i+k, len(toks))])
		if seen[h] {
			continue
		}
		seen[h] = true
		for s := range m {
			if v := uint32(mix(h^seeds[s]) >> 32); v < m[s] {
				m[s] = v
			}
		}
	}
	return m
}

// seeds are the SketchSize hash functions: fixed, because sketches are
// stored and compared across runs.
var seeds = func() (s [SketchSize]uint64) {
	for i := range s {
		s[i] = mix(uint64(i+1) * 0x9e3779b97f4a7c15)
	}
	return s
}()

// hashTokens hashes a shingle: FNV-1a over the tokens, each followed by a
// byte no UTF-8 text holds, then mixed.
func hashTokens(ts []string) uint64 {
	const (
		offset = 14695981039346656037
		prime  = 1099511628211
	)
	h := uint64(offset)
	for _, t := range ts {
		for i := 0; i < len(t); i++ {
			h ^= uint64(t[i])
			h *= prime
		}
		h ^= 0xff
		h *= prime
	}
	return mix(h)
}

// mix is splitmix64's finaliser: every output bit depends on every input bit.
func mix(h uint64) uint64 {
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	h ^= h >> 31
	return h
}

// Empty reports whether m is the sketch of a text without tokens.
func (m MinHash) Empty() bool {
	for _, v := range m {
		if v != math.MaxUint32 {
			return false
		}
	}
	return true
}

// Distance returns the number of slots in which m and o differ, 0 to
// SketchSize; an empty sketch is at SketchSize from everything.
func (m MinHash) Distance(o MinHash) int {
	if m.Empty() || o.Empty() {
		return SketchSize
	}
	d := 0
	for i := range m {
		if m[i] != o[i] {
			d++
		}
	}
	return d
}

// Similarity returns the estimated Jaccard similarity of the two texts'
// shingle sets, 1 - Distance/SketchSize.
func (m MinHash) Similarity(o MinHash) float64 {
	return 1 - float64(m.Distance(o))/SketchSize
}

// MarshalBinary returns the sketch as 4*SketchSize big-endian bytes.
func (m MinHash) MarshalBinary() ([]byte, error) {
	b := make([]byte, 4*SketchSize)
	for i, v := range m {
		binary.BigEndian.PutUint32(b[4*i:], v)
	}
	return b, nil
}

// UnmarshalBinary reads what MarshalBinary wrote.
func (m *MinHash) UnmarshalBinary(b []byte) error {
	if len(b) != 4*SketchSize {
		return fmt.Errorf("minhash: %d bytes, want %d", len(b), 4*SketchSize)
	}
	for i := range m {
		m[i] = binary.BigEndian.Uint32(b[4*i:])
	}
	return nil
}

// Match is an earlier article near a fingerprint.
type Match struct {
	ID       string
	Distance int
}

// Index is an index of article fingerprints. Near compares with every one
// of them, exactly, for any maxDistance: 64 compares an article, about
// 3 ms for 100k articles (BenchmarkNear), 0.25 ms for 10k, the window of a
// few weeks. It is safe for concurrent use and memory only:
// rebuild it at start from stored articles (Fingerprint is deterministic)
// or their stored sketches.
type Index struct {
	mu  sync.RWMutex
	ids []string
	fps []MinHash
	pos map[string]int
}

// NewIndex returns an empty index.
func NewIndex() *Index { return &Index{pos: map[string]int{}} }

// Add indexes an article's fingerprint; adding an id again replaces it.
func (d *Index) Add(id string, fp MinHash) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if i, ok := d.pos[id]; ok {
		d.fps[i] = fp
		return
	}
	d.pos[id] = len(d.ids)
	d.ids = append(d.ids, id)
	d.fps = append(d.fps, fp)
}

// Remove drops an article from the index (one that left the window).
func (d *Index) Remove(id string) {
	d.mu.Lock()
	defer d.mu.Unlock()
	i, ok := d.pos[id]
	if !ok {
		return
	}
	delete(d.pos, id)
	d.ids = slices.Delete(d.ids, i, i+1)
	d.fps = slices.Delete(d.fps, i, i+1)
	for j := i; j < len(d.ids); j++ {
		d.pos[d.ids[j]] = j
	}
}

// Len returns the number of indexed articles.
func (d *Index) Len() int {
	d.mu.RLock()
	defer d.mu.RUnlock()
	return len(d.ids)
}

// Near returns the indexed articles within maxDistance of fp, nearest
// first, the earlier added first among equals. An empty fp is near nothing.
func (d *Index) Near(fp MinHash, maxDistance int) []Match {
	if fp.Empty() {
		return nil
	}
	d.mu.RLock()
	defer d.mu.RUnlock()
	var out []Match
	for i := range d.fps {
		if dist := distanceWithin(&fp, &d.fps[i], maxDistance); dist <= maxDistance {
			out = append(out, Match{ID: d.ids[i], Distance: dist})
		}
	}
	slices.SortStableFunc(out, func(a, b Match) int { return a.Distance - b.Distance })
	return out
}

// distanceWithin is Distance, stopping once it passes limit; a is not
// empty, and an empty b is farther than any limit.
func distanceWithin(a, b *MinHash, limit int) int {
	d := 0
	for i := range a {
		if a[i] != b[i] {
			if d++; d > limit {
				return d
			}
		}
	}
	if d == SketchSize && b.Empty() {
		return math.MaxInt
	}
	return d
}
