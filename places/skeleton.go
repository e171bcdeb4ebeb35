package places

import (
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/datafile"
	"github.com/peyvand/peyvand/persian"
)

// A foreign name reaches Persian through several transliterations: قازان,
// غازان and کازان are one Kazan, ولادی‌وستوک and ولادیووستوک one Vladivostok.
// Rather than list every variant, the gazetteer folds each foreign spelling
// to a skeleton that keeps only what all variants share, and a word of a
// text that no spelling matches is looked up by its skeleton. A skeleton is
// trusted only when it is long enough and names one place: when two places,
// an Iranian spelling, a phrase of not.txt or a common word (generic.txt)
// fold to it, it matches nothing.

// noSkeleton marks a skeleton that several places or words share, or
// that a word which is not a foreign place has.
const noSkeleton = -1

// minSkeletonLetters is the fewest letters a name needs to be matched by
// skeleton: shorter names fold into too many Persian words.
const minSkeletonLetters = 4

// skeleton appends to dst the skeleton of a normalised name (its words,
// spaces ignored): letters Persian writes interchangeably for one foreign
// sound made one (ق غ ک، ژ ج، ت ط، س ص ث، ز ذ ض ظ، ح ه) and doubled letters
// made single. It also returns the number of letters of the name and the
// skeleton's runeHash, for the bloom filter.
func skeleton(dst []byte, name string) ([]byte, int, uint32) {
	letters := 0
	h := uint32(hashBasis)
	var last rune
	for i := 0; i < len(name); {
		c := name[i]
		var r rune
		if c >= 0xD8 && c <= 0xDB && i+1 < len(name) {
			// The Arabic block, where Persian letters live: a table.
			r = skelFold[int(c&0x03)<<6|int(name[i+1]&0x3F)]
			i += 2
			letters++
			if r != 0 && r != last {
				last = r
				h = (h ^ uint32(r)) * hashPrime
				dst = append(dst, byte(0xC0|r>>6), byte(0x80|r&0x3F))
			}
			continue
		}
		var n int
		r, n = utf8.DecodeRuneInString(name[i:])
		i += n
		if r == ' ' {
			continue
		}
		letters++
		if r == last {
			continue
		}
		last = r
		h = (h ^ uint32(r)) * hashPrime
		dst = utf8.AppendRune(dst, r)
	}
	return dst, letters, h
}

// runeHash is FNV-1a over the runes of s: what the bloom filter keys on.
func runeHash(s string) uint32 {
	h := uint32(hashBasis)
	for _, r := range s {
		h = (h ^ uint32(r)) * hashPrime
	}
	return h
}

// byteHash is FNV-1a over the bytes of s: the bloom filter's key for a
// glued word, which is not folded.
func byteHash(s string) uint32 {
	h := uint32(hashBasis)
	for i := 0; i < len(s); i++ {
		h = (h ^ uint32(s[i])) * hashPrime
	}
	return h
}

const (
	hashBasis = 2166136261
	hashPrime = 16777619
)

// skelFold maps each rune of the Arabic block (U+0600–U+06FF) to the one
// that stands for its class in a skeleton, 0 for one dropped (ء).
var skelFold = func() (t [256]rune) {
	for i := range t {
		r := rune(0x600 + i)
		switch r {
		case 'ق', 'غ', 'ک':
			r = 'ک'
		case 'ژ', 'ج':
			r = 'ج'
		case 'ت', 'ط':
			r = 'ت'
		case 'س', 'ص', 'ث':
			r = 'س'
		case 'ز', 'ذ', 'ض', 'ظ':
			r = 'ز'
		case 'ح':
			r = 'ه'
		case 'ء':
			r = 0
		}
		t[i] = r
	}
	return t
}()

