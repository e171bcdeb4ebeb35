package places

import (
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
)

func TestRead(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		text string
		want []string // "name/kind/country" of each place read, in order
	}{
		{"city in country", "هیئتی از شهر ایزمیت در کشور ترکیه به تبریز آمد.", []string{"ایزمیت/city/ترکیه"}},
		{"city, country", "تفاهم‌نامه خواهرخواندگی با شهر سویا کشور اسپانیا امضا شد.", []string{"سویا/city/اسپانیا"}},
		{"two words", "شهر نیو اورلیان در کشور آمریکا", []string{"نیو اورلیان/city/آمریکا"}},
		{"port and bare country", "کالا از بندر لیانیونگانگ چین به سرخس رسید.", []string{"بندر لیانیونگانگ/city/چین"}},
		{"port in parentheses", "بندر ساوت‌همپتون (بریتانیا) میزبان نمایشگاه بود.", []string{"بندر ساوت‌همپتون/city/بریتانیا"}},
		{"state and bare country", "هیئتی از ایالت کرالا هند با اتاق اصفهان دیدار کرد.", []string{"کرالا/province/هند"}},
		{"state with ezafe", "به ایالت کالیفرنیای آمریکا سفر کرد.", []string{"کالیفرنیا/province/آمریکا"}},
		{"Afghan province", "بازارچه مرزی با ولایت کنر افغانستان", []string{"کنر/province/افغانستان"}},
		{"foreign province", "استان گوئیژو کشور چین با استان قزوین همکاری می‌کند.", []string{"گوئیژو/province/چین"}},
		{"no place word, in country", "سفر هیئت به ایزمیت در کشور ترکیه", []string{"ایزمیت/city/ترکیه"}},
		{"no place word, parentheses", "همکاری اصفهان با گرله (ارمنستان) گسترش می‌یابد.", []string{"گرله/city/ارمنستان"}},
		{"from a province and bare country", "قرارداد با یک شرکت از استان گوئیژو چین امضا شد.", []string{"گوئیژو/province/چین"}},
		{"to a city and bare country", "هیئت تجاری به شهر نانشان چین سفر کرد.", nil},
		{"a comma after a place is no list", "سفر به تبریز، حضور در ترکیه و دیدار با بازرگانان", nil},
		{"an Iranian place in a foreign country is no list", "دفتر تهران در عراق، شعبه‌ها در روسیه", nil},
		{"a place of another country is no list", "ارزروم در روسیه، کارگاه در ترکیه", nil},
		{"a dry port", "احداث بندر خشک در ترکمنستان", nil},
		{"an unknown city of China", "به شهر ناشناس چین", nil},
		{"a list of cities in countries", "قزوین با خجند در تاجیکستان، اوش در قرقیزستان، زلنودولسک در روسیه و نخجوان خواهرخوانده است.", []string{"زلنودولسک/city/روسیه"}},
		{"a list joined by and", "با ارزروم در ترکیه و زلنودولسک در روسیه", []string{"زلنودولسک/city/روسیه"}},
		{"city word, in country", "هیئتی از شهر ایزمیت در ترکیه آمد.", []string{"ایزمیت/city/ترکیه"}},
		{"port in a known city", "خط کشتیرانی میان بندر بوشهر و بندر حمد در دوحه", []string{"بندر حمد/city/قطر"}},
		// What must give nothing.
		{"in a country, no list", "مذاکرات تجاری در روسیه ادامه دارد.", nil},
		{"after a comma, no place before", "در این سفر، بازدید در روسیه انجام شد.", nil},
		{"an event in a known city", "نمایشگاه در دوحه برگزار شد.", nil},
		{"a common word in a known city", "شهر ما در دوحه", nil},
		{"our city", "شهر ما در کشور ترکیه شناخته شده است.", nil},
		{"a known province", "استان تهران در کشور ایران", nil},
		{"a known city", "شهر ییوو کشور چین", nil},
		{"plural", "شهرهای بزرگ چین", nil},
		{"an important port", "بندر مهم چابهار", nil},
		{"an important port of China", "بندر مهم چین", nil},
		{"a big city", "شهر بزرگ کشور چین", nil},
		{"bare city", "شهر لیانیونگانگ", nil},
		{"city and bare country", "شهر لیانیونگانگ چین", nil},
		{"province and bare country", "استان گوئیژو چین", nil},
		{"a neighbouring province", "همکاری با استان همجوار عراق", nil},
		{"two words after a place word", "از استان گوئیژو شمالی چین", nil},
		{"interior minister", "سلیمان سویلو وزیر کشور ترکیه گفت", nil},
		{"steel makers", "تولیدکنندگان فولاد در کشور ترکیه", nil},
		{"an exhibition", "در نمایشگاه اینوپروم (روسیه) شرکت کرد.", nil},
		{"a sentence's first word", "ایزمیت در کشور ترکیه است.", nil},
		{"Iran", "شهر ناکجا در کشور ایران", nil},
		{"no country", "سفر به شهر لیانیونگانگ", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			toks := Tokenize(tt.text, nil)
			known := g.Match(toks, nil)
			var got []string
			for _, m := range g.Read(toks, known) {
				if !m.Read || m.Place.English != "" || m.Place.Province != "" {
					t.Errorf("Read(%q) gave %+v: want Read set and no English name or province", tt.text, m)
				}
				// The name as written, less an ezafe ی.
				if w := strings.Join(wordsOf(toks[m.I:m.J]), " "); strings.TrimSuffix(w, "ی") != strings.TrimSuffix(normKey(m.Place.Name), "ی") {
					t.Errorf("Read(%q): tokens [%d,%d) are %q, the name %q", tt.text, m.I, m.J, w, m.Place.Name)
				}
				for _, k := range known {
					if k.I < m.J && m.I < k.J {
						t.Errorf("Read(%q) read %q over the known %s", tt.text, m.Place.Name, k.Place.Name)
					}
				}
				got = append(got, m.Place.Name+"/"+string(m.Place.Kind)+"/"+m.Place.Country)
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("Read(%q) =\n  %q\nwant\n  %q", tt.text, got, tt.want)
			}
		})
	}
}

