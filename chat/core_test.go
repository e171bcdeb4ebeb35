package chat

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/store"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/ties"
)

const (
	alice = 101 // a user in a private chat
	admin = 1
)

// clock is a test clock that moves only when told.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// newCore is the command line's wiring over the sample corpus, each test
// with its own database.
func newCore(t *testing.T) (*Core, *clock) {
	t.Helper()
	e := enginetest.Sample(t)
	db := e.Store()
	svc := &answer.Service{Engine: e, Graph: ties.New(db)}
	clk := &clock{t: time.Date(2024, 10, 1, 9, 0, 0, 0, time.UTC)}
	return &Core{Service: svc, DB: db, Admins: []int64{admin}, Now: clk.now, PageSize: 3}, clk
}

func private(text string) Message {
	return Message{ChatID: alice, UserID: alice, ChatKind: Private, MessageID: 7, Text: text, Lang: "fa"}
}

// one returns the single reply to a message, failing otherwise.
func one(t *testing.T, rs []reply.Message) reply.Message {
	t.Helper()
	if len(rs) != 1 {
		t.Fatalf("%d replies; want 1: %+v", len(rs), rs)
	}
	return rs[0]
}

func wantText(t *testing.T, r reply.Message, subs ...string) {
	t.Helper()
	for _, s := range subs {
		if !strings.Contains(r.Text, s) {
			t.Errorf("reply %q does not contain %q", r.Text, s)
		}
	}
}

func buttonData(r reply.Message) []string {
	return buttonsOf(r, func(b reply.Button) string { return b.Data })
}
func buttonTexts(r reply.Message) []string {
	return buttonsOf(r, func(b reply.Button) string { return b.Text })
}

// buttonsOf lists a field of a reply's buttons, row by row.
func buttonsOf(r reply.Message, field func(reply.Button) string) []string {
	var out []string
	for _, row := range r.Buttons {
		for _, b := range row {
			out = append(out, field(b))
		}
	}
	return out
}

func TestStartAndHelp(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("/start"), nil))
	wantText(t, r, "پیوند", "/help")
	if len(r.Buttons) != 3 || r.ReplyTo != 7 {
		t.Fatalf("/start: %d example buttons, reply to %d; want 3, 7", len(r.Buttons), r.ReplyTo)
	}
	for _, d := range buttonData(r) {
		if len(d) > 64 {
			t.Errorf("callback data %q is over Telegram's 64 bytes", d)
		}
	}
	// Pressing an example asks it.
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 8, Data: buttonData(r)[0]})
	if len(rs) != 2 || rs[0].Notice == "" || !strings.Contains(rs[1].Text, "[1]") {
		t.Fatalf("example press: %+v", rs)
	}
	r = one(t, c.Handle(ctx, private("/help"), nil))
	wantText(t, r, "/partners", "/brief", "/subscribe", "/sources", "/unsubscribe", "/subscriptions")
	r = one(t, c.Handle(ctx, private("/nonsense"), nil))
	wantText(t, r, "/help")
}

func TestQuestionAndFollowUp(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("کدام شهرها با اصفهان همکاری دارند؟"), nil))
	wantText(t, r, "مسکو", "[1]")
	if !r.Sources || len(r.Citations) == 0 {
		t.Fatalf("answer without sources: %+v", r)
	}
	data := buttonData(r)
	if len(data) != 3 || !strings.HasPrefix(data[0], "src:") || !strings.HasPrefix(data[1], "fb:1:") {
		t.Fatalf("buttons %v; want sources, 👍, 👎", data)
	}
	// /sources shows the last answer's sources in full, with quotes.
	src := one(t, c.Handle(ctx, private("/sources"), nil))
	wantText(t, src, "منابع:", "[1]", "«")
	// A follow-up naming no place keeps Isfahan.
	r = one(t, c.Handle(ctx, private("شهرهای خواهرخوانده‌اش کدامند؟"), nil))
	wantText(t, r, "مسقط")
	// "و با …" names only the foreign side: Isfahan carries over.
	r = one(t, c.Handle(ctx, private("و با مسقط؟"), nil))
	wantText(t, r, "مسقط", "اصفهان")
	if len(r.Citations) == 0 || !strings.Contains(r.Citations[0].Title, "مسقط") {
		t.Errorf("follow-up about Muscat cites %+v", r.Citations)
	}
	// A full question about another place starts afresh.
	r = one(t, c.Handle(ctx, private("کدام شهرها با گرگان همکاری دارند؟"), nil))
	wantText(t, r, "گوانگژو")
	if strings.Contains(r.Text, "مسقط") {
		t.Errorf("Muscat carried into a new question: %q", r.Text)
	}
	// The source button of the first answer still works.
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 9, Data: data[0]})
	if len(rs) != 2 || !strings.Contains(rs[1].Text, "منابع:") || rs[1].ReplyTo != 9 {
		t.Fatalf("sources press: %+v", rs)
	}
}

