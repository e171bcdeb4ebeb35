package store

import (
	"encoding/binary"
	"errors"
	"math"
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

// putVector encodes a vector as little-endian float32s.
func putVector(v []float32) []byte {
	b := make([]byte, 4*len(v))
	for i, f := range v {
		binary.LittleEndian.PutUint32(b[4*i:], math.Float32bits(f))
	}
	return b
}

// getVector decodes a vector into dst (grown as needed).
func getVector(dst []float32, b []byte) []float32 {
	for i := 0; i+4 <= len(b); i += 4 {
		dst = append(dst, math.Float32frombits(binary.LittleEndian.Uint32(b[i:])))
	}
	return dst
}
