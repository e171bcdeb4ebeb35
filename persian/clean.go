package persian

import (
	_ "embed"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"
)

// Document is a cleaned article.
type Document struct {
	Title    string    // the first real headline line (display form), "" when the text starts with its body
	Text     string    // the body in display form, paragraphs separated by "\n\n", boilerplate and repeated paragraphs removed, title not repeated at the start
	NewsCode string    // digits of "کد خبر ۴۲۷۱۷۸" when present (ASCII digits), else ""
	Date     time.Time // a date printed in the page (header/footer), zero if none found
}

// CleanText cleans raw scraped article text. It works line by line, by
// general rules rather than per-site templates:
//
//   - every line is put in display form (Display);
//   - "کد خبر ۴۲۷۱۷۸" and similar lines become NewsCode; a short line
//     holding a date becomes Date; both leave the text;
//   - lines matching the widget phrases of boilerplate.txt are dropped, and
//     an end-of-article phrase (اخبار مرتبط، انتهای پیام، نظر شما …) drops
//     the short lines after it too; lines mostly in Latin letters in a
//     Persian article are dropped, and so are lines without letters;
//   - lines of one block (no blank line between them) that do not end a
//     sentence are joined, as are whole paragraphs when the text is
//     hard-wrapped mid-sentence;
//   - the title is the best headline-like line before the first body
//     paragraph: not a kicker ending in ':', not a short site banner, and
//     preferably one the page repeats; the lines before it are page header;
//   - short lines without sentence punctuation at the end are dropped, and
//     so are exact repeats, repeats of the title, and truncated or
//     near-identical copies of another paragraph (the longer copy is kept,
//     in the place of the first).
func CleanText(raw string) Document {
	var doc Document
	lines := splitLines(raw)
	c := cleaner{doc: &doc}
	paras := c.lines(lines)
	paras = c.title(paras)
	paras = joinWrapped(paras)
	paras = dropTail(paras)
	paras = dedupe(paras, doc.Title)
	texts := make([]string, len(paras))
	for i, p := range paras {
		texts[i] = p.text
	}
	doc.Text = strings.Join(texts, "\n\n")
	if doc.Date.IsZero() {
		for _, l := range c.dateLines {
			if t, ok := FindDate(l); ok {
				doc.Date = t
				break
			}
		}
	}
	return doc
}

// para is a paragraph being cleaned.
type para struct {
	text  string // display form
	words int
	block bool // true when it began a block (a blank line before it)
}

type cleaner struct {
	doc       *Document
	dateLines []string // short lines outside the body that may hold the date
}

// splitLines returns the display form of each line of raw; blank lines are "".
func splitLines(raw string) []string {
	raw = strings.ReplaceAll(raw, "\r\n", "\n")
	raw = strings.ReplaceAll(raw, "\r", "\n")
	ls := strings.Split(raw, "\n")
	for i, l := range ls {
		ls[i] = Display(l)
	}
	return ls
}

// lines drops boilerplate lines, records the news code and dates, and joins
// the lines of one block into paragraphs.
func (c *cleaner) lines(ls []string) []para {
	persianDoc := isPersianText(ls)
	type line struct {
		text  string
		block bool
	}
	var kept []line
	blank := true
	seenBody := false
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l == "" {
			blank = true
			continue
		}
		startsBlock := blank
		blank = false
		m := Normalize(l)
		if code := newsCode(m); code != "" {
			if c.doc.NewsCode == "" {
				c.doc.NewsCode = code
			}
			continue
		}
		nw := countWords(l)
		if nw <= 12 && isDateLine(m) {
			c.dateLines = append(c.dateLines, l)
			continue
		}
		if kind := boilerplateKind(m); kind != bpNone {
			if kind == bpEnd && seenBody && restIsShort(ls[i+1:]) {
				// everything after an end-of-article widget is page chrome;
				// still look there for the news code and the date
				for _, r := range ls[i+1:] {
					if code := newsCode(Normalize(r)); code != "" && c.doc.NewsCode == "" {
						c.doc.NewsCode = code
					}
					if r != "" {
						c.dateLines = append(c.dateLines, r)
					}
				}
				break
			}
			continue
		}
		if !hasLetter(l) {
			continue
		}
		if persianDoc && mostlyLatin(l) {
			continue
		}
		if isBodyLine(l, nw) {
			seenBody = true
		}
		kept = append(kept, line{l, startsBlock})
	}
	// Join the lines of a block when blank lines separate the paragraphs of
	// this text (so a single line break inside a block is a wrap).
	blocks, multi := 0, 0
	for i, l := range kept {
		if l.block {
			blocks++
			if i+1 < len(kept) && !kept[i+1].block {
				multi++
			}
		}
	}
	joinBlocks := blocks >= 2 && multi*2 <= blocks
	var out []para
	for _, l := range kept {
		if n := len(out); n > 0 && !l.block && joinBlocks && !endsSentence(out[n-1].text) {
			out[n-1].text += " " + l.text
			out[n-1].words += countWords(l.text)
			continue
		}
		out = append(out, para{text: l.text, words: countWords(l.text), block: l.block})
	}
	return out
}

