package persian

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// fuzzSeeds are added to the committed corpus under testdata/fuzz.
var fuzzSeeds = []string{
	"همکاری‌های اقتصادی اصفهان و مسکو",
	"تسهیل&not;گر روابط &amp;not; &#1740;",
	"كرمان ۱۲٬۵۰۰ ٤٥ 3.5 ۳٫۵",
	"«شهروند دیپلمات» طرحی. ج.ا.ا؟ و... بله!",
	"\ufeff\u200fاصفهان\u200e\u00a0\u200c\u200c",
	"a\xffb\xc0",
	"ﻛﺮﻣﺎﻥ ﻻ ﷲ",
}

func FuzzNormalize(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := Normalize(s)
		if !utf8.ValidString(n) {
			t.Fatalf("Normalize(%q) = %q: invalid UTF-8", s, n)
		}
		if n2 := Normalize(n); n2 != n {
			t.Fatalf("Normalize not idempotent on %q: %q then %q", s, n, n2)
		}
		if strings.TrimSpace(n) != n || strings.Contains(n, "  ") {
			t.Fatalf("Normalize(%q) = %q: untrimmed or double space", s, n)
		}
		d := Display(s)
		if !utf8.ValidString(d) {
			t.Fatalf("Display(%q) = %q: invalid UTF-8", s, d)
		}
		if d2 := Display(d); d2 != d {
			t.Fatalf("Display not idempotent on %q: %q then %q", s, d, d2)
		}
		if !utf8.ValidString(s) || strings.ContainsAny(s, "&＆﹠") {
			return // entities in broken text may decode in one form only
		}
		if wd, w := strings.ReplaceAll(strings.Join(Words(d), ""), ".", ""), strings.ReplaceAll(strings.Join(Words(s), ""), ".", ""); wd != w {
			// the display form must not change the letters a text matches
			// (it may drop a stray ZWNJ, so word boundaries can differ)
			t.Fatalf("Words(Display(%q)) = %q; Words = %q", s, Words(d), Words(s))
		}
	})
}

func FuzzTokens(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		toks := Tokens(s)
		for _, tok := range toks {
			if tok == "" || !utf8.ValidString(tok) || IsStopword(tok) {
				t.Fatalf("Tokens(%q) holds %q", s, tok)
			}
		}
		if again := Tokens(Normalize(s)); !slices.Equal(again, toks) {
			t.Fatalf("Tokens(Normalize(%q)) = %q; Tokens = %q", s, again, toks)
		}
		for _, w := range Words(s) {
			if w == "" || strings.ContainsAny(w, " \u200c") {
				t.Fatalf("Words(%q) holds %q", s, w)
			}
			st := Stem(w)
			if Stem(st) != st {
				t.Fatalf("Stem not idempotent on %q: %q then %q", w, st, Stem(st))
			}
		}
	})
}

func FuzzSentences(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add("وی گفت: «آیا؟ بله.» سپس\n\nرفت. ۳.۵ درصد.")
	f.Fuzz(func(t *testing.T, s string) {
		checkSpans(t, "sentences", s, SentenceSpans(s), false)
		checkSpans(t, "passages", s, Passages(s), true)
		for _, x := range Sentences(s) {
			if x == "" {
				t.Fatalf("Sentences(%q) holds an empty sentence", s)
			}
		}
	})
}
