package answer

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// Evidence from the seed corpus (sample/seeds), one passage per article.
var (
	evIsfahanMoscow = Evidence{
		Article: peyvand.Article{ID: "seed-000", URL: "https://example.ir/isfahan-russia",
			Title:  "سفر به روسیه برای تقویت همکاریهای اصفهان با مسکو و سن پترزبورگ",
			Date:   time.Date(2023, 1, 4, 0, 0, 0, 0, time.UTC), // ۱۴ دی ۱۴۰۱
			Source: "isfahan.ir"},
		Passage: peyvand.Passage{ArticleID: "seed-000", Index: 7, Text: "شمس هدف دیگر سفر هیئت سیاسی_تجاری استان اصفهان به روسیه را ورود به مباحث علمی، فناوری و دانش بنیان دانست و اظهارکرد: " +
			"دو تفاهم نامه میان شهرک علمی و تحقیقاتی اصفهان و پارکهای علم و فناوری سن پترزبورگ و مسکو به امضاء خواهد رسید و " +
			"دو دانشگاه در مسکو و یک دانشگاه سن پترزبورگ هم با دانشگاه اصفهان تفاهم نامه همکاری مشترک امضا خواهند کرد."},
		Score: 0.9, Coverage: 0.8, PlacesMatched: 1,
	}
	evGorganGuangzhou = Evidence{
		Article: peyvand.Article{ID: "seed-003", URL: "https://example.ir/gorgan-guangzhou",
			Title:  "توسعه همکاری های متقابل؛ اتاق گوانگژو در شهرداری گرگان راه اندازی می شود",
			Date:   time.Date(2022, 11, 20, 0, 0, 0, 0, time.UTC), // ۲۹ آبان ۱۴۰۱
			Source: "gorgan.ir"},
		Passage: peyvand.Passage{ArticleID: "seed-003", Index: 2, Text: "دادبود با اعلام این خبر گفت: یکی از موضوعات مورد توافق با سرکنسولگری گوانگژو، راه اندازی اتاق گوانگژو در شهرداری گرگان بوده که به زودی افتتاح می شود. " +
			"ایجاد شهرک های صنعتی تخصصی گوانگژو در گرگان که توسط شهرداری گوانگژو پیشنهاد داده شده بود جزو اولویت هایی است که از سوی شهرداری مورد پیگیری قرار خواهد گرفت."},
		Score: 0.7, Coverage: 0.6, PlacesMatched: 1,
	}
	evTabrizBaku = Evidence{
		Article: peyvand.Article{ID: "seed-002", URL: "https://example.ir/tabriz-baku",
			Title:  "دستاوردهای سفر هیأت اقتصادی استان به باکو",
			Date:   time.Date(2021, 3, 1, 0, 0, 0, 0, time.UTC), // ۱۱ اسفند ۱۳۹۹
			Source: "ostan-as.ir"},
		Passage: peyvand.Passage{ArticleID: "seed-002", Index: 9, Text: "جهانگیری افزود: استفاده از ظرفیت کنفدراسیون ملی کارآفرینان آذربایجان به منظور حضور و عضویت ایران در کمیسیون مشترک اتاق های مشترک بازرگانی 15 کشور حوزه اوراسیا و قفقاز از جمله موضوعات اصلی دیگر بود که در این سفر مورد بررسی قرار گرفت."},
		Score:   0.5, Coverage: 0.5, PlacesMatched: 0,
	}
	testEvidence = []Evidence{evIsfahanMoscow, evGorganGuangzhou, evTabrizBaku}
)

