package bot

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// maxMessageLen is Telegram's limit on a message's text: 4096 characters
// after entity parsing, counted in UTF-16 code units. Tags do not count; an
// entity such as &lt; counts as the one character it stands for.
const maxMessageLen = 4096

// atom kinds: a visible character (a rune or an entity standing for one),
// an opening tag, a closing tag.
const (
	atomChar = iota
	atomOpen
	atomClose
)

// atom is an indivisible piece of a Telegram HTML text: nothing is ever cut
// inside one, so no part ends inside a tag, an entity or a surrogate pair.
type atom struct {
	start, end int    // byte range in the text
	kind       int    // atomChar, atomOpen, atomClose
	w          int    // UTF-16 length of what it shows: 0 for tags, 1 or 2
	r          rune   // the character shown, for atomChar
	name       string // the tag's name, lower case, for tags
}

// tokenize cuts s, Telegram HTML, into atoms. Text that is not a tag or an
// entity (a stray '<' or '&', which Telegram would refuse anyway) is taken
// as a plain character.
func tokenize(s string) []atom {
	atoms := make([]atom, 0, len(s)/2)
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			if end, name, closing, ok := parseTag(s, i); ok {
				k := atomOpen
				if closing {
					k = atomClose
				}
				atoms = append(atoms, atom{start: i, end: end, kind: k, name: name})
				i = end
				continue
			}
		case '&':
			if end, r, ok := parseEntity(s, i); ok {
				atoms = append(atoms, atom{start: i, end: end, kind: atomChar, w: utf16Len(r), r: r})
				i = end
				continue
			}
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		atoms = append(atoms, atom{start: i, end: i + size, kind: atomChar, w: utf16Len(r), r: r})
		i += size
	}
	return atoms
}

func utf16Len(r rune) int {
	if n := utf16.RuneLen(r); n > 0 {
		return n
	}
	return 1 // an invalid byte, which Telegram sees as U+FFFD
}

// parseTag parses the tag starting at s[i] == '<': its end, its lower-case
// name and whether it closes. Quoted attribute values may hold '>'.
func parseTag(s string, i int) (end int, name string, closing, ok bool) {
	j := i + 1
	if j < len(s) && s[j] == '/' {
		closing = true
		j++
	}
	k := j
	for k < len(s) && (isASCIILetter(s[k]) || s[k] == '-' || (k > j && s[k] >= '0' && s[k] <= '9')) {
		k++
	}
	if k == j {
		return 0, "", false, false
	}
	name = strings.ToLower(s[j:k])
	var quote byte
	for ; k < len(s); k++ {
		c := s[k]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '<':
			return 0, "", false, false
		case c == '>':
			return k + 1, name, closing, true
		}
	}
	return 0, "", false, false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

// parseEntity parses an entity starting at s[i] == '&': named (&lt;) or
// numeric (&#39; &#x1F600;), returning its end and the rune it stands for.
func parseEntity(s string, i int) (end int, r rune, ok bool) {
	j := i + 1
	for j < len(s) && j-i <= 12 && s[j] != ';' {
		c := s[j]
		if !isASCIILetter(c) && !(c >= '0' && c <= '9') && c != '#' {
			return 0, 0, false
		}
		j++
	}
	if j >= len(s) || s[j] != ';' || j == i+1 {
		return 0, 0, false
	}
	ent := s[i : j+1]
	dec := html.UnescapeString(ent)
	if dec == ent {
		return 0, 0, false
	}
	r, size := utf8.DecodeRuneInString(dec)
	if size != len(dec) {
		return 0, 0, false // an entity for two runes; Telegram knows none
	}
	return j + 1, r, true
}

// visibleLen is the length Telegram counts for s: UTF-16 code units of the
// text after entity parsing.
func visibleLen(s string) int {
	n := 0
	for _, a := range tokenize(s) {
		n += a.w
	}
	return n
}