// vowelAt returns the end of the long vowel (ا و ی) that starts at byte k
// of a skeleton, or -1 when there is none there or it is the first or the
// last letter (those are always written).
func vowelAt(sk []byte, k int) int {
	if k == 0 || k+2 >= len(sk) || sk[k] != 0xD8 && sk[k] != 0xD9 && sk[k] != 0xDB {
		return -1
	}
	r, n := utf8.DecodeRune(sk[k:])
	if (r == 'ا' || r == 'و' || r == 'ی') && k+n < len(sk) {
		return k + n
	}
	return -1
}

// How much context a skeleton match needs, kept in the low bits of a skel
// value.
const (
	skelPlain = iota // none: the skeleton alone is distinctive
	skelShort        // a place word before it or its place after it
	skelVowel        // the place it lies in right after it
	// minPlainSkeleton is the fewest letters of a skeleton that needs no
	// context.
	minPlainSkeleton = 5
)

// indexSkeletons fills g.skel from the foreign places' plain spellings
// (not ambiguous, not demonyms, minSkeletonLetters or more): their
// skeletons, then, where no skeleton is, each with one long vowel inside
// left out or added. What another place, an Iranian or ambiguous spelling,
// a phrase of not.txt or a common word (generic.txt) shares is noSkeleton.
// It also indexes the cities glued to their country (g.glued) and fills
// the filter in front of both maps.
func (g *Gazetteer) indexSkeletons() {
	exact := make(map[string]int32, len(g.keys))
	vowel := make(map[string]int32, 8*len(g.keys))
	add := func(m map[string]int32, sk string, v int32) {
		if prev, ok := m[sk]; ok && prev != v {
			v = noSkeleton
		}
		m[sk] = v
	}
	var buf, tmp []byte
	for key, ki := range g.keys {
		if ki.english {
			continue
		}
		var n int
		buf, n, _ = skeleton(buf[:0], key)
		runes := utf8.RuneCount(buf)
		if ki.id == notPlace || ki.ambiguous || ki.demonym || n < minSkeletonLetters || runes < 3 ||
			g.entries[ki.id].place.Iranian() || nisba(key, g.entries[ki.id].place) {
			exact[string(buf)] = noSkeleton
			continue
		}
		need := int32(skelPlain)
		if runes < minPlainSkeleton {
			need = skelShort
		}
		add(exact, string(buf), int32(ki.id)<<2|need)
		v := int32(ki.id)<<2 | skelVowel
		for k := range buf {
			if e := vowelAt(buf, k); e > 0 { // written here, left out in the text
				tmp = append(append(tmp[:0], buf[:k]...), buf[e:]...)
				add(vowel, string(tmp), v)
			}
			if k > 0 && utf8.RuneStart(buf[k]) { // left out here, written in the text
				for _, r := range "اوی" {
					tmp = utf8.AppendRune(append(tmp[:0], buf[:k]...), r)
					add(vowel, string(append(tmp, buf[k:]...)), v)
				}
			}
		}
	}
	for w := range g.generic {
		buf, _, _ = skeleton(buf[:0], w)
		exact[string(buf)] = noSkeleton
	}
	g.skel = make(map[string]int32, len(exact)+len(vowel))
	for sk, v := range vowel {
		g.skel[sk] = v
	}
	for sk, v := range exact { // a word's own skeleton wins over a variant
		g.skel[sk] = v
	}
	// Cities glued to their country: every one-word plain spelling of a
	// foreign place followed by one of the country it lies in.
	var countries, inside []string
	for key, ki := range g.keys {
		if ki.id == notPlace || ki.english || ki.ambiguous || ki.demonym || strings.Contains(key, " ") ||
			utf8.RuneCountInString(key) < 2 {
			continue
		}
		if g.entries[ki.id].place.Kind == peyvand.KindCountry {
			countries = append(countries, key)
		}
		if g.entries[ki.id].parent >= 0 && !g.entries[ki.id].place.Iranian() && utf8.RuneCountInString(key) >= 3 {
			inside = append(inside, key)
		}
	}
	g.glued = make(map[string][2]int32, 4*len(inside))
	for _, p := range inside {
		pid := g.keys[p].id
		for _, c := range countries {
			cid := g.keys[c].id
			if !g.within(pid, cid) {
				continue
			}
			w := p + c
			if _, taken := g.keys[w]; taken {
				continue
			}
			v := [2]int32{int32(pid), int32(cid)}
			if prev, ok := g.glued[w]; ok && prev != v {
				v = [2]int32{noSkeleton, noSkeleton}
			}
			g.glued[w] = v
		}
	}
	for w := range g.generic {
		delete(g.glued, w)
	}
	g.bloom = make([]uint64, bloomBits/64)
	for sk, v := range g.skel {
		if v != noSkeleton {
			g.bloomAdd(runeHash(sk))
			g.shapes.add(sk)
		}
	}
	for w := range g.glued {
		g.bloomAdd(byteHash(w))
		g.shapes.add(w)
	}
	// A word written with a half-space may be any of these, or a one-word
	// spelling.
	g.halves = g.shapes
	for key, ki := range g.keys {
		if ki.id != notPlace && !ki.english && !strings.Contains(key, " ") {
			g.halves.add(key)
		}
	}
}

