package persian

import (
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

const (
	zwnj    = '\u200C' // zero-width non-joiner, the Persian half-space
	notSign = '\u00AC' // ¬, what a mis-decoded &not; leaves where a ZWNJ was meant
)

// Normalize returns the match form of s, the form the index and the queries
// share. See the package documentation for the rules; in short: Arabic letter
// variants folded to Persian ones (ي ى ئ → ی, ك → ک, ة ۀ → ه, ؤ → و,
// أ إ آ ٱ → ا), all digits to ASCII, diacritics, tatweel, bidi and other
// format marks removed, ZWNJ and every kind of space to one ASCII space, HTML
// entities decoded, letters lower-cased, whitespace collapsed and trimmed.
//
// Normalize is idempotent, never panics and always returns valid UTF-8
// (invalid bytes are dropped). When s is already in match form it is
// returned without allocating.
func Normalize(s string) string {
	return fixpoint(s, matchPass)
}

// Display returns the display form of s: Arabic ي ى ك written as Persian ی ک,
// ASCII and Arabic digits written as Persian digits (except inside words
// that contain Latin letters, such as URLs and model names), diacritics,
// tatweel, bidi marks and BOM removed, HTML entities decoded, NBSP and other
// spaces written as a plain space. ZWNJ is kept (collapsed, and dropped where
// it does not sit between two letters or digits) and so are line breaks (at most one
// blank line in a row); spaces are collapsed and lines trimmed.
// Display is idempotent.
func Display(s string) string {
	return fixpoint(s, displayPass)
}

// Digits returns s with ASCII and Arabic-Indic digits written as Persian
// digits (۰-۹). Nothing else changes.
func Digits(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c == 0xD9 {
			break
		}
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for _, r := range s[i:] {
		switch {
		case r >= '0' && r <= '9':
			r = '۰' + (r - '0')
		case r >= '٠' && r <= '٩':
			r = '۰' + (r - '٠')
		}
		b.WriteRune(r)
	}
	return b.String()
}

// fixpoint alternates a character pass with HTML entity decoding until the
// text stops changing. Decoding strictly lowers the number of '&' and ';'
// characters and the passes never add any after the first, so the loop ends;
// stopping at a fixed point of both steps is what makes the result
// idempotent.
func fixpoint(s string, pass func(string) string) string {
	if strings.IndexByte(s, '&') >= 0 {
		// decode before the pass lower-cases: &oS; is not &os;
		s, _ = decodeEntities(s)
	}
	s = pass(s)
	for strings.IndexByte(s, '&') >= 0 {
		d, changed := decodeEntities(s)
		if !changed {
			break
		}
		s = pass(d)
	}
	return s
}

// decodeEntities decodes the HTML character references in s. &not; between
// two Arabic-script letters becomes a ZWNJ: Persian pages that went through a
// bad HTML round-trip carry it where a half-space was.
func decodeEntities(s string) (string, bool) {
	var b []byte
	last := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '&' {
			continue
		}
		j := i + 1
		for j < len(s) && j-i <= 32 && isEntityByte(s[j]) {
			j++
		}
		if j >= len(s) || s[j] != ';' || j == i+1 {
			continue
		}
		ent := s[i : j+1]
		var rep string
		if ent == "&not;" || ent == "&#172;" || ent == "&#xac;" || ent == "&#xAC;" {
			prev, _ := utf8.DecodeLastRuneInString(s[:i])
			next, _ := utf8.DecodeRuneInString(s[j+1:])
			if isArabicLetter(prev) && isArabicLetter(next) {
				rep = "\u200C"
			} else {
				rep = "\u00AC"
			}
		} else {
			rep = html.UnescapeString(ent)
			if rep == ent || strings.HasSuffix(rep, ";") {
				// unknown, or only a legacy prefix decoded; try it in lower
				// case, which the match form would turn it into (&NBSP;)
				low := strings.ToLower(ent)
				rep = html.UnescapeString(low)
				if rep == low || strings.HasSuffix(rep, ";") {
					continue
				}
			}
		}
		b = append(b, s[last:i]...)
		b = append(b, rep...)
		last = j + 1
		i = j
	}
	if b == nil {
		return s, false
	}
	b = append(b, s[last:]...)
	return string(b), true
}

func isEntityByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '#'
}

// isArabicLetter reports whether r is a letter of the Arabic script
// (which Persian is written in), presentation forms included.
func isArabicLetter(r rune) bool {
	if r < 0x0600 {
		return false
	}
	if r <= 0x06FF {
		// the Arabic block, where Persian text lives: a table lookup
		return arabicLetters()[r-0x600]
	}
	return unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
}

var arabicLetters = sync.OnceValue(func() *[256]bool {
	var t [256]bool
	for i := range t {
		r := rune(0x600 + i)
		t[i] = unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r)
	}
	return &t
})

// out accumulates a pass's output lazily: while the output is a prefix of the
// input nothing is copied, so already-normal text costs no allocation.
type out struct {
	src  string
	w    int    // while buf == nil, the output is src[:w]
	buf  []byte // the output once it diverged from src
	last rune   // last rune written, 0 at the start
}

func (o *out) writeRune(r rune) {
	if r < utf8.RuneSelf {
		if o.buf == nil {
			if o.w < len(o.src) && o.src[o.w] == byte(r) {
				o.w++
				o.last = r
				return
			}
			o.buf = make([]byte, o.w, len(o.src)+8)
			copy(o.buf, o.src[:o.w])
		}
		o.buf = append(o.buf, byte(r))
		o.last = r
		return
	}
	if r < 0x800 {
		// two bytes: all of Persian
		b0, b1 := byte(0xC0|r>>6), byte(0x80|r&0x3F)
		if o.buf == nil {
			if o.w+2 <= len(o.src) && o.src[o.w] == b0 && o.src[o.w+1] == b1 {
				o.w += 2
				o.last = r
				return
			}
			o.buf = make([]byte, o.w, len(o.src)+8)
			copy(o.buf, o.src[:o.w])
		}
		o.buf = append(o.buf, b0, b1)
		o.last = r
		return
	}
	var tmp [4]byte
	n := utf8.EncodeRune(tmp[:], r)
	if o.buf == nil {
		if o.w+n <= len(o.src) && o.src[o.w] == tmp[0] && o.src[o.w+1] == tmp[1] && (n < 3 || o.src[o.w+2] == tmp[2]) && (n < 4 || o.src[o.w+3] == tmp[3]) {
			o.w += n
			o.last = r
			return
		}
		o.buf = make([]byte, o.w, len(o.src)+8)
		copy(o.buf, o.src[:o.w])
	}
	o.buf = append(o.buf, tmp[:n]...)
	o.last = r
}

func (o *out) len() int {
	if o.buf == nil {
		return o.w
	}
	return len(o.buf)
}

func (o *out) string() string {
	if o.buf == nil {
		return o.src[:o.w]
	}
	return string(o.buf)
}

// runeKind classifies a rune for the passes.
type runeKind uint8

const (
	kindKeep    runeKind = iota // copy (possibly mapped)
	kindDrop                    // remove without trace
	kindSpace                   // a word separator
	kindZWNJ                    // a half-space
	kindNewline                 // a line break (display keeps it)
)

// diacritic reports whether r is a combining Arabic mark that both forms
// remove: harakat, tanwin, shadda, sukun, the superscript alef and Quranic
// annotation marks. The hamza and madda marks (U+0653–U+0655) are handled by
// each form separately.
func diacritic(r rune) bool {
	switch {
	case r >= 0x064B && r <= 0x0652, r >= 0x0656 && r <= 0x065F, r == 0x0670,
		r >= 0x0610 && r <= 0x061A, r >= 0x06D6 && r <= 0x06DC, r >= 0x06DF && r <= 0x06E4,
		r == 0x06E7, r == 0x06E8, r >= 0x06EA && r <= 0x06ED:
		return true
	}
	return false
}

