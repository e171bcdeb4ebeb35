package store

import (
	"errors"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// seedText is a real Persian news article of the sample corpus.
func seedText(tb testing.TB) string {
	tb.Helper()
	files, err := filepath.Glob(filepath.Join("..", "sample", "seeds", "*.txt"))
	if err != nil || len(files) == 0 {
		tb.Fatalf("sample seeds: %v", err)
	}
	raw, err := os.ReadFile(files[0])
	if err != nil {
		tb.Fatal(err)
	}
	return string(raw)
}

func TestTextEncoding(t *testing.T) {
	news := seedText(t)
	noise := make([]byte, 4096)
	r := rand.New(rand.NewPCG(1, 2))
	for i := range noise {
		noise[i] = byte(r.Uint32())
	}
	tests := []struct {
		name string
		text string
		mode uint64 // the encoding enc.text chooses
	}{
		{"empty", "", textRaw},
		{"a headline", "سفر هیئت تجاری اصفهان به مسکو", textRaw},
		{"an article", news, textDeflate},
		{"noise", string(noise), textRaw}, // deflate would not save a tenth
	}
	for _, tt := range tests {
		var e enc
		e.text(tt.text)
		e.uint(7) // what follows the text must still be read
		if d := (dec{b: e.b}); d.uint() != tt.mode {
			t.Errorf("%s: encoded in mode %d; want %d", tt.name, (&dec{b: e.b}).uint(), tt.mode)
		}
		for _, limit := range []int{-1, 0, 10, len(tt.text), len(tt.text) + 1} {
			want := tt.text
			if limit >= 0 && limit < len(want) {
				want = want[:limit]
			}
			d := dec{b: e.b}
			if got := d.text(limit); got != want || d.uint() != 7 || d.err != nil {
				t.Errorf("%s: text(%d) is %d bytes, err %v; want %d", tt.name, limit, len(got), d.err, len(want))
			}
		}
	}
	var e enc
	if e.text(news); len(e.b) > len(news)*2/3 {
		t.Errorf("an article of %d bytes deflates to %d; want at most two thirds", len(news), len(e.b))
	}
}

// TestTextCorrupt: a damaged deflated text is errCorrupt, never a panic.
func TestTextCorrupt(t *testing.T) {
	var e enc
	e.text(seedText(t))
	good := e.b
	cases := map[string][]byte{
		"truncated":     good[:len(good)/2],
		"garbage":       append(append([]byte{}, good[:8]...), strings.Repeat("\xff", len(good)-8)...),
		"unknown mode":  append([]byte{9}, good[1:]...),
		"length beyond": append([]byte{textDeflate, 0xff, 0xff, 0xff, 0xff, 0x0f}, good[3:]...),
	}
	for name, b := range cases {
		d := dec{b: b}
		if d.text(-1); !errors.Is(d.err, errCorrupt) {
			t.Errorf("%s: err %v; want errCorrupt", name, d.err)
		}
	}
}

func TestVectorEncoding(t *testing.T) {
	tests := []struct {
		in    []float32
		q     []int8
		scale float32
	}{
		{[]float32{0.5, -0.25, 0}, []int8{127, -64, 0}, 0.5 / 127},
		{[]float32{0, 0, 0}, nil, 0}, // no vector
		{nil, nil, 0},
	}
	for _, tt := range tests {
		v := Quantize(tt.in)
		if v.Scale != tt.scale || string(int8s(v.Q)) != string(int8s(tt.q)) {
			t.Errorf("Quantize(%v) = %v, %g; want %v, %g", tt.in, v.Q, v.Scale, tt.q, tt.scale)
		}
		got, err := getVector(nil, putVector(v))
		if err != nil || got.Scale != v.Scale || string(int8s(got.Q)) != string(int8s(v.Q)) {
			t.Errorf("getVector(putVector(%v)) = %v, %v", v, got, err)
		}
	}
	if _, err := getVector(nil, []byte{1, 2}); !errors.Is(err, errCorrupt) {
		t.Errorf("a 2-byte vector: err %v; want errCorrupt", err)
	}
}

func TestPostingEncoding(t *testing.T) {
	tests := []struct {
		delta uint32
		freq  uint64
		size  int // bytes
	}{
		{1, 1, 1},
		{63, 1, 1},
		{64, 1, 2},
		{1, 2, 2},
		{1, 0, 2},
		{100000, 45, 4},
		{1<<32 - 1, 1, 5},
	}
	var b []byte
	for _, tt := range tests {
		n := len(b)
		b = appendPosting(b, tt.delta, tt.freq)
		if len(b)-n != tt.size {
			t.Errorf("appendPosting(%d, %d) takes %d bytes; want %d", tt.delta, tt.freq, len(b)-n, tt.size)
		}
	}
	d := dec{b: b}
	for _, tt := range tests {
		if delta, freq := d.posting(); delta != tt.delta || freq != tt.freq || d.err != nil {
			t.Errorf("posting() = %d, %d, %v; want %d, %d", delta, freq, d.err, tt.delta, tt.freq)
		}
	}
	if len(d.b) != 0 {
		t.Errorf("%d bytes left over", len(d.b))
	}
}

// BenchmarkPostings decodes a posting list as Load does at start-up, a
// million postings a run, most with frequency 1.
func BenchmarkPostings(b *testing.B) {
	var v []byte
	for i := range 1 << 20 {
		v = appendPosting(v, uint32(1+i%7), uint64(1+i%5/4))
	}
	b.SetBytes(int64(len(v)))
	for b.Loop() {
		d := dec{b: v}
		var num uint32
		var sum uint64
		for len(d.b) > 0 && d.err == nil {
			delta, freq := d.posting()
			num += delta
			sum += freq
		}
		if d.err != nil || sum == 0 {
			b.Fatal(d.err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/(1<<20), "ns/posting")
}

func int8s(v []int8) []byte {
	b := make([]byte, len(v))
	for i, x := range v {
		b[i] = byte(x)
	}
	return b
}

// BenchmarkInflateText is the decode each result's article costs when
// Passages reads a passage's range of its text.
func BenchmarkInflateText(b *testing.B) {
	news := seedText(b)
	var e enc
	e.text(news)
	b.SetBytes(int64(len(news)))
	b.ReportAllocs()
	for b.Loop() {
		d := dec{b: e.b}
		if d.text(-1) == "" || d.err != nil {
			b.Fatal(d.err)
		}
	}
}
