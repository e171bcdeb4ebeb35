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

// chromePage is a news page with the furniture real pages carry around the
// article: breadcrumb, figure and caption, tag boxes (by class, by rel=tag,
// and as an unmarked list of links inside the body), share bar, related news, reader
// comments, sidebar and footer. Its body sits in a class that holds "tag"
// inside a word (news-stage), which is not a tag box.
const chromePage = `<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>هیئت تجاری گلستان به عشق‌آباد می‌رود | خبرگزاری نمونه</title>
<meta property="article:published_time" content="2024-11-20T09:00:00+03:30">
</head><body>
<div class="top-menu"><a href="/">صفحه اصلی</a> | <a>سیاسی</a> | <a>اقتصادی</a></div>
<div class="breadcrumb"><a>خانه</a> » <a>اقتصاد</a> » <a>استان‌ها</a></div>
<article class="news-stage">
<h1>هیئت تجاری گلستان به عشق‌آباد می‌رود</h1>
<p class="lead">رئیس اتاق بازرگانی گرگان از سفر هیئتی ۲۵ نفره از بازرگانان گلستان به عشق‌آباد در هفته آینده خبر داد.</p>
<div class="entry-tag"><a>گلستان</a> <a>ترکمنستان</a></div>
<div class="body">
<p>وی گفت: اعضای هیئت بیشتر از صادرکنندگان مصالح ساختمانی، محصولات کشاورزی و صنایع غذایی استان هستند و با همتایان ترکمنستانی خود در اتاق صنایع و بازرگانی ترکمنستان دیدار می‌کنند.</p>
<figure><img src="a.jpg" alt="دیدار رئیس اتاق گرگان با سفیر ترکمنستان"><figcaption>دیدار رئیس اتاق گرگان با سفیر ترکمنستان</figcaption></figure>
<p>رئیس اتاق بازرگانی گرگان افزود: گشایش دوباره مرز اینچه‌برون به روی کامیون‌های باری و برقراری پرواز مستقیم گرگان به عشق‌آباد از خواسته‌های بازرگانان گلستانی است.</p>
<ul><li><a href="/1">امضای تفاهم‌نامه همکاری خراسان شمالی و آخال</a></li><li><a href="/2">صادرات ۲۰۰ میلیون دلاری مازندران به روسیه</a></li><li><a href="/3">سفر هیئت تجاری سمنان به مسکو</a></li></ul>
<p>به گفته وی، تفاهم‌نامه همکاری اتاق گرگان و اتاق ولایت بالکان نیز در این سفر امضا خواهد شد.</p>
</div>
<p>برچسب‌ها: <a rel="tag">اتاق گرگان</a>، <a rel="tag">عشق‌آباد</a></p>
<div class="share-box">اشتراک‌گذاری: <a>تلگرام</a> <a>واتساپ</a></div>
<div class="related-news"><h3>اخبار مرتبط</h3><ul><li><a>گشایش بازارچه مرزی گلستان و اترک</a></li></ul></div>
<div id="commentList"><h3>۲ نظر</h3>
<div class="item"><span>کاربر مهمان</span> <span>۱۴۰۳/۰۹/۰۱</span><p>امیدوارم این بار هیئت با قراردادهای واقعی با ازبکستان و قزاقستان برگردد، نه فقط با عکس یادگاری و وعده‌هایی که هیچ‌وقت عملی نمی‌شود.</p></div>
</div>
</article>
<div class="sidebar"><h3>پربازدیدترین‌ها</h3><p>صادرات کاشی یزد به غنا آغاز شد و نخستین محموله به بندر تما رسید و بازرگانان از آن استقبال کردند.</p></div>
<footer>کلیه حقوق این سایت محفوظ است.</footer>
</body></html>`

func TestCleanHTMLChrome(t *testing.T) {
	d, err := CleanHTML([]byte(chromePage), "")
	if err != nil {
		t.Fatal(err)
	}
	if want := "هیئت تجاری گلستان به عشق‌آباد می‌رود"; d.Title != want {
		t.Errorf("Title = %q; want %q", d.Title, want)
	}
	if want := time.Date(2024, 11, 20, 0, 0, 0, 0, time.UTC); !d.Date.Equal(want) {
		t.Errorf("Date = %v; want %v", d.Date, want)
	}
	want := strings.Join([]string{
		"رئیس اتاق بازرگانی گرگان از سفر هیئتی ۲۵ نفره از بازرگانان گلستان به عشق‌آباد در هفته آینده خبر داد.",
		"وی گفت: اعضای هیئت بیشتر از صادرکنندگان مصالح ساختمانی، محصولات کشاورزی و صنایع غذایی استان هستند و با همتایان ترکمنستانی خود در اتاق صنایع و بازرگانی ترکمنستان دیدار می‌کنند.",
		"رئیس اتاق بازرگانی گرگان افزود: گشایش دوباره مرز اینچه‌برون به روی کامیون‌های باری و برقراری پرواز مستقیم گرگان به عشق‌آباد از خواسته‌های بازرگانان گلستانی است.",
		"به گفته وی، تفاهم‌نامه همکاری اتاق گرگان و اتاق ولایت بالکان نیز در این سفر امضا خواهد شد.",
	}, "\n\n")
	if d.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", d.Text, want)
	}
	for _, bad := range []string{"صفحه اصلی", "خانه", "سفیر", "برچسب", "آخال", "مازندران", "سمنان", "تلگرام", "اترک", "ازبکستان", "غنا", "حقوق"} {
		if strings.Contains(d.Text, bad) {
			t.Errorf("Text keeps %q", bad)
		}
	}
	checkClean(t, "chrome page", d)
}

// TestCleanHTMLLeadBesideBody checks that a lead written before the
// paragraphs' container, in a plain <div>, is kept.
func TestCleanHTMLLeadBesideBody(t *testing.T) {
	lead := "استاندار بوشهر از آغاز صادرات میوه و تره‌بار از بندر دیر به قطر از هفته آینده خبر داد."
	body := []string{
		"وی گفت: نخستین محموله میوه و تره‌بار استان بوشهر با شناور‌های سنتی از بندر دیر راهی بندر دوحه می‌شود و بازرگانان قطری آماده خرید آن هستند.",
		"استاندار بوشهر افزود: گمرک بندر دیر برای آسان‌تر شدن این صادرات به صورت شبانه‌روزی کار می‌کند و مشکلات بازرگانان در کارگروه ویژه استان بررسی می‌شود.",
	}
	page := `<html><body><div class="content"><h1>صادرات تره‌بار بوشهر به قطر از بندر دیر</h1>
<div class="lead">` + lead + `</div><div class="text"><p>` + body[0] + `</p><p>` + body[1] + `</p></div></div>
<div class="footer-links"><p>درباره ما | تماس با ما</p></div></body></html>`
	d, err := CleanHTML([]byte(page), "text/html; charset=utf-8")
	if err != nil {
		t.Fatal(err)
	}
	if want := strings.Join(append([]string{lead}, body...), "\n\n"); d.Text != want {
		t.Errorf("Text =\n%s\nwant\n%s", d.Text, want)
	}
}

func TestMarkWords(t *testing.T) {
	tests := []struct{ in, want string }{
		{"post-tags newsNav", "post tags news nav"},
		{"article-stage", "article stage"},
		{"  item_text2 ", "item text2"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := strings.Join(markWords(tt.in), " "); got != tt.want {
			t.Errorf("markWords(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}
