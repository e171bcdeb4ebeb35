package persian

import (
	"slices"
	"strings"
	"testing"
)

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"full stop and question marks",
			"استاندار گلستان به ترکمنستان سفر کرد. کنسولگری در گرگان باز می‌شود؟ بله!",
			[]string{"استاندار گلستان به ترکمنستان سفر کرد.", "کنسولگری در گرگان باز می‌شود؟", "بله!"}},
		{"persian semicolon",
			"توسعه همکاری های متقابل؛ اتاق گوانگژو در شهرداری گرگان راه اندازی می شود",
			[]string{"توسعه همکاری های متقابل؛", "اتاق گوانگژو در شهرداری گرگان راه اندازی می شود"}},
		{"decimals",
			"نرخ رشد ۳.۵ درصد و در سال قبل 3.5 درصد بود. حجم مبادلات ۲٫۵ میلیارد دلار است.",
			[]string{"نرخ رشد ۳.۵ درصد و در سال قبل 3.5 درصد بود.", "حجم مبادلات ۲٫۵ میلیارد دلار است."}},
		{"abbreviations and initials",
			"سفیر ج.ا.ا در مسقط گفت: روابط خوب است. م. رضایی نیز حضور داشت.",
			[]string{"سفیر ج.ا.ا در مسقط گفت: روابط خوب است.", "م. رضایی نیز حضور داشت."}},
		{"latin abbreviation and domain",
			"Mr. Smith of the U.S. embassy wrote on news.ir today. He left.",
			[]string{"Mr. Smith of the U.S. embassy wrote on news.ir today.", "He left."}},
		{"quotation kept whole",
			"وی گفت: «آیا این طرح اجرا می‌شود؟ بله. به زودی.» سپس جلسه پایان یافت.",
			[]string{"وی گفت: «آیا این طرح اجرا می‌شود؟ بله. به زودی.»", "سپس جلسه پایان یافت."}},
		{"unclosed quotation does not swallow the line",
			"طرح «شهروند دیپلمات اجرا شد. سپس جلسه پایان یافت.",
			[]string{"طرح «شهروند دیپلمات اجرا شد.", "سپس جلسه پایان یافت."}},
		{"ellipsis in the middle",
			"رایزنان سفارت و... موردبررسی قرار خواهد گرفت.",
			[]string{"رایزنان سفارت و... موردبررسی قرار خواهد گرفت."}},
		{"line breaks",
			"اخبار پیشنهادی\nتبادل نظر\n\n  روابط تجاری اصفهان و مسقط  \n",
			[]string{"اخبار پیشنهادی", "تبادل نظر", "روابط تجاری اصفهان و مسقط"}},
		{"repeated marks", "چرا؟! هیچ.", []string{"چرا؟!", "هیچ."}},
		{"no words", " . ؟ \n ! ", nil},
		{"empty", "", nil},
	}
	for _, tt := range tests {
		if got := Sentences(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("%s: Sentences(%q) =\n%q\nwant\n%q", tt.name, tt.in, got, tt.want)
		}
	}
}

// TestSentenceSpansCorpus checks the span invariants on every corpus text.
func TestSentenceSpansCorpus(t *testing.T) {
	for name, text := range corpusTexts(t) {
		checkSpans(t, name, text, SentenceSpans(text), false)
	}
	d := CleanText(readSeeds(t)["000"])
	if n := len(SentenceSpans(d.Text)); n < 9 || n > 30 {
		t.Errorf("seed 000 has %d sentences; want between 9 and 30", n)
	}
}

// checkSpans checks that spans are in bounds, non-empty, trimmed and in
// order (overlapping only when overlap is true).
func checkSpans(t testing.TB, name, text string, spans []Span, overlap bool) {
	t.Helper()
	prevStart, prevEnd := -1, 0
	for _, sp := range spans {
		if sp.Start < 0 || sp.End > len(text) || sp.Start >= sp.End {
			t.Fatalf("%s: span %v out of bounds or empty (len %d)", name, sp, len(text))
		}
		if sp.Start <= prevStart || !overlap && sp.Start < prevEnd || sp.End <= prevEnd && prevStart >= 0 {
			t.Fatalf("%s: span %v out of order after [%d,%d)", name, sp, prevStart, prevEnd)
		}
		s := text[sp.Start:sp.End]
		if strings.TrimSpace(s) != s {
			t.Fatalf("%s: span %v not trimmed: %q", name, sp, s)
		}
		prevStart, prevEnd = sp.Start, sp.End
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"تفاهم‌نامه امضا شد", 40, "تفاهم‌نامه امضا شد"},
		{"تفاهم‌نامه امضا شد", 11, "تفاهم‌نامه…"}, // the space before the cut dropped
		{"", 5, ""},
	} {
		if got := Clip(tc.in, tc.n); got != tc.want {
			t.Errorf("Clip(%q, %d) = %q; want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