// restIsShort reports whether every line of ls is short, as the lines of
// comment forms, tag boxes and related-news lists are.
func restIsShort(ls []string) bool {
	for _, l := range ls {
		if countWords(l) > 25 {
			return false
		}
	}
	return true
}

// title picks the headline among the paragraphs before the first body
// paragraph, drops the header lines before it and returns the rest.
func (c *cleaner) title(ps []para) []para {
	first := len(ps)
	for i, p := range ps {
		if isBodyLine(p.text, p.words) {
			first = i
			break
		}
	}
	if first > 6 {
		first = 6
	}
	if first == 0 {
		return ps
	}
	bodyWords := map[string]bool{}
	for _, p := range ps[first:] {
		for _, w := range Words(p.text) {
			bodyWords[w] = true
		}
	}
	best, bestScore := -1, -100.0
	for i := 0; i < first; i++ {
		p := ps[i]
		if p.words < 3 || strings.HasSuffix(p.text, ":") || endsWithFunctionWord(p.text) {
			continue
		}
		score := -0.01 * float64(i)
		m := Normalize(p.text)
		for _, q := range ps[i+1:] {
			if Normalize(q.text) == m {
				score += 3
				break
			}
		}
		if p.words >= 5 && p.words <= 30 {
			score++
		}
		ws := Words(p.text)
		in := 0
		for _, w := range ws {
			if bodyWords[w] {
				in++
			}
		}
		if len(ws) > 0 && float64(in)/float64(len(ws)) >= 0.5 {
			score++
		}
		if p.words <= 6 && strings.ContainsAny(p.text, "،,|") {
			score -= 2 // a site banner: "شهرداری گرگان ، شهر پاکیزه"
		}
		if score > bestScore {
			best, bestScore = i, score
		}
	}
	if best < 0 {
		return ps
	}
	c.doc.Title = ps[best].text
	for _, p := range ps[:best] {
		if p.words <= 12 {
			c.dateLines = append(c.dateLines, p.text)
		}
	}
	return ps[best+1:]
}

// joinWrapped joins paragraphs that a hard-wrapped text cut mid-sentence:
// when many long paragraphs do not end a sentence, each such paragraph is
// joined with the next.
func joinWrapped(ps []para) []para {
	long, open := 0, 0
	for _, p := range ps {
		if p.words >= 8 {
			long++
			if !endsSentence(p.text) {
				open++
			}
		}
	}
	if open < 3 || open*5 < long*2 {
		return ps
	}
	var out []para
	for _, p := range ps {
		if n := len(out); n > 0 && out[n-1].words >= 8 && !endsSentence(out[n-1].text) {
			out[n-1].text += " " + p.text
			out[n-1].words += p.words
			continue
		}
		out = append(out, p)
	}
	return out
}

// dropTail drops the short lines without sentence punctuation that end an
// article: section links, widget titles, a dangling subheading.
func dropTail(ps []para) []para {
	n := len(ps)
	for n > 0 && ps[n-1].words <= 12 && !endsSentence(ps[n-1].text) {
		n--
	}
	if n == 0 {
		return ps
	}
	return ps[:n]
}

// dedupe drops repeated paragraphs: exact repeats, repeats of the title, and
// truncated or near-identical copies, keeping the longest copy in the place
// of the first.
func dedupe(ps []para, title string) []para {
	nt := Normalize(title)
	type kept struct {
		p     para
		norm  string
		words []string
	}
	var out []kept
	for _, p := range ps {
		n := Normalize(p.text)
		if n == "" || n == nt {
			continue
		}
		ws := Words(n)
		dup := false
		for i := range out {
			k := &out[i]
			if k.norm == n {
				dup = true
				break
			}
			short, long := ws, k.words
			if len(short) > len(long) {
				short, long = long, short
			}
			if len(short) >= 6 && nearCopy(short, long) {
				if len(ws) > len(k.words) {
					k.p, k.norm, k.words = p, n, ws
				}
				dup = true
				break
			}
		}
		if !dup {
			out = append(out, kept{p, n, ws})
		}
	}
	res := make([]para, len(out))
	for i, k := range out {
		res[i] = k.p
	}
	return res
}

// nearCopy reports whether short is a truncated or lightly edited copy of
// long: same first three words, and 85% of its words found in long.
func nearCopy(short, long []string) bool {
	for i := 0; i < 3; i++ {
		if short[i] != long[i] {
			return false
		}
	}
	count := make(map[string]int, len(long))
	for _, w := range long {
		count[w]++
	}
	in := 0
	for _, w := range short {
		if count[w] > 0 {
			count[w]--
			in++
		}
	}
	return in*100 >= len(short)*85
}

// isBodyLine reports whether a line reads as article body rather than a
// headline: long, or a full sentence.
func isBodyLine(l string, words int) bool {
	return words >= 25 || words >= 10 && strings.HasSuffix(strings.TrimRight(l, "»)\"' "), ".")
}

