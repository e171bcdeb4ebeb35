package persian

import (
	"strings"
	"testing"
	"time"
)

// boilerplateLines are page-chrome lines of the seeds and the dev corpus
// that no cleaned text may keep.
var boilerplateLines = []string{
	"اخبار پیشنهادی", "تبادل نظر", "آدرس ایمیل خود را با فرمت مناسب وارد نمایید", "آخرین اخبار",
	"کد خبر", "کد مطلب", "برچسب", "نظر شما", "شما در حال پاسخ به نظر", "انتهای پیام", "منبع محتوا",
	"@24bc40e3", "محتوای مشابه", "نظرات شما", "Services List", "Hi I am test a service to show",
	"اخبار مرتبط", "شهرداری گرگان ، شهر پاکیزه",
}

func TestCleanTextSeeds(t *testing.T) {
	tests := []struct {
		seed     string
		title    string
		code     string
		first    string // how the body starts
		last     string // how the body ends
		minParas int
	}{
		{"000", "سفر به روسیه برای تقویت همکاریهای اصفهان با مسکو و سن پترزبورگ", "",
			"هیئت سیاسی_تجاری اصفهان در سفر به روسیه", "با دانشگاه اصفهان تفاهم نامه همکاری مشترک امضا خواهند کرد.", 9},
		{"001", "روابط تجاری اصفهان و مسقط همچنان ادامه دارد", "427178",
			"رئیس مرکز پژوهشهای شورای اسلامی شهر اصفهان گفت", "در این کلانشهر نیز پیاده شود.", 14},
		{"002", "دستاوردهای سفر هیأت اقتصادی استان به باکو / تمایل آذریها برای توسعه مناسبات تجاری و اقتصادی با آذربایجان شرقی", "",
			"معاون هماهنگی امور اقتصادی استاندار آذربایجان شرقی", "", 13},
		{"003", "توسعه همکاری های متقابل؛ اتاق گوانگژو در شهرداری گرگان راه اندازی می شود", "",
			"به گزارش مرکز اطلاع رسانی روابط عمومی و امور بین الملل شهرداری گرگان", "", 12},
		{"004", "«شهروند دیپلمات» طرحی برای توسعه همکاریهای فرهنگی و اقتصادی با محوریت بخش خصوصی", "",
			"شورای بین الملل اتاق بازرگانی اصفهان به منظور طرح و بررسی سلسله نشست های «شهروند دیپلمات »اقدام به تشکیل جلسه ای",
			"اهداف پروژه شهروند دیپلمات عنوان نمود.", 6},
	}
	seeds := readSeeds(t)
	for _, tt := range tests {
		d := CleanText(seeds[tt.seed])
		if d.Title != Display(tt.title) {
			t.Errorf("seed %s: Title = %q; want %q", tt.seed, d.Title, tt.title)
		}
		if d.NewsCode != tt.code {
			t.Errorf("seed %s: NewsCode = %q; want %q", tt.seed, d.NewsCode, tt.code)
		}
		if !strings.HasPrefix(d.Text, Display(tt.first)) {
			t.Errorf("seed %s: Text starts %.120q; want %q", tt.seed, d.Text, tt.first)
		}
		if !strings.HasSuffix(d.Text, Display(tt.last)) {
			t.Errorf("seed %s: Text ends %q; want %q", tt.seed, tailOf(d.Text, 120), tt.last)
		}
		paras := strings.Split(d.Text, "\n\n")
		if len(paras) < tt.minParas {
			t.Errorf("seed %s: %d paragraphs; want at least %d", tt.seed, len(paras), tt.minParas)
		}
		checkClean(t, "seed "+tt.seed, d)
	}
}

// checkClean checks what every cleaned document must satisfy.
func checkClean(t *testing.T, name string, d Document) {
	t.Helper()
	paras := strings.Split(d.Text, "\n\n")
	for _, p := range paras {
		n := Normalize(p)
		for _, b := range boilerplateLines {
			if strings.HasPrefix(n, Normalize(b)) && countWords(p) <= countWords(b)+4 {
				t.Errorf("%s: Text keeps the boilerplate line %q", name, p)
			}
		}
	}
	for _, b := range []string{"@24bc40e3", "Services List", "Hi I am", "شما در حال پاسخ به نظر", "آدرس ایمیل"} {
		if strings.Contains(d.Text, b) {
			t.Errorf("%s: Text keeps boilerplate %q", name, b)
		}
	}
	seen := map[string]bool{}
	for _, p := range paras {
		if p == "" || strings.TrimSpace(p) != p || strings.Contains(p, "\n") {
			t.Errorf("%s: malformed paragraph %q", name, p)
		}
		n := Normalize(p)
		if seen[n] {
			t.Errorf("%s: paragraph repeated: %.80q", name, p)
		}
		seen[n] = true
	}
	if d.Title != "" && Normalize(paras[0]) == Normalize(d.Title) {
		t.Errorf("%s: title repeated at the start of the text", name)
	}
	if Display(d.Text) != d.Text || Display(d.Title) != d.Title {
		t.Errorf("%s: title or text not in display form", name)
	}
}

func tailOf(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && s[i]&0xC0 == 0x80 {
		i++
	}
	return s[i:]
}

// TestCleanTextSeed003Lead checks that the lead repeated three times (once
// with a variant spelling, twice truncated) is kept once, in full.
func TestCleanTextSeed003Lead(t *testing.T) {
	d := CleanText(readSeeds(t)["003"])
	lead := "به گزارش مرکز اطلاع رسانی روابط عمومی و امور بین الملل شهرداری گرگان"
	if n := strings.Count(d.Text, lead); n != 1 {
		t.Errorf("the lead appears %d times; want 1", n)
	}
	if !strings.Contains(d.Text, "از راه اندازی اتاق گوانگژو در شهرداری گرگان خبر داد.") {
		t.Errorf("the full copy of the lead was not kept")
	}
}

