package persian

import (
	_ "embed"
	"strings"
	"sync"
	"unicode/utf8"
)

// bpKind is what a line of page chrome does to the article around it.
type bpKind uint8

const (
	bpNone     bpKind = iota
	bpLine            // the line goes
	bpList            // a list of short items: goes, unless a line ending in ':' introduces it
	bpEnd             // a block header: related news, tags, most viewed
	bpStop            // the end of the article: انتهای پیام
	bpComments        // a reader-comments header
)

// bpForm is how an entry of boilerplate.txt matches a line.
type bpForm uint8

const (
	bpPlain bpForm = iota // the phrase, perhaps with a few more words
	bpAny                 // the phrase and anything after it
	bpLabel               // the phrase and a colon, anything after it
)

type bpEntry struct {
	words int // words in the phrase
	kind  bpKind
	form  bpForm
}

// bpTable is boilerplate.txt, indexed by the phrases' words joined without
// spaces, so a phrase matches however its half-spaces were typed.
type bpTable struct {
	phrases  map[string][]bpEntry
	maxWords int
	labels   map[string]bpKind
	comments map[string]bool
	menu     map[string]bool
	menuMax  int
}

//go:embed boilerplate.txt
var boilerplateTxt string

var boilerplate = sync.OnceValue(func() *bpTable {
	t := &bpTable{
		phrases:  map[string][]bpEntry{},
		labels:   map[string]bpKind{},
		comments: map[string]bool{},
		menu:     map[string]bool{},
	}
	section := ""
	for _, l := range strings.Split(boilerplateTxt, "\n") {
		l = strings.TrimSpace(l)
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if strings.HasPrefix(l, "[") && strings.HasSuffix(l, "]") {
			section = l
			continue
		}
		form := bpPlain
		switch {
		case strings.HasPrefix(l, "*"):
			form, l = bpAny, l[1:]
		case strings.HasSuffix(l, ":"):
			form = bpLabel
		}
		ws := Words(l)
		if len(ws) == 0 {
			continue
		}
		key := strings.Join(ws, "")
		var kind bpKind
		switch section {
		case "[menu]":
			t.menu[key] = true
			t.menuMax = max(t.menuMax, len(ws))
			continue
		case "[comments]":
			t.comments[key] = true
			continue
		case "[end]":
			kind = bpEnd
		case "[stop]":
			kind = bpStop
		default:
			kind = bpLine
		}
		if form == bpLabel {
			if kind > t.labels[key] {
				t.labels[key] = kind
			}
			continue
		}
		t.phrases[key] = append(t.phrases[key], bpEntry{words: len(ws), kind: kind, form: form})
		t.maxWords = max(t.maxWords, len(ws))
	}
	return t
})

// chromeKind tells whether a line (display form l, match form m) is page
// chrome: a widget phrase of boilerplate.txt, a label line, a menu or share
// bar, a list of short items (tags, breadcrumbs), a copyright line or a
// "two hours ago" stamp.
func chromeKind(l, m string) bpKind {
	ws := appendMatchWords(nil, m)
	if len(ws) == 0 {
		return bpNone
	}
	t := boilerplate()
	// a widget title is not a sentence: "بله." and "نظر؟" are
	sentence := strings.ContainsAny(lastRune(strings.TrimRight(l, "»)\"' ")), ".!?؟")
	if !sentence && t.isComments(ws) {
		return bpComments
	}
	if k := t.label(m, len(ws)); k != bpNone {
		return k
	}
	if k := t.phrase(ws); k != bpNone {
		return k
	}
	if !sentence && t.isMenu(ws) || isAgoLine(ws) || strings.Contains(l, "©") && len(ws) <= 30 {
		return bpLine
	}
	if isListLine(m) {
		return bpList
	}
	return bpNone
}

func lastRune(s string) string {
	_, n := utf8.DecodeLastRuneInString(s)
	return s[len(s)-n:]
}

// phrase matches the start of a line against the phrases of boilerplate.txt.
func (t *bpTable) phrase(ws []string) bpKind {
	best := bpNone
	key := ""
	for k := 1; k <= len(ws) && k <= t.maxWords+2; k++ {
		key += ws[k-1]
		rest := len(ws) - k
		for _, e := range t.phrases[key] {
			ok := rest == 0
			switch {
			case e.form == bpAny:
				ok = len(ws) <= 20
			case e.kind == bpEnd || e.kind == bpStop:
				ok = ok || rest <= 3
			case e.words >= 2:
				ok = ok || rest <= 2
			}
			if ok && e.kind > best {
				best = e.kind
			}
		}
	}
	return best
}

// label matches a "label: anything" line: the words before its first colon
// are a label of boilerplate.txt.
func (t *bpTable) label(m string, words int) bpKind {
	i := strings.IndexAny(m, ":：")
	if i <= 0 || words > 60 {
		return bpNone
	}
	lw := appendMatchWords(nil, m[:i])
	if len(lw) == 0 || len(lw) > 5 {
		return bpNone
	}
	return t.labels[strings.Join(lw, "")]
}

// isComments reports whether a line is a comments header, with nothing but
// numbers around it: "۳ نظر", "نظرات (۵)".
func (t *bpTable) isComments(ws []string) bool {
	if len(ws) > 8 {
		return false
	}
	key := ""
	for _, w := range ws {
		if !allDigits(w) {
			key += w
		}
	}
	return key != "" && t.comments[key]
}

