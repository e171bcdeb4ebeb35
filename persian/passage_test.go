package persian

import (
	"strings"
	"testing"
)

func TestPassagesCorpus(t *testing.T) {
	texts := map[string]string{}
	for k, v := range readSeeds(t) {
		texts["seed "+k] = CleanText(v).Text
	}
	for name, text := range corpusTexts(t) {
		if strings.HasPrefix(name, "item") {
			texts[name] = CleanText(text).Text
		}
	}
	// a long text: all seeds, to exercise many passages
	var all []string
	for _, k := range sortedKeys(texts) {
		if strings.HasPrefix(k, "seed") {
			all = append(all, texts[k])
		}
	}
	texts["all seeds"] = strings.Join(all, "\n\n")
	for _, name := range sortedKeys(texts) {
		text := texts[name]
		ps := Passages(text)
		checkSpans(t, name, text, ps, true)
		if countWords(text) <= PassageMaxWords {
			if len(ps) != 1 {
				t.Errorf("%s: short text gives %d passages; want 1", name, len(ps))
			}
			continue
		}
		sents := SentenceSpans(text)
		covered := 0
		for i, p := range ps {
			n := countWords(text[p.Start:p.End])
			single := false
			for _, s := range sents {
				if s == p {
					single = true
				}
			}
			if n > PassageMaxWords && !single {
				t.Errorf("%s: passage %d has %d words", name, i, n)
			}
			if !isSentenceBoundary(sents, p) {
				t.Errorf("%s: passage %d %v does not hold whole sentences", name, i, p)
			}
			if i > 0 && p.Start < ps[i-1].End {
				// the overlap is exactly one sentence
				ov := Span{p.Start, ps[i-1].End}
				found := false
				for _, s := range sents {
					if s == ov {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: passages %d and %d overlap by %q, not one sentence", name, i-1, i, text[ov.Start:ov.End])
				}
			}
			covered = max(covered, p.End)
		}
		if last := sents[len(sents)-1].End; covered != last {
			t.Errorf("%s: passages end at %d; the text at %d", name, covered, last)
		}
	}
}

func isSentenceBoundary(sents []Span, p Span) bool {
	start, end := false, false
	for _, s := range sents {
		start = start || s.Start == p.Start
		end = end || s.End == p.End
	}
	return start && end
}

func TestPassagesShapes(t *testing.T) {
	sentence := "استاندار گلستان در سفر به ترکمنستان با مقامات این کشور درباره گسترش همکاری‌های اقتصادی گفت‌وگو کرد."
	long := strings.Repeat("همکاری تجاری ", 300) + "."
	tests := []struct {
		name string
		text string
		want int // passages; -1: several, each within the bounds
	}{
		{"empty", "", 0},
		{"blank", " \n\n ", 0},
		{"one sentence", sentence, 1},
		{"short text", strings.Repeat(sentence+" ", 5), 1},
		{"long text", strings.Repeat(sentence+" ", 40), -1},
		{"one long sentence cut", long, 5},
		{"long sentence between short ones", sentence + " " + long + " " + sentence, 7},
	}
	for _, tt := range tests {
		ps := Passages(tt.text)
		if tt.want < 0 {
			for i, p := range ps {
				n := countWords(tt.text[p.Start:p.End])
				if n > PassageMaxWords || n < PassageMinWords && i < len(ps)-1 {
					t.Errorf("%s: passage %d has %d words", tt.name, i, n)
				}
			}
		} else if len(ps) != tt.want {
			t.Errorf("%s: %d passages; want %d", tt.name, len(ps), tt.want)
		}
		checkSpans(t, tt.name, tt.text, ps, true)
		for _, p := range ps {
			if n := countWords(tt.text[p.Start:p.End]); n > 2*PassageMaxWords {
				t.Errorf("%s: passage of %d words", tt.name, n)
			}
		}
	}
}
