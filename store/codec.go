package store

import (
	"bytes"
	"compress/flate"
	"encoding/binary"
	"errors"
	"io"
	"math"
	"strings"
	"sync"
	"time"
)

// errCorrupt is returned when a stored value cannot be decoded.
var errCorrupt = errors.New("corrupt record")

// u32 encodes n as a fixed-width big-endian key, so byte order is numeric order.
func u32(n uint32) []byte {
	var b [4]byte
	binary.BigEndian.PutUint32(b[:], n)
	return b[:]
}

// enc appends values in a compact binary form: uvarints, length-prefixed
// strings and little-endian floats.
type enc struct{ b []byte }

func (e *enc) uint(n uint64)    { e.b = binary.AppendUvarint(e.b, n) }
func (e *enc) int(n int64)      { e.b = binary.AppendVarint(e.b, n) }
func (e *enc) str(s string)     { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *enc) f64(f float64)    { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(f)) }
func (e *enc) time(t time.Time) { e.int(unixOrZero(t)) }

func unixOrZero(t time.Time) int64 {
	if t.IsZero() {
		return math.MinInt64
	}
	return t.Unix()
}

// dec reads what enc wrote. The first error sticks; callers check err once.
type dec struct {
	b   []byte
	err error
}

func (d *dec) uint() uint64 {
	if d.err != nil {
		return 0
	}
	n, k := binary.Uvarint(d.b)
	if k <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[k:]
	return n
}

func (d *dec) int() int64 {
	if d.err != nil {
		return 0
	}
	n, k := binary.Varint(d.b)
	if k <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[k:]
	return n
}