// shapes is a set of the shapes of the keys of skel and glued: a word's
// first and last letters and the first and last consonants between them,
// folded as skeleton folds them, hashed into a bitset. It is a test much
// cheaper than a skeleton, that most words of a text fail and every
// variant of a name passes (a long vowel written or not inside a name
// changes none of the four).
type shapes [shapeBits / 64]uint64

const shapeBits = 1 << 18

// shapeOf returns the index of a normalised word's shape, or -1 for a word
// that does not start and end in the Arabic block.
func shapeOf(w string) int {
	n := len(w)
	if n < 4 || w[0]-0xD8 > 3 || w[n-2]-0xD8 > 3 {
		return -1
	}
	cls := &letterClass
	first := cls[int(w[0]&0x03)<<6|int(w[1]&0x3F)]
	end := n - 2
	last := cls[int(w[end]&0x03)<<6|int(w[end+1]&0x3F)]
	for last == 0 && end >= 2 { // a final ء
		end -= 2
		if w[end]-0xD8 > 3 {
			return -1
		}
		last = cls[int(w[end]&0x03)<<6|int(w[end+1]&0x3F)]
	}
	var second, penult uint8
	s := 2
	for prev := first; s+1 < end; s += 2 {
		k := uint8(63)
		if w[s]-0xD8 <= 3 {
			k = cls[int(w[s]&0x03)<<6|int(w[s+1]&0x3F)]
		}
		if k != 0 && k != prev {
			if prev = k; !isVowelClass[k&63] {
				second = k
				break
			}
		}
	}
	for e, next := end-2, last; e > s; e -= 2 {
		k := uint8(63)
		if w[e]-0xD8 <= 3 {
			k = cls[int(w[e]&0x03)<<6|int(w[e+1]&0x3F)]
		}
		if k != 0 && k != next {
			if next = k; !isVowelClass[k&63] {
				penult = k
				break
			}
		}
	}
	h := (uint32(first)<<18 | uint32(second)<<12 | uint32(penult)<<6 | uint32(last)) * 0x9E3779B1
	return int(h >> (32 - 18))
}

func (t *shapes) add(w string) {
	if k := shapeOf(w); k >= 0 {
		t[k/64] |= 1 << (k % 64)
	}
}

func (t *shapes) has(w string) bool {
	k := shapeOf(w)
	return k >= 0 && t[k/64]&(1<<(k%64)) != 0
}

// letterClass numbers the skeleton classes of the Persian letters from 1
// (0 for ء, which skeleton drops; 62 for any other rune of the Arabic
// block); isVowelClass tells ا و ی's.
var letterClass, isVowelClass = func() (t [256]uint8, v [64]bool) {
	ids := map[rune]uint8{}
	for i := range t {
		t[i] = 62
	}
	for _, r := range "ابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهی" {
		f := skelFold[r-0x600]
		id, ok := ids[f]
		if !ok {
			id = uint8(len(ids) + 1)
			ids[f] = id
		}
		t[r-0x600] = id
	}
	t['ء'-0x600] = 0
	v[ids['ا']], v[ids['و']], v[ids['ی']] = true, true, true
	return t, v
}()

