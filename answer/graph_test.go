package answer

import (
	"context"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand/internal/enginetest"

	"github.com/peyvand/peyvand"
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
			n, _ := strconv.Atoi(asciiDigits(m[1]))
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