func TestFeedbackStored(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("روابط اصفهان و مسقط چگونه است؟"), nil))
	down := buttonData(r)[2]
	press := func(data string) []reply.Message {
		return c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 31, Data: data})
	}
	stored := func() []peyvand.Feedback {
		var got []peyvand.Feedback
		c.DB.(*store.DB).Feedback(func(f peyvand.Feedback) error { got = append(got, f); return nil })
		return got
	}
	// 👎 is recorded, shown as chosen, and asks why.
	rs := press(down)
	if len(rs) != 2 || rs[0].Notice != feedbackWhy || rs[1].Edit != 31 || !rs[1].KeyboardOnly {
		t.Fatalf("👎 press: %+v", rs)
	}
	kb := buttonData(rs[1])
	incomplete := dataOf(rs[1], "why:incomplete:")
	if incomplete == "" || !slices.Contains(buttonTexts(rs[1]), "👎 ✓") {
		t.Errorf("after 👎 the keyboard is %v %v; want 👎 marked and the reasons", buttonTexts(rs[1]), kb)
	}
	got := stored()
	if len(got) != 1 || got[0].Helpful || got[0].MessageID != 31 || got[0].Question != "روابط اصفهان و مسقط چگونه است؟" ||
		got[0].Answer != r.Text || len(got[0].Citations) == 0 {
		t.Fatalf("stored feedback %+v", got)
	}
	// The reason is kept with the same record, and the reasons go away.
	rs = press(incomplete)
	if len(rs) != 2 || rs[0].Notice != feedbackThanks || !slices.Contains(buttonTexts(rs[1]), "👎 ناقص") ||
		dataOf(rs[1], "why:wrong:") != "" {
		t.Fatalf("reason press: %+v", rs)
	}
	if got := stored(); len(got) != 1 || got[0].Reason != "incomplete" {
		t.Fatalf("after the reason: %+v", got)
	}
	// A second press changes the vote rather than adding one.
	rs = press(buttonData(r)[1])
	if len(rs) != 2 || !slices.Contains(buttonTexts(rs[1]), "👍 ✓") || slices.Contains(buttonTexts(rs[1]), "👎 ناقص") {
		t.Fatalf("👍 after 👎: %+v", rs)
	}
	if got := stored(); len(got) != 1 || !got[0].Helpful || got[0].Reason != "" {
		t.Fatalf("after changing the vote: %+v", got)
	}
	// A button from another chat, or a forged one, is stale.
	for _, data := range []string{down, "fb:1:999", "fb:x", "more:1:abc", "why:bored:1", "zzz", ""} {
		rs := c.Press(ctx, Callback{ChatID: 555, UserID: 555, Data: data})
		if len(rs) != 1 || rs[0].Notice != expired {
			t.Errorf("press %q from another chat: %+v", data, rs)
		}
	}
}

