package persian

import (
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"
)

const testPage = `<!DOCTYPE html>
<html lang="fa" dir="rtl"><head>
<meta http-equiv="Content-Type" content="text/html; charset=windows-1256">
<title>روابط تجاری اصفهان و مسقط همچنان ادامه دارد - خبرگزاری نمونه</title>
<meta property="og:title" content="روابط تجاری اصفهان و مسقط همچنان ادامه دارد | خبرگزاری نمونه">
<meta property="article:published_time" content="2024-09-30T08:15:00+03:30">
<style>.x{color:red}</style>
<script>var title = "نباید دیده شود";</script>
</head><body>
<header><div class="logo">خبرگزاری نمونه</div>
<nav><ul><li>صفحه اصلی</li><li>اقتصاد</li><li>سیاست</li></ul></nav></header>
<div class="container">
<article>
<h1>روابط تجاری اصفهان و مسقط همچنان ادامه دارد</h1>
<div class="lead">رئیس مرکز پژوهش‌های شورای اسلامی شهر اصفهان گفت: طرحی در مرکز پژوهش‌ها مورد مطالعه قرار گرفته است.</div>
<div class="body">
<p>کوروش خسروی در گفت‌وگو با خبرنگار ما افزود: هدف اصلی خواهرخواندگی رفت و آمد هیئت‌های بازرگانی و تجار دو شهر است و باید بخش خصوصی را به این روابط آورد.</p>
<p>وی به تجربه مثبت خواهرخواندگی اصفهان و مسقط اشاره کرد و گفت: این روابط همچنان ادامه دارد و همان تیمی که پیشتر در اصفهان میزبان هیئتی از عمان بود، اکنون در آن کشور حضور دارد.</p>
<p>عضو شورای اسلامی شهر اصفهان کشورهای حاشیه خلیج فارس را مقصد مناسبی برای صادرات محصولات تجار اصفهانی دانست.</p>
</div>
<div class="tags">برچسب‌ها: <a>اصفهان</a> <a>مسقط</a></div>
</article>
<aside><h3>پربازدیدترین</h3><ul><li>خبر پربازدید اول درباره موضوعی دیگر در استان</li></ul></aside>
<div id="comments"><h3>نظر شما</h3><form><textarea></textarea><button>ارسال</button></form></div>
</div>
<footer>کلیه حقوق این سایت محفوظ است. Copyright 2024</footer>
</body></html>`

func TestCleanHTML(t *testing.T) {
	// windows-1256 has the Arabic yeh only: pages in it spell ی as ي
	enc, err := charmap.Windows1256.NewEncoder().String(strings.ReplaceAll(testPage, "ی", "ي"))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		raw         []byte
		contentType string
	}{
		{"windows-1256 from http-equiv", []byte(enc), ""},
		{"windows-1256 from the header", []byte(enc), "text/html; charset=windows-1256"},
		{"utf-8 from the header overrides the page", []byte(testPage), "text/html; charset=utf-8"},
	}
	for _, tt := range tests {
		d, err := CleanHTML(tt.raw, tt.contentType)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if want := "روابط تجاری اصفهان و مسقط همچنان ادامه دارد"; d.Title != want {
			t.Errorf("%s: Title = %q; want %q", tt.name, d.Title, want)
		}
		if want := time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC); !d.Date.Equal(want) {
			t.Errorf("%s: Date = %v; want %v", tt.name, d.Date, want)
		}
		paras := strings.Split(d.Text, "\n\n")
		if len(paras) != 4 || !strings.HasPrefix(paras[0], "رئیس مرکز پژوهش‌های") || !strings.HasPrefix(paras[3], "عضو شورای اسلامی") {
			t.Errorf("%s: Text =\n%s", tt.name, d.Text)
		}
		for _, bad := range []string{"نباید دیده شود", "صفحه اصلی", "پربازدید", "نظر شما", "ارسال", "حقوق", "Copyright", "برچسب", "color"} {
			if strings.Contains(d.Text, bad) {
				t.Errorf("%s: Text keeps %q", tt.name, bad)
			}
		}
		checkClean(t, tt.name, d)
	}
}

func TestStripSiteName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"روابط تجاری اصفهان و مسقط همچنان ادامه دارد - خبرگزاری نمونه", "روابط تجاری اصفهان و مسقط همچنان ادامه دارد"},
		{"ایسنا | سفر هیئت تجاری یزد به غنا", "سفر هیئت تجاری یزد به غنا"},
		{"سفر هیئت تجاری یزد به غنا", "سفر هیئت تجاری یزد به غنا"},
	}
	for _, tt := range tests {
		if got := stripSiteName(tt.in); got != tt.want {
			t.Errorf("stripSiteName(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestCleanHTMLFallbacks(t *testing.T) {
	page := `<html><head><meta charset="utf-8"><title>ایسنا - همکاری گلستان و بالکان ترکمنستان گسترش می‌یابد</title></head>
<body><div>یکشنبه ۱۰ مرداد ۱۴۰۰</div><div>استاندار گلستان در ارتباطی ویدئوکنفرانسی با استاندار بالکان ترکمنستان بر گسترش همکاری‌های دو استان تأکید کرد.</div></body></html>`
	d, err := CleanHTML([]byte(page), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "همکاری گلستان و بالکان ترکمنستان گسترش می‌یابد"; d.Title != want {
		t.Errorf("Title = %q; want %q", d.Title, want)
	}
	if want := time.Date(2021, 8, 1, 0, 0, 0, 0, time.UTC); !d.Date.Equal(want) {
		t.Errorf("Date = %v; want %v", d.Date, want)
	}
	if !strings.HasPrefix(d.Text, "استاندار گلستان") {
		t.Errorf("Text = %q", d.Text)
	}
}
