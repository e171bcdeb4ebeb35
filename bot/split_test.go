package bot

import (
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/reply"
)

// Persian sentences of the kind answers are made of.
var faSentences = []string{
	"استان آذربایجان شرقی در شش ماه نخست امسال بیش از ۹۰۰ میلیون دلار کالا به ترکیه صادر کرد [1].",
	"بیشترین سهم صادرات تبریز به عراق و ترکیه مربوط به فرش دستباف، پسته و مصالح ساختمانی بود [2].",
	"رئیس سازمان صمت استان گفت: «بازارچه‌های مرزی نقش مهمی در تجارت خارجی دارند.»",
	"آیا حجم مبادلات با جمهوری آذربایجان هم افزایش یافته است؟",
	"به گفتهٔ گمرک، واردات مواد اولیه از چین ۱۲ درصد رشد داشت!",
	"اصفهان و مرسین ترکیه تفاهم‌نامهٔ خواهرخواندگی امضا کردند [3]",
}

// persianText builds paragraphs of n sentences each, until at least size
// UTF-16 units.
func persianText(size, perParagraph int) string {
	var b strings.Builder
	for i := 0; visibleLen(b.String()) < size; i++ {
		if i > 0 {
			if i%perParagraph == 0 {
				b.WriteString("\n\n")
			} else {
				b.WriteString(" ")
			}
		}
		b.WriteString(faSentences[i%len(faSentences)])
	}
	return b.String()
}

// squeeze drops whitespace, which a split may drop at its cuts.
func squeeze(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, s)
}

// checkSplit checks the parts of in: each valid Telegram HTML, showing
// something and at most limit UTF-16 units, and together showing all of in.
func checkSplit(t *testing.T, in string, parts []string, limit int) {
	t.Helper()
	var all strings.Builder
	for i, p := range parts {
		v, err := tgtest.ParseHTML(p)
		if err != nil {
			t.Fatalf("part %d of %d: %v\n%q", i, len(parts), err, p)
		}
		if n := utf16Len16(v); n > limit {
			t.Fatalf("part %d of %d shows %d UTF-16 units; limit %d", i, len(parts), n, limit)
		}
		if strings.TrimSpace(v) == "" {
			t.Fatalf("part %d of %d shows nothing: %q", i, len(parts), p)
		}
		all.WriteString(v)
	}
	want, err := tgtest.ParseHTML(in)
	if err != nil {
		t.Fatalf("input: %v", err)
	}
	if squeeze(all.String()) != squeeze(want) {
		t.Fatalf("the parts do not show the input:\n got %q\nwant %q", squeeze(all.String()), squeeze(want))
	}
}

func TestSplitShort(t *testing.T) {
	in := render(reply.Message{Text: faSentences[0], Citations: testCites})
	if got := split(in, maxMessageLen); len(got) != 1 || got[0] != in {
		t.Errorf("split(short) = %q; want it whole", got)
	}
	if got := split(" \n ", maxMessageLen); got != nil {
		t.Errorf("split(blank) = %q; want nothing", got)
	}
}

// TestSplitCountsVisibleUTF16 checks the count Telegram makes: tags are
// free, an entity is one character, an emoji two.
func TestSplitCountsVisibleUTF16(t *testing.T) {
	tests := []struct {
		name  string
		in    string
		parts int // how many parts at maxMessageLen
	}{
		{"4096 Persian letters", strings.Repeat("ب", 4096), 1},
		{"4097 Persian letters", strings.Repeat("ب", 4097), 2},
		{"4096 escaped '<', 16384 bytes of entities", strings.Repeat("&lt;", 4096), 1},
		{"2048 emoji are 4096 units", strings.Repeat("😀", 2048), 1},
		{"2049 emoji are 4098 units", strings.Repeat("😀", 2049), 2},
		{"tags are free", strings.Repeat(`<a href="https://irna.ir/a">ب</a>`, 4096), 1},
	}
	for _, tt := range tests {
		got := split(tt.in, maxMessageLen)
		if len(got) != tt.parts {
			t.Errorf("%s: %d parts; want %d", tt.name, len(got), tt.parts)
		}
		checkSplit(t, tt.in, got, maxMessageLen)
	}
}

func TestSplitParagraphs(t *testing.T) {
	in := render(reply.Message{Text: persianText(12000, 8), Citations: testCites, Sources: true})
	parts := split(in, maxMessageLen)
	checkSplit(t, in, parts, maxMessageLen)
	if len(parts) < 3 {
		t.Fatalf("%d parts; want at least 3", len(parts))
	}
	for i, p := range parts[:len(parts)-1] {
		v, _ := tgtest.ParseHTML(p)
		if !strings.HasSuffix(v, "\n\n") {
			t.Errorf("part %d does not end at a paragraph: …%q", i, tail(v, 40))
		}
	}
}

func TestSplitSentences(t *testing.T) {
	in := render(reply.Message{Text: persianText(10000, 1000), Citations: testCites})
	parts := split(in, maxMessageLen)
	checkSplit(t, in, parts, maxMessageLen)
	for i, p := range parts[:len(parts)-1] {
		v, _ := tgtest.ParseHTML(p)
		v = strings.TrimSpace(v)
		if r, _ := utf8.DecodeLastRuneInString(v); !isSentenceEnd(r) && r != '»' {
			t.Errorf("part %d does not end a sentence: …%q", i, tail(v, 40))
		}
	}
}

