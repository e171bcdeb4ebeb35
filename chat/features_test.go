package chat

import (
	"context"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/reply"
)

const bot = "@peyvand_bot"

func privateTo(text string) Message {
	m := private(text)
	m.Mention = bot
	return m
}

func TestBriefDetails(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, privateTo("/brief اصفهان"), nil))
	wantText(t, r, "گزارش پیوندهای خارجی اصفهان", "https://t.me/peyvand_bot?start=brief-isfahan")
	data := buttonData(r)
	if !strings.HasPrefix(data[0], "bd:0:") || !strings.HasPrefix(buttonTexts(r)[0], "جزئیات (") {
		t.Fatalf("no details button: %v %v", buttonTexts(r), data)
	}
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 40, Mention: bot, Data: data[0]})
	if len(rs) != 2 || rs[1].Edit != 40 {
		t.Fatalf("details press: %+v", rs)
	}
	d := rs[1]
	wantText(t, d, "جزئیات پیوندهای خارجی اصفهان", "«")
	assertCitations(t, d)
	if !slices.Contains(buttonTexts(d), "خلاصه") {
		t.Errorf("details without a way back: %v", buttonTexts(d))
	}
	// Every event of the brief is on some page, and no sentence twice on one.
	lines := strings.Count(d.Text, "\n- ")
	if lines == 0 || lines > detailsPageSize {
		t.Errorf("%d event lines on a details page", lines)
	}
	// «خلاصه» brings the brief back in place.
	back := dataOf(d, "bs:")
	rs = c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 40, Mention: bot, Data: back})
	if len(rs) != 2 || rs[1].Edit != 40 || rs[1].Text != r.Text {
		t.Fatalf("summary press: %+v\nwant the brief:\n%s", rs, r.Text)
	}
	// A details button from a chat that never had the turn still pages.
	rs = c.Press(ctx, Callback{ChatID: 555, UserID: 555, MessageID: 3, Data: data[0]})
	if len(rs) != 2 || !strings.Contains(rs[1].Text, "جزئیات") {
		t.Fatalf("an old details button: %+v", rs)
	}
}

func dataOf(r reply.Message, prefix string) string {
	for _, d := range buttonData(r) {
		if strings.HasPrefix(d, prefix) {
			return d
		}
	}
	return ""
}

// assertCitations checks a reply's markers: numbered 1..n in order of
// first mention, each naming a listed citation, every citation cited.
func assertCitations(t *testing.T, r reply.Message) {
	t.Helper()
	n, err := tgtest.CheckCitations(r.Text)
	if err != nil || n != len(r.Citations) {
		t.Errorf("%d markers (%v), %d citations:\n%s", n, err, len(r.Citations), r.Text)
	}
}

func TestDeepLinks(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, privateTo("/partners اصفهان"), nil))
	wantText(t, r, "https://t.me/peyvand_bot?start=isfahan")
	// The link's payload opens the same list.
	r = one(t, c.Handle(ctx, privateTo("/start isfahan"), nil))
	wantText(t, r, "پیوندهای خارجی اصفهان", "صفحهٔ ۱ از ۲")
	r = one(t, c.Handle(ctx, privateTo("/start east-azerbaijan-province"), nil))
	wantText(t, r, "آذربایجان شرقی")
	r = one(t, c.Handle(ctx, privateTo("/start brief-isfahan"), nil))
	wantText(t, r, "گزارش پیوندهای خارجی اصفهان")
	// sub- offers a one-tap subscription.
	r = one(t, c.Handle(ctx, privateTo("/start sub-isfahan"), nil))
	if d := buttonData(r); len(d) != 1 || d[0] != "sub:any:اصفهان" {
		t.Fatalf("subscription offer buttons %v", d)
	}
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 50, Data: "sub:any:اصفهان"})
	if len(rs) != 2 || rs[1].Edit != 50 {
		t.Fatalf("subscribe press: %+v", rs)
	}
	if subs, _ := c.DB.Subscriptions(alice); len(subs) != 1 || subs[0].Place != "اصفهان" {
		t.Errorf("subscriptions after the tap: %+v", subs)
	}
	// A payload that names nothing is the welcome, not an error; a
	// subscription link to an unknown place says so.
	for _, p := range []string{"inline", "..%2Fetc", strings.Repeat("x", 200)} {
		wantText(t, one(t, c.Handle(ctx, privateTo("/start "+p), nil)), "سلام")
	}
	wantText(t, one(t, c.Handle(ctx, privateTo("/start sub-atlantis"), nil)), "این پیوند را نشناختم")
}

