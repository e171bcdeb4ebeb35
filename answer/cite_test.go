package answer

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/ties"
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

	// A marker naming no citation is dropped, not left to name whichever
	// source takes its number; a text citing nothing keeps its list,
	// numbered from 1.
	odd := Renumber(peyvand.Answer{Text: "خبر [1].", Citations: []peyvand.Citation{with(tasnim, 4), with(isna, 7), with(isna, 8)}})
	if odd.Text != "خبر." || len(odd.Citations) != 2 || odd.Citations[0].N != 1 || odd.Citations[1].N != 2 {
		t.Errorf("uncited list: %+v", odd)
	}
	dangling := Renumber(peyvand.Answer{Text: "الف [1] ب [3]", Citations: []peyvand.Citation{with(isna, 3)}})
	if dangling.Text != "الف ب [1]" || len(dangling.Citations) != 1 {
		t.Errorf("a dangling marker: %+v; want it dropped, not renamed", dangling)
	}
	if again := Renumber(dangling); !reflect.DeepEqual(again, dangling) {
		t.Errorf("renumbering twice: %+v", again)
	}
	// A run of markers keeps its line breaks and its spaces unless a
	// number repeats.
	lines := Renumber(peyvand.Answer{Text: "- مسقط [1]\n- مسکو [2] [3]", Citations: []peyvand.Citation{with(isna, 1), with(irna, 2), with(tasnim, 3)}})
	if lines.Text != "- مسقط [1]\n- مسکو [2] [3]" {
		t.Errorf("markers across lines: %q", lines.Text)
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

// TestBriefNumbersMatchItsJSON: brief --json lists every event with the
// briefing's citations; the text's markers must name the same sources
// there as in the answer's own list.
func TestBriefNumbersMatchItsJSON(t *testing.T) {
	svc := seedService(t)
	for _, place := range []string{"اصفهان", "آذربایجان شرقی", "روسیه"} {
		b, ans, err := svc.Brief(t.Context(), place, time.Time{})
		if err != nil {
			t.Fatal(err)
		}
		byN := map[int]string{}
		for i, c := range b.Citations {
			if c.N != i+1 {
				t.Errorf("%s: briefing citation %d numbered %d", place, i+1, c.N)
			}
			byN[c.N] = c.ArticleID
		}
		for _, c := range ans.Citations {
			if byN[c.N] != c.ArticleID {
				t.Errorf("%s: [%d] is %s in the text, %s in the briefing", place, c.N, c.ArticleID, byN[c.N])
			}
		}
		for _, g := range b.Groups {
			for _, e := range g.Events {
				if byN[e.Citation.N] != e.Citation.ArticleID {
					t.Errorf("%s: an event cites [%d] = %s, the list has %s", place, e.Citation.N, e.Citation.ArticleID, byN[e.Citation.N])
				}
			}
		}
	}
}

// TestRenumberBrief: a source the text does not show (a line's fourth
// report) goes after the cited ones, so the JSON numbers match the text.
func TestRenumberBrief(t *testing.T) {
	var b ties.Briefing
	g := ties.Group{Name: "روسیه"}
	for i, city := range []string{"کازان", "کازان", "کازان", "کازان", "مسکو"} {
		c := peyvand.Citation{N: i + 1, ArticleID: fmt.Sprint("a", i+1)}
		g.Events = append(g.Events, ties.Event{Iranian: peyvand.Place{Name: "تبریز"}, Foreign: peyvand.Place{Name: city},
			Relations: []peyvand.Relation{peyvand.RelSisterCity}, Citation: c})
		b.Citations = append(b.Citations, c)
	}
	b.Groups = []ties.Group{g}
	ans := renumberBrief(&b, BriefAnswer(b, "تبریز"))
	if !strings.Contains(ans.Text, "[1][2][3]") || !strings.Contains(ans.Text, "مسکو") || !strings.Contains(ans.Text, "[4]") {
		t.Fatalf("text:\n%s", ans.Text)
	}
	byN := map[int]string{}
	for _, c := range b.Citations {
		byN[c.N] = c.ArticleID
	}
	if byN[4] != "a5" || byN[5] != "a4" {
		t.Errorf("briefing numbers %v; want the cited a5 as [4], the hidden a4 after it", byN)
	}
	for _, c := range ans.Citations {
		if byN[c.N] != c.ArticleID {
			t.Errorf("[%d] is %s in the text, %s in the briefing", c.N, c.ArticleID, byN[c.N])
		}
	}
}