// endsSentence reports whether l ends with sentence punctuation (or a colon
// that introduces the next line).
func endsSentence(l string) bool {
	l = strings.TrimRight(l, "»)\"'”’] ")
	r, _ := utf8.DecodeLastRuneInString(l)
	switch r {
	case '.', '!', '?', '؟', '؛', ':', '…':
		return true
	}
	return false
}

// functionWords are words a headline never ends with; a line ending with
// one was cut mid-sentence.
var functionWords = map[string]bool{
	"و": true, "به": true, "از": true, "با": true, "در": true, "را": true, "که": true,
	"برای": true, "تا": true, "بر": true, "یا": true, "این": true, "ان": true, "های": true,
}

func endsWithFunctionWord(l string) bool {
	ws := Words(l)
	return len(ws) > 0 && functionWords[ws[len(ws)-1]]
}

func hasLetter(s string) bool {
	for _, r := range s {
		if unicode.IsLetter(r) {
			return true
		}
	}
	return false
}

// isPersianText reports whether most letters of ls are Arabic-script.
func isPersianText(ls []string) bool {
	ar, lat := 0, 0
	for _, l := range ls {
		for _, r := range l {
			switch {
			case r < utf8.RuneSelf && unicode.IsLetter(r):
				lat++
			case isArabicLetter(r):
				ar++
			}
		}
	}
	return ar > lat
}

// mostlyLatin reports whether most letters of l are Latin.
func mostlyLatin(l string) bool {
	ar, lat := 0, 0
	for _, r := range l {
		switch {
		case r < 0x250 && unicode.IsLetter(r):
			lat++
		case isArabicLetter(r):
			ar++
		}
	}
	return lat > ar
}

// newsCode returns the digits of a "کد خبر: ۴۲۷۱۷۸" line (in match form), or "".
func newsCode(m string) string {
	for _, p := range newsCodePrefixes {
		if !strings.HasPrefix(m, p) {
			continue
		}
		rest := strings.TrimLeft(m[len(p):], " :-|#")
		j := 0
		for j < len(rest) && rest[j] >= '0' && rest[j] <= '9' {
			j++
		}
		if j >= 2 && strings.Trim(rest[j:], " .|") == "" {
			return rest[:j]
		}
	}
	return ""
}

var newsCodePrefixes = []string{"کد خبر", "کدخبر", "کد مطلب", "شناسه خبر", "شناسه مطلب", "شماره خبر", "خبر شماره", "news id", "news code"}

// isDateLine reports whether a short line (match form) is a date with at
// most a time and a few words of decoration around it.
func isDateLine(m string) bool {
	if _, ok := ParseDate(m); ok {
		return true
	}
	if _, ok := FindDate(m); !ok {
		return false
	}
	return countWords(m) <= 8
}

type bpKind uint8

const (
	bpNone bpKind = iota
	bpLine
	bpEnd
)

type bpPhrase struct {
	words []string
	any   bool // any residue allowed
	kind  bpKind
}

//go:embed boilerplate.txt
var boilerplateTxt string

var boilerplate = sync.OnceValue(func() []bpPhrase {
	var ps []bpPhrase
	kind := bpLine
	for _, l := range strings.Split(boilerplateTxt, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "" || strings.HasPrefix(l, "#"):
			continue
		case l == "[end]":
			kind = bpEnd
			continue
		case l == "[line]":
			kind = bpLine
			continue
		}
		p := bpPhrase{kind: kind}
		if strings.HasPrefix(l, "*") {
			p.any = true
			l = l[1:]
		}
		p.words = Words(l)
		if len(p.words) > 0 {
			ps = append(ps, p)
		}
	}
	return ps
})

// boilerplateKind matches a line (in match form) against the widget phrases.
func boilerplateKind(m string) bpKind {
	ws := Words(m)
	if len(ws) == 0 {
		return bpNone
	}
	// joined spellings of the same phrase (برچسبها / برچسب ها) compare equal
	best := bpNone
	for _, p := range boilerplate() {
		if k := matchPhrase(ws, p); k != bpNone && (best == bpNone || k == bpEnd) {
			best = k
		}
	}
	return best
}

func matchPhrase(ws []string, p bpPhrase) bpKind {
	// compare with the spaces of both sides removed, word by word
	i, j := 0, 0
	a, b := "", ""
	for j < len(p.words) {
		if i >= len(ws) {
			return bpNone
		}
		a += ws[i]
		i++
		for len(b) < len(a) && j < len(p.words) {
			b += p.words[j]
			j++
		}
		if !strings.HasPrefix(a, b) && !strings.HasPrefix(b, a) {
			return bpNone
		}
	}
	for a != b && i < len(ws) && len(a) < len(b) {
		a += ws[i]
		i++
	}
	if a != b {
		return bpNone
	}
	rest := len(ws) - i
	if rest == 0 || p.any && len(ws) <= 20 || rest <= 3 && p.kind == bpEnd {
		return p.kind
	}
	if rest <= 2 && p.kind == bpLine && len(p.words) >= 2 {
		return p.kind
	}
	return bpNone
}