func TestVerify(t *testing.T) {
	for _, tt := range []struct {
		name     string
		answer   string        // as the model wrote it
		text     string        // Verification.Text
		sources  []int         // evidence indexes, in new-number order
		kept     int           // sentences kept
		checked  int           // sentences checked
		problems []ProblemKind // in order
		detail   string        // the first problem's detail, when set
	}{{
		name:    "good",
		answer:  "دو دانشگاه در مسکو با دانشگاه اصفهان تفاهم‌نامه همکاری امضا خواهند کرد [1]. اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2].",
		text:    "دو دانشگاه در مسکو با دانشگاه اصفهان تفاهم‌نامه همکاری امضا خواهند کرد. [1] اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود. [2]",
		sources: []int{0, 1}, kept: 2, checked: 2,
	}, {
		name:    "renumbered in order of first use",
		answer:  "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2].\n\nاصفهان با مسکو و سن پترزبورگ دو تفاهم‌نامه امضا خواهد کرد [1]. این اتاق به زودی افتتاح می‌شود [2].",
		text:    "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود. [1]\n\nاصفهان با مسکو و سن پترزبورگ دو تفاهم‌نامه امضا خواهد کرد. [2] این اتاق به زودی افتتاح می‌شود. [1]",
		sources: []int{1, 0}, kept: 3, checked: 3,
	}, {
		name:    "Persian, Arabic and CJK markers, after the full stop",
		answer:  "گرگان اتاق گوانگژو را راه می‌اندازد. [۲] اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد.[١] کمیسیون مشترک ۱۵ کشور اوراسیا بررسی شد【3】",
		text:    "گرگان اتاق گوانگژو را راه می‌اندازد. [1] اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [2] کمیسیون مشترک ۱۵ کشور اوراسیا بررسی شد. [3]",
		sources: []int{1, 0, 2}, kept: 3, checked: 3,
	}, {
		name:    "two passages in one marker",
		answer:  "اصفهان با مسکو و گرگان با گوانگژو همکاری می‌کنند [1، 2]. هر دو در سال ۱۴۰۱ خبر شد [1, 2].",
		text:    "اصفهان با مسکو و گرگان با گوانگژو همکاری می‌کنند. [1][2] هر دو در سال ۱۴۰۱ خبر شد. [1][2]",
		sources: []int{0, 1}, kept: 2, checked: 2,
	}, {
		name:    "marker to a passage not given is removed",
		answer:  "اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1][7]. گرگان با پاریس خواهرخوانده است [5].",
		text:    "اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [1]",
		sources: []int{0}, kept: 1, checked: 2,
		problems: []ProblemKind{ProblemUnknownSource, ProblemUnknownSource, ProblemUncited},
		detail:   "7",
	}, {
		name:    "city absent from its cited passage",
		answer:  "اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1]. گرگان با مسکو تفاهم‌نامه امضا کرد [1]. اتاق گوانگژو در گرگان افتتاح می‌شود [2].",
		text:    "اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [1] اتاق گوانگژو در گرگان افتتاح می‌شود. [2]",
		sources: []int{0, 1}, kept: 2, checked: 3,
		problems: []ProblemKind{ProblemPlace},
		detail:   "گرگان",
	}, {
		name:    "country of a city in the passage is supported; another is not",
		answer:  "گرگان با شهری در چین همکاری می‌کند [2]. گرگان با ترکیه همکاری می‌کند [2].",
		text:    "گرگان با شهری در چین همکاری می‌کند. [1]",
		sources: []int{1}, kept: 1, checked: 2,
		problems: []ProblemKind{ProblemPlace},
	}, {
		name:    "number absent",
		answer:  "اصفهان و مسکو سه تفاهم‌نامه امضا خواهند کرد [1]. اتاق‌های بازرگانی ۱۵ کشور عضو کمیسیون‌اند [3]. اتاق‌های ۲۰ کشور عضو کمیسیون‌اند [3].",
		text:    "اتاق‌های بازرگانی ۱۵ کشور عضو کمیسیون‌اند. [1]",
		sources: []int{2}, kept: 1, checked: 3,
		problems: []ProblemKind{ProblemNumber, ProblemNumber},
		detail:   "3",
	}, {
		name:    "dates: the article's own date is supported",
		answer:  "این خبر در ۱۴ دی ۱۴۰۱ منتشر شد [1]. این خبر در ۱۴ مهر ۱۴۰۱ منتشر شد [1]. تفاهم‌نامه در سال ۱۴۰۲ امضا شد [1]. خبر 1401/10/14 است [1].",
		text:    "این خبر در ۱۴ دی ۱۴۰۱ منتشر شد. [1] خبر 1401/10/14 است. [1]",
		sources: []int{0}, kept: 2, checked: 4,
		problems: []ProblemKind{ProblemDate, ProblemNumber},
		detail:   "مهر",
	}, {
		name:     "no citations at all",
		answer:   "اصفهان با مسکو و سن پترزبورگ تفاهم‌نامه دارد. گرگان با گوانگژو همکاری می‌کند.",
		checked:  2,
		problems: []ProblemKind{ProblemUncited, ProblemUncited},
	}, {
		name:    "list marks, emphasis and a source list",
		answer:  "پیوندهای اصفهان:\n- **اصفهان** با مسکو تفاهم‌نامه امضا خواهد کرد [1].\n1. گرگان اتاق گوانگژو دارد [2].\n\nمنابع:\n[1] سفر به روسیه\n[2] گرگان",
		text:    "- اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [1]\n- گرگان اتاق گوانگژو دارد. [2]",
		sources: []int{0, 1}, kept: 2, checked: 3,
		// "پیوندهای اصفهان:" is a heading without a marker.
		problems: []ProblemKind{ProblemUncited},
	}, {
		name:    "a decimal point does not end a sentence",
		answer:  "کمیسیون ۱۵ کشور را در بر می‌گیرد، نه ۱۵.۵ [3].",
		checked: 1, problems: []ProblemKind{ProblemNumber}, detail: "15.5",
	}} {
		t.Run(tt.name, func(t *testing.T) {
			v := Verify(places.Default(), tt.answer, testEvidence)
			if v.Text != tt.text {
				t.Errorf("Text =\n%q\nwant\n%q", v.Text, tt.text)
			}
			if !slices.Equal(v.Sources, tt.sources) {
				t.Errorf("Sources = %v; want %v", v.Sources, tt.sources)
			}
			if v.Kept != tt.kept || v.Sentences != tt.checked {
				t.Errorf("kept %d of %d sentences; want %d of %d", v.Kept, v.Sentences, tt.kept, tt.checked)
			}
			var kinds []ProblemKind
			for _, p := range v.Problems {
				kinds = append(kinds, p.Kind)
			}
			if !slices.Equal(kinds, tt.problems) {
				t.Errorf("problems = %v; want %v (%+v)", kinds, tt.problems, v.Problems)
			}
			if tt.detail != "" && (len(v.Problems) == 0 || v.Problems[0].Detail != tt.detail) {
				t.Errorf("first problem = %+v; want detail %q", v.Problems, tt.detail)
			}
			if v.Abstains {
				t.Errorf("Abstains = true")
			}
			checkMarkers(t, v)
		})
	}
}

