package persian

import (
	"strings"
	"testing"
	"time"
)

// Whole news items as scrapers hand them over (a record's title, then its
// text): the body paragraphs first, the page chrome around them.
var (
	// Khorasan-e Shomali and Turkmenistan.
	tkTitle = "سفر هیئت تجاری خراسان شمالی به ترکمنستان برای گسترش صادرات"
	tkBody  = []string{
		"به گزارش خبرگزاری نمونه از بجنورد، هیئتی ۲۰ نفره از فعالان اقتصادی خراسان شمالی به ریاست استاندار این استان برای گفت‌وگو درباره صادرات مصالح ساختمانی و محصولات کشاورزی راهی عشق‌آباد شد.",
		"استاندار خراسان شمالی در بدو ورود به عشق‌آباد گفت: مرز باجگیران ظرفیت بزرگی برای داد و ستد دو کشور است و باید از آن بیش از گذشته بهره گرفت.",
		"وی افزود: در این سفر تفاهم‌نامه‌ای برای همکاری اتاق بازرگانی بجنورد و اتاق صنایع و بازرگانی ترکمنستان امضا خواهد شد.",
		"پرواز بجنورد - عشق‌آباد",
		"استاندار همچنین از برقراری پرواز هفتگی میان بجنورد و عشق‌آباد از آغاز سال آینده خبر داد و گفت مقدمات آن با شرکت هواپیمایی ترکمنستان فراهم شده است.",
	}
	// Hormozgan and Oman.
	omTitle = "نمایشگاه توانمندی‌های هرمزگان در مسقط برپا می‌شود"
	omBody  = []string{
		"مدیرکل صنعت، معدن و تجارت هرمزگان از برپایی نمایشگاه اختصاصی توانمندی‌های این استان در مسقط، پایتخت عمان، در آبان‌ماه خبر داد.",
		"وی گفت: بیش از ۶۰ شرکت هرمزگانی در حوزه‌های مصالح ساختمانی، مواد غذایی، صنایع دستی و خدمات دریایی در این نمایشگاه حضور خواهند داشت.",
		"به گفته او، خط کشتیرانی مسافری میان بندرعباس و خصب نیز پیش از برپایی نمایشگاه راه‌اندازی می‌شود تا رفت‌وآمد بازرگانان دو طرف آسان‌تر شود.",
		"استاندار هرمزگان نیز پیش‌بینی کرد که حجم مبادلات تجاری استان با عمان تا پایان سال به یک میلیارد دلار برسد.",
	}
	// Azarbaijan-e Gharbi and Iraq; paragraphs that look a little like
	// boilerplate and are not.
	iqTitle = "برچسب عربی و کردی بر محصولات لبنی صادراتی آذربایجان غربی به عراق"
	iqBody  = []string{
		"برچسب‌ها و بسته‌بندی؛ چالش تازه صادرکنندگان",
		"برچسب‌های محصولات لبنی آذربایجان غربی که به اقلیم کردستان عراق صادر می‌شود از این پس باید به زبان‌های عربی و کردی نیز نوشته شود.",
		"عکس‌های ماهواره‌ای نشان می‌دهد تردد کامیون‌ها در مرز تمرچین دو برابر شده است.",
		"منبع آگاه در گمرک پیرانشهر گفت صادرات لبنیات به اربیل و سلیمانیه از سر گرفته شد.",
		"این شهرها عبارت‌اند از اربیل در اقلیم کردستان، سلیمانیه، دهوک، کرکوک و موصل.",
		"محورهای تفاهم‌نامه: گردشگری، تجارت، آموزش و فرهنگ.",
		"نظرات کارشناسان درباره بازارچه‌های مرزی",
		"کارشناسان می‌گویند بازارچه‌های مرزی پیرانشهر و سردشت اگر با برنامه اداره شوند، می‌توانند سهم استان از بازار عراق را دو برابر کنند.",
		"ارومیه، اربیل، سلیمانیه و دهوک",
		"مقصدهای اصلی لبنیات استان در عراق:",
		"اربیل، سلیمانیه، دهوک، کرکوک",
		"آخرین اخبار از مذاکرات تجاری نشان می‌دهد دو طرف بر سر تعرفه لبنیات به توافق رسیده‌اند.",
		"پاسخ استاندار به پرسش خبرنگاران",
		"استاندار آذربایجان غربی در پاسخ به پرسشی درباره صادرات سیمان گفت: صادرات سیمان به عراق نیز با همین سازوکار ادامه می‌یابد.",
		"تهران - ایرنا - رئیس سازمان توسعه تجارت هم از سفر هیئتی ۳۰ نفره از بازرگانان آذربایجان غربی به اربیل در ماه آینده خبر داد.",
	}
)