// classify returns how both passes treat r before any letter mapping.
func classify(r rune) runeKind {
	switch r {
	case zwnj:
		return kindZWNJ
	case '\n', '\r', '\u0085', '\u2028', '\u2029', '\v', '\f':
		return kindNewline
	case ' ', '\t', '\u00A0', '\u1680', '\u202F', '\u205F', '\u3000', '\u200B':
		return kindSpace
	case '\u0640', utf8.RuneError, '\u00AD', '\u034F':
		return kindDrop
	}
	if r >= 0x2000 && r <= 0x200A {
		return kindSpace
	}
	if diacritic(r) {
		return kindDrop
	}
	if r < 0x20 || r == 0x7F || (r >= 0x80 && r < 0xA0) {
		return kindDrop
	}
	if r >= 0xFE00 && r <= 0xFE0F || r >= 0xE0100 && r <= 0xE01EF {
		return kindDrop // variation selectors
	}
	if r > 0x7F && unicode.Is(unicode.Cf, r) {
		return kindDrop // bidi marks and embeddings, ZWJ, BOM, word joiner…
	}
	return kindKeep
}

// presentation maps the Arabic presentation forms (U+FB50–U+FDFF,
// U+FE70–U+FEFF) and the full-width ASCII forms to their NFKC compatibility
// decomposition, computed once.
var presentation = sync.OnceValue(func() map[rune]string {
	m := make(map[rune]string, 1200)
	add := func(lo, hi rune) {
		for r := lo; r <= hi; r++ {
			if !unicode.IsPrint(r) && !unicode.Is(unicode.Cf, r) {
				continue
			}
			d := norm.NFKC.String(string(r))
			if d != string(r) {
				m[r] = d
			}
		}
	}
	add(0xFB50, 0xFDFF)
	add(0xFE70, 0xFEFE)
	add(0xFF01, 0xFF5E)
	return m
})

func isPresentation(r rune) bool {
	return r >= 0xFB50 && r <= 0xFDFF || r >= 0xFE70 && r <= 0xFEFE || r >= 0xFF01 && r <= 0xFF5E
}

func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= '۰' && r <= '۹':
		return int(r - '۰')
	case r >= '٠' && r <= '٩':
		return int(r - '٠')
	}
	return -1
}

// nextKept returns the first rune at or after byte offset i in s that a pass
// would not drop, or 0.
func nextKept(s string, i int) rune {
	r, _ := nextKeptFrom(s, i)
	return r
}

// nextKeptFrom returns the first rune at or after byte offset i in s that a
// pass would not drop (a presentation form as the first rune it stands
// for), and the offset after it; 0 and len(s) at the end.
func nextKeptFrom(s string, i int) (rune, int) {
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			i++
			continue
		}
		i += n
		if classify(r) != kindDrop && r != 0x0653 && r != 0x0654 && r != 0x0655 {
			if isPresentation(r) {
				if d, ok := presentation()[r]; ok {
					r, _ = utf8.DecodeRuneInString(d)
				}
			}
			return r, i
		}
	}
	return 0, len(s)
}

// thousandsSep reports whether the separator at s[i:] (of n bytes) is a
// thousands separator: a digit before it, exactly three digits after it.
func thousandsSep(s string, i, n int, prevDigit bool) bool {
	if !prevDigit {
		return false
	}
	j := i + n
	var r rune
	for k := 0; k < 3; k++ {
		r, j = nextKeptFrom(s, j)
		if digitValue(r) < 0 {
			return false
		}
	}
	r, _ = nextKeptFrom(s, j)
	return digitValue(r) < 0
}

