package persian

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name string // the rule the case shows
		in   string
		want string
	}{
		{"arabic yeh and kaf", "همكاري استان گلستان با كدام مناطق تركمنستان است؟", "همکاری استان گلستان با کدام مناطق ترکمنستان است؟"},
		{"alef maksura", "مصطفى", "مصطفی"},
		{"teh marbuta", "مكة المكرمة", "مکه المکرمه"},
		{"heh with yeh above", "خانۀ دوستی", "خانه دوستی"},
		{"hamza on waw", "مسؤول", "مسوول"},
		{"hamza on alef", "هیأت اقتصادی", "هیات اقتصادی"},
		{"hamza under alef", "إيران", "ایران"},
		{"alef with madda", "آذربایجان شرقی", "اذربایجان شرقی"},
		{"hamza on yeh", "رئیس اتاق", "رییس اتاق"},
		{"persian digits", "۱۴۰۳/۰۷/۰۹", "1403/07/09"},
		{"arabic digits", "٤٥ كيلومتر", "45 کیلومتر"},
		{"mixed digits", "جام جهانی 2022 و ۲۲۰ و ٣٠", "جام جهانی 2022 و 220 و 30"},
		{"arabic decimal separator", "۳٫۵ درصد", "3.5 درصد"},
		{"arabic thousands separator", "۱۲٬۵۰۰ تن", "12500 تن"},
		{"ascii thousands separator", "1,000,000 دلار", "1000000 دلار"},
		{"a list comma stays", "2, 3", "2, 3"},
		{"fatha kasra damma", "مُدیرِ کُل", "مدیر کل"},
		{"shadda", "تقبّل هزینه‌ها", "تقبل هزینه ها"},
		{"tanwin", "یقیناً میتوانیم", "یقینا میتوانیم"},
		{"tatweel", "از شیـان تا هاوانا", "از شیان تا هاوانا"},
		{"nbsp", "گرگان\u00a0و\u00a0گوانگژو", "گرگان و گوانگژو"},
		{"narrow nbsp and thin space", "۲۰\u202fنفره\u2009هیئت", "20 نفره هییت"},
		{"bidi marks", "\u200fاصفهان\u200e و \u202bمسقط\u202c", "اصفهان و مسقط"},
		{"bom", "\ufeffکد خبر", "کد خبر"},
		{"zwnj is a boundary", "همکاری‌های", "همکاری های"},
		{"zwnj run", "می‌‌شود", "می شود"},
		{"zwj dropped", "می\u200dشود", "میشود"},
		{"not entity between letters", "تسهیل&not;گر روابط", "تسهیل گر روابط"},
		{"not sign between letters", "تسهیل¬گر", "تسهیل گر"},
		{"not entity elsewhere", "a &not; b", "a ¬ b"},
		{"named entities", "تهران&nbsp;و&zwnj;شیراز &amp; مشهد", "تهران و شیراز & مشهد"},
		{"numeric entities", "&#1740;&#x6A9;", "یک"},
		{"double-escaped entity", "&amp;nbsp;", ""},
		{"unknown entity kept", "&foo; و", "&foo; و"},
		{"latin lower-cased", "SMBها و Services List", "smbها و services list"},
		{"presentation forms", "ﻛﺮﻣﺎﻥ ﻻ", "کرمان لا"},
		{"full-width digits", "２０２４", "2024"},
		{"whitespace collapsed and trimmed", "  اخبار \t پیشنهادی\n\nتبادل   نظر  ", "اخبار پیشنهادی تبادل نظر"},
		{"invalid utf-8 dropped", "کرج\xff\xfe و", "کرج و"},
		{"replacement character dropped", "کرج\ufffd", "کرج"},
		{"control characters dropped", "a\x00b\x07c", "abc"},
		{"empty", "", ""},
		{"already normal", "روابط تجاری اصفهان و مسقط", "روابط تجاری اصفهان و مسقط"},
	}
	for _, tt := range tests {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("%s: Normalize(%q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestNormalizeNoAllocWhenNormal(t *testing.T) {
	s := "روابط تجاری اصفهان و مسقط همچنان ادامه دارد 2024"
	if n := testing.AllocsPerRun(100, func() { _ = Normalize(s) }); n != 0 {
		t.Errorf("Normalize of match-form text allocates %v times; want 0", n)
	}
}

func TestDisplay(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{"arabic yeh and kaf", "نانجينگ چين هشتمين خواهرخوانده شيراز شد", "نانجینگ چین هشتمین خواهرخوانده شیراز شد"},
		{"teh marbuta and hamza kept", "مكة و هیأت و رئیس و مسؤول", "مکة و هیأت و رئیس و مسؤول"},
		{"ascii digits to persian", "کد خبر 427178", "کد خبر ۴۲۷۱۷۸"},
		{"arabic digits to persian", "٤٥ كيلومتر", "۴۵ کیلومتر"},
		{"digits in latin words stay", "جام جهانی 2022 در https://www.iribnews.ir/fa/news/5641039 و COVID-19", "جام جهانی ۲۰۲۲ در https://www.iribnews.ir/fa/news/5641039 و COVID-19"},
		{"zwnj kept", "همکاری‌های", "همکاری‌های"},
		{"zwnj run collapsed", "می‌‌شود", "می‌شود"},
		{"zwnj next to a space dropped", "همکاری‌ های ‌و", "همکاری های و"},
		{"diacritics removed", "تقبّل هزینه‌ها یقیناً", "تقبل هزینه‌ها یقینا"},
		{"tatweel removed", "شیـان", "شیان"},
		{"bidi and bom removed", "\ufeff\u200fاصفهان\u200e", "اصفهان"},
		{"not entity between letters is zwnj", "تسهیل&not;گر", "تسهیل\u200cگر"},
		{"nbsp to space", "گرگان\u00a0-\u00a0گوانگژو", "گرگان - گوانگژو"},
		{"line breaks kept, blank lines capped", "سطر یک  \r\n\r\n\r\n\r\n  سطر دو\nسطر سه", "سطر یک\n\nسطر دو\nسطر سه"},
		{"latin case kept", "Services List", "Services List"},
		{"trimmed", "\n\n  روابط تجاری  \n", "روابط تجاری"},
	}
	for _, tt := range tests {
		if got := Display(tt.in); got != tt.want {
			t.Errorf("%s: Display(%q) = %q; want %q", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestDigits(t *testing.T) {
	tests := []struct{ in, want string }{
		{"1403/07/09", "۱۴۰۳/۰۷/۰۹"},
		{"٤٥ و 6", "۴۵ و ۶"},
		{"۱۲۳", "۱۲۳"},
		{"بدون رقم", "بدون رقم"},
		{"COVID-19", "COVID-۱۹"},
	}
	for _, tt := range tests {
		if got := Digits(tt.in); got != tt.want {
			t.Errorf("Digits(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestFormsOnCorpus checks idempotence and valid UTF-8 of both forms on
// every seed and dev text.
func TestFormsOnCorpus(t *testing.T) {
	for name, text := range corpusTexts(t) {
		n := Normalize(text)
		if Normalize(n) != n {
			t.Errorf("%s: Normalize is not idempotent", name)
		}
		if !utf8.ValidString(n) || strings.ContainsAny(n, "\u200c\u064a\u0643\u06f1\u0640\n") {
			t.Errorf("%s: Normalize left a character the match form excludes", name)
		}
		d := Display(text)
		if Display(d) != d {
			t.Errorf("%s: Display is not idempotent", name)
		}
		if strings.ContainsAny(d, "\u064a\u0643\u0640\u200f\u00a0") {
			t.Errorf("%s: Display left a character the display form excludes", name)
		}
	}
}