// bloomBits is the size of the filter that keeps most words of a text
// from the skeleton and glued maps: with some 40,000 keys and two probes,
// one word in twenty passes it by chance, and it fits in a core's cache.
const bloomBits = 1 << 18

func bloomProbes(h uint32) (uint32, uint32) {
	h2 := h * 0x9E3779B1
	return h & (bloomBits - 1), (h2 >> 14) & (bloomBits - 1)
}

func (g *Gazetteer) bloomAdd(h uint32) {
	a, b := bloomProbes(h)
	g.bloom[a/64] |= 1 << (a % 64)
	g.bloom[b/64] |= 1 << (b % 64)
}

// maybe reports whether a key of runeHash h may be in the skeleton or
// glued maps.
func (g *Gazetteer) maybe(h uint32) bool {
	a, b := bloomProbes(h)
	return g.bloom[a/64]&(1<<(a%64)) != 0 && g.bloom[b/64]&(1<<(b%64)) != 0
}

// nisba reports whether a spelling looks like the adjective of its place
// rather than its name: it ends in ی and is not the name itself (سوری for
// سوریه, سعودی for عربستان سعودی). Persian makes such adjectives of common
// words too (صوری, صعودی), so they are not matched by skeleton.
func nisba(key string, p peyvand.Place) bool {
	return strings.HasSuffix(key, "ی") &&
		strings.ReplaceAll(key, " ", "") != strings.ReplaceAll(normKey(p.Name), " ", "")
}

// bySkeleton returns the foreign place whose skeleton a normalised name
// has, when exactly one has it, and the context the match needs
// (skelPlain …): a short skeleton, or one reached by a long vowel written
// or left out, is shared by too many Persian words to stand alone.
func (g *Gazetteer) bySkeleton(name string) (id, need int, ok bool) {
	var buf [160]byte
	sk, n, h := skeleton(buf[:0], name)
	if n < minSkeletonLetters || !g.maybe(h) {
		return 0, 0, false
	}
	v, ok := g.skel[string(sk)]
	if !ok || v == noSkeleton {
		return 0, 0, false
	}
	return int(v >> 2), int(v & 3), true
}

// vouched reports whether the text gives a skeleton match at m the
// context it needs.
func (g *Gazetteer) vouched(toks []Token, m match, need int) bool {
	switch need {
	case skelShort:
		return g.anchored(toks, m)
	case skelVowel:
		return g.lies(toks, m)
	}
	return true
}

