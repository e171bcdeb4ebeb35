package persian

import "testing"

func TestNumberWords(t *testing.T) {
	for _, tt := range []struct {
		text     string
		val      float64
		n        int // words read
		compound bool
	}{
		{"بیست و پنج شرکت", 25, 3, true},
		{"هزار و دویست تن", 1200, 3, true},
		{"دو میلیون دلار", 2e6, 2, true},
		{"سه کشور", 3, 1, false},
		{"میلیون دلار", 0, 0, false}, // a multiplier alone is not a number
		{"تفاهم نامه", 0, 0, false},
	} {
		words := Words(Normalize(tt.text))
		val, end, compound := NumberWords(words, 0)
		if val != tt.val || end != tt.n || compound != tt.compound {
			t.Errorf("NumberWords(%q) = %v, %d, %v; want %v, %d, %v", tt.text, val, end, compound, tt.val, tt.n, tt.compound)
		}
	}
}

func TestMonthNamed(t *testing.T) {
	for _, tt := range []struct {
		word string
		want Month
		ok   bool
	}{
		{"آبان", Month{8, true}, true},
		{"دی", Month{10, true}, true},
		{"دسامبر", Month{12, false}, true},
		{"September", Month{9, false}, true},
		{"ژوئن", Month{6, false}, true},
		// In running text these are other words: an amount, a lion, a verb prefix.
		{"میزان", Month{}, false},
		{"اسد", Month{}, false},
		{"می", Month{}, false},
		{"may", Month{}, false},
	} {
		got, ok := MonthNamed(Normalize(tt.word))
		if got != tt.want || ok != tt.ok {
			t.Errorf("MonthNamed(%q) = %v %v; want %v %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
	// ParseDate still reads an Afghan month inside a full date.
	if _, ok := ParseDate("۶ سرطان ۱۳۹۳"); !ok {
		t.Error("ParseDate lost the Afghan months")
	}
}