func TestPartnersPages(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("/partners اصفهان"), nil))
	wantText(t, r, "(۶ مورد)، صفحهٔ ۱ از ۲")
	data := buttonData(r)
	if !strings.HasPrefix(data[0], "pg:3:") {
		t.Fatalf("no next-page button: %v", data)
	}
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 20, Data: data[0]})
	if len(rs) != 2 || rs[1].Edit != 20 {
		t.Fatalf("next page: %+v; want an edit of message 20", rs)
	}
	wantText(t, rs[1], "(۶ مورد)، صفحهٔ ۲ از ۲")
	next := buttonData(rs[1])
	if !strings.HasPrefix(next[0], "pg:0:") || strings.HasPrefix(next[1], "pg:") {
		t.Errorf("the last page's buttons are %v; want «قبلی» only", next)
	}
	// Every marker on a page names a citation of that page, and each page
	// numbers its sources from 1, as every message does.
	if len(rs[1].Citations) == 0 || rs[1].Citations[0].N != 1 {
		t.Errorf("the second page's sources are numbered %+v; want from 1", rs[1].Citations)
	}
	for _, page := range []reply.Message{r, rs[1]} {
		for _, cit := range page.Citations {
			if !strings.Contains(page.Text, "["+itoa(cit.N)+"]") {
				t.Errorf("page lists citation %d it does not cite:\n%s", cit.N, page.Text)
			}
		}
	}
	// A page button outlives the turn: a chat that never had it (a restart
	// forgets every turn) still gets the page, made again.
	rs = c.Press(ctx, Callback{ChatID: 555, UserID: 555, MessageID: 7, Data: data[0]})
	if len(rs) != 2 || rs[1].Edit != 7 {
		t.Fatalf("an old page button: %+v", rs)
	}
	wantText(t, rs[1], "صفحهٔ ۲ از ۲")
	r = one(t, c.Handle(ctx, private("/partners اصفهن"), nil))
	wantText(t, r, "«اصفهان»")
	r = one(t, c.Handle(ctx, private("/partners"), nil))
	wantText(t, r, "/partners اصفهان")
}

func itoa(n int) string { return strconv.Itoa(n) }

func TestBrief(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("/brief آذربایجان شرقی"), nil))
	wantText(t, r, "جمهوری آذربایجان:", "[1]")
	// The seeds are undated: a period leaves nothing, said plainly.
	r = one(t, c.Handle(ctx, private("/brief آذربایجان شرقی ۶ ماه"), nil))
	wantText(t, r, "خبری", "ندارم")
}

func TestSubscriptions(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("/subscribe تبريز"), nil)) // Arabic yeh
	wantText(t, r, "«تبریز» دنبال می‌شود")
	one(t, c.Handle(ctx, private("/subscribe all"), nil))
	r = one(t, c.Handle(ctx, private("/subscribe روسیه daily"), nil))
	wantText(t, r, "روزانه")
	r = one(t, c.Handle(ctx, private("/subscribe تبریزز"), nil))
	wantText(t, r, "«تبریز»") // a suggestion
	r = one(t, c.Handle(ctx, private("/subscriptions"), nil))
	wantText(t, r, "تبریز", "همهٔ مکان‌ها", "روسیه (خلاصهٔ روزانه)")
	if len(r.Buttons) != 4 || r.Buttons[3][0].Data != "mute:1" {
		t.Fatalf("buttons %v; want 3 unsubscribe and a pause", buttonData(r))
	}
	// Blocking pauses; writing again resumes.
	c.Blocked(ctx, alice)
	subs, _ := c.DB.Subscriptions(alice)
	for _, s := range subs {
		if !s.Paused {
			t.Errorf("%+v not paused after Blocked", s)
		}
	}
	one(t, c.Handle(ctx, private("/help"), nil))
	subs, _ = c.DB.Subscriptions(alice)
	for _, s := range subs {
		if s.Paused {
			t.Errorf("%+v still paused after the user wrote again", s)
		}
	}
	// The list's button edits the list to what is left; an alert's answers.
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 70, Data: r.Buttons[0][0].Data})
	if len(rs) != 2 || !strings.Contains(rs[0].Notice, "لغو شد") || rs[1].Edit != 70 || strings.Contains(rs[1].Text, "همهٔ مکان‌ها") {
		t.Fatalf("unsubscribe press in the list: %+v", rs)
	}
	rs = c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 71, Data: "unsub:کازان"})
	if len(rs) != 1 || !strings.Contains(rs[0].Notice, "پیش‌تر لغو شده") {
		t.Fatalf("an alert's unsubscribe press: %+v", rs)
	}
	r = one(t, c.Handle(ctx, private("/unsubscribe روسیه"), nil))
	wantText(t, r, "«روسیه» لغو شد")
	r = one(t, c.Handle(ctx, private("/unsubscribe روسیه"), nil))
	wantText(t, r, "دنبال نمی‌کردید")
	r = one(t, c.Handle(ctx, private("/unsubscribe"), nil))
	wantText(t, r, "همهٔ اشتراک‌هایتان لغو شد")
	r = one(t, c.Handle(ctx, private("/subscriptions"), nil))
	wantText(t, r, "هنوز")
}

