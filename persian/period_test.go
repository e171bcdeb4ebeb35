package persian

import (
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	now := time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		in   string
		want time.Time
	}{
		{"90d", now.AddDate(0, 0, -90)},
		{"۶mo", now.AddDate(0, -6, 0)},
		{"۳ ماه", now.AddDate(0, -3, 0)},
		{"یک سال اخیر", now.AddDate(-1, 0, 0)},
		{"۲ هفته گذشته", now.AddDate(0, 0, -14)},
		{"48h", now.Add(-48 * time.Hour)},
	} {
		got, ok := ParsePeriod(tc.in, now)
		if !ok || !got.Equal(tc.want) {
			t.Errorf("ParsePeriod(%q) = %v, %v; want %v", tc.in, got, ok, tc.want)
		}
	}
	for _, bad := range []string{"", "اصفهان", "0d", "-5d", "ماه"} {
		if _, ok := ParsePeriod(bad, now); ok {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
	place, since := SplitPeriod("آذربایجان شرقی ۶ ماه", now)
	if place != "آذربایجان شرقی" || !since.Equal(now.AddDate(0, -6, 0)) {
		t.Errorf("SplitPeriod = %q, %v", place, since)
	}
	if place, since := SplitPeriod("سیستان و بلوچستان", now); place != "سیستان و بلوچستان" || !since.IsZero() {
		t.Errorf("SplitPeriod without a period = %q, %v", place, since)
	}
}