// split cuts s, Telegram HTML, into parts of at most limit visible UTF-16
// code units each. It cuts at the last paragraph break that fits, else at a
// sentence end (. ؟ ! ? ۔, a citation marker's ']' or a line break), else
// between words, else between characters; never inside a tag, an entity or
// a surrogate pair, and never before a combining mark or joiner. Each part
// is valid on its own: tags open at a cut are closed at the end of the part
// and opened again at the start of the next. Whitespace at a cut is dropped,
// and so are parts with nothing to show.
func split(s string, limit int) []string {
	atoms := tokenize(s)
	total := 0
	for _, a := range atoms {
		total += a.w
	}
	if total <= limit {
		if blank(atoms) {
			return nil
		}
		return []string{s}
	}
	var (
		parts []string
		open  []atom // tags open at atoms[i]
	)
	for i := 0; i < len(atoms); {
		for i < len(atoms) && atoms[i].kind == atomChar && isSpace(atoms[i].r) {
			i++
		}
		if i == len(atoms) {
			break
		}
		end := cut(atoms[i:], limit) + i
		for end < len(atoms) && atoms[end].kind == atomClose {
			end++ // a closing tag right at the cut belongs before it
		}
		var b strings.Builder
		for _, t := range open {
			b.WriteString(s[t.start:t.end])
		}
		b.WriteString(s[atoms[i].start:atoms[end-1].end])
		for _, a := range atoms[i:end] {
			switch a.kind {
			case atomOpen:
				open = append(open, a)
			case atomClose:
				for k := len(open) - 1; k >= 0; k-- {
					if open[k].name == a.name {
						open = append(open[:k], open[k+1:]...)
						break
					}
				}
			}
		}
		for k := len(open) - 1; k >= 0; k-- {
			b.WriteString("</" + open[k].name + ">")
		}
		if !blank(atoms[i:end]) {
			parts = append(parts, b.String())
		}
		i = end
	}
	return parts
}

// cut returns how many of atoms make the next part: at most limit visible
// units, ending at the best break. It is at least 1. Breaks rank: a blank
// line, the end of a line (so a numbered item, "۳۵. title — outlet", stays
// whole), the end of a sentence, a space. A break inside a tag (a linked
// title or marker) is taken only when there is no other; a list number's
// dot ("۳۵.") ends no sentence.
func cut(atoms []atom, limit int) int {
	var (
		w                       int
		para, line, sentence    int // cut after this many atoms; 0 for none
		paraW, lineW, sentenceW int // their visible lengths
		word, inner             int // a space outside tags; any space
		depth                   int // tags open since the part began
		lastText, lastNonSpace  rune
		beforeLast              rune // the non-space before lastNonSpace
		newlineRun              bool // only spaces since the last newline
	)
	n := 0
	for ; n < len(atoms); n++ {
		a := atoms[n]
		switch a.kind {
		case atomOpen:
			depth++
			continue
		case atomClose:
			depth = max(depth-1, 0)
			continue
		}
		if w+a.w > limit {
			break
		}
		w += a.w
		switch {
		case !isSpace(a.r):
			newlineRun = false
			beforeLast, lastNonSpace = lastNonSpace, a.r
		case depth > 0:
			inner = n + 1
		case a.r == '\n':
			if newlineRun && lastText != 0 {
				para, paraW = n+1, w
			}
			line, lineW = n+1, w
			newlineRun = true
			word, inner = n+1, n+1
		default:
			if isSentenceEnd(lastNonSpace) && !(lastNonSpace == '.' && unicode.IsDigit(beforeLast)) {
				sentence, sentenceW = n+1, w
			}
			word, inner = n+1, n+1
		}
		lastText = a.r
	}
	switch {
	case n == len(atoms):
		return n
	case para > 0 && paraW >= limit/2:
		return para
	case line > 0 && lineW >= limit/4:
		return line
	case sentence > 0 && sentenceW >= limit/4:
		return sentence
	case para > 0 || line > 0 || sentence > 0:
		return max(para, line, sentence)
	case word > 0:
		return word
	case inner > 0:
		return inner
	}
	// A run of limit characters with no space: cut between characters,
	// but not before a mark, joiner or modifier that belongs to the one
	// before it, nor after a joiner.
	for k := n; k > n-16 && k > 1; k-- {
		if (atoms[k].kind != atomChar || !clings(atoms[k].r)) && !(atoms[k-1].kind == atomChar && atoms[k-1].r == '\u200d') {
			return k
		}
	}
	return max(n, 1)
}

// clings reports whether r attaches to the character before it: a
// combining mark, a zero-width joiner, a variation selector or an emoji
// skin-tone modifier.
func clings(r rune) bool {
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Mc) || r == '\u200d' ||
		(r >= 0xFE00 && r <= 0xFE0F) || (r >= 0x1F3FB && r <= 0x1F3FF) || (r >= 0xE0020 && r <= 0xE007F)
}

// isSentenceEnd reports whether r ends a sentence: Latin and Persian
// punctuation, or the ']' of a citation marker, which answers put at the end
// of every sentence.
func isSentenceEnd(r rune) bool {
	switch r {
	case '.', '!', '?', '؟', '۔', '…', ']':
		return true
	}
	return false
}

// isSpace reports whether a cut may fall after r; a no-break space is not
// a break.
func isSpace(r rune) bool {
	return r == ' ' || r == '\n' || r == '\t' || r == '\r'
}

// blank reports whether atoms show nothing but whitespace.
func blank(atoms []atom) bool {
	for _, a := range atoms {
		if a.kind == atomChar && !unicode.IsSpace(a.r) {
			return false
		}
	}
	return true
}