// fuzzyAt tries the forms of a name that no spelling matches exactly at
// toks[i], where first is the trie node of toks[i].Word (nil for none):
// several words by skeleton ("سن پطرزبورگ"), one word written with a
// half-space inside ("ولادیو‌ستوک"), one word by skeleton ("غازان",
// "ولادیووستوک"), a name with the ezafe ی before the place it lies in
// ("مسکوی روسیه"), and a city glued to its country ("شیانچین"). It appends
// what it finds to dst and returns the end of the tokens used, or i when
// nothing was found.
func (g *Gazetteer) fuzzyAt(toks []Token, i int, first *node, dst []match) ([]match, int) {
	w := toks[i].Word
	if w == "" || w[0] < utf8.RuneSelf || first != nil && first.end {
		return dst, i // Latin or digits; or a known spelling, taken or left on purpose
	}
	// Several words, when the first is the first word of a several-word
	// spelling: the longest that folds to a place.
	if first != nil && first.next != nil {
		var buf [128]byte
		b := append(buf[:0], w...)
		var best, end int
		for j := i + 1; j < min(len(toks), i+3); j++ {
			if !toks[j].Joined || len(b)+len(toks[j].Word) > len(buf) {
				break
			}
			b = append(b, toks[j].Word...)
			// The words after the first carry the name: "استان است" is
			// no استان واسط.
			if utf8.RuneCount(b[len(w):]) < minSkeletonLetters || !g.shapes.has(string(b)) {
				continue
			}
			// The first word is known as written, which vouches for a
			// vowel more or less in the rest.
			if id, _, ok := g.bySkeleton(string(b)); ok {
				best, end = id, j+1
			}
		}
		if end > 0 {
			return append(dst, match{id: best, i: i, j: end}), end
		}
	}
	// One word written with a half-space inside: "مس‌کو", "ولادیو‌ستوک".
	if i+1 < len(toks) && toks[i+1].Gap == GapHalfSpace && toks[i+1].Joined {
		var buf [96]byte
		if len(w)+len(toks[i+1].Word) > len(buf) || !g.halves.has(string(append(append(buf[:0], w...), toks[i+1].Word...))) {
			goto single // most such pairs are a word and its affix: می‌شود، کشورهای
		}
		whole := w + toks[i+1].Word
		id, ok := g.exact(whole)
		ok = ok && utf8.RuneCountInString(whole) >= minSkeletonLetters
		if !ok {
			var need int
			id, need, ok = g.bySkeleton(whole)
			ok = ok && g.vouched(toks, match{id: id, i: i, j: i + 2}, need)
		}
		if ok && !persian.IsStopword(w) {
			return append(dst, match{id: id, i: i, j: i + 2}), i + 2
		}
	}
single:
	if len(w) < 2*minSkeletonLetters-2 {
		return dst, i // too short for what follows
	}
	// A common word is never a variant of a name: checked last, as few
	// words get this far.
	common := func() bool { return persian.IsStopword(w) || g.generic[w] }
	ends := g.shapes.has(w) // else no skeleton nor glued key is like w
	if !ends && !strings.HasSuffix(w, "ی") {
		return dst, i
	}
	if ends {
		if id, need, ok := g.bySkeleton(w); ok && g.vouched(toks, match{id: id, i: i, j: i + 1}, need) && !common() {
			return append(dst, match{id: id, i: i, j: i + 1}), i + 1
		}
	}
	// The ezafe: "مسکوی روسیه", "توکیوی ژاپن". Only before the place the
	// name lies in: "آمریکای لاتین" is no America.
	if base, ok := strings.CutSuffix(w, "ی"); ok && (strings.HasSuffix(base, "ا") || strings.HasSuffix(base, "و")) &&
		i+1 < len(toks) && toks[i+1].Joined {
		id, ok := g.exact(base)
		if !ok {
			id, _, ok = g.bySkeleton(base)
		}
		if ok && g.lies(toks, match{id: id, i: i, j: i + 1}) && !common() {
			return append(dst, match{id: id, i: i, j: i + 1}), i + 1
		}
	}
	// A city glued to its country: "شیانچین".
	if ends && len(w) >= 10 && g.maybe(byteHash(w)) {
		if v, ok := g.glued[w]; ok && v[0] != noSkeleton && !common() {
			return append(dst, match{id: int(v[0]), i: i, j: i + 1}, match{id: int(v[1]), i: i, j: i + 1}), i + 1
		}
	}
	return dst, i
}

// exact returns the place a one-word spelling names plainly: not ambiguous,
// not a demonym, not a phrase of not.txt.
func (g *Gazetteer) exact(w string) (int, bool) {
	n := g.root.next[w]
	if n == nil || !n.end || n.val.id == notPlace || n.val.ambiguous || n.val.demonym {
		return 0, false
	}
	return n.val.id, true
}

// loadWords reads a word list (generic.txt): words separated by "،" or ","
// or on lines of their own, "#" comments; each normalised.
func loadWords(txt string) map[string]bool {
	m := make(map[string]bool, 256)
	datafile.Lines(txt, func(_ int, line string) {
		for _, w := range datafile.List(line) {
			if k := normKey(w); k != "" {
				m[k] = true
			}
		}
	})
	return m
}