// pageHead and pageTail are the chrome of a news page around its body:
// menu, breadcrumb, keyword line and date; tags, related news, reader
// comments (long enough to read as sentences) and the footer.
const (
	pageHead = "صفحه اصلی | سیاسی | اقتصادی | ورزشی | استان‌ها | ویدئو\n" +
		"خانه » اقتصاد » استان‌ها\n\n" +
		"خراسان شمالی، ترکمنستان، صادرات، مرز باجگیران\n\n" +
		"۱۲ آذر ۱۴۰۳ - ۱۰:۲۵\n\n"
	pageTail = "برچسب‌ها: خراسان شمالی، ترکمنستان، دیپلماسی استانی\n" +
		"کلیدواژه‌ها: صادرات، عشق‌آباد\n\n" +
		"اخبار مرتبط\n" +
		"امضای تفاهم‌نامه همکاری گلستان و بالکان ترکمنستان\n" +
		"صادرات ۲۰۰ میلیون دلاری خراسان رضوی به افغانستان\n" +
		"سفر هیئت تجاری سمنان به روسیه\n\n" +
		"نظرات\n" +
		"۳ نظر\n" +
		"کاربر مهمان\n" +
		"۱۴۰۳/۰۹/۱۵ - ۱۱:۴۰\n" +
		"خیلی خوب است که بالاخره مسئولان به فکر صادرات به کشورهای همسایه مثل ترکمنستان و ازبکستان و قزاقستان افتاده‌اند و امیدوارم این بار هیئت با دست پر برگردد و قراردادهای واقعی امضا شود.\n" +
		"پاسخ\n" +
		"نام: علی نظر: سفر قبلی به قزاقستان هم همین وعده‌ها را داشت و هیچ قراردادی با تاجیکستان و ازبکستان امضا نشد، بهتر است مسئولان اول گزارش سفرهای قبلی را منتشر کنند.\n\n" +
		"ارسال نظر\nنام\nایمیل\n\n" +
		"کد خبر: ۵۶۲۳۹۰۱\n" +
		"کلیه حقوق این سایت متعلق به خبرگزاری نمونه است.\n" +
		"© ۱۴۰۳ خبرگزاری نمونه"
)

func paras(ps ...string) string { return strings.Join(ps, "\n\n") }