// checkMarkers checks the source list never has an unused or a missing
// number: the markers in the text are exactly 1..len(Sources).
func checkMarkers(t *testing.T, v Verification) {
	t.Helper()
	used := map[int]bool{}
	for _, m := range markerRE.FindAllStringSubmatch(v.Text, -1) {
		for _, n := range parseMarkers(m[1]) {
			used[n] = true
		}
	}
	for n := 1; n <= len(v.Sources); n++ {
		if !used[n] {
			t.Errorf("source [%d] is listed but not cited in %q", n, v.Text)
		}
		delete(used, n)
	}
	if len(used) > 0 {
		t.Errorf("markers %v cited but not listed in %q", used, v.Text)
	}
}

func TestVerifyAbstention(t *testing.T) {
	for _, tt := range []struct {
		answer   string
		abstains bool
	}{
		{"در متن‌های داده‌شده پاسخی برای این پرسش نیافتم.", true},
		{"در خبرهایی که در اختیار دارم پاسخی دربارهٔ «شیراز» نیافتم.", true},
		{"متأسفانه اطلاعاتی دربارهٔ پیوند شیراز با ترکیه در این متن‌ها وجود ندارد.", true},
		{"متن‌ها به این پرسش پاسخ نمی‌دهند.", true},
		{"نمی توانم از روی این متن‌ها به این پرسش پاسخ دهم.", true},
		{"I cannot answer this question from the given passages.", true},
		{"The passages do not contain information about Shiraz.", true},
		{"I couldn't find an answer in these passages.", true},
		{"The passages don’t mention Shiraz.", true},
		// A partial answer is an answer: the abstaining sentence is dropped.
		{"اطلاعاتی دربارهٔ تاریخ امضا وجود ندارد. اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1].", false},
		{"اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1].", false},
	} {
		v := Verify(places.Default(), tt.answer, testEvidence)
		if v.Abstains != tt.abstains {
			t.Errorf("Verify(places.Default(), %q).Abstains = %v; want %v", tt.answer, v.Abstains, tt.abstains)
		}
		if !tt.abstains && (v.Kept != 1 || v.Sentences != 1) {
			t.Errorf("Verify(places.Default(), %q) kept %d of %d; want 1 of 1 (abstaining sentences are not counted)", tt.answer, v.Kept, v.Sentences)
		}
	}
}

