package places

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFind(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		text string
		want []string // "surface=canonical name", in order
	}{
		{"half-space", "گفت‌وگوهای اقتصادی گلستان و عشق‌آباد",
			[]string{"گلستان=استان گلستان", "عشق‌آباد=عشق‌آباد"}},
		{"space", "رایزنی استاندار خراسان شمالی در عشق آباد",
			[]string{"خراسان شمالی=استان خراسان شمالی", "عشق آباد=عشق‌آباد"}},
		{"no space", "تفاهم‌نامه با استان «بالکان‌آباد» و عشقآباد",
			[]string{"بالکان‌آباد=بالکان‌آباد", "عشقآباد=عشق‌آباد"}},
		{"joined county", "همکاری با تربتحیدریه در حوزه زعفران", []string{"تربتحیدریه=تربت حیدریه"}},
		{"Arabic letters", "نانجينگ چين هشتمين خواهرخوانده شيراز شد",
			[]string{"نانجينگ=نانجینگ", "چين=چین", "شيراز=شیراز"}},
		{"Arabic kaf", "كوالالامپور در مالزي و كربلا", []string{"كوالالامپور=کوالالامپور", "مالزي=مالزی", "كربلا=کربلا"}},
		{"kashida", "سـن پتـرزبـورگ در روسیـه", []string{"سـن پتـرزبـورگ=سن پترزبورگ", "روسیـه=روسیه"}},
		{"East Azerbaijan is Iranian", "سفر هیأت اقتصادی آذربایجان شرقی به باکو",
			[]string{"آذربایجان شرقی=استان آذربایجان شرقی", "باکو=باکو"}},
		{"half-spaced West Azerbaijan", "استاندار آذربایجان‌غربی", []string{"آذربایجان‌غربی=استان آذربایجان غربی"}},
		{"the Republic", "توسعه تجارت با جمهوری آذربایجان و بازار آذربایجان",
			[]string{"جمهوری آذربایجان=جمهوری آذربایجان", "آذربایجان=جمهوری آذربایجان"}},
		{"Azeris", "تمایل آذریها و آذری‌ها برای توسعه مناسبات", []string{"آذریها=جمهوری آذربایجان", "آذری‌ها=جمهوری آذربایجان"}},
		{"longest match", "اسلام‌آباد غرب و اسلام آباد و نجف آباد و نجف",
			[]string{"اسلام‌آباد غرب=اسلام‌آباد غرب", "اسلام آباد=اسلام‌آباد", "نجف آباد=نجف‌آباد", "نجف=نجف"}},
		{"province with و", "سیستان و بلوچستان و ایالت بلوچستان پاکستان",
			[]string{"سیستان و بلوچستان=استان سیستان و بلوچستان", "ایالت بلوچستان=بلوچستان", "پاکستان=پاکستان"}},
		{"not a place", "کشورهای حاشیه خلیج فارس و سواحل دریای عمان؛ به گزارش خبرگزاری فارس", nil},
		{"Fars is", "رئیس اتاق فارس و خلیج‌فارس", []string{"فارس=استان فارس"}},
		{"Monday", "روز دوشنبه در تهران", []string{"تهران=تهران"}},
		{"Dushanbe by its country", "شیراز با دوشنبه (تاجیکستان) و پچ (مجارستان)",
			[]string{"شیراز=شیراز", "دوشنبه=دوشنبه", "تاجیکستان=تاجیکستان", "پچ=پچ", "مجارستان=مجارستان"}},
		{"Dushanbe after a place word", "در شهر دوشنبه", []string{"دوشنبه=دوشنبه"}},
		{"Dushanbe after a mayor", "شهردار دوشنبه گفت", []string{"دوشنبه=دوشنبه"}},
		{"cable", "صنایع نساجی، سیم و کابل یزد", []string{"یزد=یزد"}},
		{"Kabul", "سفر به کابل افغانستان", []string{"کابل=کابل", "افغانستان=افغانستان"}},
		{"soldier", "۴۹۰۰۰ سرباز ایرانی", []string{"ایرانی=ایران"}},
		{"central Iran", "فلات مرکزی ایران و استان مرکزی", []string{"ایران=ایران", "استان مرکزی=استان مرکزی"}},
		{"list of provinces", "استان‌های تهران، مرکزی و قم", []string{"تهران=تهران", "مرکزی=استان مرکزی", "قم=قم"}},
		{"list of countries", "هیئت تجاری از غنا، ساحل عاج و لیبریا", []string{"غنا=غنا", "ساحل عاج=ساحل عاج", "لیبریا=لیبریا"}},
		// A city named like its province lists with a foreign province.
		{"Ilam and Wasit", "ایلام و واسط چی؟", []string{"ایلام=ایلام", "واسط=واسط"}},
		{"intermediary", "شهر ایلام واسط تجارت است", []string{"ایلام=ایلام"}},
		{"governor means province", "استاندار کرمان و شهر کرمان",
			[]string{"کرمان=استان کرمان", "کرمان=کرمان"}},
		{"Russians", "تاجران روس و روسی", []string{"روس=روسیه", "روسی=روسیه"}},
		{"Rolls-Royce is no port", "موتورهای رولز-رویس", nil},
		{"English text", "Isfahan and Moscow", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Find(tt.text) {
				got = append(got, m.Surface+"="+m.Place.Name)
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("Find(%q) =\n  %q\nwant\n  %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestFindOffsets checks that offsets index the original text, whatever
// normalisation did to it.
func TestFindOffsets(t *testing.T) {
	g := Default()
	text := "\u200fسفر  هیـأت آذربايجانِ شرقی به باكو؛\n«عشق‌آباد» (ترکمنستان) و ۱۲ سِنت‌پترزبورگ"
	ms := g.Find(text)
	want := []string{"آذربايجانِ شرقی", "باكو", "عشق‌آباد", "ترکمنستان", "سِنت‌پترزبورگ"}
	if len(ms) != len(want) {
		t.Fatalf("Find found %d places, want %d: %+v", len(ms), len(want), ms)
	}
	for i, m := range ms {
		if text[m.Start:m.End] != m.Surface || m.Surface != want[i] {
			t.Errorf("mention %d: text[%d:%d] = %q, Surface %q; want %q", i, m.Start, m.End, text[m.Start:m.End], m.Surface, want[i])
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{
		"سفر هیأت اقتصادی آذربایجان شرقی به باکو",
		"شيراز با دوشنبه (تاجيكستان)، نيكوزيا (قبرس)",
		"عشق\u200cآباد و عشقآباد و سـن پتـرزبـورگ",
		"خلیج فارس &zwnj; آذربایجان\u200c\u200cشرقی",
		"\xff\xfeاصفهان\u0654\u064b",
		"استاندار کرمان، مرکزی و",
		"دوشنبه",
	} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, text string) {
		last, lastStart := 0, -1
		for _, m := range g.Find(text) {
			// Two places glued in one word ("شیانچین") share its span.
			same := m.Start == lastStart && m.End == last
			if m.Start < last && !same || m.End <= m.Start || m.End > len(text) {
				t.Fatalf("mention %+v out of order or bounds (last end %d, len %d)", m, last, len(text))
			}
			lastStart = m.Start
			if text[m.Start:m.End] != m.Surface {
				t.Fatalf("Surface %q != text[%d:%d] %q", m.Surface, m.Start, m.End, text[m.Start:m.End])
			}
			if !utf8.ValidString(m.Surface) && utf8.ValidString(text) {
				t.Fatalf("Surface %q cut a rune", m.Surface)
			}
			if m.Place.Name == "" {
				t.Fatalf("mention without a place: %+v", m)
			}
			last = m.End
		}
	})
}

// benchPassages returns n passages of real Persian text: the pooled public
// corpus when present, else the seeds, repeated as needed.
func benchPassages(b *testing.B, n int) []string {
	b.Helper()
	var texts []string
	if f, err := os.Open(filepath.Join("..", "..", "shared", "corpus", "public", "pooled", "pooled.passages.jsonl")); err == nil {
		defer f.Close()
		sc := bufio.NewScanner(f)
		sc.Buffer(nil, 1<<22)
		for sc.Scan() && len(texts) < n {
			var p struct{ Text string }
			if json.Unmarshal(sc.Bytes(), &p) == nil {
				texts = append(texts, p.Text)
			}
		}
	}
	if len(texts) == 0 {
		seeds, _ := filepath.Glob(filepath.Join("..", "sample", "seeds", "*.txt"))
		for _, s := range seeds {
			if t, err := os.ReadFile(s); err == nil {
				texts = append(texts, strings.Split(string(t), "\n\n")...)
			}
		}
	}
	if len(texts) == 0 {
		b.Skip("no corpus to benchmark on")
	}
	for i := 0; len(texts) < n; i++ {
		texts = append(texts, texts[i])
	}
	return texts[:n]
}

func BenchmarkFind(b *testing.B) {
	g := Default()
	for _, n := range []struct {
		name string
		n    int
	}{{"1k", 1000}, {"10k", 10000}} {
		texts := benchPassages(b, n.n)
		bytes := 0
		for _, t := range texts {
			bytes += len(t)
		}
		b.Run(n.name, func(b *testing.B) {
			b.SetBytes(int64(bytes))
			for b.Loop() {
				for _, t := range texts {
					g.Find(t)
				}
			}
			b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "passages/s")
		})
	}
}