func TestSplitWords(t *testing.T) {
	words := strings.Fields("تجارت خارجی استان‌ها با کشورهای همسایه رو به رشد است و بازرگانان تبریزی")
	var b strings.Builder
	for i := 0; b.Len() < 30000; i++ {
		b.WriteString(words[i%len(words)] + " ")
	}
	in := render(reply.Message{Text: b.String()})
	parts := split(in, 500)
	checkSplit(t, in, parts, 500)
	known := map[string]bool{}
	for _, w := range words {
		known[w] = true
	}
	for i, p := range parts {
		for _, w := range strings.Fields(p) {
			if !known[w] {
				t.Fatalf("part %d has %q, a word cut in two", i, w)
			}
		}
	}
}

func TestSplitNeverInsideSurrogatesOrClusters(t *testing.T) {
	tests := []struct {
		name  string
		unit  string // repeated without spaces
		limit int
	}{
		{"emoji, odd limit", "😀", 4095},
		{"emoji and letters", "ب😀", 101},
		{"family: joined by ZWJ", "👨\u200d👩\u200d👧", 100},
		{"skin tone modifier", "👋🏽", 33},
		{"Persian with ZWNJ and diacritics", "می‌خواهَم", 50},
	}
	for _, tt := range tests {
		in := strings.Repeat(tt.unit, 3*tt.limit/utf16Len16(tt.unit))
		parts := split(in, tt.limit)
		checkSplit(t, in, parts, tt.limit)
		for i, p := range parts {
			if !utf8.ValidString(p) {
				t.Fatalf("%s: part %d is not valid UTF-8", tt.name, i)
			}
			first, _ := utf8.DecodeRuneInString(p)
			if clings(first) {
				t.Errorf("%s: part %d starts with %U, which belongs to the character before", tt.name, i, first)
			}
			if strings.HasSuffix(p, "\u200d") {
				t.Errorf("%s: part %d ends in a joiner", tt.name, i)
			}
		}
	}
}

func TestSplitKeepsTagsBalanced(t *testing.T) {
	link := func(n int) string { return strings.Repeat("ب", n) }
	tests := []struct {
		name string
		in   string
	}{
		{"bold across cuts", "<b>" + persianText(600, 3) + "</b> پایان"},
		{"a link across cuts", `<a href="https://irna.ir/a?x=1&amp;y=2">` + link(300) + "</a>"},
		{"nested", "<b>شروع <i>" + persianText(400, 2) + " <a href=\"https://isna.ir/\">پیوند " + link(120) + "</a></i> و</b> پایان"},
		{"entities everywhere", strings.Repeat("&lt;b&gt; &amp; &quot;x&quot; &#39;y&#39; &#128512; ", 60)},
		{"markers", render(reply.Message{Text: persianText(900, 2), Citations: testCites, Sources: true})},
	}
	for _, tt := range tests {
		for _, limit := range []int{16, 37, 100, 257} {
			parts := split(tt.in, limit)
			checkSplit(t, tt.in, parts, limit)
		}
	}
}

func FuzzSplit(f *testing.F) {
	f.Add("سلام [1] <script> & 😀 \n\n جملهٔ دوم؟ [۲]", 16)
	f.Add(persianText(400, 3), 64)
	f.Add(strings.Repeat("👨\u200d👩\u200d👧&", 40), 9)
	cites := []peyvand.Citation{
		{N: 1, URL: "https://irna.ir/a?b=1&c=2", Title: "<عنوان>", Source: "ایرنا"},
		{N: 2, URL: "https://isna.ir/😀"},
	}
	f.Fuzz(func(t *testing.T, s string, limit int) {
		if !utf8.ValidString(s) || strings.ContainsRune(s, 0) {
			return // Telegram takes only UTF-8
		}
		limit = 8 + int(uint(limit)%400)
		in := render(reply.Message{Text: s, Citations: cites, Sources: true})
		checkSplit(t, in, split(in, limit), limit)
	})
}

func tail(s string, n int) string {
	r := []rune(s)
	return string(r[max(0, len(r)-n):])
}

// TestSplitKeepsNumberedItemsWhole: a long partner list with its sources
// is cut between items, never between «۳۵.» and its link nor inside a
// linked title.
func TestSplitKeepsNumberedItemsWhole(t *testing.T) {
	var cites []peyvand.Citation
	var text strings.Builder
	text.WriteString("پیوندهای خارجی اصفهان در خبرها (۶۰ مورد):")
	for i := 1; i <= 60; i++ {
		fmt.Fprintf(&text, "\n- شهر شمارهٔ %d (کشور): خواهرخواندگی، تفاهم‌نامه همکاری‌های اقتصادی و فرهنگی (قطعی) [%d]", i, i)
		cites = append(cites, peyvand.Citation{N: i, URL: fmt.Sprintf("https://www.irna.ir/news/%d", 85000000+i),
			Title: "امضای تفاهم‌نامه خواهرخواندگی و گسترش همکاری‌های بازرگانی میان دو شهر", Source: "ایرنا"})
	}
	html := render(reply.Message{Text: text.String(), Citations: cites, Sources: true})
	parts := split(html, maxMessageLen)
	if len(parts) < 2 {
		t.Fatalf("%d parts; the test needs a text over one message", len(parts))
	}
	checkHTML(t, parts...)
	item := regexp.MustCompile(`^(- |[۰-۹]+\. |<b>)`)
	for i, p := range parts {
		for _, line := range strings.Split(strings.TrimSpace(p), "\n") {
			if line != "" && !item.MatchString(line) && !strings.HasPrefix(line, "پیوندهای") {
				t.Errorf("part %d has a line that is not a whole item: %q", i+1, line)
			}
		}
		// A part that starts inside a link was cut inside one: split
		// reopens the tag at the part's start.
		if strings.HasPrefix(strings.TrimSpace(p), "<a ") {
			t.Errorf("part %d begins inside a link: %.80q", i+1, p)
		}
	}
}