func wordsOf(toks []Token) []string {
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Word
	}
	return out
}

// TestReadNothingKnown checks that Read reads nothing when no foreign
// country is known in the sentence, whatever the patterns.
func TestReadNothingKnown(t *testing.T) {
	g := Default()
	toks := Tokenize("بندر لیانیونگانگ چین", nil)
	if got := g.Read(toks, nil); got != nil {
		t.Errorf("Read with no known places = %v; want nil", got)
	}
	iran := []Match{{Place: peyvand.Place{Name: peyvand.Iran, Kind: peyvand.KindCountry, Country: peyvand.Iran}, I: 2, J: 3}}
	if got := g.Read(toks, iran); got != nil {
		t.Errorf("Read with Iran as the country = %v; want nil", got)
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"هیئتی از شهر ایزمیت در کشور ترکیه",
		"بندر ساوت‌همپتون (بریتانیا)",
		"ایالت کالیفرنیای آمریکا",
		"سفر به گرله (ارمنستان",
		"(چین)",
		"شهر «ییوو» چین",
	} {
		f.Add(s)
	}
	g := Default()
	f.Fuzz(func(t *testing.T, text string) {
		toks := Tokenize(text, nil)
		known := g.Match(toks, nil)
		last := 0
		for _, m := range g.Read(toks, known) {
			if m.I < last || m.J <= m.I || m.J > len(toks) || m.J-m.I > maxReadWords {
				t.Fatalf("read %+v out of order or bounds (last %d, %d tokens)", m, last, len(toks))
			}
			if !m.Read || m.Place.Name == "" || m.Place.Country == "" {
				t.Fatalf("read %+v lacks Read, a name or a country", m)
			}
			last = m.J
		}
	})
}
