package places

import (
	"strings"
	"testing"
	"testing/fstest"
)

// TestReadings checks that a name with other readings (data/readings.txt)
// is the place or not as the words around it say, in whole sentences.
func TestReadings(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		text string
		want []string // "surface=canonical name", in order
	}{
		// فارس: the news agency, the Gulf, the province.
		{"agency after a reporter and desk", "به گزارش خبرنگار اجتماعی فارس، نشست شورای شهر برگزار شد.", nil},
		{"agency named", "به گزارش خبرنگار اقتصادی خبرگزاری فارس از شیراز، صادرات افزایش یافت.", []string{"شیراز=شیراز"}},
		{"agency quoted", "این خبر به نقل از فارس منتشر شد.", nil},
		{"agency as source", "منبع: فارس", nil},
		{"agency's site", "فارس نیوز گزارش داد که هیئت تجاری به باکو رفت.", []string{"باکو=باکو"}},
		{"Persian Gulf", "کشورهای حاشیه خلیج فارس و خلیج‌فارس", nil},
		{"province", "استان فارس با ۲۰۰ میلیون دلار صادرات رتبه نخست را دارد.", []string{"استان فارس=استان فارس"}},
		{"province after its governor", "استاندار فارس در دیدار با سفیر عمان گفت", []string{"فارس=استان فارس", "عمان=عمان"}},
		{"province in a list", "فارس و بوشهر بیشترین صادرات را داشتند.", []string{"فارس=استان فارس", "بوشهر=بوشهر"}},
		{"province after مرکز", "شیراز، مرکز فارس، میزبان نمایشگاه بود.", []string{"شیراز=شیراز", "فارس=استان فارس"}},
		{"province's office", "به گزارش اداره کل گمرک فارس، صادرات به عراق بیشتر شد.", []string{"فارس=استان فارس", "عراق=عراق"}},
		{"a comma ends the attribution", "به گزارش ایرنا، فارس رتبه نخست صادرات را دارد.", []string{"فارس=استان فارس"}},
		// قطر: a diameter, Qatar.
		{"diameter in metres", "لوله‌ای به قطر ۲ متر در بندر نصب شد.", nil},
		{"diameter of a pipe", "قطر لوله ۵۰ سانتیمتر است.", nil},
		{"diameter of an opening", "قطر دهانه چاه را اندازه گرفتند.", nil},
		{"Qatar in a list", "صادرات به قطر و عمان افزایش یافت.", []string{"قطر=قطر", "عمان=عمان"}},
		{"Qatar after its capital", "هیئتی از دوحه قطر به بوشهر آمد.", []string{"دوحه=دوحه", "قطر=قطر", "بوشهر=بوشهر"}},
		{"Qatar's ambassador", "سفیر قطر با استاندار بوشهر دیدار کرد.", []string{"قطر=قطر", "بوشهر=استان بوشهر"}},
		{"Qatar before a number that is no length", "صادرات به قطر ۲۰ درصد افزایش یافت.", []string{"قطر=قطر"}},
		// ساری: a song, a sari, the city.
		{"song", "آهنگ ساری گلین را نواختند.", nil},
		{"song (ترانه)", "ترانه ساری در جشنواره اجرا شد.", nil},
		{"city after its county", "شهرستان ساری میزبان هیئت ترکمنستان بود.", []string{"ساری=ساری", "ترکمنستان=ترکمنستان"}},
		{"city as capital", "ساری، مرکز مازندران، با گرگان همکاری می‌کند.", []string{"ساری=ساری", "مازندران=استان مازندران", "گرگان=گرگان"}},
		// دوشنبه: Monday unless placed.
		{"Monday", "روز دوشنبه هیئت به تهران رسید.", []string{"تهران=تهران"}},
		{"Dushanbe", "در شهر دوشنبه تفاهم‌نامه امضا شد.", []string{"دوشنبه=دوشنبه"}},
		// Other readings of the file.
		{"China's folds", "پارچه چین دار و چین خوردگی", nil},
		{"China", "سفر هیئت تجاری به چین", []string{"چین=چین"}},
		{"vineyards", "تاکستان های انگور", nil},
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

// TestNewRejectsBrokenReadings checks that a mistake in readings.txt is
// reported, not silently ignored.
func TestNewRejectsBrokenReadings(t *testing.T) {
	const places = "country | ایران | Iran | |\nprovince | استان فارس | Fars Province | ایران | فارس\ncapital | شیراز | Shiraz | استان فارس |\n"
	tests := []struct {
		name     string
		readings string
	}{
		{"no place", "بوشهر | خبرگزاری | before: گزارش\n"},
		{"too few fields", "فارس | before: گزارش\n"},
		{"no side", "فارس | خبرگزاری | near 2: گزارش\n"},
		{"bad count", "فارس | خبرگزاری | before 20: گزارش\n"},
		{"no words", "فارس | خبرگزاری | before 2:\n"},
		{"undefined list", "فارس | خبرگزاری | before 2: @agency\n"},
		{"only not", "فارس | خبرگزاری | not before: استان\n"},
		{"bad list", "@agency گزارش\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"places/iran.txt": {Data: []byte(places)},
				"readings.txt":    {Data: []byte(tt.readings)},
			}
			if _, err := New(fsys); err == nil {
				t.Errorf("New accepted %q", tt.readings)
			} else {
				t.Log(err)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		fsys := fstest.MapFS{
			"places/iran.txt": {Data: []byte(places)},
			"readings.txt":    {Data: []byte("@agency = خبرگزاری، نقل از\nفارس | خبرگزاری | before 2: @agency; not before: استان\n")},
		}
		g, err := New(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if ms := g.Find("به نقل از فارس"); len(ms) != 0 {
			t.Errorf("Find(به نقل از فارس) = %v; want nothing", ms)
		}
		if ms := g.Find("مردم فارس و شیراز"); len(ms) != 2 {
			t.Errorf("Find(مردم فارس و شیراز) = %v; want two places", ms)
		}
	})
}