func TestGroups(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	g := Message{ChatID: -100500, UserID: alice, ChatKind: Supergroup, Text: "کدام شهرها با اصفهان همکاری دارند؟", Mention: "peyvand_bot"}
	if rs := c.Handle(ctx, g, nil); len(rs) != 0 {
		t.Fatalf("answered an unaddressed group message: %+v", rs)
	}
	g.Addressed, g.Text = true, "@peyvand_bot کدام شهرها با اصفهان همکاری دارند؟"
	wantText(t, one(t, c.Handle(ctx, g, nil)), "مسکو")
	g.Text = "/partners@peyvand_bot گرگان"
	wantText(t, one(t, c.Handle(ctx, g, nil)), "گوانگژو")
}

func TestBadInput(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	for _, tc := range []struct {
		name, text, want string
	}{
		{"sticker", "", "نوشتاری"},
		{"spaces", "   \n ", "نوشتاری"},
		{"punctuation", "؟؟؟ !!!", "واژه"},
		{"long question", strings.Repeat("همکاری اصفهان ", 120), "بلند"},
		{"10k message", strings.Repeat("الف ", 2500), "بیش از اندازه بلند"},
		{"html", "<b>کدام</b> شهرها با <script>alert(1)</script> اصفهان همکاری دارند؟", "مسکو"},
		{"invalid utf-8", "اصفهان \xff\xfe با کدام شهرها همکاری دارد؟", "مسکو"},
	} {
		r := one(t, c.Handle(ctx, private(tc.text), nil))
		if !strings.Contains(r.Text, tc.want) {
			t.Errorf("%s: reply %q; want %q in it", tc.name, persian.Clip(r.Text, 200), tc.want)
		}
	}
}

func TestRateLimit(t *testing.T) {
	c, clk := newCore(t)
	c.RatePerMinute = 2
	ctx := context.Background()
	q := "روابط اصفهان و مسقط چگونه است؟"
	one(t, c.Handle(ctx, private(q), nil))
	clk.add(10 * time.Second)
	one(t, c.Handle(ctx, private(q), nil))
	clk.add(10 * time.Second)
	r := one(t, c.Handle(ctx, private(q), nil))
	wantText(t, r, "۴۰ ثانیه") // the first question leaves the window in 40 s
	// Other users and help are not limited.
	other := private(q)
	other.UserID, other.ChatID = 202, 202
	wantText(t, one(t, c.Handle(ctx, other, nil)), "مسقط")
	wantText(t, one(t, c.Handle(ctx, private("/help"), nil)), "/partners")
	clk.add(41 * time.Second)
	wantText(t, one(t, c.Handle(ctx, private(q), nil)), "مسقط")
}

func TestAdmin(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	for _, cmd := range []string{"/stats", "/ingest https://example.ir/news/1"} {
		wantText(t, one(t, c.Handle(ctx, private(cmd), nil)), "فقط برای مدیران")
	}
	m := private("/stats")
	m.UserID = admin
	wantText(t, one(t, c.Handle(ctx, m, nil)), "خبرها: ۵", "مشترکان")
	m.Text = "/ingest https://example.ir/news/1"
	wantText(t, one(t, c.Handle(ctx, m, nil)), "فعال نیست")
	c.Fetch = func(_ context.Context, u string) (peyvand.Article, error) {
		return peyvand.Article{ID: u, URL: u, Title: "تفاهم‌نامه همکاری تبریز و باکو", Source: "example.ir",
			Text: "استاندار آذربایجان شرقی گفت تفاهم‌نامه همکاری اقتصادی تبریز و باکو امضا شد."}, nil
	}
	wantText(t, one(t, c.Handle(ctx, m, nil)), "افزوده شد")
	wantText(t, one(t, c.Handle(ctx, m, nil)), "تغییری نکرده")
	m.Text = "/ingest ftp://x"
	wantText(t, one(t, c.Handle(ctx, m, nil)), "نشانی خبر")
	m.Text = "/stats"
	wantText(t, one(t, c.Handle(ctx, m, nil)), "خبرها: ۶")
}