// str copies the string out: bbolt's bytes are only valid inside the transaction.
func (d *dec) str() string {
	n := d.uint()
	if d.err != nil {
		return ""
	}
	if n > uint64(len(d.b)) {
		d.err = errCorrupt
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// bytes returns the next length-prefixed bytes without copying them: valid
// only as long as d.b is.
func (d *dec) bytes() []byte {
	n := d.uint()
	if d.err != nil {
		return nil
	}
	if n > uint64(len(d.b)) {
		d.err = errCorrupt
		return nil
	}
	b := d.b[:n:n]
	d.b = d.b[n:]
	return b
}

func (d *dec) f64() float64 {
	if d.err != nil {
		return 0
	}
	if len(d.b) < 8 {
		d.err = errCorrupt
		return 0
	}
	f := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return f
}

func (d *dec) time() time.Time {
	n := d.int()
	if n == math.MinInt64 || d.err != nil {
		return time.Time{}
	}
	return time.Unix(n, 0).UTC()
}

// Quantized is a vector as it is stored and searched: int8 components and
// the factor that scales them back, a quarter of float32's size. The dense
// search reads only this form, so the float32 vector is not kept.
type Quantized struct {
	Q     []int8
	Scale float32 // 0 for no vector
}

// Quantize maps a vector to int8 with a per-vector scale: the largest
// component becomes ±127, and a dot product stays within 1% of the exact
// one. A zero or empty vector has no quantised form (Scale 0).
func Quantize(v []float32) Quantized {
	var m float32
	for _, f := range v {
		if f < 0 {
			f = -f
		}
		m = max(m, f)
	}
	if m == 0 {
		return Quantized{}
	}
	q := 127 / m
	out := Quantized{Q: make([]int8, len(v)), Scale: m / 127}
	for i, f := range v {
		out.Q[i] = int8(math.Round(float64(f * q)))
	}
	return out
}

// putVector encodes a quantised vector: its scale as a little-endian
// float32, then one byte per component.
func putVector(v Quantized) []byte {
	b := make([]byte, 4, 4+len(v.Q))
	binary.LittleEndian.PutUint32(b, math.Float32bits(v.Scale))
	for _, x := range v.Q {
		b = append(b, byte(x))
	}
	return b
}

// getVector decodes a vector, its components into dst (reused).
func getVector(dst []int8, b []byte) (Quantized, error) {
	if len(b) < 4 {
		return Quantized{}, errCorrupt
	}
	dst = dst[:0]
	for _, x := range b[4:] {
		dst = append(dst, int8(x))
	}
	return Quantized{Q: dst, Scale: math.Float32frombits(binary.LittleEndian.Uint32(b))}, nil
}

// appendPosting appends one posting: the passage as its distance from the
// previous one, shifted left by one, the low bit set when the term occurs
// once (most postings: one byte saved), else the frequency follows.
func appendPosting(b []byte, delta uint32, freq uint64) []byte {
	if freq == 1 {
		return binary.AppendUvarint(b, uint64(delta)<<1|1)
	}
	b = binary.AppendUvarint(b, uint64(delta)<<1)
	return binary.AppendUvarint(b, freq)
}

// posting reads what appendPosting wrote.
func (d *dec) posting() (delta uint32, freq uint64) {
	x := d.uint()
	if x&1 == 1 {
		return uint32(x >> 1), 1
	}
	return uint32(x >> 1), d.uint()
}

// Text encodings of an article record (version 3 on): a text is kept as it
// is when deflate would not save a tenth of it.
const (
	textRaw     = 0
	textDeflate = 1
	// textLevel is deflate's level. On the bench's scale corpus (80 MB
	// of Persian articles) level 4 made 39.2 MB and level 6 39.0 MB: the
	// faster one.
	textLevel = 4
)

var (
	deflaters sync.Pool // *flate.Writer
	inflaters sync.Pool // io.ReadCloser that is a flate.Resetter
)

// text appends a text in the smaller of its encodings: a mode, then the
// raw text, or its length and its deflated bytes.
func (e *enc) text(s string) {
	if len(s) < 128 {
		e.uint(textRaw)
		e.str(s)
		return
	}
	var buf bytes.Buffer
	buf.Grow(len(s) / 2)
	w, _ := deflaters.Get().(*flate.Writer)
	if w == nil {
		w, _ = flate.NewWriter(&buf, textLevel) // the level is valid: no error
	} else {
		w.Reset(&buf)
	}
	io.WriteString(w, s) // a bytes.Buffer does not fail
	w.Close()
	deflaters.Put(w)
	if buf.Len() > len(s)-len(s)/10 {
		e.uint(textRaw)
		e.str(s)
		return
	}
	e.uint(textDeflate)
	e.uint(uint64(len(s)))
	e.str(buf.String())
}

// text reads what enc.text wrote: the whole text for a negative limit, else
// its first limit bytes at most (0: none, the text skipped), so a passage
// near an article's start inflates only that far.
func (d *dec) text(limit int) string {
	switch mode := d.uint(); {
	case d.err != nil:
		return ""
	case mode == textRaw:
		b := d.bytes()
		if limit >= 0 && limit < len(b) {
			b = b[:limit]
		}
		return string(b)
	case mode == textDeflate:
		n := d.uint()
		z := d.bytes()
		if d.err != nil || n > uint64(len(z))*1032 { // deflate's best ratio: a corrupt length
			d.err = errCorrupt
			return ""
		}
		if limit >= 0 {
			n = min(n, uint64(limit))
		}
		if n == 0 {
			return ""
		}
		s, err := inflate(z, n)
		if err != nil {
			d.err = errCorrupt
		}
		return s
	default:
		d.err = errCorrupt
		return ""
	}
}

// inflate decompresses the first n bytes of a deflated text.
func inflate(z []byte, n uint64) (string, error) {
	src := bytes.NewReader(z)
	r, _ := inflaters.Get().(io.ReadCloser)
	if r == nil {
		r = flate.NewReader(src)
	} else if err := r.(flate.Resetter).Reset(src, nil); err != nil {
		return "", err
	}
	defer inflaters.Put(r)
	var sb strings.Builder
	sb.Grow(int(n))
	if m, err := io.CopyN(&sb, r, int64(n)); err != nil || uint64(m) != n {
		return "", errCorrupt
	}
	return sb.String(), nil
}