func TestParseMarkers(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []int // nil: not a marker
	}{
		{"[1]", []int{1}},
		{"[۱]", []int{1}},
		{"[١]", []int{1}},
		{"【1】", []int{1}},
		{"［2］", []int{2}},
		{"[1, 2]", []int{1, 2}},
		{"[1،2]", []int{1, 2}},
		{"[۱، ۳]", []int{1, 3}},
		{"[1; 2]", []int{1, 2}},
		{"[1 و 3]", []int{1, 3}},
		{"[1-3]", []int{1, 2, 3}},
		{"[۲–۴]", []int{2, 3, 4}},
		{"[منبع ۲]", []int{2}},
		{"[Passage 3]", []int{3}},
		{"[12]", []int{12}},
		{"[ویرایش]", nil},
		{"[a]", nil},
		{"(1)", nil},
		{"[متن](https://example.ir/1)", nil},
		{"[]", nil},
		{"[1.5]", nil},
	} {
		var got []int
		for _, m := range markerRE.FindAllStringSubmatch(tt.in, -1) {
			got = append(got, parseMarkers(m[1])...)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("markers in %q = %v; want %v", tt.in, got, tt.want)
		}
	}
}

func TestClaimsOf(t *testing.T) {
	for _, tt := range []struct {
		text     string
		sentence bool     // read as a model's sentence, not a passage
		numbers  []string // sorted
		months   []string
	}{
		{"اتاق‌های ۱۵ کشور", true, []string{"15"}, nil},
		{"۱,۲۰۰ میلیارد ریال", true, []string{"1200000000000"}, nil},
		{"۱٬۲۰۰ تن", true, []string{"1200"}, nil},
		{"۲٫۵ میلیون دلار", true, []string{"2500000"}, nil},
		{"۲٫۵ میلیون دلار", false, []string{"2.5", "2500000"}, nil},
		{"بیست و پنج شرکت", true, []string{"25"}, nil},
		{"هزار و دویست تن", true, []string{"1200"}, nil},
		{"دو تفاهم نامه و یک دانشگاه", true, []string{"2"}, nil},
		{"دو تفاهم نامه و یک دانشگاه", false, []string{"1", "2"}, nil},
		{"روابط دو جانبه در روز سه شنبه با ده ها شرکت", true, nil, nil},
		{"۱۴ دی ۱۴۰۱", true, []string{"14", "1401"}, []string{"دی"}},
		{"1402/09/15", true, []string{"1402", "15", "9"}, nil},
		{"با مهر و محبت", true, nil, nil},
		{"در مهرماه", true, nil, []string{"مهر"}},
		{"با مهر و محبت", false, nil, []string{"مهر"}},
		{"on 25 September 2024", true, []string{"2024", "25"}, []string{"september"}},
		// An Afghan month name is an ordinary word in running text.
		{"میزان ۲۰ درصد افزایش یافت", true, []string{"20"}, nil},
	} {
		c := claimsOf(persian.Normalize(tt.text), tt.sentence)
		var names []string
		for _, m := range c.months {
			names = append(names, m.name)
		}
		if !slices.Equal(c.numbers, tt.numbers) || !slices.Equal(names, tt.months) {
			t.Errorf("claimsOf(%q, %v) = %v %v; want %v %v", tt.text, tt.sentence, c.numbers, names, tt.numbers, tt.months)
		}
	}
}

// TestMonthsCompareByMonth: a model writing the Persian name of a month the
// passage writes in English (or the other way) states the same date.
func TestMonthsCompareByMonth(t *testing.T) {
	ev := []Evidence{{Article: peyvand.Article{ID: "a1", Title: "Tabriz and Baku"},
		Passage: peyvand.Passage{ArticleID: "a1", Text: "The memorandum was signed on 25 September 2024 in Tabriz."}}}
	if v := Verify(places.Default(), "تفاهم‌نامه در ۲۵ سپتامبر ۲۰۲۴ امضا شد [1].", ev); !v.Usable() {
		t.Errorf("سپتامبر against September: %+v", v)
	}
	if v := Verify(places.Default(), "تفاهم‌نامه در ۲۵ اکتبر ۲۰۲۴ امضا شد [1].", ev); v.Usable() {
		t.Errorf("اکتبر against September passed: %+v", v)
	}
}

