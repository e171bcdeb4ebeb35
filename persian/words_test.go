package persian

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
)

func TestWords(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"روابط تجاری اصفهان و مسقط همچنان ادامه دارد", []string{"روابط", "تجاری", "اصفهان", "و", "مسقط", "همچنان", "ادامه", "دارد"}},
		{"همکاری‌های علمی، فناوری و دانش بنیان", []string{"همکاری", "های", "علمی", "فناوری", "و", "دانش", "بنیان"}},
		{"هیئت سیاسی_تجاری اصفهان", []string{"هییت", "سیاسی", "تجاری", "اصفهان"}},
		{"«شهروند دیپلمات» طرحی", []string{"شهروند", "دیپلمات", "طرحی"}},
		{"نرخ ۳.۵ درصد و ۱۲٬۵۰۰ تن در 1403/07/09", []string{"نرخ", "3.5", "درصد", "و", "12500", "تن", "در", "1403", "07", "09"}},
		{"به SMBها و COVID-19", []string{"به", "smbها", "و", "covid", "19"}},
		{"تسهیل&not;گر", []string{"تسهیل", "گر"}},
		{"", nil},
		{" ... ؟! ", nil},
	}
	for _, tt := range tests {
		if got := Words(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("Words(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestAppendWordsNoAlloc(t *testing.T) {
	s := "روابط تجاری اصفهان و مسقط همچنان ادامه دارد"
	dst := make([]string, 0, 16)
	if n := testing.AllocsPerRun(100, func() { dst = AppendWords(dst[:0], s) }); n != 0 {
		t.Errorf("AppendWords of match-form text allocates %v times; want 0", n)
	}
}

// TestTokensSpellings checks that each group of spellings of the same words
// gives the same tokens: half-space, space or nothing between a word and
// its affix or the parts of a compound; Arabic letters and digits.
func TestTokensSpellings(t *testing.T) {
	groups := []struct {
		want      []string // the tokens every spelling gives
		spellings []string
	}{
		{[]string{"همکار"}, []string{"همکاری‌های", "همکاری های", "همکاریهای", "همكاري‌هاي", "همکاری"}},
		{nil, []string{"می‌شود", "می شود", "میشود", "مي‌شود"}},
		{nil, []string{"می‌کنند", "می کنند", "میکنند"}},
		{nil, []string{"کرده‌اند", "کرده اند", "کردهاند"}},
		{[]string{"برنامه"}, []string{"برنامه‌های", "برنامه های", "برنامههای", "برنامه‌ها"}},
		{[]string{"پیوندد"}, []string{"می‌پیوندد", "می پیوندد", "میپیوندد"}},
		{[]string{"تفاهم", "نامه"}, []string{"تفاهم‌نامه", "تفاهم نامه", "تفاهمنامه", "تفاهم‌نامه‌های", "تفاهمنامهها"}},
		{[]string{"الملل"}, []string{"بین‌المللی", "بین المللی", "بینالمللی", "بین‌الملل"}},
		{[]string{"سرمایه", "گذار"}, []string{"سرمایه‌گذاری", "سرمایه گذاری", "سرمایهگذاری", "سرمایه‌گذاران"}},
		{[]string{"خواهرخوانده"}, []string{"خواهرخوانده‌های", "خواهرخوانده های", "خواهرخواندههای", "خواهرخوانده‌ها"}},
		{[]string{"مهم"}, []string{"مهم‌ترین", "مهم ترین", "مهمترین", "مهم‌تر"}},
		{[]string{"منطقه"}, []string{"منطقه‌ای", "منطقه ای", "منطقهای"}},
		{[]string{"استان"}, []string{"استان‌های", "استانهای", "استان های", "استانها"}},
		{[]string{"تسهیل"}, []string{"تسهیل&not;گر", "تسهیل‌گر", "تسهیل گر", "تسهیلگر"}},
		{[]string{"هیات", "تجار"}, []string{"هیئت تجاری", "هیأت تجاری", "هیات تجاری", "هيئت تجاري"}},
		{[]string{"هیات"}, []string{"هیئت", "هیأت", "هیات", "هیئت‌های", "هیئتهای"}},
		{[]string{"مسوول"}, []string{"مسئولان", "مسؤولان", "مسئول", "مسوول"}},
		{[]string{"20", "نفره"}, []string{"۲۰ نفره", "٢٠ نفره", "20 نفره"}},
		{[]string{"1403", "7", "9"}, []string{"۱۴۰۳/۰۷/۰۹", "1403/7/9", "١٤٠٣-٠٧-٠٩"}},
		{[]string{"0", "3.5"}, []string{"۰۰ ۳٫۵", "0 3.5"}},
		{[]string{"رییس", "جمهور"}, []string{"رئیس‌جمهور", "رییس جمهور", "رئیس جمهور", "رییسجمهور"}},
	}
	for _, g := range groups {
		for _, s := range g.spellings {
			if got := Tokens(s); !slices.Equal(got, g.want) {
				t.Errorf("Tokens(%q) = %q; want %q", s, got, g.want)
			}
		}
	}
}

func TestStem(t *testing.T) {
	tests := []struct {
		in   string // a normalised word
		want string
	}{
		// place names stay whole (ان is not a plural here)
		{"تهران", "تهران"}, {"اصفهان", "اصفهان"}, {"گرگان", "گرگان"}, {"ابادان", "ابادان"},
		{"کرمان", "کرمان"}, {"کرمانشاه", "کرمانشاه"}, {"ایران", "ایران"}, {"سمنان", "سمنان"},
		{"زنجان", "زنجان"}, {"همدان", "همدان"}, {"خراسان", "خراسان"}, {"استان", "استان"},
		{"ترکمنستان", "ترکمنستان"}, {"افغانستان", "افغانستان"}, {"عمان", "عمان"}, {"کاشان", "کاشان"},
		{"شوشتر", "شوشتر"}, {"شوش", "شوش"}, {"هرات", "هرات"}, {"امارات", "امارات"},
		{"میلک", "میلک"}, {"میسان", "میسان"}, {"میبد", "میبد"}, {"میانه", "میانه"}, {"میناب", "میناب"},
		{"خوی", "خوی"}, {"ری", "ری"}, {"مسقط", "مسقط"}, {"بازرگان", "بازرگان"}, {"دفتر", "دفتر"},
		{"میلیارد", "میلیارد"}, {"میلیاردها", "میلیارد"}, {"میلیونی", "میلیون"}, {"میدان", "میدان"},
		// adjectives of place merge with the place
		{"تبریزی", "تبریز"}, {"ایرانی", "ایران"}, {"کرمانی", "کرمان"}, {"کرمانشاهی", "کرمانشاه"},
		{"ایرانیان", "ایران"}, {"اصفهانیها", "اصفهان"}, {"امریکایی", "امریکا"},
		// plurals, comparatives, ezafe
		{"همکاریهای", "همکار"}, {"برنامههای", "برنامه"}, {"شهرها", "شهر"}, {"کشورهایی", "کشور"},
		{"مهمترین", "مهم"}, {"بزرگتر", "بزرگ"}, {"خانهام", "خانه"},
		{"نمایندگان", "نماینده"}, {"کنندگان", "کننده"}, {"بازرگانان", "بازرگان"}, {"همکاران", "همکار"},
		{"استانداران", "استاندار"}, {"کارگران", "کار"}, {"کارشناسان", "کارشناس"}, {"مسیولان", "مسیول"},
		{"فعالان", "فعال"}, {"تحقیقات", "تحقیق"}, {"اطلاعات", "اطلاع"}, {"صادرات", "صادرات"},
		{"دانشجویان", "دانشجو"}, {"کردهاند", "کرده"},
		// verbs
		{"میشود", "شود"}, {"نمیشود", "شود"}, {"میکنند", "کنند"}, {"میپیوندد", "پیوندد"},
		{"میرفت", "رفت"}, {"میشه", "شه"}, {"میشد", "شد"},
		// short words are left alone
		{"ها", "ها"}, {"می", "می"}, {"و", "و"},
	}
	for _, tt := range tests {
		if got := Stem(tt.in); got != tt.want {
			t.Errorf("Stem(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestStemKeepsPlacesApart checks that no two of a list of place names
// share a token.
func TestStemKeepsPlacesApart(t *testing.T) {
	places := []string{"کرمان", "کرمانشاه", "شوش", "شوشتر", "تهران", "اصفهان", "گرگان", "آبادان", "آباده",
		"ایران", "ایلام", "سمنان", "سمنانی"[:0], "مشهد", "شهرکرد", "شهر", "بندرعباس", "بندر", "ساری", "سار"[:0],
		"هرات", "هرمز", "کیش", "قشم", "مسقط", "عمان", "امارات", "آمار", "میلک", "میسان", "میبد", "میانه", "مرو", "مری",
		"تبریز", "خوی", "ری", "گیلان", "گیل", "زابل", "زاهدان", "زاهد", "استان", "پاکستان", "بلوچستان", "سیستان"}
	seen := map[string]string{}
	for _, p := range places {
		if p == "" {
			continue
		}
		toks := Tokens(p)
		if len(toks) != 1 {
			t.Errorf("Tokens(%q) = %q; want one token", p, toks)
			continue
		}
		if q, ok := seen[toks[0]]; ok {
			t.Errorf("%q and %q share the token %q", q, p, toks[0])
		}
		seen[toks[0]] = p
	}
}

func TestStemIdempotent(t *testing.T) {
	for name, text := range corpusTexts(t) {
		for _, w := range Words(text) {
			s := Stem(w)
			if s2 := Stem(s); s2 != s {
				t.Errorf("%s: Stem(%q) = %q but Stem(%q) = %q", name, w, s, s, s2)
			}
		}
	}
}

func TestIsStopword(t *testing.T) {
	tests := []struct {
		w    string
		want bool
	}{
		{"و", true}, {"در", true}, {"های", true}, {"ها", true}, {"می", true}, {"ترین", true},
		{"ای", true}, {"ی", true}, {"است", true}, {"شود", true}, {"the", true}, {"ان", true},
		{"اصفهان", false}, {"همکاری", false}, {"میلیارد", false}, {"خدمات", false}, {"تجاری", false},
	}
	for _, tt := range tests {
		if got := IsStopword(tt.w); got != tt.want {
			t.Errorf("IsStopword(%q) = %v; want %v", tt.w, got, tt.want)
		}
	}
}

// TestQuestionVariants builds, for every dev question, the spellings a
// user's keyboard could give it and checks that all have the same token
// multiset.
func TestQuestionVariants(t *testing.T) {
	for _, q := range readQuestions(t) {
		want := sortedTokens(q.Q)
		for name, v := range questionVariants(q.Q) {
			if got := sortedTokens(v); !slices.Equal(got, want) {
				t.Errorf("%s of %q:\n  %q gives %q\n  want %q", name, q.Q, v, got, want)
			}
		}
	}
}

func sortedTokens(s string) []string {
	toks := Tokens(s)
	slices.Sort(toks)
	return toks
}

// affixSpace matches a space between a word and an affix a half-space
// usually joins: "همکاری های", "می شود", "مهم ترین".
var affixSpace = regexp.MustCompile(`(\S) (های|ها|هایی|ای|ترین|تر|اند|ام|ایم)(\s|$|[؟?،.])|(^|\s)(می|نمی) (\S)`)

// questionVariants returns the spellings of q a user could type.
func questionVariants(q string) map[string]string {
	v := map[string]string{
		"zwnj as space":   strings.ReplaceAll(q, "\u200c", " "),
		"zwnj removed":    strings.ReplaceAll(q, "\u200c", ""),
		"affix with zwnj": affixSpace.ReplaceAllString(q, "$1$4$5\u200c$2$6$3"),
		"arabic letters":  strings.NewReplacer("ی", "ي", "ک", "ك").Replace(q),
		"persian letters": strings.NewReplacer("ي", "ی", "ك", "ک").Replace(q),
		"persian digits":  mapDigits(q, '۰'),
		"arabic digits":   mapDigits(q, '٠'),
		"latin digits":    mapDigits(q, '0'),
	}
	v["affix joined"] = strings.ReplaceAll(v["affix with zwnj"], "\u200c", "")
	v["arabic, no zwnj"] = strings.ReplaceAll(v["arabic letters"], "\u200c", "")
	return v
}

func mapDigits(s string, zero rune) string {
	var b strings.Builder
	for _, r := range s {
		if d := digitValue(r); d >= 0 {
			r = zero + rune(d)
		}
		b.WriteRune(r)
	}
	return b.String()
}

func ExampleTokens() {
	fmt.Println(Tokens("همکاری‌های اقتصادی اصفهان با کرمانشاه"))
	fmt.Println(Tokens("همکاریهای اقتصادي اصفهان با كرمانشاه"))
	// Output:
	// [همکار اقتصاد اصفهان کرمانشاه]
	// [همکار اقتصاد اصفهان کرمانشاه]
}
