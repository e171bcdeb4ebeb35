package persian

import (
	"strings"
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
//   - page chrome is dropped line by line (chromeKind, boilerplate.txt):
//     widget phrases (کپی لینک، ارسال نظر), label lines (برچسب‌ها: …،
//     عکس: …، منبع تصویر: …; the colon is required, so a sentence that
//     starts with the same word stays), menu and share bars made only of
//     menu words (صفحه اصلی | سیاسی | اقتصادی، تلگرام واتساپ), lists of
//     short items without verbs, prepositions or a closing «و …»
//     (tag clouds, breadcrumbs; kept when a line ending in ':' introduces
//     them), copyright lines and "۲ ساعت پیش" stamps;
//   - a block header (اخبار مرتبط، بیشتر بخوانید، پربازدیدترین‌ها) drops
//     the headline lines under it up to the next blank line, with the
//     teaser sentence under each headline; after the body, an end marker
//     (انتهای پیام) or a comments header (نظرات، ۳ نظر، دیدگاه‌ها) drops
//     everything after it, and so does a block header when all that
//     follows is short. The news code is still read there, and the date
//     too, but not from reader comments;
//   - lines mostly in Latin letters in a Persian article are dropped, and
//     so are lines without letters;
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
	// every break Display keeps as one (\r, NEL, the Unicode line and
	// paragraph separators, \v, \f) ends a line here
	raw = strings.Map(func(r rune) rune {
		switch r {
		case '\r', '\u0085', '\u2028', '\u2029', '\v', '\f':
			return '\n'
		}
		return r
	}, raw)
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
	// Under a block header (اخبار مرتبط، برچسب‌ها …) the headline lines
	// go, up to the next blank line. Where blank lines separate the
	// paragraphs, a sentence right under a headline is its teaser and goes
	// too; where they do not, a sentence ends the block.
	paraBreaks := blankSeparated(ls)
	inBlock, items := false, 0
lines:
	for i := 0; i < len(ls); i++ {
		l := ls[i]
		if l == "" {
			blank = true
			if inBlock && items > 0 {
				inBlock = false
			}
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
		switch chromeKind(l, m) {
		case bpComments:
			if seenBody {
				// reader comments: nothing after them is the article, and
				// their dates are not its date
				c.tail(ls[i+1:], false)
				break lines
			}
			continue
		case bpStop:
			if seenBody {
				c.tail(ls[i+1:], true)
				break lines
			}
			continue
		case bpEnd:
			if seenBody && restIsShort(ls[i+1:]) {
				// everything after an end-of-article widget is page chrome
				c.tail(ls[i+1:], true)
				break lines
			}
			inBlock, items = true, 0
			if _, rest, ok := strings.Cut(m, ":"); ok && hasLetter(rest) {
				items = 1 // "بیشتر بخوانید: headline": the header holds its first item
			}
			continue
		case bpLine:
			continue
		case bpList:
			if n := len(kept); n == 0 || !strings.HasSuffix(kept[n-1].text, ":") {
				continue
			}
			// the items of a sentence that ends in ':' are body
		}
		if !hasLetter(l) {
			continue
		}
		if persianDoc && mostlyLatin(l) {
			continue
		}
		if inBlock {
			if isHeadlineLike(l, nw) || paraBreaks && items > 0 && !startsBlock {
				items++
				continue
			}
			inBlock = false
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

// tail reads the page chrome after the end of an article for the news code
// and, when dates is set, for short date lines; a comments header there
// ends the search for dates.
func (c *cleaner) tail(ls []string, dates bool) {
	for _, r := range ls {
		if r == "" {
			continue
		}
		m := Normalize(r)
		if code := newsCode(m); code != "" {
			if c.doc.NewsCode == "" {
				c.doc.NewsCode = code
			}
			continue
		}
		if !dates {
			continue
		}
		if chromeKind(r, m) == bpComments {
			dates = false
			continue
		}
		if countWords(r) <= 12 {
			c.dateLines = append(c.dateLines, r)
		}
	}
}

// blankSeparated reports whether blank lines separate the paragraphs of
// the text, rather than single line breaks.
func blankSeparated(ls []string) bool {
	blanks := 0
	for i := 1; i < len(ls); i++ {
		if ls[i] == "" && ls[i-1] != "" {
			blanks++
		}
	}
	return blanks >= 2
}

// isHeadlineLike reports whether a line reads as an item of a related-news
// list or a tag box: short and without a closing period, or a teaser cut
// off with an ellipsis.
func isHeadlineLike(l string, words int) bool {
	t := strings.TrimRight(l, "»)\"'”’] ")
	if strings.HasSuffix(t, "...") || strings.HasSuffix(t, "…") {
		return words <= 60
	}
	return words <= 20 && !strings.HasSuffix(t, ".") && !strings.HasSuffix(t, ":")
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