// matchPass is one pass of the match form over s.
func matchPass(s string) string {
	o := out{src: s}
	arabic := arabicMatch()
	space := false // a separator is pending
	var emit func(r rune, i, n int)
	emit = func(r rune, i, n int) {
		if r < utf8.RuneSelf {
			switch {
			case r >= 'A' && r <= 'Z':
				r += 'a' - 'A'
			case r == ',':
				if thousandsSep(s, i, n, o.last >= '0' && o.last <= '9' && !space) {
					return
				}
			}
		} else if isPresentation(r) {
			if d, ok := presentation()[r]; ok {
				for _, x := range d {
					switch classify(x) {
					case kindDrop:
					case kindKeep:
						emit(x, i, n)
					default:
						space = true
					}
				}
				return
			}
		} else {
			r = foldMatch(r)
			switch r {
			case 0:
				return
			case '\u066C': // Arabic thousands separator
				if thousandsSep(s, i, n, o.last >= '0' && o.last <= '9' && !space) {
					return
				}
				r = ','
			case notSign:
				if isArabicLetter(o.last) && !space && isArabicLetter(nextKept(s, i+n)) {
					space = true
					return
				}
			}
			if unicode.IsUpper(r) || unicode.IsTitle(r) {
				r = unicode.ToLower(r)
			}
		}
		if space {
			if o.len() > 0 {
				o.writeRune(' ')
			}
			space = false
		}
		o.writeRune(r)
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-':
				if space {
					if o.len() > 0 {
						o.writeRune(' ')
					}
					space = false
				}
				o.writeRune(rune(c))
			case c == ' ' || c == '\n' || c == '\t' || c == '\r':
				space = true
			default:
				switch classify(rune(c)) {
				case kindDrop:
				case kindKeep:
					emit(rune(c), i, 1)
				default:
					space = true
				}
			}
			i++
			continue
		}
		if c >= 0xD8 && c <= 0xDB && i+1 < len(s) && s[i+1]&0xC0 == 0x80 {
			// the Arabic block, where Persian text lives: one table lookup
			r := rune(c&0x1F)<<6 | rune(s[i+1]&0x3F)
			switch v := arabic[r-0x600]; v {
			case arabicDrop:
			case arabicSpecial:
				emit(r, i, 2)
			default:
				if space {
					if o.len() > 0 {
						o.writeRune(' ')
					}
					space = false
				}
				o.writeRune(v)
			}
			i += 2
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		switch classify(r) {
		case kindDrop:
		case kindKeep:
			emit(r, i, n)
		default:
			space = true
		}
		i += n
	}
	return o.string()
}

const (
	arabicDrop    rune = -1
	arabicSpecial rune = -2
)

// arabicMatch maps each rune of the Arabic block (U+0600–U+06FF) to its
// match form: the rune to write, arabicDrop, or arabicSpecial for the few
// that depend on their neighbours.
var arabicMatch = sync.OnceValue(func() *[256]rune {
	var t [256]rune
	for i := range t {
		r := rune(0x600 + i)
		switch {
		case r == '\u066C':
			t[i] = arabicSpecial
		case classify(r) != kindKeep:
			t[i] = arabicDrop // the block has no space or ZWNJ
		default:
			m := foldMatch(r)
			if m == 0 {
				t[i] = arabicDrop
			} else {
				t[i] = m
			}
		}
	}
	return &t
})

// foldMatch maps one non-ASCII rune for the match form; 0 drops it.
func foldMatch(r rune) rune {
	switch r {
	case 'ي', 'ى', 'ئ', 'ې', 'ۍ', 'ێ', 'ۑ', 'ٸ':
		return 'ی'
	case 'ك', 'ڪ', 'ګ':
		return 'ک'
	case 'ة', 'ۀ', 'ە', 'ہ', 'ۂ', 'ۃ', 'ھ':
		return 'ه'
	case 'ؤ', 'ٶ', 'ٷ':
		return 'و'
	case 'أ', 'إ', 'آ', 'ٱ', 'ٲ', 'ٳ', 'ٵ':
		return 'ا'
	case '\u0653', '\u0654', '\u0655': // madda, hamza above and below
		return 0
	case '\u066B': // Arabic decimal separator
		return '.'
	case '\u066A': // Arabic percent sign
		return '%'
	case '\uFFFD':
		return 0
	}
	if d := digitValue(r); d >= 0 {
		return '0' + rune(d)
	}
	return r
}

