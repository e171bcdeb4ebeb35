package answer

import (
	"reflect"
	"strconv"
	"testing"

	"github.com/peyvand/peyvand"
)

func TestRenumber(t *testing.T) {
	irna := peyvand.Citation{ArticleID: "irna/85", PassageID: "irna/85#2", Title: "خواهرخواندگی تبریز و باکو"}
	irna2 := peyvand.Citation{ArticleID: "irna/85", PassageID: "irna/85#5", Title: "خواهرخواندگی تبریز و باکو"}
	isna := peyvand.Citation{ArticleID: "isna/7", PassageID: "isna/7#1", Title: "هیئت تجاری اصفهان در مسقط"}
	tasnim := peyvand.Citation{ArticleID: "tasnim/3", PassageID: "tasnim/3#1", Title: "نمایشگاه شیراز"}
	with := func(c peyvand.Citation, n int) peyvand.Citation { c.N = n; return c }

	ans := peyvand.Answer{
		// Cited out of order, one article under two numbers, one source
		// never cited, Persian digits in one marker.
		Text:      "تفاهم‌نامه خواهرخواندگی امضا شد [3]. هیئت تجاری به مسقط رفت [۲][4]. دو شهر همکاری را گسترش می‌دهند [1] [3].",
		Citations: []peyvand.Citation{with(irna2, 1), with(isna, 2), with(irna, 3), with(isna, 4), with(tasnim, 5)},
	}
	got := Renumber(ans)
	wantText := "تفاهم‌نامه خواهرخواندگی امضا شد [1]. هیئت تجاری به مسقط رفت [2]. دو شهر همکاری را گسترش می‌دهند [1]."
	if got.Text != wantText {
		t.Errorf("text\n%s\nwant\n%s", got.Text, wantText)
	}
	want := []peyvand.Citation{with(irna, 1), with(isna, 2)}
	if !reflect.DeepEqual(got.Citations, want) {
		t.Errorf("citations %+v\nwant %+v", got.Citations, want)
	}
	if again := Renumber(got); !reflect.DeepEqual(again, got) {
		t.Errorf("renumbering twice changed the answer: %+v", again)
	}

	// A marker naming no citation stays; a text citing nothing keeps its
	// list, numbered from 1.
	odd := Renumber(peyvand.Answer{Text: "خبر [9].", Citations: []peyvand.Citation{with(tasnim, 4), with(isna, 7), with(isna, 8)}})
	if odd.Text != "خبر [9]." || len(odd.Citations) != 2 || odd.Citations[0].N != 1 || odd.Citations[1].N != 2 {
		t.Errorf("uncited list: %+v", odd)
	}
}

// TestAskNumbersInOrder: whatever the route, an answer's markers run 1..n
// in the order of first mention, one number per article.
func TestAskNumbersInOrder(t *testing.T) {
	svc := seedService(t)
	for _, q := range []string{
		"اصفهان با کدام شهرها و کشورها همکاری دارد؟",
		"روابط اصفهان و مسقط چگونه است؟",
		"Which cities are twinned with Isfahan?",
		"هیئت اقتصادی آذربایجان شرقی در باکو از کجا بازدید کرد؟",
	} {
		ans, _, err := svc.Ask(t.Context(), q, AskOptions{})
		if err != nil {
			t.Fatal(err)
		}
		next, seen := 1, map[string]bool{}
		for _, m := range citeMarker.FindAllStringSubmatch(ans.Text, -1) {
			if seen[m[1]] {
				continue
			}
			seen[m[1]] = true
			if m[1] != strconv.Itoa(next) {
				t.Errorf("%s: marker [%s] where [%d] comes next:\n%s", q, m[1], next, ans.Text)
			}
			next++
		}
		articles := map[string]bool{}
		for i, c := range ans.Citations {
			if c.N != i+1 || articles[c.ArticleID] {
				t.Errorf("%s: citation %d is %+v (a skip or a second number for one article)", q, i+1, c)
			}
			articles[c.ArticleID] = true
		}
		if len(ans.Citations) != next-1 {
			t.Errorf("%s: %d citations for %d numbers cited", q, len(ans.Citations), next-1)
		}
	}
}
