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
			// Segments only cut a word: written together they are the word.
			segs := Segment(w)
			if strings.Join(segs, "") != w || slices.Contains(segs, "") {
				t.Fatalf("Segment(%q) = %q", w, segs)
			}
			content := slices.DeleteFunc(slices.Clone(segs), IsStopword)
			if got := AppendContentSegments(nil, w); !slices.Equal(got, content) {
				t.Fatalf("AppendContentSegments(%q) = %q; Segment less stop words %q", w, got, content)
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

func FuzzCleanText(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Add(tkTitle + "\n\n" + pageHead + paras(tkBody...) + "\n\n" + pageTail)
	f.Add(iqTitle + "\n\n" + paras(iqBody...) + "\n\nانتهای پیام/ الف\n\nبرچسب‌ها: عراق\nاخبار مرتبط\nنظرات\n۳ نظر")
	f.Add("خانه » اقتصاد\n\nنظرات\n\n|||\n،،،\n» « » «\n: : :\n© ©\n۲ ساعت پیش\nبیشتر بخوانید\n\n")
	f.Fuzz(func(t *testing.T, s string) {
		d := CleanText(s)
		for _, x := range []string{d.Title, d.Text, d.NewsCode} {
			if !utf8.ValidString(x) {
				t.Fatalf("CleanText(%q): invalid UTF-8 in %q", s, x)
			}
		}
		if Display(d.Text) != d.Text || Display(d.Title) != d.Title || strings.Contains(d.Title, "\n") {
			t.Fatalf("CleanText(%q): title %q or text %q not in display form", s, d.Title, d.Text)
		}
		if strings.Trim(d.NewsCode, "0123456789") != "" {
			t.Fatalf("CleanText(%q): NewsCode = %q", s, d.NewsCode)
		}
		if d.Text == "" {
			return
		}
		for _, p := range strings.Split(d.Text, "\n\n") {
			if p == "" || strings.TrimSpace(p) != p || strings.Contains(p, "\n") {
				t.Fatalf("CleanText(%q): malformed paragraph %q", s, p)
			}
		}
		if strings.ContainsAny(s, "&＆﹠") {
			return // entities may decode differently in the two forms
		}
		// cleaning only removes and joins: every word comes from the input
		in := strings.Join(Words(s), " ")
		for _, w := range Words(d.Text + " " + d.Title) {
			if !strings.Contains(in, w) {
				t.Fatalf("CleanText(%q) made up the word %q", s, w)
			}
		}
	})
}

func FuzzCleanHTML(f *testing.F) {
	f.Add(testPage)
	f.Add(chromePage)
	f.Add("<ul><li><a>a</a></li><li><a>b</a></li><li><a>c</a></li></ul><p class=\"postTags\">x</p><figure><figcaption>عکس</figcaption></figure>")
	f.Fuzz(func(t *testing.T, s string) {
		d, err := CleanHTML([]byte(s), "text/html; charset=utf-8")
		if err != nil {
			return
		}
		if !utf8.ValidString(d.Text) || Display(d.Text) != d.Text {
			t.Fatalf("CleanHTML(%q): text %q not valid display form", s, d.Text)
		}
	})
}