// TestSlugs checks every place of the gazetteer: its payload is
// Telegram's [A-Za-z0-9_-], fits 64 characters with the longest prefix,
// and reads back to the same place.
func TestSlugs(t *testing.T) {
	c, _ := newCore(t)
	c.init()
	ok := regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	for _, p := range places.Default().Places() {
		s := slug(p)
		if s == "" {
			continue
		}
		if !ok.MatchString(payloadBrief + s) {
			t.Errorf("%s: payload %q", p.Name, payloadBrief+s)
			continue
		}
		name, _ := placeOfSlug(s)
		got, err := c.resolver.Resolve(name)
		if err != nil || got.Name != p.Name {
			// Two places may share an English name; the slug then opens
			// the one the resolver prefers, as typing the name would.
			if q, ok := places.Default().Lookup(name); !ok || q.English != p.English {
				t.Errorf("%s: slug %q reads back as %q (%v)", p.Name, s, got.Name, err)
			}
		}
	}
	// A place without an English name travels as its Persian name.
	s := slug(peyvand.Place{Name: "کازان"})
	if name, ok := placeOfSlug(s); !ok || name != "کازان" || !strings.HasPrefix(s, payloadPlain) {
		t.Errorf("slug of a Persian-only name %q reads back as %q", s, name)
	}
}

func TestSubscriptionsShaped(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	// A relation named limits the subscription.
	r := one(t, c.Handle(ctx, private("/subscribe اصفهان خواهرخواندگی"), nil))
	wantText(t, r, "«اصفهان» دنبال می‌شود", "از نوع خواهرخواندگی")
	subs, _ := c.DB.Subscriptions(alice)
	if len(subs) != 1 || !slices.Equal(subs[0].Relations, []peyvand.Relation{peyvand.RelSisterCity}) {
		t.Fatalf("subscriptions %+v; want Isfahan, sister cities only", subs)
	}
	// Without one, buttons offer to limit it.
	r = one(t, c.Handle(ctx, private("/subscribe تبریز"), nil))
	limit := dataOf(r, "sub:mou:")
	if limit != "sub:mou:تبریز" {
		t.Fatalf("relation buttons %v", buttonData(r))
	}
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 60, Data: limit})
	if len(rs) != 2 || rs[1].Edit != 60 || !strings.Contains(rs[1].Text, "تفاهم") {
		t.Fatalf("relation press: %+v", rs)
	}
	// A near miss is a button that subscribes in one tap.
	r = one(t, c.Handle(ctx, private("/subscribe اصفهن"), nil))
	wantText(t, r, "شاید منظورتان")
	if d := buttonData(r); !slices.Contains(d, "sub:any:اصفهان") {
		t.Fatalf("near-miss buttons %v", d)
	}
	// /pause mutes; a message does not end it, /resume does.
	wantText(t, one(t, c.Handle(ctx, private("/pause"), nil)), "متوقف شد")
	one(t, c.Handle(ctx, private("/help"), nil))
	subs, _ = c.DB.Subscriptions(alice)
	for _, s := range subs {
		if !s.Muted {
			t.Errorf("%+v not muted after /pause and a message", s)
		}
	}
	r = one(t, c.Handle(ctx, private("/subscriptions"), nil))
	wantText(t, r, "(فقط تفاهم‌نامه)", "متوقف است")
	resume := dataOf(r, "mute:")
	if resume != "mute:0" {
		t.Fatalf("/subscriptions buttons %v; want a resume", buttonData(r))
	}
	rs = c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 61, Data: resume})
	if len(rs) != 2 || rs[1].Edit != 61 || dataOf(rs[1], "mute:") != "mute:1" {
		t.Fatalf("resume press: %+v", rs)
	}
	subs, _ = c.DB.Subscriptions(alice)
	if slices.ContainsFunc(subs, func(s peyvand.Subscription) bool { return s.Muted }) {
		t.Errorf("still muted after the resume button: %+v", subs)
	}
	wantText(t, one(t, c.Handle(ctx, private("/resume"), nil)), "متوقف نبود")
}