func TestStreamPassedThrough(t *testing.T) {
	// The extractive composer never streams; the callback must not break it.
	c, _ := newCore(t)
	var calls int
	r := one(t, c.Handle(context.Background(), private("روابط اصفهان و مسقط چگونه است؟"), func(string) { calls++ }))
	wantText(t, r, "مسقط")
}

// TestSmallTalkAndNonsense: a greeting, thanks or "what can you do" gets a
// short reply with examples the database can answer, no sources and no
// buttons; nonsense gets a hint; neither inherits the last question.
func TestSmallTalkAndNonsense(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	ex := c.Service.Examples(false, 3)
	if len(ex) == 0 {
		t.Fatal("no examples from the sample database")
	}
	for _, msg := range []string{"سلام", "ممنون", "چیکار میتونی بکنی؟", "hi", "asdf qwer", "ککک"} {
		r := one(t, c.Handle(ctx, private(msg), nil))
		if len(r.Citations) > 0 || len(r.Buttons) > 0 || strings.Contains(r.Text, "نیافتم") {
			t.Errorf("%q: reply %+v; want a plain reply", msg, r)
		}
		if msg != "ممنون" && !strings.Contains(r.Text, ex[0]) && !strings.Contains(r.Text, "For example") {
			t.Errorf("%q: reply %q lacks an example from the database (%q)", msg, r.Text, ex[0])
		}
	}
	// Nonsense after a question is no follow-up of it.
	one(t, c.Handle(ctx, private("کدام شهرها با اصفهان همکاری دارند؟"), nil))
	r := one(t, c.Handle(ctx, private("asdf qwer"), nil))
	if strings.Contains(r.Text, "دربارهٔ «") || len(r.Citations) > 0 || !strings.Contains(r.Text, "did not understand") {
		t.Errorf("nonsense after a question was answered as a question: %q", r.Text)
	}
	// The examples /start offers are the database's, and pressing one asks it.
	st := one(t, c.Handle(ctx, private("/start"), nil))
	if len(st.Buttons) != len(ex) || st.Buttons[0][0].Text != ex[0] {
		t.Fatalf("/start buttons %+v; want the database's examples %q", st.Buttons, ex)
	}
}

// TestEnglishAndFollowUpIntent: an English question is answered in English
// around the Persian evidence, and «و … چطور؟» keeps the sister-city intent.
func TestEnglishAndFollowUpIntent(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("Which cities are twinned with Isfahan?"), nil))
	wantText(t, r, "Foreign ties of Isfahan", "sister city", "[1]")
	if !r.English || len(r.Buttons) == 0 || r.Buttons[0][0].Text != "Sources" {
		t.Errorf("English reply: English %v, buttons %+v; want an English sources button", r.English, r.Buttons)
	}
	r = one(t, c.Handle(ctx, private("کدام شهرها با اصفهان خواهرخوانده هستند؟"), nil))
	wantText(t, r, "خواهرخواندگی")
	r = one(t, c.Handle(ctx, private("و گرگان چطور؟"), nil))
	wantText(t, r, "گوانگژو", "خواهرخواندگی")
	if strings.Contains(r.Text, "اصفهان") {
		t.Errorf("the follow-up kept Isfahan: %q", r.Text)
	}
}

