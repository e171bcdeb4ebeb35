package persian

import (
	"slices"
	"testing"
)

func TestSegment(t *testing.T) {
	tests := []struct {
		glued string   // as news sites print it, without the half-space
		want  []string // its parts, as the half-space spelling's words
	}{
		{"استانهای", []string{"استان", "های"}},
		{"همکاریهای", []string{"همکاری", "های"}},
		{"خواهرخواندههای", []string{"خواهرخوانده", "های"}},
		{"شهرهایی", []string{"شهر", "هایی"}},
		{"بزرگترین", []string{"بزرگ", "ترین"}},
		{"منطقهای", []string{"منطقه", "ای"}},
		{"کردهاند", []string{"کرده", "اند"}},
		{"میکند", []string{"می", "کند"}},
		{"نمیتوانند", []string{"نمی", "توانند"}},
		{"تفاهمنامه", []string{"تفاهم", "نامه"}},
		{"تفاهمنامههای", []string{"تفاهم", "نامه", "های"}},
		{"بینالمللی", []string{"بین", "المللی"}},
		// Letters that belong to the word stay.
		{"میدان", []string{"میدان"}},
		{"میلیون", []string{"میلیون"}},
		{"میلیونها", []string{"میلیون", "ها"}},
		{"میراث", []string{"میراث"}},
		{"میوه", []string{"میوه"}},
		{"میلیارد", []string{"میلیارد"}},
		{"میانکاله", []string{"میانکاله"}},
		{"میلیگرم", []string{"میلی", "گرم"}}, // joins.txt: written میلی‌گرم
		{"میرزاعبدالله", []string{"میرزاعبدالله"}},
		{"تنها", []string{"تنها"}},
		{"اژدها", []string{"اژدها"}},
		{"شانگهای", []string{"شانگهای"}},
		{"دفتر", []string{"دفتر"}},
		{"ایرانی", []string{"ایرانی"}},
	}
	for _, tt := range tests {
		if got := Segment(Normalize(tt.glued)); !slices.Equal(got, tt.want) {
			t.Errorf("Segment(%q) = %q; want %q", tt.glued, got, tt.want)
		}
	}
}

// TestGluedSameAsHalfSpace checks that a text written without its
// half-spaces gives the same tokens and the same segments as the text with
// them, or with spaces where they were.
func TestGluedSameAsHalfSpace(t *testing.T) {
	for _, halfSpace := range []string{
		"همکاری‌های استان‌های مرزی با اقلیم کردستان",
		"تفاهم‌نامه خواهرخواندگی امضا می‌شود",
		"شهرهای خواهرخوانده‌های تبریز کدام‌اند",
		"بزرگ‌ترین نمایشگاه بین‌المللی صنایع دستی",
		"هیئت تجاری نمی‌تواند در میدان امام برگزار کند",
		"اتاق‌های بازرگانی منطقه‌ای همکاری‌هایی کرده‌اند",
	} {
		glued := ""
		spaced := ""
		for _, r := range halfSpace {
			if r == '\u200c' {
				spaced += " "
				continue
			}
			glued += string(r)
			spaced += string(r)
		}
		if a, b := Tokens(glued), Tokens(halfSpace); !slices.Equal(a, b) {
			t.Errorf("Tokens(%q) = %q; with half-spaces %q", glued, a, b)
		}
		segs := func(s string) []string {
			var out []string
			for _, w := range Words(s) {
				out = AppendSegments(out, w)
			}
			return out
		}
		if a, b := segs(glued), segs(spaced); !slices.Equal(a, b) {
			t.Errorf("segments of %q = %q; with spaces %q", glued, a, b)
		}
	}
}