func TestInline(t *testing.T) {
	c, _ := newCore(t)
	c.RatePerMinute = 1
	ctx := context.Background()
	in := c.Inline(ctx, InlineQuery{ID: "q1", UserID: alice, Text: "اصفهان", Mention: bot})
	if len(in.Results) != 2 || in.Results[0].ID != "partners" || in.Results[1].ID != "brief" {
		t.Fatalf("inline results for a place: %+v", in.Results)
	}
	for _, a := range in.Results {
		if len(a.Message.Buttons) != 0 || !a.Message.Sources || a.Title == "" {
			t.Errorf("result %s: buttons %v, sources %v, title %q", a.ID, a.Message.Buttons, a.Message.Sources, a.Title)
		}
		assertCitations(t, a.Message)
	}
	wantText(t, in.Results[0].Message, "https://t.me/peyvand_bot?start=isfahan")
	// Text still being typed (no «؟») runs nothing and costs nothing.
	for _, prefix := range []string{"کدام شه", "کدام شهرها با اصفهان"} {
		if in := c.Inline(ctx, InlineQuery{ID: "q1b", UserID: alice, Text: prefix}); len(in.Results) != 0 || in.Wait != inlineHowTo {
			t.Errorf("prefix %q: %+v; want no results and the how-to", prefix, in)
		}
	}
	// A question gets the top answer, and counts as one.
	in = c.Inline(ctx, InlineQuery{ID: "q2", UserID: alice, Text: "کدام شهرها با اصفهان خواهرخوانده هستند؟"})
	if len(in.Results) != 1 || !strings.Contains(in.Results[0].Message.Text, "[1]") {
		t.Fatalf("inline answer: %+v", in)
	}
	in = c.Inline(ctx, InlineQuery{ID: "q3", UserID: alice, Text: "شریکان تجاری مشهد کدامند؟"})
	if len(in.Results) != 0 || !strings.Contains(in.Wait, "سقف پرسش") {
		t.Errorf("the second question a minute: %+v; want the wait", in)
	}
	if in := c.Inline(ctx, InlineQuery{ID: "q4", UserID: alice, Text: "ا"}); len(in.Results) != 0 {
		t.Errorf("a one-letter query got %+v", in)
	}
}

// TestOldButtonsAfterARestart: a vote or sources button of a message sent
// before a restart names no turn of the new process, even once the chat
// has new turns: it is expired, never applied to another answer.
func TestOldButtonsAfterARestart(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	old := one(t, c.Handle(ctx, private("روابط اصفهان و مسقط چگونه است؟"), nil))
	restarted := &Core{Service: c.Service, DB: c.DB, Now: c.Now, PageSize: 3}
	one(t, restarted.Handle(ctx, private("/brief اصفهان"), nil))
	one(t, restarted.Handle(ctx, private("روابط اصفهان و مسقط چگونه است؟"), nil))
	for _, data := range buttonData(old) {
		rs := restarted.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 9, Data: data})
		if len(rs) != 1 || rs[0].Notice != expired {
			t.Errorf("old button %q after a restart: %+v; want expired", data, rs)
		}
	}
}

// TestSubscribeButtonsFit: every relation button fits Telegram's 64 bytes
// for every place of the gazetteer.
func TestSubscribeButtonsFit(t *testing.T) {
	for _, p := range places.Default().Places() {
		for _, rel := range offeredRelations {
			if _, ok := reply.Encode(reply.Subscribe, relCodes[rel], p.Name); !ok {
				t.Errorf("no «فقط %s» button for %s", rel.Persian(), p.Name)
			}
		}
	}
}

// TestPageButtonsFit: the page and details buttons, with the longest
// offset, turn id and period they carry, fit Telegram's 64 bytes for every
// place of the gazetteer.
func TestPageButtonsFit(t *testing.T) {
	for _, p := range places.Default().Places() {
		if _, ok := reply.Encode(reply.Page, "990", "zzzzz", p.Name); !ok {
			t.Errorf("no page button for %s", p.Name)
		}
		if _, ok := reply.Encode(reply.Details, "990", "zzzzz", "zzz", p.Name); !ok {
			t.Errorf("no details button for %s", p.Name)
		}
	}
}

// TestDetailsKeepThePeriod: a details button pressed after its turn is
// gone rebuilds the brief over the same period.
func TestDetailsKeepThePeriod(t *testing.T) {
	since := time.Date(2024, 3, 20, 0, 0, 0, 0, time.UTC)
	k := sinceKey(since)
	if got, ok := sinceOfKey(k); !ok || !got.Equal(since) {
		t.Fatalf("sinceOfKey(%q) = %v, %v", k, got, ok)
	}
	for _, bad := range []string{"", "-1", "zzzzzzzzzzzzzz", "ا"} {
		if _, ok := sinceOfKey(bad); ok {
			t.Errorf("sinceOfKey(%q) accepted", bad)
		}
	}
	c, _ := newCore(t)
	ctx := context.Background()
	// All time: the sample's reports are undated, a period would hold none.
	r := one(t, c.Handle(ctx, private("/brief اصفهان"), nil))
	data := dataOf(r, "bd:0:")
	if !strings.Contains(data, ":0:اصفهان") {
		t.Fatalf("details data %q; want the all-time period 0", data)
	}
	forged := strings.Replace(data, ":0:اصفهان", ":"+k+":اصفهان", 1)
	rs := c.Press(ctx, Callback{ChatID: 555, UserID: 555, MessageID: 3, Data: forged})
	if len(rs) != 1 || rs[0].Notice != expired {
		t.Errorf("details since %s of undated reports: %+v; want expired (nothing in the period)", since.Format("2006-01-02"), rs)
	}
	if last := c.lastTurn(555); last != nil {
		t.Errorf("a turn was made for an empty period: %+v", last.question)
	}
}