// FuzzVerify checks that Verify never panics, and that whatever a model
// writes, the kept text cites exactly its sources.
func FuzzVerify(f *testing.F) {
	for _, s := range []string{
		"اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1][7].",
		"[1-3] [2، 9] 【۲】 ۱٫۵. [منبع 1]",
		"- **گرگان** [2]\n\nمنابع:\n[1]",
		"در متن‌ها پاسخی نیافتم. [1]",
		"1.\n2)\n#",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		v := Verify(places.Default(), s, testEvidence)
		if !utf8.ValidString(v.Text) && utf8.ValidString(s) {
			t.Fatalf("Verify(places.Default(), %q).Text is not valid UTF-8", s)
		}
		if v.Kept > v.Sentences || (v.Kept > 0) != (v.Text != "") {
			t.Fatalf("Verify(places.Default(), %q): kept %d of %d, text %q", s, v.Kept, v.Sentences, v.Text)
		}
		checkMarkers(t, v)
	})
}

// BenchmarkVerify measures the cost of checking one model answer: five
// sentences citing the top passages of a retrieval (six passages cut from
// the seed articles by persian.Passages), each sentence's places, numbers
// and months looked up in the passages it cites.
func BenchmarkVerify(b *testing.B) {
	var evidence []Evidence
	files, _ := filepath.Glob("../sample/seeds/*.txt")
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		text := strings.TrimSpace(string(raw))
		title, _, _ := strings.Cut(text, "\n")
		for i, sp := range persian.Passages(text) {
			evidence = append(evidence, Evidence{Article: peyvand.Article{ID: f, Title: title, Date: evIsfahanMoscow.Article.Date},
				Passage: peyvand.Passage{ArticleID: f, Index: i, Text: text[sp.Start:sp.End]}})
		}
	}
	if len(evidence) < 6 {
		b.Skipf("only %d passages in ../sample/seeds", len(evidence))
	}
	evidence = append([]Evidence{evIsfahanMoscow, evGorganGuangzhou, evTabrizBaku}, evidence[:3]...)
	answer := "دو دانشگاه در مسکو و یک دانشگاه سن پترزبورگ با دانشگاه اصفهان تفاهم‌نامه همکاری امضا خواهند کرد [1]. " +
		"این خبر در ۱۴ دی ۱۴۰۱ منتشر شد [1]. " +
		"اتاق گوانگژو در شهرداری گرگان به زودی افتتاح می‌شود [2]. " +
		"عضویت ایران در کمیسیون اتاق‌های مشترک ۱۵ کشور اوراسیا و قفقاز بررسی شد [3][5]. " +
		"گرگان با مسکو تفاهم‌نامه امضا کرد [1]."
	v := Verify(places.Default(), answer, evidence)
	if v.Kept != 4 || v.Sentences != 5 {
		b.Fatalf("kept %d of %d; want 4 of 5: %+v", v.Kept, v.Sentences, v.Problems)
	}
	for b.Loop() {
		Verify(places.Default(), answer, evidence)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(v.Sentences), "ns/sentence")
}

// TestVerifyUsesItsGazetteer: the check reads places with the gazetteer it
// is given, not the default one. A gazetteer that knows a town the default
// does not catches a sentence that moves the tie to that town.
func TestVerifyUsesItsGazetteer(t *testing.T) {
	gz, err := places.New(fstest.MapFS{
		"places/test.txt": {Data: []byte("country | ایران | Iran | |\ncountry | روسیه | Russia | |\n" +
			"city | تبریز | Tabriz | ایران |\ncity | کازان | Kazan | روسیه |\ncity | زلنودولسک | Zelenodolsk | روسیه |\n")},
	})
	if err != nil {
		t.Fatal(err)
	}
	ev := []Evidence{{Article: peyvand.Article{ID: "a1", Title: "تبریز و کازان"},
		Passage: peyvand.Passage{ArticleID: "a1", Text: "تفاهم‌نامه خواهرخواندگی تبریز و کازان امضا شد."}}}
	moved := "تفاهم‌نامه خواهرخواندگی تبریز و زلنودولسک امضا شد [1]."
	if v := Verify(gz, moved, ev); v.Usable() {
		t.Errorf("a gazetteer that knows زلنودولسک passed a sentence the passage does not support: %+v", v)
	}
	if v := Verify(gz, "تفاهم‌نامه خواهرخواندگی تبریز و کازان امضا شد [1].", ev); !v.Usable() {
		t.Errorf("the supported sentence failed: %+v", v)
	}
}