func TestCleanTextBoilerplate(t *testing.T) {
	tkText := paras(tkBody...)
	tests := []struct {
		name  string
		raw   string
		title string
		code  string
		date  time.Time
		text  string   // the whole cleaned text
		gone  []string // page chrome the text must not hold, named for a clear failure
	}{
		{
			name: "menu, breadcrumb and a keyword line between the title and the body",
			raw: tkTitle + "\n\n" +
				pageHead + tkText,
			title: tkTitle,
			date:  time.Date(2024, 12, 2, 0, 0, 0, 0, time.UTC),
			text:  tkText,
			gone:  []string{"صفحه اصلی", "ورزشی", "خانه", "ترکمنستان، صادرات"},
		},
		{
			name: "menu words without separators, share bar and captions inside the body",
			raw: tkTitle + "\n\n" +
				"صفحه نخست سیاسی اقتصادی اجتماعی بین‌الملل استان‌ها چندرسانه‌ای\n\n" +
				tkBody[0] + "\n\n" +
				"عکس: محمد رضایی\n\n" +
				tkBody[1] + "\n\n" +
				"منبع تصویر: ایرنا\n\n" + tkBody[2] + "\n\n" +
				"اشتراک‌گذاری\nتلگرام واتساپ توییتر\nکپی لینک\n\n" +
				paras(tkBody[3:]...),
			title: tkTitle,
			text:  tkText,
			gone:  []string{"چندرسانه", "رضایی", "منبع تصویر", "اشتراک", "واتساپ", "کپی لینک"},
		},
		{
			name:  "tags, keywords, related block, comments with long replies, footer",
			raw:   tkTitle + "\n\n" + tkText + "\n\n" + pageTail,
			title: tkTitle,
			code:  "5623901",
			text:  tkText,
			gone:  []string{"برچسب", "کلیدواژه", "بالکان", "سمنان", "کاربر مهمان", "ازبکستان", "قزاقستان", "حقوق", "©"},
		},
		{
			name: "read-more box inside the body, then the body goes on; end of message, related teasers",
			raw: omTitle + "\n\n" +
				"۵ مهر ۱۴۰۳، ۰۹:۳۰\n\n" +
				omBody[0] + "\n\n" + omBody[1] + "\n\n" +
				"بیشتر بخوانید:\n" +
				"صادرات ۳۰۰ میلیون دلاری هرمزگان به امارات\n\n" +
				omBody[2] + "\n\n" + omBody[3] + "\n\n" +
				"انتهای پیام/\n\n" +
				"خبرهای مرتبط\n" +
				"برپایی نمایشگاه هرمزگان در دوحه ...\n" +
				"مدیرکل صنعت، معدن و تجارت هرمزگان گفت نمایشگاه اختصاصی استان در دوحه قطر برپا می‌شود و بیش از ۵۰ شرکت در آن شرکت می‌کنند و قراردادهای تازه‌ای امضا خواهد شد.\n" +
				"پربازدیدترین‌ها\n" +
				"افتتاح خط کشتیرانی بندرعباس - دبی ۲ ساعت پیش\n" +
				"لینک کوتاه\n",
			title: omTitle,
			date:  time.Date(2024, 9, 26, 0, 0, 0, 0, time.UTC),
			text:  paras(omBody...),
			gone:  []string{"بیشتر بخوانید", "امارات", "انتهای پیام", "دوحه", "دبی", "لینک کوتاه"},
		},
		{
			name: "comment form and dated comments right after the body, no end marker",
			raw: omTitle + "\n\n" + paras(omBody...) + "\n\n" +
				"دیدگاه‌ها\n\n" +
				"رضا ۱۲ مهر ۱۴۰۳ ۱۸:۲۰\n\n" +
				"امیدوارم این نمایشگاه مثل نمایشگاه سال گذشته در دوحه نباشد که هیچ قراردادی از آن بیرون نیامد و فقط هزینه روی دست شرکت‌های کوچک استان گذاشت، لطفا پیگیری کنید.\n\n" +
				"پاسخ\n\n" +
				"تگ‌ها: هرمزگان، عمان، نمایشگاه",
			title: omTitle,
			text:  paras(omBody...),
			gone:  []string{"دیدگاه", "دوحه", "پاسخ", "تگ"},
		},
		{
			name:  "body paragraphs that look like boilerplate stay",
			raw:   iqTitle + "\n\n" + paras(iqBody...) + "\n\nانتهای پیام",
			title: iqTitle,
			text:  paras(iqBody...),
		},
		{
			name: "a list-only line among the chrome of a page without a record title",
			raw: "خانه » اخبار » اقتصادی\n\n" + omTitle + "\n\n" + omBody[0] + "\n\n" +
				"هرمزگان - عمان - نمایشگاه - صادرات\n\n" +
				"اشتراک گذاری در: تلگرام | واتساپ | ایتا | بله\n\n" +
				paras(omBody[1:]...) + "\n\n" +
				"تمامی حقوق مادی و معنوی این پایگاه محفوظ است.",
			title: omTitle,
			text:  paras(omBody...),
			gone:  []string{"خانه", "تلگرام", "حقوق"},
		},
		{
			name: "related list with teasers under each headline at the end",
			raw: omTitle + "\n\n" + paras(omBody...) + "\n\n" +
				"مطالب مرتبط\n" +
				"برپایی نمایشگاه هرمزگان در دوحه\n" +
				"مدیرکل صنعت، معدن و تجارت هرمزگان گفت نمایشگاه اختصاصی توانمندی‌های استان در دوحه قطر برپا می‌شود و بیش از ۵۰ شرکت از شهرستان‌های استان در آن شرکت خواهند کرد.\n" +
				"گشایش دفتر تجاری هرمزگان در دبی\n" +
				"رئیس اتاق بازرگانی هرمزگان از گشایش دفتر نمایندگی تجاری استان در دبی خبر داد و گفت این دفتر به صادرکنندگان استان برای یافتن خریدار در امارات کمک می‌کند.",
			title: omTitle,
			text:  paras(omBody...),
			gone:  []string{"دوحه", "دبی"},
		},
		{
			name: "read-more line holding its headline, then a subheading",
			raw: omTitle + "\n\n" + omBody[0] + "\n\n" +
				"بیشتر بخوانید: صادرات ۳۰۰ میلیون دلاری هرمزگان به امارات\n\n" +
				"خط کشتیرانی بندرعباس - خصب\n\n" + paras(omBody[1:]...),
			title: omTitle,
			text:  paras(omBody[0], "خط کشتیرانی بندرعباس - خصب", omBody[1], omBody[2], omBody[3]),
			gone:  []string{"بیشتر بخوانید", "امارات"},
		},
		{
			name: "single line breaks between paragraphs, a read-more box inside the body",
			raw: omTitle + "\n" + omBody[0] + "\n" + omBody[1] + "\n" +
				"بیشتر بخوانید:\n" +
				"صادرات ۳۰۰ میلیون دلاری هرمزگان به امارات\n" +
				omBody[2] + "\n" + omBody[3] + "\n" +
				"برچسب‌ها: هرمزگان، عمان\n" +
				"لینک کوتاه: https://example.ir/x/abc",
			title: omTitle,
			text:  paras(omBody...),
			gone:  []string{"بیشتر بخوانید", "امارات", "برچسب"},
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
		if want := Display(tt.text); d.Text != want {
			t.Errorf("%s: Text =\n%s\nwant\n%s", tt.name, d.Text, want)
		}
		for _, g := range tt.gone {
			if strings.Contains(d.Text, Display(g)) {
				t.Errorf("%s: Text keeps %q", tt.name, g)
			}
		}
	}
}

func TestChromeKind(t *testing.T) {
	tests := []struct {
		line string
		want bpKind
	}{
		// menus, breadcrumbs, share bars
		{"صفحه اصلی | سیاسی | اقتصادی | ورزشی | استان‌ها | ویدئو", bpLine},
		{"صفحه نخست سیاسی اقتصادی اجتماعی بین‌الملل", bpLine},
		{"تلگرام واتساپ توییتر", bpLine},
		{"خانه » اقتصاد » استان‌ها", bpLine},
		{"خانه / اخبار / اقتصاد استان", bpList},
		{"اقتصاد › استان گلستان", bpList},
		{"۳ نظر | ۱۲۰ بازدید", bpLine},
		{"۲ ساعت پیش", bpLine},
		// tags and labels
		{"برچسب‌ها: خراسان شمالی، ترکمنستان، دیپلماسی استانی", bpEnd},
		{"برچسبها : اقتصاد، زعفران", bpEnd},
		{"کلیدواژه‌ها: صادرات، عشق‌آباد", bpEnd},
		{"تگ‌ها: هرمزگان، عمان", bpEnd},
		{"خراسان شمالی، ترکمنستان، صادرات، مرز باجگیران", bpList},
		{"هرمزگان - عمان - نمایشگاه - صادرات", bpList},
		{"عکس: محمد رضایی", bpLine},
		{"منبع تصویر: ایرنا", bpLine},
		{"عکاس: سارا محمدی", bpLine},
		{"نام: علی نظر: سفر قبلی هم همین وعده‌ها را داشت", bpLine},
		{"لینک کوتاه: https://example.ir/x/abc", bpLine},
		// blocks, comments, ends
		{"اخبار مرتبط", bpEnd},
		{"پربازدیدترین‌ها", bpEnd},
		{"بیشتر بخوانید:", bpEnd},
		{"بیشتر بخوانید: صادرات ۳۰۰ میلیون دلاری هرمزگان به امارات", bpEnd},
		{"نظرات", bpComments},
		{"۳ نظر", bpComments},
		{"نظرات (۵)", bpComments},
		{"دیدگاه‌ها", bpComments},
		{"ارسال نظر", bpComments},
		{"انتهای پیام/ الف", bpStop},
		{"کلیه حقوق این سایت متعلق به خبرگزاری نمونه است.", bpLine},
		{"© ۱۴۰۳ خبرگزاری نمونه", bpLine},
		{"کاربر مهمان", bpLine},
		// body text
		{"برچسب‌ها و بسته‌بندی؛ چالش تازه صادرکنندگان", bpNone},
		{"برچسب‌های محصولات لبنی صادراتی باید به زبان عربی نیز نوشته شود.", bpNone},
		{"عکس‌های ماهواره‌ای نشان می‌دهد تردد کامیون‌ها دو برابر شده است.", bpNone},
		{"منبع آگاه در گمرک پیرانشهر گفت صادرات از سر گرفته شد.", bpNone},
		{"این شهرها عبارت‌اند از فلورانس در ایتالیا، یاش در رومانی، ایروان در ارمنستان و کویت.", bpNone},
		{"یاش در رومانی، ایروان در ارمنستان، هاوانا در کوبا", bpNone},
		{"محورهای تفاهم‌نامه: گردشگری، تجارت، آموزش و فرهنگ.", bpNone},
		{"ارومیه، اربیل، سلیمانیه و دهوک", bpNone},
		{"همکاری‌های سیاسی، اقتصادی و فرهنگی", bpNone},
		{"نظرات کارشناسان درباره بازارچه‌های مرزی", bpNone},
		{"آخرین اخبار از مذاکرات تجاری نشان می‌دهد دو طرف به توافق رسیده‌اند.", bpNone},
		{"پاسخ استاندار به پرسش خبرنگاران", bpNone},
		{"پرواز بجنورد - عشق‌آباد", bpNone},
		{"تاکید استاندار بر توسعه همکاری گرگان - گوانگژو", bpNone},
		{"کرمان – ایرنا – استاندار کرمان از تشکیل کارگروهی مشترک با عراق خبر داد.", bpNone},
		{"گزارش تصویری | دیدار استاندار گلستان با سفیر ترکمنستان", bpNone},
		{"دستاوردهای سفر هیأت اقتصادی استان به باکو / تمایل آذری‌ها برای توسعه مناسبات", bpNone},
		{"کلیه حقوق گمرکی کالاهای صادراتی به عراق لغو شد.", bpNone},
		{"بله.", bpNone},
		{"«شهروند دیپلمات» طرحی برای توسعه همکاری‌های فرهنگی", bpNone},
	}
	for _, tt := range tests {
		l := Display(tt.line)
		if got := chromeKind(l, Normalize(l)); got != tt.want {
			t.Errorf("chromeKind(%q) = %d; want %d", tt.line, got, tt.want)
		}
	}
}

// TestListSplitInvalidUTF8: a stray byte at the end of a line is one byte
// wide; reading past it must not panic.
func TestListSplitInvalidUTF8(t *testing.T) {
	for _, m := range []string{"اخبار | ورزش \xff", "\xff", "صفحه اصلی | \xe2\x80"} {
		if out, strong := listSplit(m); !strong && m != "\xff" || out == "" {
			t.Errorf("listSplit(%q) = %q, %v", m, out, strong)
		}
	}
}