// foldDisplay maps one non-ASCII rune for the display form; 0 drops it.
func foldDisplay(r rune) rune {
	switch r {
	case 'ي', 'ى', 'ې', 'ۍ', 'ێ':
		return 'ی'
	case 'ك', 'ڪ':
		return 'ک'
	case '\uFFFD':
		return 0
	}
	if r >= '٠' && r <= '٩' {
		return '۰' + (r - '٠')
	}
	return r
}

// displayPass is one pass of the display form over s.
func displayPass(s string) string {
	o := out{src: s}
	space := false  // a space is pending
	newlines := 0   // pending line breaks (0, 1 or 2)
	half := false   // a ZWNJ is pending
	latinWord := -1 // byte offset where the current latinWord verdict ends
	latin := false  // the current whitespace-delimited word has Latin letters
	flush := func() {
		switch {
		case o.len() == 0:
		case newlines > 0:
			o.writeRune('\n')
			if newlines > 1 {
				o.writeRune('\n')
			}
		case space:
			o.writeRune(' ')
		}
		space, newlines = false, 0
	}
	var emit func(r rune, i, n int)
	emit = func(r rune, i, n int) {
		if isPresentation(r) {
			if d, ok := presentation()[r]; ok {
				for _, x := range d {
					switch classify(x) {
					case kindDrop:
					case kindKeep:
						emit(x, i, n)
					default:
						half = false
						space = true
					}
				}
				return
			}
		}
		if r >= utf8.RuneSelf {
			r = foldDisplay(r)
			if r == 0 {
				return
			}
		}
		if r == notSign && isArabicLetter(o.last) && !space && newlines == 0 && isArabicLetter(nextKept(s, i+n)) {
			half = true
			return
		}
		if half {
			half = false
			if (isWordRune(r) || unicode.In(r, unicode.Mn, unicode.Mc)) && !space && newlines == 0 &&
				(isWordRune(o.last) || unicode.In(o.last, unicode.Mn, unicode.Mc)) {
				o.writeRune(zwnj)
			}
		}
		if space || newlines > 0 {
			flush()
		}
		if r >= '0' && r <= '9' {
			if i >= latinWord {
				latin, latinWord = scanLatinWord(s, i)
			}
			if !latin {
				r = '۰' + (r - '0')
			}
		}
		o.writeRune(r)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n <= 1 {
			i++
			continue
		}
		switch classify(r) {
		case kindDrop:
		case kindKeep:
			emit(r, i, n)
		case kindZWNJ:
			half = true
		case kindSpace:
			half = false
			space = true
		case kindNewline:
			half = false
			if r == '\r' && i+1 < len(s) && s[i+1] == '\n' {
				break // counted with the '\n'
			}
			if newlines < 2 {
				newlines++
			}
		}
		i += n
	}
	return o.string()
}

// scanLatinWord reports whether the whitespace-delimited word around byte
// offset i of s contains an ASCII letter, and where that word ends.
func scanLatinWord(s string, i int) (bool, int) {
	start := i
	for start > 0 {
		r, n := utf8.DecodeLastRuneInString(s[:start])
		if isWordBreak(r) {
			break
		}
		start -= n
	}
	end := i
	for end < len(s) {
		r, n := utf8.DecodeRuneInString(s[end:])
		if isWordBreak(r) {
			break
		}
		end += n
	}
	for k := start; k < end; k++ {
		c := s[k]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' {
			return true, end
		}
		if c >= 0xEF && k+2 < end {
			// a full-width Latin letter becomes ASCII in the display form
			r, _ := utf8.DecodeRuneInString(s[k:])
			if r >= 0xFF21 && r <= 0xFF3A || r >= 0xFF41 && r <= 0xFF5A {
				return true, end
			}
		}
	}
	return false, end
}

// isWordBreak reports whether r separates words for scanLatinWord: a space,
// a line break, a ZWNJ, or a ligature that stands for several words (ﷺ).
func isWordBreak(r rune) bool {
	if r == notSign {
		return true // it may become a ZWNJ
	}
	switch classify(r) {
	case kindSpace, kindNewline, kindZWNJ:
		return true
	}
	if isPresentation(r) {
		return strings.ContainsRune(presentation()[r], ' ')
	}
	return false
}
