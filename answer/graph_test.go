package answer

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/persian"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/ties"
)

// seedService is the command line's service over the sample corpus, with
// the ties graph.
func seedService(t *testing.T) *Service {
	t.Helper()
	e := enginetest.Sample(t)
	return &Service{Engine: e, Graph: ties.New(e.Store())}
}

var listMarkerRE = regexp.MustCompile(`\[([0-9۰-۹]+)\]`)

// checkMarkers fails unless every line of a list answer ends with markers
// that name its citations.
func checkListMarkers(t *testing.T, ans peyvand.Answer) {
	t.Helper()
	for _, line := range strings.Split(ans.Text, "\n") {
		if !strings.HasPrefix(line, "- ") {
			continue
		}
		ms := listMarkerRE.FindAllStringSubmatch(line, -1)
		if len(ms) == 0 {
			t.Errorf("line %q has no source marker", line)
		}
		for _, m := range ms {
			n, _ := strconv.Atoi(persian.Normalize(m[1]))
			if n < 1 || n > len(ans.Citations) || ans.Citations[n-1].N != n {
				t.Errorf("line %q cites [%d]; citations %d", line, n, len(ans.Citations))
			}
		}
	}
}

func TestAskRoutesListQuestionsToGraph(t *testing.T) {
	svc := seedService(t)
	ans, _, err := svc.Ask(context.Background(), "اصفهان با کدام شهرها و کشورها همکاری دارد؟", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != peyvand.ModeGraph {
		t.Fatalf("mode %s; want graph:\n%s", ans.Mode, ans.Text)
	}
	for _, name := range []string{"مسکو", "سن پترزبورگ", "مسقط", "بارسلونا", "فلورانس"} {
		if strings.Count(ans.Text, "- "+name) != 1 {
			t.Errorf("answer lists %s %d times; want once:\n%s", name, strings.Count(ans.Text, "- "+name), ans.Text)
		}
	}
	checkListMarkers(t, ans)
	// Each line says how far the tie has come.
	for _, line := range strings.Split(ans.Text, "\n") {
		if strings.HasPrefix(line, "- ") && !strings.Contains(line, "(قطعی)") && !strings.Contains(line, "(پیشنهادی)") &&
			!strings.Contains(line, "(توافق‌شده)") && !strings.Contains(line, "(در حد مذاکره)") {
			t.Errorf("line %q shows no status", line)
		}
	}

	// A follow-up naming no place keeps retrieval's path and the context.
	ans, _, err = svc.Ask(context.Background(), "تفاهم‌نامه با مسقط دربارهٔ چه بود؟", AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode == peyvand.ModeGraph {
		t.Errorf("a factual question went to the graph:\n%s", ans.Text)
	}
}

func TestPartnersAndBrief(t *testing.T) {
	svc := seedService(t)
	p, ans, err := svc.Partners("گرگان")
	if err != nil {
		t.Fatal(err)
	}
	if p.Resolved.Name != "گرگان" || !strings.Contains(ans.Text, "گوانگژو") {
		t.Errorf("Partners(گرگان) = %s:\n%s", p.Resolved.Name, ans.Text)
	}
	checkListMarkers(t, ans)

	_, ans, err = svc.Partners("تبريز") // Arabic yeh
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(ans.Text, "- استان آذربایجان") {
		t.Errorf("an Iranian province listed as Tabriz's foreign partner:\n%s", ans.Text)
	}

	_, ans, err = svc.Brief(context.Background(), "آذربایجان شرقی", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != peyvand.ModeGraph || !strings.Contains(ans.Text, "جمهوری آذربایجان:") {
		t.Errorf("Brief(آذربایجان شرقی) mode %s:\n%s", ans.Mode, ans.Text)
	}
	checkListMarkers(t, ans)

	_, _, err = svc.Brief(context.Background(), "ناکجاآباد", time.Time{})
	if peyvand.ErrorCode(err) != peyvand.ENotFound {
		t.Errorf("Brief(ناکجاآباد) error %v; want ENotFound", err)
	}
}

func TestBriefLLM(t *testing.T) {
	svc := seedService(t)
	_, listed, err := svc.Brief(context.Background(), "گرگان", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	// The model cites a passage that exists and says what it says.
	good := "چین:\n- اتاق گوانگژو در گرگان راه‌اندازی می‌شود [1]."
	s := newChatServer(t, say(good))
	l, _ := newTestLLM(t, s, LLMConfig{})
	svc.Composer = l
	_, ans, err := svc.Brief(context.Background(), "گرگان", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != peyvand.ModeLLM || len(ans.Citations) != 1 {
		t.Errorf("Brief with a model: mode %s, reason %q, citations %d:\n%s", ans.Mode, ans.FallbackReason, len(ans.Citations), ans.Text)
	}
	// A model inventing a partner falls back to the listed briefing.
	s2 := newChatServer(t, say("چین:\n- گرگان با پکن و شانگهای تفاهم‌نامه امضا کرد [1]."))
	l2, _ := newTestLLM(t, s2, LLMConfig{})
	svc.Composer = l2
	_, ans, err = svc.Brief(context.Background(), "گرگان", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	if ans.Mode != peyvand.ModeGraph || !strings.HasPrefix(ans.FallbackReason, ReasonUnverified) || ans.Text != listed.Text {
		t.Errorf("invented partner: mode %s, reason %q:\n%s", ans.Mode, ans.FallbackReason, ans.Text)
	}
	// A server error also falls back, with the reason.
	s3 := newChatServer(t, status(503, `{"error":{"message":"overloaded"}}`))
	l3, _ := newTestLLM(t, s3, LLMConfig{MaxRetries: -1})
	svc.Composer = l3
	_, ans, err = svc.Brief(context.Background(), "گرگان", time.Time{})
	if err != nil || ans.Mode != peyvand.ModeGraph || !strings.HasPrefix(ans.FallbackReason, ReasonUnavailable) {
		t.Errorf("503: mode %s, reason %q, err %v", ans.Mode, ans.FallbackReason, err)
	}
}

// TestBriefIsBrief: a place's brief is one line a pair of places, every
// partner's pair, with no report's sentence, so no sentence is repeated; a period that leaves
// undated reports out says so instead of dropping them.
func TestBriefIsBrief(t *testing.T) {
	svc := seedService(t)
	_, ans, err := svc.Brief(t.Context(), "اصفهان", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	lines := 0
	for _, line := range strings.Split(ans.Text, "\n") {
		if !strings.HasPrefix(line, "- ") {
			continue
		}
		lines++
		if utf8.RuneCountInString(line) > 160 {
			t.Errorf("a brief line of %d characters quotes a report: %q", utf8.RuneCountInString(line), line)
		}
		if !strings.Contains(line, "بی‌تاریخ") && !strings.ContainsAny(line, "۰۱۲۳۴۵۶۷۸۹") {
			t.Errorf("line %q gives no date", line)
		}
	}
	// Every partner is shown: one article naming Moscow and St Petersburg
	// reports a tie with each. A country whose tie one sentence tells with
	// its city («شوروم» in Oman, sister city Muscat) shares the city's line.
	p, _, _ := svc.Partners("اصفهان")
	if lines > len(p.Partners) || lines < len(p.Partners)-1 || !strings.Contains(ans.Text, "مسکو") {
		t.Errorf("%d lines; want about one a partner (%d), Moscow's too:\n%s", lines, len(p.Partners), ans.Text)
	}
	for _, pt := range p.Partners {
		if !strings.Contains(ans.Text, pt.Place.Name) {
			t.Errorf("partner %s is missing from the brief:\n%s", pt.Place.Name, ans.Text)
		}
	}
	_, ans, err = svc.Brief(t.Context(), "اصفهان", time.Now().AddDate(-1, 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(ans.Text, "۳ خبر بی‌تاریخ") || !strings.Contains(ans.Text, "/brief اصفهان") {
		t.Errorf("a period with only undated reports: %q; want them counted and offered", ans.Text)
	}
}

// TestBriefFitsAScreen: past MaxBriefLines the rest is counted, but a
// single line left over is shown rather than hidden behind «و ۱».
func TestBriefFitsAScreen(t *testing.T) {
	brief := func(n int) ties.Briefing {
		b := ties.Briefing{Resolved: peyvand.Place{Name: "اصفهان"}}
		g := ties.Group{Name: "روسیه"}
		for i := range n {
			g.Events = append(g.Events, ties.Event{Iranian: peyvand.Place{Name: "اصفهان"},
				Foreign:   peyvand.Place{Name: fmt.Sprintf("شهر %d", i+1)},
				Relations: []peyvand.Relation{peyvand.RelMOU}, Status: peyvand.StatusSigned,
				Date:     time.Date(2024, 10, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -i),
				Citation: peyvand.Citation{N: i + 1, ArticleID: fmt.Sprint("a", i)}})
			b.Citations = append(b.Citations, g.Events[i].Citation)
		}
		b.Groups = []ties.Group{g}
		return b
	}
	ans := BriefAnswer(brief(MaxBriefLines+1), "اصفهان")
	if n := strings.Count(ans.Text, "\n- "); n != MaxBriefLines+1 || strings.Contains(ans.Text, "دیگر") {
		t.Errorf("one over the limit: %d lines; want all %d, none hidden:\n%s", n, MaxBriefLines+1, ans.Text)
	}
	ans = BriefAnswer(brief(MaxBriefLines+5), "اصفهان")
	if n := strings.Count(ans.Text, "\n- "); n != MaxBriefLines || !strings.Contains(ans.Text, "(و ۵ پیوند دیگر؛ فهرست کامل: /partners اصفهان)") {
		t.Errorf("five over: %d lines:\n%s", n, ans.Text)
	}
	if len(ans.Citations) != MaxBriefLines {
		t.Errorf("%d citations for %d lines shown", len(ans.Citations), MaxBriefLines)
	}
}

// TestPairDetailsGiveTheFigures: a pair's answer adds the figures of the
// report it cites, though the sentence names only one of the two.
func TestPairDetailsGiveTheFigures(t *testing.T) {
	ans, q := askOver(t, peyvand.Article{ID: "yazd-doha", Title: "نمایشگاه محصولات استان یزد در دوحه گشایش یافت",
		Date: time.Date(2024, 10, 7, 0, 0, 0, 0, time.UTC),
		Text: "نمایشگاه اختصاصی محصولات صنعتی استان یزد با حضور ۴۰ شرکت کاشی و نساجی در دوحه گشایش یافت.\n\n" +
			"رئیس اتاق بازرگانی یزد گفت: هدف ما افزایش سهم صنایع یزد در بازار قطر است.\n\n" +
			"وی افزود: سال گذشته ۱۲۰ میلیون دلار کالا از استان یزد به قطر صادر شد.\n\n" +
			"در خبری دیگر، بارش ۳۰ میلیمتر باران در یزد موجب آبگرفتگی ۱۲ معبر شد."}, "همکاری استان یزد و دوحه")
	if q.Intent != question.Pair || !strings.Contains(ans.Text, "۱۲۰ میلیون دلار") {
		t.Errorf("intent %s, answer:\n%s\nwant the pair's lines and the export figure", q.Intent, ans.Text)
	}
	if strings.Contains(ans.Text, "آبگرفتگی") {
		t.Errorf("a flood's figures among the pair's details:\n%s", ans.Text)
	}
}

// TestPairDetailsGiveTheFields: the sentence of a cited report that lists
// the fields of the pair's agreement is among its details, though it
// shares no word with the question.
func TestPairDetailsGiveTheFields(t *testing.T) {
	ans, _ := askOver(t, peyvand.Article{ID: "yazd-sharjah", Title: "تفاهم‌نامه همکاری شهری یزد و شارجه امضا شد",
		Date: time.Date(2025, 3, 2, 0, 0, 0, 0, time.UTC),
		Text: "شهردار یزد از امضای تفاهم‌نامه همکاری‌های شهری یزد و شارجه در سفر هیئت شارجه به یزد خبر داد.\n\n" +
			"وی گفت: این تفاهمنامه حوزه‌های بازیافت، آموزش شهروندی و میراث فرهنگی را در بر می‌گیرد."}, "همکاریهای شهری یزد و شارجه")
	if !strings.Contains(ans.Text, "بازیافت") {
		t.Errorf("answer:\n%s\nwant the fields of the memorandum among its details", ans.Text)
	}
}

// TestBriefOfAKindGivesItsFigures: a briefing asked of one kind of tie
// lists every tie and adds that kind's figures.
func TestBriefOfAKindGivesItsFigures(t *testing.T) {
	ans, q := askOver(t, peyvand.Article{ID: "yazd-izmir", Title: "سرمایه‌گذاری شرکت ترکیه‌ای در شهرک صنعتی یزد",
		Date: time.Date(2024, 8, 11, 0, 0, 0, 0, time.UTC),
		Text: "استاندار یزد گفت: قرارداد سرمایه‌گذاری ۸۰ میلیون دلاری یک شرکت از ازمیر ترکیه برای احداث کارخانه کاشی در شهرک صنعتی یزد امضا شد.\n\n" +
			"وی افزود: هیئت تجاری یزد ماه آینده برای گسترش صادرات به ازمیر سفر می‌کند."}, "Any news on foreign investment in Yazd?")
	if q.Intent != question.Brief || !strings.Contains(ans.Text, "۸۰ میلیون دلاری") || !strings.Contains(ans.Text, "trade delegation") {
		t.Errorf("intent %s, answer:\n%s\nwant the brief (the delegation too) and the investment's figure", q.Intent, ans.Text)
	}
}

// TestCapitalsStandForTheirRegions: a pair question about a capital
// city also reads its province's ties (provincesOf), and one about a
// foreign capital its country's or region's (regionsOf); other cities
// govern nothing.
func TestCapitalsStandForTheirRegions(t *testing.T) {
	for _, tc := range []struct {
		of   func([]peyvand.Place) []peyvand.Place
		want map[string]string
	}{
		{provincesOf, map[string]string{"مشهد": "استان خراسان رضوی", "تبریز": "استان آذربایجان شرقی", "تایباد": "", "هرات": ""}},
		{regionsOf, map[string]string{"ایروان": "ارمنستان", "کازان": "تاتارستان", "استانبول": ""}},
	} {
		for city, want := range tc.want {
			p, ok := places.Default().Lookup(city)
			if !ok {
				t.Fatalf("%s unknown", city)
			}
			var got string
			if rs := tc.of([]peyvand.Place{p}); len(rs) > 0 {
				got = rs[0].Name
			}
			if got != want {
				t.Errorf("%s: %q, want %q", city, got, want)
			}
		}
	}
}

// askOver asks q of a service over one article, with its ties graph.
func askOver(t *testing.T, a peyvand.Article, q string) (peyvand.Answer, question.Question) {
	t.Helper()
	e := enginetest.New(t)
	enginetest.Ingest(t, e, []peyvand.Article{a})
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	ans, read, err := svc.Ask(t.Context(), q, AskOptions{})
	if err != nil {
		t.Fatal(err)
	}
	return ans, read
}

// TestBriefLineKeepsEachStatus: a pair whose memorandum was signed in one
// report and whose twinning is only proposed in another shows each
// relation with its own status, not both as signed.
func TestBriefLineKeepsEachStatus(t *testing.T) {
	ahvaz, basra := peyvand.Place{Name: "اهواز", Country: peyvand.Iran}, peyvand.Place{Name: "بصره", Country: "عراق"}
	g := ties.Group{Name: "عراق", Events: []ties.Event{
		{Date: time.Date(2025, 10, 1, 0, 0, 0, 0, time.UTC), Iranian: ahvaz, Foreign: basra, Relations: []peyvand.Relation{peyvand.RelSisterCity},
			Status: peyvand.StatusProposed, Citation: peyvand.Citation{N: 1}},
		{Date: time.Date(2025, 9, 1, 0, 0, 0, 0, time.UTC), Iranian: ahvaz, Foreign: basra, Relations: []peyvand.Relation{peyvand.RelMOU},
			Status: peyvand.StatusSigned, Citation: peyvand.Citation{N: 2}},
	}}
	ls := briefLines(g)
	if len(ls) != 1 {
		t.Fatalf("%d lines; want one for the pair", len(ls))
	}
	line := briefLineText(ls[0], false, map[int]bool{})
	if !strings.Contains(line, "خواهرخواندگی (پیشنهادی)") || !strings.Contains(line, "تفاهم‌نامه (قطعی)") {
		t.Errorf("line %q; want each relation with its own status", line)
	}
	one := ties.Group{Events: g.Events[1:]}
	if line := briefLineText(briefLines(one)[0], false, map[int]bool{}); !strings.Contains(line, "تفاهم‌نامه (قطعی)") {
		t.Errorf("one relation: %q", line)
	}
}
