package bot

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/reply"
)

// testCites are the citations the echo handler answers with: a title and
// URL that need escaping, and a URL that must never become a link.
var testCites = []peyvand.Citation{
	{N: 1, Title: `صادرات <b>فرش</b> & "پسته"`, URL: "https://www.irna.ir/news/1?a=1&b=2", Source: "ایرنا", Date: time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)},
	{N: 2, Title: "خبر دوم", URL: "javascript:alert(1)", Source: "ایسنا"},
}

// echo is a small real Handler: it answers an addressed text with the text
// and a citation, a non-text message with a hint, a press with the sources
// in an edit; it records what it got. Its fields, when set, replace the
// answers.
type echo struct {
	handle func(ctx context.Context, m chat.Message, stream func(string)) []reply.Message
	press  func(ctx context.Context, cb chat.Callback) []reply.Message

	mu      sync.Mutex
	got     []chat.Message
	presses []chat.Callback
	blocked []int64
}

func (e *echo) Handle(ctx context.Context, m chat.Message, stream func(string)) []reply.Message {
	e.mu.Lock()
	e.got = append(e.got, m)
	e.mu.Unlock()
	if e.handle != nil {
		return e.handle(ctx, m, stream)
	}
	switch {
	case !m.Addressed:
		return nil
	case m.Text == "":
		return []reply.Message{{Text: "فقط پرسش‌های متنی را می‌فهمم؛ بپرسید: «شریکان تبریز؟»", ReplyTo: m.MessageID}}
	}
	return []reply.Message{{
		Text:      "پرسیدید: " + strings.TrimSpace(strings.ReplaceAll(m.Text, m.Mention, "")) + " [1]",
		Citations: testCites,
		ReplyTo:   m.MessageID,
		Buttons:   [][]reply.Button{{{Text: "منابع", Data: "src"}}, {{Text: "👍", Data: "fb:+"}, {Text: "👎", Data: "fb:-"}}},
	}}
}

func (e *echo) Press(ctx context.Context, cb chat.Callback) []reply.Message {
	e.mu.Lock()
	e.presses = append(e.presses, cb)
	e.mu.Unlock()
	if e.press != nil {
		return e.press(ctx, cb)
	}
	return []reply.Message{{Notice: "منابع پاسخ", Text: "منابع این پاسخ:", Citations: testCites, Sources: true, Edit: cb.MessageID}}
}

// Inline answers an inline query with one result echoing it.
func (e *echo) Inline(_ context.Context, q chat.InlineQuery) reply.Inline {
	return reply.Inline{Results: []reply.Article{{ID: "echo", Title: q.Text,
		Message: reply.Message{Text: "پرسیدید: " + q.Text + " [1]", Citations: testCites, Sources: true}}}}
}

func (e *echo) Blocked(_ context.Context, chatID int64) {
	e.mu.Lock()
	e.blocked = append(e.blocked, chatID)
	e.mu.Unlock()
}

func (e *echo) messages() []chat.Message {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]chat.Message(nil), e.got...)
}

func (e *echo) blockedChats() []int64 {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]int64(nil), e.blocked...)
}

// logBuf collects log output for checks, safe for concurrent writes.
type logBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// sleeps records the waits before retries and waits a thousandth of each.
type sleeps struct {
	mu sync.Mutex
	d  []time.Duration
}

func (s *sleeps) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.d = append(s.d, d)
	s.mu.Unlock()
	return sleep(ctx, d/1000)
}

func (s *sleeps) waits() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.d...)
}

// harness is a Bot running against the fake Bot API (tgtest).
type harness struct {
	f      *tgtest.Server
	h      *echo
	b      *Bot
	logs   *logBuf
	sleeps *sleeps
	done   chan error
	cancel context.CancelFunc
	once   sync.Once
	err    error
}

// testConfig is a Config for f with short waits and a debug log into logs.
func testConfig(f *tgtest.Server, logs *logBuf, s *sleeps) Config {
	return Config{
		Token:          tgtest.Token,
		APIEndpoint:    f.URL(),
		Logger:         slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
		Workers:        4,
		PollTimeout:    time.Second,
		RetryBase:      time.Millisecond,
		MaxBackoff:     10 * time.Millisecond,
		MaxRetries:     3,
		TypingInterval: 50 * time.Millisecond,
		EditInterval:   50 * time.Millisecond,
		Sleep:          s.sleep,
		SendRate:       -1, // pacing has its own tests (pace_test.go)
	}
}

// start runs a Bot with h (an echo when nil) against a new tgtest server; edit
// adjusts its Config. The bot is stopped when the test ends.
func start(t *testing.T, h *echo, edit func(*Config)) *harness {
	t.Helper()
	f := tgtest.New(t)
	return startWith(t, f, h, edit)
}

func startWith(t *testing.T, f *tgtest.Server, h *echo, edit func(*Config)) *harness {
	t.Helper()
	if h == nil {
		h = &echo{}
	}
	x := &harness{f: f, h: h, logs: &logBuf{}, sleeps: &sleeps{}, done: make(chan error, 1)}
	cfg := testConfig(f, x.logs, x.sleeps)
	if edit != nil {
		edit(&cfg)
	}
	b, err := New(context.Background(), cfg, h)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	x.b = b
	ctx, cancel := context.WithCancel(context.Background())
	x.cancel = cancel
	go func() { x.done <- b.Run(ctx) }()
	t.Cleanup(func() {
		x.stop(t)
		if strings.Contains(x.logs.String(), tgtest.Token) {
			t.Errorf("the token is in the logs")
		}
	})
	return x
}

// stop cancels Run and returns what it returned.
func (x *harness) stop(t *testing.T) error {
	t.Helper()
	x.once.Do(func() {
		x.cancel()
		select {
		case x.err = <-x.done:
		case <-time.After(15 * time.Second):
			t.Fatal("Run did not return after cancel")
		}
	})
	return x.err
}

// checkHTML fails the test unless every part is Telegram-valid and fits.
func checkHTML(t *testing.T, parts ...string) {
	t.Helper()
	for i, p := range parts {
		v, err := tgtest.ParseHTML(p)
		if err != nil {
			t.Errorf("part %d is not valid Telegram HTML: %v\n%s", i, err, p)
			continue
		}
		if n := utf16Len16(v); n > maxMessageLen {
			t.Errorf("part %d shows %d UTF-16 units; want ≤ %d", i, n, maxMessageLen)
		}
	}
}

func utf16Len16(s string) int {
	n := 0
	for _, r := range s {
		n += utf16Len(r)
	}
	return n
}

// waitFor polls cond until it holds or the test times out.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}