// TestSmallTalkIsNotRateLimited: greetings and nonsense run no retrieval,
// so they do not use up the question limit.
func TestSmallTalkIsNotRateLimited(t *testing.T) {
	c, _ := newCore(t)
	c.RatePerMinute = 2
	ctx := context.Background()
	for _, msg := range []string{"سلام", "ممنون", "asdf", "hi", "ککک"} {
		if r := one(t, c.Handle(ctx, private(msg), nil)); strings.Contains(r.Text, "به سقف پرسش‌ها رسیدید") {
			t.Fatalf("%q was rate-limited", msg)
		}
	}
	for i, msg := range []string{"کدام شهرها با اصفهان همکاری دارند؟", "شرکای خارجی گرگان کدامند؟", "کدام شهرها با شیراز خواهرخوانده هستند؟"} {
		r := one(t, c.Handle(ctx, private(msg), nil))
		if limited := strings.Contains(r.Text, "به سقف پرسش‌ها رسیدید"); limited != (i == 2) {
			t.Errorf("question %d rate-limited %v; want only the third", i+1, limited)
		}
	}
}

// TestCommandsHaveTheirOwnLimit: exploring the commands and buttons never
// uses up the question limit, and each wait names the limit reached.
func TestCommandsHaveTheirOwnLimit(t *testing.T) {
	c, clk := newCore(t)
	c.RatePerMinute, c.CommandsPerMinute = 2, 8
	ctx := context.Background()
	// Seven partner lists, briefs and help pages in a minute: no wait.
	var list reply.Message
	for i, cmd := range []string{"/partners اصفهان", "/brief اصفهان", "/help", "/partners تبریز", "/brief آذربایجان شرقی", "/partners اصفهان", "/help"} {
		r := one(t, c.Handle(ctx, private(cmd), nil))
		if strings.Contains(r.Text, "به سقف") {
			t.Fatalf("command %d %q was told to wait: %s", i+1, cmd, r.Text)
		}
		if i == 5 {
			list = r
		}
	}
	// The questions are still all there.
	wantText(t, one(t, c.Handle(ctx, private("روابط اصفهان و مسقط چگونه است؟"), nil)), "مسقط")
	// The eighth command or button is the last; the ninth waits, and says
	// it is the command limit, in a toast for a button.
	if rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, Data: buttonData(list)[len(buttonData(list))-1]}); len(rs) == 0 || strings.Contains(rs[0].Notice, "به سقف") {
		t.Fatalf("the eighth request was refused: %+v", rs)
	}
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, Data: buttonData(list)[0]})
	if len(rs) != 1 || !strings.Contains(rs[0].Notice, "به سقف دستورها و دکمه‌ها رسیدید (۸ در دقیقه)") {
		t.Errorf("ninth request: %+v; want the command limit's toast", rs)
	}
	r := one(t, c.Handle(ctx, private("/help"), nil))
	wantText(t, r, "به سقف دستورها و دکمه‌ها رسیدید", "ثانیهٔ دیگر")
	// A question still goes: the two limits are apart.
	wantText(t, one(t, c.Handle(ctx, private("کدام شهرها با اصفهان همکاری دارند؟"), nil)), "مسقط")
	r = one(t, c.Handle(ctx, private("روابط تبریز و باکو چگونه است؟"), nil))
	wantText(t, r, "به سقف پرسش‌ها رسیدید (۲ پرسش در دقیقه)")
	clk.add(time.Minute)
	wantText(t, one(t, c.Handle(ctx, private("/help"), nil)), "/partners")
}

// TestSourcesFollowThePage: after «بیشتر», /sources lists the sources as
// the page shown numbers them.
func TestSourcesFollowThePage(t *testing.T) {
	c, _ := newCore(t)
	ctx := context.Background()
	r := one(t, c.Handle(ctx, private("/partners اصفهان"), nil))
	rs := c.Press(ctx, Callback{ChatID: alice, UserID: alice, MessageID: 20, Data: buttonData(r)[0]})
	if len(rs) != 2 {
		t.Fatalf("more: %+v", rs)
	}
	page := rs[1]
	src := one(t, c.Handle(ctx, private("/sources"), nil))
	if len(src.Citations) != len(page.Citations) {
		t.Fatalf("/sources lists %d sources; the page shown has %d", len(src.Citations), len(page.Citations))
	}
	for i, ci := range page.Citations {
		if src.Citations[i].N != ci.N || src.Citations[i].ArticleID != ci.ArticleID {
			t.Errorf("/sources [%d] is %s; the page's [%d] is %s", src.Citations[i].N, src.Citations[i].ArticleID, ci.N, ci.ArticleID)
		}
	}
}
