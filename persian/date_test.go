package persian

import (
	"testing"
	"time"
)

func day(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time // zero: not a date
	}{
		// known Jalali ↔ Gregorian pairs
		{"۱ فروردین ۱۴۰۳", day(2024, 3, 20)},
		{"1 فروردین 1400", day(2021, 3, 21)},
		{"۱ فروردین ۱۳۹۹", day(2020, 3, 20)},
		{"۱ فروردین ۱۴۰۴", day(2025, 3, 21)},
		{"۳۰ اسفند ۱۴۰۳", day(2025, 3, 20)}, // 1403 is a leap year
		{"۹ مهر ۱۴۰۳", day(2024, 9, 30)},
		{"یکشنبه ۱۰ مرداد ۱۴۰۰", day(2021, 8, 1)},
		{"1403/07/09", day(2024, 9, 30)},
		{"۱۴۰۳-۰۷-۰۹", day(2024, 9, 30)},
		{"۹/۷/۱۴۰۳", day(2024, 9, 30)},
		{"۲۷ بهمن‌ماه ۱۴۰۲", day(2024, 2, 16)},
		{"۲۲ بهمن سال ۱۳۵۷", day(1979, 2, 11)},
		// as the dev corpus prints them
		{"سه شنبه 1383/2/22", day(2004, 5, 11)},
		{"29 ارديبهشت 1397 ساعت 8:13", day(2018, 5, 19)},
		{"۱۳۹۵/۰۲/۰۵ - ۰۸:۳۷:۳۹", day(2016, 4, 24)},
		{"سرطان ۶, ۱۳۹۳", day(2014, 6, 27)},
		{"۱۳ تیر ۱۳۹۸، ۲۰:۱۳", day(2019, 7, 4)},
		{"۰۸ بهمن ۱۴۰۱ - ۰۹:۳۱", day(2023, 1, 28)},
		{"۱۴۰۴/۰۸/۰۳ | ۲۰:۱۹:۳۳", day(2025, 10, 25)},
		// Gregorian
		{"2025-11-30", day(2025, 11, 30)},
		{"25 September 2024", day(2024, 9, 25)},
		{"September 25, 2024", day(2024, 9, 25)},
		{"25 Sep 2024", day(2024, 9, 25)},
		{"۲۵ سپتامبر ۲۰۲۴", day(2024, 9, 25)},
		{"2024-09-30T23:30:00+03:30", day(2024, 9, 30)},
		{"2024-09-30T08:15:00Z", day(2024, 9, 30)},
		{"Mon, 30 Sep 2024 08:15:00 +0330", day(2024, 9, 30)},
		{"30/11/2025", day(2025, 11, 30)},
		// not dates
		{"", time.Time{}},
		{"کد خبر 427178", time.Time{}},
		{"۲۶ تا ۲۹ مهر", time.Time{}},
		{"سال ۲۰۱۲ میلادی", time.Time{}},
		{"1403", time.Time{}},
		{"۳۲ مهر ۱۴۰۳", time.Time{}},
		{"۳۰ اسفند ۱۴۰۲", time.Time{}}, // 1402 is not a leap year
		{"1403/13/01", time.Time{}},
		{"2025-02-30", time.Time{}},
		{"۹ مهر ۱۴۰۳ در اصفهان برگزار شد", time.Time{}},
		{"12/10/30", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := ParseDate(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("ParseDate(%q) = %v, %v; want %v", tt.in, got.Format(time.DateOnly), ok, tt.want.Format(time.DateOnly))
		}
		if ok && got.Location() != time.UTC {
			t.Errorf("ParseDate(%q) is not in UTC", tt.in)
		}
	}
}

func TestFindDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
	}{
		{"تاریخ انتشار: ۹ مهر ۱۴۰۳ - ۱۲:۳۰", day(2024, 9, 30)},
		{"اخبار ادبی و هنری - 22 اردیبهشت‌ماه 1383", day(2004, 5, 11)},
		{"نمایشگاه از ۲۶ تا ۲۹ مهر در بیرجند برگزار شد و در ۱۴۰۳/۰۷/۳۰ پایان یافت", day(2024, 10, 21)},
		{"این سند در سال ۲۰۱۲ میلادی امضا شده است", time.Time{}},
		{"هیئتی ۲۷ بهمن‌ماه امسال راهی عراق خواهد شد", time.Time{}},
		{"Published on September 25, 2024 by staff", day(2024, 9, 25)},
		{"کد خبر 1403071234", time.Time{}},
	}
	for _, tt := range tests {
		got, ok := FindDate(tt.in)
		if ok != !tt.want.IsZero() || !got.Equal(tt.want) {
			t.Errorf("FindDate(%q) = %v, %v; want %v", tt.in, got.Format(time.DateOnly), ok, tt.want.Format(time.DateOnly))
		}
	}
}

func TestFormatJalali(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{day(2024, 3, 20), "۱ فروردین ۱۴۰۳"},
		{day(2024, 9, 30), "۹ مهر ۱۴۰۳"},
		{day(2025, 3, 20), "۳۰ اسفند ۱۴۰۳"},
		{time.Date(2024, 9, 30, 23, 0, 0, 0, time.UTC), "۹ مهر ۱۴۰۳"},
		{time.Time{}, ""},
	}
	for _, tt := range tests {
		if got := FormatJalali(tt.in); got != tt.want {
			t.Errorf("FormatJalali(%v) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

// TestJalaliRoundTrip formats and parses every day from 1300 to 1500 AP.
func TestJalaliRoundTrip(t *testing.T) {
	for d := day(1921, 3, 21); d.Before(day(2121, 3, 21)); d = d.AddDate(0, 0, 1) {
		s := FormatJalali(d)
		got, ok := ParseDate(s)
		if !ok || !got.Equal(d) {
			t.Fatalf("ParseDate(FormatJalali(%v)) = ParseDate(%q) = %v, %v", d.Format(time.DateOnly), s, got, ok)
		}
	}
}
