package alert_test

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/bot"
	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/store"
)

// clock runs at real speed from a chosen instant, so rate limits are real
// while due times are the test's.
type clock struct {
	mu     sync.Mutex
	offset time.Duration
}

func newClock(at time.Time) *clock { return &clock{offset: time.Until(at)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

func (c *clock) Set(at time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset = time.Until(at)
}

// idle is a bot.Handler for a bot that only sends.
type idle struct{}

func (idle) Handle(context.Context, chat.Message, func(string)) []reply.Message { return nil }
func (idle) Press(context.Context, chat.Callback) []reply.Message               { return nil }
func (idle) Inline(context.Context, chat.InlineQuery) reply.Inline              { return reply.Inline{} }
func (idle) Blocked(context.Context, int64)                                     {}

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// newBot is the real Telegram adapter against the fake Bot API.
func newBot(tb testing.TB, api *tgtest.Server) *bot.Bot {
	tb.Helper()
	// The bot's own pacer is off: these tests time the sender's pacing,
	// which the pacer (bot/pace_test.go) would blur by a slot or two.
	b, err := bot.New(context.Background(), bot.Config{Token: tgtest.Token, APIEndpoint: api.Endpoint(), Logger: quiet,
		RequestTimeout: 500 * time.Millisecond, SendRate: -1}, idle{})
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// newSender sends through b with fast test limits.
func newSender(e *env, b *bot.Bot, c *clock) *alert.Sender {
	return &alert.Sender{DB: e.db, Send: b.Send, Rate: 500, ChatInterval: 5 * time.Millisecond,
		GroupInterval: 10 * time.Millisecond, RetryBase: 20 * time.Millisecond, MaxBackoff: 100 * time.Millisecond,
		Now: c.Now, Log: quiet}
}

func drain(tb testing.TB, s *alert.Sender) {
	tb.Helper()
	if _, err := s.Drain(context.Background()); err != nil {
		tb.Fatal(err)
	}
}

// runUntil runs the sender until cond holds (or 10 s pass).
func runUntil(tb testing.TB, s *alert.Sender, what string, cond func() bool) {
	tb.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- s.Run(ctx) }()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			cancel()
			<-done
			tb.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		tb.Fatal(err)
	}
}

func TestSendReachesMatchingSubscribers(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	s := newSender(e, newBot(t, api), c)
	e.planner.Wake = s.Wake
	e.subscribe(t, 1, "اصفهان", false)
	e.subscribe(t, 2, "روسیه", false)
	e.subscribe(t, 3, "تبریز", false)
	e.subscribe(t, -100, "کازان", false)
	// Two outlets carry the story before the alert goes out: one alert,
	// citing both.
	e.ingest(t, dated(kazanIRNA, today), dated(kazanCopy, today))
	drain(t, s)

	got := api.Chats()
	if got[1] != 1 || got[2] != 1 || got[-100] != 1 || got[3] != 0 || api.Total() != 3 {
		t.Fatalf("messages by chat = %v, want one each for 1, 2 and -100", got)
	}
	msg := api.Sent(1)[0].Params
	text := msg.Get("text")
	for _, want := range []string{kazanIRNA.Title, "خواهرخواندگی", "اصفهان ↔ کازان (روسیه)",
		persian.FormatJalali(today), kazanIRNA.URL, kazanCopy.URL, "ایرنا", "ایسنا",
		// The one-sentence excerpt: the statement of the tie, quoted.
		"«شهردار اصفهان و شهردار کازان روز دوشنبه در مراسمی سند خواهرخواندگی دو شهر را امضا کردند"} {
		if !strings.Contains(text, want) {
			t.Errorf("alert lacks %q:\n%s", want, text)
		}
	}
	if msg.Get("parse_mode") != "HTML" || !strings.Contains(msg.Get("reply_markup"), `"callback_data":"unsub:اصفهان"`) {
		t.Errorf("alert markup: parse_mode %q, reply_markup %s", msg.Get("parse_mode"), msg.Get("reply_markup"))
	}
	if !strings.Contains(api.Sent(2)[0].Params.Get("reply_markup"), "unsub:روسیه") {
		t.Errorf("chat 2's button should unsubscribe روسیه: %s", api.Sent(2)[0].Params.Get("reply_markup"))
	}

	// A third outlet, in other words, the next day: a citation, no alert.
	c.Set(today.Add(26 * time.Hour))
	e.ingest(t, dated(kazanRetold, today.AddDate(0, 0, 1)))
	drain(t, s)
	if api.Total() != 3 {
		t.Errorf("the retold story alerted again: %v", api.Chats())
	}
	st, err := e.db.OutboxStats()
	if err != nil {
		t.Fatal(err)
	}
	if st != (store.OutboxStats{Events: 1, Sent: 3}) {
		t.Errorf("outbox stats = %+v", st)
	}
}

func TestSendDigest(t *testing.T) {
	c := newClock(today) // 13:00 in Tehran
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	s := newSender(e, newBot(t, api), c)
	e.subscribe(t, 1, peyvand.AllPlaces, true)
	e.ingest(t, dated(kazanIRNA, today), dated(tabrizMOU, today))
	next, err := s.Drain(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if api.Total() != 0 {
		t.Fatalf("digest sent before its hour: %v", api.Chats())
	}
	if want := time.Date(2026, 11, 24, 4, 30, 0, 0, time.UTC); !next.Equal(want) {
		t.Errorf("next due %v, want %v (08:00 Tehran)", next, want)
	}
	c.Set(next.Add(time.Minute))
	drain(t, s)
	sent := api.Sent(1)
	if len(sent) != 1 {
		t.Fatalf("%d digest messages, want 1", len(sent))
	}
	text := sent[0].Params.Get("text")
	for _, want := range []string{"خلاصهٔ روزانه", kazanIRNA.Title, tabrizMOU.Title, kazanIRNA.URL, tabrizMOU.URL} {
		if !strings.Contains(text, want) {
			t.Errorf("digest lacks %q:\n%s", want, text)
		}
	}
}

// TestSend429Storm: Telegram answers "too many requests" to a burst; the
// sender waits as told and loses nothing, sending nothing twice.
func TestSend429Storm(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	var refused atomic.Int32
	api.Decide(func(call tgtest.Call) tgtest.Answer {
		if call.Method == "sendMessage" && refused.Add(1) <= 3 {
			return tgtest.Refuse(http.StatusTooManyRequests, "Too Many Requests: retry after 1", 1)
		}
		return nil
	})
	s := newSender(e, newBot(t, api), c)
	for id := int64(1); id <= 20; id++ {
		e.subscribe(t, id, peyvand.AllPlaces, false)
	}
	e.ingest(t, dated(kazanIRNA, today))
	start := time.Now()
	drain(t, s)
	elapsed := time.Since(start)
	for id := int64(1); id <= 20; id++ {
		if n := len(api.Sent(id)); n != 1 {
			t.Errorf("chat %d: %d messages, want 1", id, n)
		}
	}
	if elapsed < time.Second {
		t.Errorf("drained in %v: retry_after 1s was not honoured", elapsed)
	}
	if st, _ := e.db.OutboxStats(); st.Pending != 0 || st.Sent != 20 || st.Dropped != 0 {
		t.Errorf("outbox stats = %+v, want 20 sent", st)
	}
}

// TestSend403Pauses: a user who blocked the bot has their subscriptions
// paused and is not tried again.
func TestSend403Pauses(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	api.Decide(func(call tgtest.Call) tgtest.Answer {
		if call.Method == "sendMessage" && call.ChatID() == 7 {
			return tgtest.Refuse(http.StatusForbidden, "Forbidden: bot was blocked by the user", 0)
		}
		return nil
	})
	s := newSender(e, newBot(t, api), c)
	e.subscribe(t, 7, peyvand.AllPlaces, false)
	e.subscribe(t, 8, peyvand.AllPlaces, false)
	e.ingest(t, dated(kazanIRNA, today), dated(tabrizMOU, today))
	drain(t, s)
	tries := 0
	for _, call := range api.Calls() {
		if call.Method == "sendMessage" && call.ChatID() == 7 {
			tries++
		}
	}
	if tries != 1 || len(api.Sent(8)) != 2 {
		t.Errorf("chat 7 tried %d times (want 1), chat 8 got %d (want 2)", tries, len(api.Sent(8)))
	}
	subs, err := e.db.Subscriptions(7)
	if err != nil || len(subs) != 1 || !subs[0].Paused {
		t.Errorf("chat 7's subscriptions = %+v, %v; want paused", subs, err)
	}
	if st, _ := e.db.OutboxStats(); st.Pending != 0 || st.Dropped != 2 || st.Sent != 2 {
		t.Errorf("outbox stats = %+v, want 2 sent, 2 dropped", st)
	}
	// Paused, the chat is not queued for new events.
	e.ingest(t, dated(peyvand.Article{ID: "x", Title: "تفاهم‌نامهٔ همکاری شیراز و دوشنبه امضا شد",
		Text: "استاندار فارس و شهردار دوشنبه تفاهم‌نامهٔ همکاری اقتصادی شیراز و دوشنبه را امضا کردند."}, today))
	if out := e.outbox(t); len(out[7]) != 0 || len(out[8]) != 1 {
		t.Errorf("after a new event: outbox %v, want chat 8 only", out)
	}
}

// TestSendRetriesTransientFailures: a 5xx page, a dropped answer and a
// timeout delay the alert; it arrives once.
func TestSendRetriesTransientFailures(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	var n atomic.Int32
	api.Decide(func(call tgtest.Call) tgtest.Answer {
		if call.Method != "sendMessage" {
			return nil
		}
		switch n.Add(1) {
		case 1:
			return tgtest.Raw(http.StatusBadGateway, "<html><body>502 Bad Gateway</body></html>")
		case 2:
			return tgtest.Refuse(http.StatusInternalServerError, "Internal Server Error", 0)
		case 3:
			return tgtest.Hang(nil) // past the bot's request timeout
		}
		return nil
	})
	s := newSender(e, newBot(t, api), c)
	e.planner.Wake = s.Wake
	e.subscribe(t, 1, "تبریز", false)
	e.ingest(t, dated(tabrizMOU, today))
	runUntil(t, s, "the alert after three failures", func() bool { return api.Total() == 1 })
	if got := n.Load(); got != 4 {
		t.Errorf("%d sendMessage calls, want 4", got)
	}
	if st, _ := e.db.OutboxStats(); st.Pending != 0 || st.Sent != 1 {
		t.Errorf("outbox stats = %+v, want 1 sent", st)
	}
}

// TestSendGivesUp: a delivery failing every time is dropped after
// MaxAttempts, not retried forever.
func TestSendGivesUp(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	api.Decide(func(call tgtest.Call) tgtest.Answer {
		if call.Method == "sendMessage" {
			return tgtest.Refuse(http.StatusServiceUnavailable, "Service Unavailable", 0)
		}
		return nil
	})
	s := newSender(e, newBot(t, api), c)
	s.MaxAttempts = 3
	e.subscribe(t, 1, "تبریز", false)
	e.ingest(t, dated(tabrizMOU, today))
	runUntil(t, s, "the delivery to be dropped", func() bool {
		st, _ := e.db.OutboxStats()
		return st.Dropped == 1
	})
	if calls := len(api.Calls()); calls != 1+3 { // getMe and three tries
		t.Errorf("%d calls, want getMe and 3 tries", calls)
	}
}

// TestSendPacesChatsAcrossRounds: a chat's interval holds between two
// drains, and a chat waiting on its interval does not hold up others.
func TestSendPacesChatsAcrossRounds(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	s := newSender(e, newBot(t, api), c)
	s.ChatInterval, s.GroupInterval = 300*time.Millisecond, 600*time.Millisecond
	e.subscribe(t, 1, peyvand.AllPlaces, false)
	e.ingest(t, dated(kazanIRNA, today))
	drain(t, s)
	e.ingest(t, dated(tabrizMOU, today))
	drain(t, s)
	sent := api.Sent(1)
	if len(sent) != 2 {
		t.Fatalf("chat 1 got %d alerts, want 2", len(sent))
	}
	if gap := sent[1].At.Sub(sent[0].At); gap < 250*time.Millisecond {
		t.Errorf("two alerts to one chat %v apart across drains, want ≥ 300ms", gap)
	}

	// A group with three alerts queued, a private chat with one: the
	// private chat's comes before the group's second.
	e.subscribe(t, -100, peyvand.AllPlaces, false)
	e.subscribe(t, 2, "تبریز", false)
	for i, a := range []peyvand.Article{shirazMOU("s1", "دوشنبه"), shirazMOU("s2", "مسقط"), dated(tabrizFair, today)} {
		e.ingest(t, dated(a, today.Add(time.Duration(i)*time.Minute)))
	}
	drain(t, s)
	group, private := api.Sent(-100), api.Sent(2)
	if len(group) != 3 || len(private) != 1 {
		t.Fatalf("group got %d (want 3), chat 2 got %d (want 1)", len(group), len(private))
	}
	if !private[0].At.Before(group[1].At) {
		t.Errorf("chat 2's alert at %v waited behind the group's second at %v", private[0].At, group[1].At)
	}
	for i := 1; i < len(group); i++ {
		if gap := group[i].At.Sub(group[i-1].At); gap < 550*time.Millisecond {
			t.Errorf("group alerts %v apart, want ≥ 600ms", gap)
		}
	}
}

// TestUnsubscribeDropsQueued: pressing «لغو اشتراک» before the alert goes
// out means it does not.
func TestUnsubscribeDropsQueued(t *testing.T) {
	c := newClock(today)
	e := newEnv(t, "", c.Now)
	api := tgtest.New(t)
	s := newSender(e, newBot(t, api), c)
	e.subscribe(t, 1, "اصفهان", true)
	e.subscribe(t, 2, "اصفهان", false)
	e.ingest(t, dated(kazanIRNA, today))
	if n, err := e.db.Unsubscribe(1, "اصفهان"); n != 1 || err != nil {
		t.Fatal(n, err)
	}
	c.Set(today.AddDate(0, 0, 1))
	drain(t, s)
	if got := api.Chats(); got[1] != 0 || got[2] != 1 {
		t.Errorf("alerts by chat = %v, want none for the unsubscribed chat 1", got)
	}
}