// TestCleanTextSeed004Wrapped checks that the hard-wrapped seed is joined
// into whole sentences.
func TestCleanTextSeed004Wrapped(t *testing.T) {
	d := CleanText(readSeeds(t)["004"])
	for _, p := range strings.Split(d.Text, "\n\n") {
		if !endsSentence(p) {
			t.Errorf("paragraph does not end a sentence: %q", tailOf(p, 80))
		}
	}
	if strings.Contains(d.Text, "عنوان شد:") {
		t.Errorf("the kicker line before the headline was kept")
	}
	if !strings.Contains(d.Text, "تسهیل\u200cگر روابط") {
		t.Errorf("&not; between Persian letters did not become a ZWNJ")
	}
}

func TestCleanTextDev(t *testing.T) {
	for _, it := range readDevItems(t) {
		d := CleanText(it.Text)
		checkClean(t, it.ID, d)
		if d.Title != "" {
			t.Errorf("%s: Title = %q; want none (the text starts with its body)", it.ID, d.Title)
		}
		if strings.Contains(it.Text, "کد خبر") || strings.Contains(it.Text, "كد خبر") || strings.Contains(it.Text, "كد مطلب") {
			if d.NewsCode == "" {
				t.Errorf("%s: NewsCode not found", it.ID)
			}
		}
	}
}

// TestCleanTextMadeUp runs the rules on boilerplate the seeds do not have.
func TestCleanTextMadeUp(t *testing.T) {
	body1 := "به گزارش خبرنگار ما، استاندار یزد در دیدار با سفیر غنا از آمادگی استان برای گسترش صادرات کاشی و سرامیک به کشورهای غرب آفریقا خبر داد."
	body2 := "وی افزود: نخستین محموله کاشی یزد تا پایان آبان‌ماه به بندر تما در غنا می‌رسد و هیئتی از بازرگانان یزدی نیز همراه آن سفر می‌کنند."
	body3 := "سفیر غنا نیز گفت: کشورش آماده است نمایندگی تجاری خود را در یزد بگشاید و در این باره با اتاق بازرگانی استان گفت‌وگو کرده است."
	tests := []struct {
		name  string
		raw   string
		title string
		code  string
		date  time.Time
		text  string
	}{
		{
			name: "site banner, date line, tags, related list, copyright",
			raw: "خبرگزاری نمونه | پایگاه خبری استان\n\nیکشنبه ۱۰ مرداد ۱۴۰۰ - ۱۰:۳۰\n\nصادرات کاشی یزد به غنا آغاز می‌شود\n\n" +
				body1 + "\n\n" + body2 + "\n\n" + body3 + "\n\nشناسه خبر: ۹۸۷۶۵\n\nبرچسب‌ها: یزد، غنا، صادرات\n\nخبرهای مرتبط\n" +
				"افتتاح نمایشگاه کاشی در آکرا\nسفر هیئت تجاری یزد به نیجریه\n\nCopyright © 2024 Example News Agency. All rights reserved.",
			title: "صادرات کاشی یزد به غنا آغاز می‌شود",
			code:  "98765",
			date:  time.Date(2021, 8, 1, 0, 0, 0, 0, time.UTC),
			text:  body1 + "\n\n" + body2 + "\n\n" + body3,
		},
		{
			name: "kicker, truncated teaser, comment form",
			raw: "سفیر غنا در دیدار با استاندار یزد:\nصادرات کاشی یزد به غنا آغاز می‌شود\n\n" +
				body1[:120] + " ...\n\n" + body1 + "\n\n" + body2 + "\n\n" + body3 + "\n\n" +
				"ارسال نظر\nنام\nایمیل خود را وارد کنید\nنظرات حاوی توهین منتشر نمی‌شود.\nارسال",
			title: "صادرات کاشی یزد به غنا آغاز می‌شود",
			text:  body1 + "\n\n" + body2 + "\n\n" + body3,
		},
		{
			name: "no headline, repeated lead, english widget, end of message",
			raw:  body1 + "\n\n" + body1 + "\n\n" + body2 + "\n\n" + body3 + "\n\nانتهای خبر/ ک\n\nRead more\nShare on Twitter\n\nکدخبر ۱۲۳۴۵۶",
			code: "123456",
			text: body1 + "\n\n" + body2 + "\n\n" + body3,
		},
		{
			name:  "single newlines between paragraphs, subheading kept",
			raw:   "صادرات کاشی یزد به غنا آغاز می‌شود\n" + body1 + "\nنمایندگی تجاری غنا در یزد\n" + body3 + "\n" + body2,
			title: "صادرات کاشی یزد به غنا آغاز می‌شود",
			text:  body1 + "\n\nنمایندگی تجاری غنا در یزد\n\n" + body3 + "\n\n" + body2,
		},
		{
			name: "empty", raw: "\n\n \u00a0\n",
		},
	}
	for _, tt := range tests {
		d := CleanText(tt.raw)
		if d.Title != Display(tt.title) {
			t.Errorf("%s: Title = %q; want %q", tt.name, d.Title, tt.title)
		}
		if d.NewsCode != tt.code {
			t.Errorf("%s: NewsCode = %q; want %q", tt.name, d.NewsCode, tt.code)
		}
		if !d.Date.Equal(tt.date) {
			t.Errorf("%s: Date = %v; want %v", tt.name, d.Date, tt.date)
		}
		if d.Text != Display(tt.text) {
			t.Errorf("%s: Text =\n%s\nwant\n%s", tt.name, d.Text, Display(tt.text))
		}
	}
}