// isMenu reports whether a line is made only of menu and share-bar words
// (numbers aside): "صفحه اصلی سیاسی اقتصادی", "تلگرام واتساپ توییتر".
func (t *bpTable) isMenu(ws []string) bool {
	if len(ws) > 30 {
		return false
	}
	seen := 0
	for i := 0; i < len(ws); {
		if allDigits(ws[i]) {
			i++
			continue
		}
		n := 0
		for k := min(t.menuMax, len(ws)-i); k >= 1; k-- {
			if t.menu[strings.Join(ws[i:i+k], "")] {
				n = k
				break
			}
		}
		if n == 0 {
			return false
		}
		i += n
		seen++
	}
	return seen > 0
}

// isAgoLine reports whether a line is only a relative time stamp: "۲ ساعت پیش".
func isAgoLine(ws []string) bool {
	if len(ws) != 3 || !allDigits(ws[0]) || ws[2] != "پیش" && ws[2] != "قبل" {
		return false
	}
	switch ws[1] {
	case "ثانیه", "دقیقه", "ساعت", "روز", "هفته", "ماه", "سال":
		return true
	}
	return false
}

// Separators of list lines, after listSplit: strong ones (| » •) make a
// breadcrumb or a menu of two items; weak ones (، - /) need three items
// and are also what a sentence uses, so their items are checked more.
const (
	sepStrong = '\x01'
	sepWeak   = '\x02'
)

// isListLine reports whether a line (match form) is only a list of short
// items: a tag cloud («خراسان شمالی، ترکمنستان، صادرات»), a breadcrumb
// («خانه » اقتصاد » استان‌ها»), a menu («سیاسی | اقتصادی | ورزشی»). A list
// in a sentence is not one: its items are long or hold a verb or a
// preposition, its last item is joined with و, or it ends with a period.
func isListLine(m string) bool {
	if i := strings.IndexAny(m, ":："); i >= 0 {
		// a short label before the list: "استان‌ها: تهران | اصفهان"
		if countWords(m[:i]) > 2 {
			return false
		}
		m = m[i+len(":"):]
		if strings.ContainsAny(m, ":：") {
			return false
		}
	}
	if hasSentencePunct(m) || countWords(m) > 60 {
		return false
	}
	s, strong := listSplit(m)
	items := strings.FieldsFunc(s, func(r rune) bool { return r == sepStrong || r == sepWeak })
	var ws [][]string
	for _, it := range items {
		if w := appendMatchWords(nil, it); len(w) > 0 {
			ws = append(ws, w)
		}
	}
	n := len(ws)
	if n < 2 {
		return false
	}
	longest := 0
	for _, w := range ws {
		longest = max(longest, len(w))
	}
	if strong {
		return n >= 3 && longest <= 4 || n == 2 && longest <= 2
	}
	if isHomeWord(ws[0]) && longest <= 4 {
		return true // a breadcrumb: "خانه / اخبار / اقتصادی"
	}
	if n < 3 || longest > 3 {
		return false
	}
	for i, w := range ws {
		for _, x := range w {
			if x == "و" && i == n-1 || x != "و" && (functionWords[x] || verbWords[x]) {
				return false
			}
		}
	}
	return true
}

// listSplit marks the list separators of m with sepStrong and sepWeak and
// reports whether there was a strong one. A guillemet is a separator only
// when the line does not also open (or close) a quote with it; a dash, a
// slash or an angle bracket only with spaces around it.
func listSplit(m string) (string, bool) {
	quoteOpen, quoteClose := strings.Contains(m, "«"), strings.Contains(m, "»")
	var b strings.Builder
	strong := false
	prevSpace := true
	for i := 0; i < len(m); {
		r, w := utf8.DecodeRuneInString(m[i:])
		i += w // an invalid byte is one wide, whatever RuneLen(RuneError) says
		next, _ := utf8.DecodeRuneInString(m[i:])
		spaced := prevSpace && (next == ' ' || next == utf8.RuneError)
		prevSpace = r == ' '
		switch {
		case r == '|' || r == '¦' || r == '•' || r == '·' || r == '●' || r == '▪' || r == '■' || r == '►' || r == '◄' || r == '›' || r == '‹',
			r == '»' && !quoteOpen, r == '«' && !quoteClose, (r == '>' || r == '<') && spaced:
			b.WriteRune(sepStrong)
			strong = true
		case r == '،' || r == ',', (r == '-' || r == '–' || r == '—' || r == '/' || r == '\\') && spaced:
			b.WriteRune(sepWeak)
		default:
			b.WriteRune(r)
		}
	}
	return b.String(), strong
}

// hasSentencePunct reports whether s holds sentence punctuation; a dot
// between digits (3.5) is not.
func hasSentencePunct(s string) bool {
	if strings.ContainsAny(s, "!?؟؛") {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] == '.' && !(i > 0 && i+1 < len(s) && isDigitByte(s[i-1]) && isDigitByte(s[i+1])) {
			return true
		}
	}
	return false
}

func isHomeWord(ws []string) bool {
	switch strings.Join(ws, "") {
	case "خانه", "صفحهاصلی", "صفحهنخست", "home":
		return true
	}
	return false
}

// verbWords are verbs and copulas a list item does not hold.
var verbWords = map[string]bool{
	"است": true, "اند": true, "هست": true, "هستند": true, "بود": true, "باشد": true, "شد": true, "شده": true,
	"شود": true, "می": true, "کرد": true, "کند": true, "کرده": true, "دارد": true, "داد": true, "گفت": true,
}
