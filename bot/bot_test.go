package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/reply"
)

// TestAnswer runs a question through polling, the echo handler and back,
// and checks every field of the sendMessage the Bot API got.
func TestAnswer(t *testing.T) {
	var ok atomic.Int32
	x := start(t, nil, func(c *Config) { c.OnAPISuccess = func() { ok.Add(1) } })
	x.f.Push(text(7, 11, `<script>alert("x")</script> & شریکان تبریز؟`))
	waitFor(t, "the answer", func() bool { return len(x.f.SentTo(7)) == 1 })

	c := x.f.SentTo(7)[0]
	checkHTML(t, c.Params.Get("text"))
	if got, want := c.Params.Get("text"), `پرسیدید: &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; شریکان تبریز؟ <a href="https://www.irna.ir/news/1?a=1&amp;b=2">[۱]</a>`; got != want {
		t.Errorf("text =\n%s\nwant\n%s", got, want)
	}
	for key, want := range map[string]string{
		"parse_mode":                  "HTML",
		"disable_web_page_preview":    "true",
		"reply_to_message_id":         "11",
		"allow_sending_without_reply": "true",
	} {
		if got := c.Params.Get(key); got != want {
			t.Errorf("%s = %q; want %q", key, got, want)
		}
	}
	var markup struct {
		InlineKeyboard [][]struct {
			Text         string `json:"text"`
			CallbackData string `json:"callback_data"`
		} `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(c.Params.Get("reply_markup")), &markup); err != nil {
		t.Fatalf("reply_markup: %v", err)
	}
	if kb := markup.InlineKeyboard; len(kb) != 2 || kb[0][0].Text != "منابع" || kb[0][0].CallbackData != "src" || kb[1][1].CallbackData != "fb:-" {
		t.Errorf("reply_markup = %s", c.Params.Get("reply_markup"))
	}

	// setMyCommands was sent at start, with the Persian descriptions.
	cmds := x.f.CallsTo("setMyCommands")
	if len(cmds) != 1 {
		t.Fatalf("%d setMyCommands calls; want 1", len(cmds))
	}
	var sent []struct{ Command, Description string }
	json.Unmarshal([]byte(cmds[0].Params.Get("commands")), &sent)
	if len(sent) != len(chat.Commands) || sent[0].Command != chat.Commands[0].Name || sent[0].Description != chat.Commands[0].Description {
		t.Errorf("setMyCommands commands = %s", cmds[0].Params.Get("commands"))
	}
	if len(x.f.CallsTo("deleteWebhook")) != 1 {
		t.Errorf("polling did not delete a webhook first")
	}
	if ok.Load() < 3 { // setMyCommands, deleteWebhook, getUpdates, sendMessage
		t.Errorf("OnAPISuccess called %d times; want one per successful call", ok.Load())
	}
	if strings.Contains(x.logs.String(), "شریکان") || strings.Contains(x.logs.String(), "script") {
		t.Errorf("message text in the logs:\n%s", x.logs.String())
	}
}

// TestGroups checks that in a group only what is addressed to the bot gets
// an answer, and that a sticker gets a hint, not silence.
func TestGroups(t *testing.T) {
	x := start(t, nil, nil)
	const g = -100500
	q := "@peyvand_bot شریکان اصفهان؟"
	x.f.Push(
		messageUpdate(tgMsg{chat: g, kind: "supergroup", user: 1, id: 1, text: "سلام به همه"}),
		messageUpdate(tgMsg{chat: g, kind: "supergroup", user: 1, id: 2, text: q, entities: mention(q, "@peyvand_bot")}),
		messageUpdate(tgMsg{chat: g, kind: "supergroup", user: 1, id: 3, text: "/help@other_bot", entities: command("/help@other_bot")}),
		messageUpdate(tgMsg{chat: g, kind: "supergroup", user: 2, id: 4, text: "و با ترکیه؟", replyTo: fromBot(g, 1)}),
		messageUpdate(tgMsg{chat: g, kind: "supergroup", user: 2, id: 5, sticker: true}),
		messageUpdate(tgMsg{chat: 9, id: 6, sticker: true}),
	)
	waitFor(t, "five messages handled", func() bool { return len(x.h.messages()) == 6 })
	waitFor(t, "the hint", func() bool { return len(x.f.SentTo(9)) == 1 })
	var replied []int
	for _, c := range x.f.SentTo(g) {
		replied = append(replied, c.Int("reply_to_message_id"))
	}
	if !slices.Equal(replied, []int{2, 4}) {
		t.Errorf("the bot answered messages %v in the group; want [2 4]", replied)
	}
	if got := x.f.SentTo(9)[0].Params.Get("text"); !strings.Contains(got, "متنی") {
		t.Errorf("sticker answer = %q; want the hint", got)
	}
}

// TestLongAnswer checks a reply over the limit: several valid messages,
// the reply-to on the first, the buttons on the last.
func TestLongAnswer(t *testing.T) {
	long := persianText(11000, 5) + " 😀👨\u200d👩\u200d👧 <b>&</b>"
	h := &echo{handle: func(_ context.Context, m chat.Message, _ func(string)) []reply.Message {
		return []reply.Message{{Text: long, Citations: testCites, Sources: true, ReplyTo: m.MessageID,
			Buttons: [][]reply.Button{{{Text: "بیشتر", Data: "more:2"}}}}}
	}}
	x := start(t, h, nil)
	x.f.Push(text(7, 11, "گزارش کامل"))
	waitFor(t, "the answer", func() bool { return len(x.h.messages()) == 1 })
	x.stop(t)
	parts := x.f.SentTo(7)
	if len(parts) < 3 {
		t.Fatalf("%d messages; want at least 3", len(parts))
	}
	var texts []string
	for i, c := range parts {
		texts = append(texts, c.Params.Get("text"))
		if got, want := c.Params.Get("reply_to_message_id") != "", i == 0; got != want {
			t.Errorf("part %d: reply_to set = %v; want %v", i, got, want)
		}
		if got, want := c.Params.Get("reply_markup") != "", i == len(parts)-1; got != want {
			t.Errorf("part %d: buttons = %v; want %v", i, got, want)
		}
	}
	checkHTML(t, texts...)
	checkSplit(t, render(reply.Message{Text: long, Citations: testCites, Sources: true}), texts, maxMessageLen)
}

func TestPressEditsAndNotifies(t *testing.T) {
	var presses atomic.Int32
	h := &echo{}
	h.press = func(_ context.Context, cb chat.Callback) []reply.Message {
		presses.Add(1)
		// The same content each time: the second edit changes nothing.
		return []reply.Message{{Notice: "منابع پاسخ", Text: "منابع:", Citations: testCites, Sources: true, Edit: cb.MessageID}}
	}
	x := start(t, h, nil)
	x.f.Seed(7, 77, "پاسخ")
	x.f.Push(press(7, 8, 77, "src"))
	waitFor(t, "the edit", func() bool { return len(x.f.CallsTo("editMessageText")) == 1 })
	x.f.Push(press(7, 8, 77, "src"))
	waitFor(t, "the second edit", func() bool { return len(x.f.CallsTo("editMessageText")) == 2 })
	x.stop(t)

	answers := x.f.CallsTo("answerCallbackQuery")
	if len(answers) != 2 || answers[0].Params.Get("callback_query_id") != "cbq-77-src" || answers[0].Params.Get("text") != "منابع پاسخ" {
		t.Errorf("answerCallbackQuery calls = %+v", answers)
	}
	e := x.f.CallsTo("editMessageText")[0]
	if e.Int("message_id") != 77 || e.ChatID() != 7 || !strings.Contains(e.Params.Get("text"), "<b>منابع</b>") {
		t.Errorf("editMessageText = %v", e.Params)
	}
	checkHTML(t, e.Params.Get("text"))
	if n := len(x.f.CallsTo("sendMessage")); n != 0 {
		t.Errorf("%d messages sent; the edits should do", n)
	}
	if strings.Contains(x.logs.String(), `"level":"ERROR"`) {
		t.Errorf("\"message is not modified\" was logged as an error:\n%s", x.logs.String())
	}
}

// TestLongEditStaysOneMessage: a page edited in place that would need two
// messages is cut to one, keeping its buttons; a toast over Telegram's 200
// characters is cut too.
func TestLongEditStaysOneMessage(t *testing.T) {
	long := persianText(9000, 3)
	h := &echo{press: func(_ context.Context, cb chat.Callback) []reply.Message {
		return []reply.Message{{Notice: strings.Repeat("ادامهٔ فهرست ", 40)},
			{Text: long, Edit: cb.MessageID, Buttons: [][]reply.Button{{{Text: "بعدی", Data: "pg:10:1:اصفهان"}}}}}
	}}
	x := start(t, h, nil)
	x.f.Seed(7, 77, "صفحهٔ ۱")
	x.f.Push(press(7, 8, 77, "pg:10:1:اصفهان"))
	waitFor(t, "the edit", func() bool { return len(x.f.CallsTo("editMessageText")) == 1 })
	x.stop(t)
	if n := len(x.f.CallsTo("sendMessage")); n != 0 {
		t.Errorf("%d messages sent beside the edit", n)
	}
	if _, markup, _ := x.f.Message(7, 77); !strings.Contains(markup, "pg:10:1") {
		t.Errorf("the edited page lost its buttons: %q", markup)
	}
	toast := x.f.CallsTo("answerCallbackQuery")[0].Params.Get("text")
	if n := utf8.RuneCountInString(toast); n == 0 || n > 200 {
		t.Errorf("toast of %d characters", n)
	}
}

func TestEditOfMissingMessageSends(t *testing.T) {
	h := &echo{press: func(_ context.Context, cb chat.Callback) []reply.Message {
		return []reply.Message{{Text: "فهرست کامل", Edit: 999}}
	}}
	x := start(t, h, nil)
	x.f.Push(press(7, 8, 77, "more:2"))
	waitFor(t, "the message sent instead", func() bool { return len(x.f.SentTo(7)) == 1 })
}

// TestRetryAfter checks that a 429 is retried after its retry_after, and
// that a retry_after beyond MaxRetryWait drops the message.
func TestRetryAfter(t *testing.T) {
	x := start(t, nil, func(c *Config) { c.MaxRetryWait = time.Minute })
	x.f.Fault("sendMessage", 1, tgtest.Refuse(429, "Too Many Requests: retry after 1", 1))
	x.f.Push(text(7, 1, "یک"))
	waitFor(t, "the answer", func() bool { return len(x.f.SentTo(7)) == 2 })
	if waits := x.sleeps.waits(); !slices.Contains(waits, time.Second) {
		t.Errorf("waits before retries = %v; want one of 1s", waits)
	}

	x.f.Fault("sendMessage", 1, tgtest.Refuse(429, "Too Many Requests: retry after 3600", 3600))
	x.f.Push(text(8, 2, "دو"), text(9, 3, "سه"))
	waitFor(t, "the next chat's answer", func() bool { return len(x.f.SentTo(9)) == 1 })
	x.stop(t)
	if n := len(x.f.SentTo(8)); n != 1 {
		t.Errorf("%d sends to a chat told to wait an hour; want 1 (no retry)", n)
	}
	if slices.Contains(x.sleeps.waits(), time.Hour) {
		t.Errorf("the bot waited an hour")
	}
}

// TestBlocked checks 403: the handler is told, once, nothing is retried,
// and the other chats are answered.
func TestBlocked(t *testing.T) {
	h := &echo{handle: func(_ context.Context, m chat.Message, _ func(string)) []reply.Message {
		return []reply.Message{{Text: "یک", ReplyTo: m.MessageID}, {Text: "دو"}}
	}}
	x := start(t, h, nil)
	x.f.Fault("sendMessage", 1, tgtest.Refuse(403, "Forbidden: bot was blocked by the user", 0))
	x.f.Push(text(7, 1, "سلام"))
	waitFor(t, "Blocked", func() bool { return len(h.blockedChats()) == 1 })
	x.f.Fault("sendMessage", 1, tgtest.Refuse(403, "Forbidden: user is deactivated", 0))
	x.f.Push(text(8, 1, "سلام"))
	waitFor(t, "Blocked", func() bool { return len(h.blockedChats()) == 2 })
	x.f.Push(kicked(10), text(9, 1, "سلام"))
	waitFor(t, "the other chat's answers", func() bool { return len(x.f.SentTo(9)) == 2 })
	waitFor(t, "Blocked after my_chat_member", func() bool { return len(h.blockedChats()) == 3 })
	x.stop(t)
	if got := h.blockedChats(); !slices.Equal(got, []int64{7, 8, 10}) {
		t.Errorf("Blocked(%v); want [7 8 10]", got)
	}
	if n, m := len(x.f.SentTo(7)), len(x.f.SentTo(8)); n != 1 || m != 1 {
		t.Errorf("%d and %d sends to the blocked chats; want 1 each: no retry, no second reply", n, m)
	}
}

// TestServerErrorsRetried checks 5xx, a proxy's error page and a dropped
// connection are retried, and that retries stop at MaxRetries.
func TestServerErrorsRetried(t *testing.T) {
	x := start(t, nil, nil)
	x.f.Fault("sendMessage", 1, tgtest.Refuse(500, "Internal Server Error", 0))
	x.f.Fault("sendMessage", 1, tgtest.Raw(502, "<html><body>502 Bad Gateway</body></html>"))
	x.f.Fault("sendMessage", 1, tgtest.Drop)
	x.f.Push(text(7, 1, "یک"))
	waitFor(t, "the answer", func() bool { return len(x.f.SentTo(7)) == 4 })
	waitFor(t, "the handling logged", func() bool { return strings.Contains(x.logs.String(), `"parts":1`) })

	x.f.Fault("sendMessage", 4, tgtest.Refuse(502, "Bad Gateway", 0)) // MaxRetries is 3
	x.f.Push(text(8, 1, "دو"))
	waitFor(t, "the tries", func() bool { return strings.Contains(x.logs.String(), `"failed":1`) })
	x.f.Push(text(9, 1, "سه"))
	waitFor(t, "the next chat", func() bool { return len(x.f.SentTo(9)) == 1 })
	x.stop(t)
	if n := len(x.f.SentTo(8)); n != 4 {
		t.Errorf("%d tries for an always failing send; want 4", n)
	}
}

// TestMalformedResponses checks that bodies that are not the Bot API's
// JSON are errors, not panics: a send is not retried after a 200 (it may
// have been done), getUpdates is.
func TestMalformedResponses(t *testing.T) {
	f := tgtest.New(t)
	f.Fault("getUpdates", 1, tgtest.Raw(200, `{"ok":true,"result":[{"update_id":`))
	f.Fault("getUpdates", 1, tgtest.Raw(200, `{"ok":true,"result":{"not":"a list"}}`))
	f.Fault("sendMessage", 1, tgtest.Raw(200, `{not json`))
	x := startWith(t, f, nil, nil)
	x.f.Push(text(7, 1, "یک"))
	waitFor(t, "a try", func() bool { return len(x.f.SentTo(7)) == 1 })
	x.f.Push(text(8, 1, "دو"))
	waitFor(t, "the next chat", func() bool { return len(x.f.SentTo(8)) == 1 })
	x.stop(t)
	if n := len(x.f.SentTo(7)); n != 1 {
		t.Errorf("%d tries after a malformed 200; want 1", n)
	}
	if !strings.Contains(x.logs.String(), "malformed") {
		t.Errorf("no malformed response in the logs")
	}
}

func TestConflictLogged(t *testing.T) {
	f := tgtest.New(t)
	f.Fault("getUpdates", 2, tgtest.Refuse(409, "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running", 0))
	x := startWith(t, f, nil, nil)
	x.f.Push(text(7, 1, "یک"))
	waitFor(t, "the answer after the conflict", func() bool { return len(x.f.SentTo(7)) == 1 })
	if !strings.Contains(x.logs.String(), `"level":"ERROR","msg":"getUpdates conflict`) {
		t.Errorf("no clear conflict error in the logs:\n%s", x.logs.String())
	}
}

func TestUnauthorized(t *testing.T) {
	f := tgtest.New(t)
	cfg := testConfig(f, &logBuf{}, &sleeps{})
	cfg.Token = "123:revoked"
	_, err := New(context.Background(), cfg, &echo{})
	if !errors.Is(err, ErrUnauthorized) {
		t.Errorf("New with a refused token: %v; want ErrUnauthorized", err)
	}

	// Revoked while running: Run stops with the error.
	x := startWith(t, f, nil, nil)
	x.f.Fault("getUpdates", 1, tgtest.Refuse(401, "Unauthorized", 0))
	x.f.Push(text(7, 1, "یک"))
	select {
	case err := <-x.done:
		if !errors.Is(err, ErrUnauthorized) {
			t.Errorf("Run: %v; want ErrUnauthorized", err)
		}
		x.once.Do(func() {})
	case <-time.After(10 * time.Second):
		t.Fatal("Run did not stop on 401")
	}
}

// TestNoTokenInErrors checks the token, which tgbotapi puts in every URL,
// stays out of errors and logs when the network fails.
func TestNoTokenInErrors(t *testing.T) {
	logs := &logBuf{}
	f := tgtest.New(t)
	cfg := testConfig(f, logs, &sleeps{})
	cfg.APIEndpoint = "http://127.0.0.1:1" // nothing listens
	cfg.MaxRetries = -1
	_, err := New(context.Background(), cfg, &echo{})
	if err == nil || strings.Contains(err.Error(), tgtest.Token) {
		t.Errorf("New against nothing: %v; want an error without the token", err)
	}
	if !strings.Contains(err.Error(), "<token>") {
		t.Errorf("New against nothing: %v; want the URL with <token>", err)
	}

	x := startWith(t, f, nil, func(c *Config) { c.MaxRetries = 1 })
	x.f.Fault("sendMessage", 2, tgtest.Drop)
	x.f.Fault("getUpdates", 1, tgtest.Drop)
	x.f.Push(text(7, 1, "رمز من ۱۲۳۴ است"))
	waitFor(t, "two tries", func() bool { return len(x.f.SentTo(7)) == 2 })
	x.stop(t)
	logs2 := x.logs.String()
	if !strings.Contains(logs2, "telegram sendMessage") {
		t.Errorf("the failed send is not in the logs:\n%s", logs2)
	}
	if strings.Contains(logs2, tgtest.Token) || strings.Contains(logs2, "رمز من") {
		t.Errorf("the token or the message text is in the logs:\n%s", logs2)
	}
}

// TestOrderPerChat sends many messages to a few chats at once and checks
// each chat's are handled and answered in order, while chats run together.
func TestOrderPerChat(t *testing.T) {
	var running, most atomic.Int32
	h := &echo{handle: func(_ context.Context, m chat.Message, _ func(string)) []reply.Message {
		n := running.Add(1)
		for {
			old := most.Load()
			if n <= old || most.CompareAndSwap(old, n) {
				break
			}
		}
		time.Sleep(time.Duration(rand.IntN(3000)) * time.Microsecond)
		running.Add(-1)
		return []reply.Message{{Text: m.Text, ReplyTo: m.MessageID}}
	}}
	x := start(t, h, nil)
	const chats, each = 6, 25
	var ups []map[string]any
	for i := 1; i <= each; i++ {
		for c := int64(1); c <= chats; c++ {
			ups = append(ups, text(c, i, fmt.Sprint(i)))
		}
	}
	x.f.Push(ups...)
	waitFor(t, "every answer", func() bool { return len(x.f.CallsTo("sendMessage")) == chats*each })
	got := map[int64][]int{}
	for _, m := range h.messages() {
		got[m.ChatID] = append(got[m.ChatID], m.MessageID)
	}
	for c := int64(1); c <= chats; c++ {
		var sent []int
		for _, s := range x.f.SentTo(c) {
			sent = append(sent, s.Int("reply_to_message_id"))
		}
		if !slices.IsSorted(got[c]) || !slices.IsSorted(sent) || len(sent) != each {
			t.Errorf("chat %d: handled %v, answered %v; want both in order", c, got[c], sent)
		}
	}
	if most.Load() < 2 {
		t.Errorf("at most %d handler at once; want chats handled concurrently", most.Load())
	}
	if most.Load() > 4 {
		t.Errorf("%d handlers at once; Workers is 4", most.Load())
	}
}

// TestSlowChat checks a chat whose handler hangs holds one worker, not the
// others' answers.
func TestSlowChat(t *testing.T) {
	release := make(chan struct{})
	h := &echo{handle: func(ctx context.Context, m chat.Message, _ func(string)) []reply.Message {
		if m.ChatID == 1 {
			<-release
		}
		return []reply.Message{{Text: m.Text}}
	}}
	x := start(t, h, func(c *Config) { c.Workers = 2 })
	unblock := sync.OnceFunc(func() { close(release) })
	t.Cleanup(unblock) // runs before the bot is stopped, even on failure
	x.f.Push(text(1, 1, "کند"), text(1, 2, "کند"))
	for i := range 20 {
		x.f.Push(text(int64(2+i%3), i, "تند"))
	}
	waitFor(t, "the other chats", func() bool { return len(x.f.CallsTo("sendMessage")) == 20 })
	if n := len(x.f.SentTo(1)); n != 0 {
		t.Errorf("the slow chat answered %d times while its handler hangs", n)
	}
	unblock()
	waitFor(t, "the slow chat", func() bool { return len(x.f.SentTo(1)) == 2 })
}

// TestTypingAndStreaming checks "typing…" while the handler works, and a
// streamed answer: sent once, edited no more than once per EditInterval,
// replaced by the final reply.
func TestTypingAndStreaming(t *testing.T) {
	h := &echo{handle: func(_ context.Context, m chat.Message, stream func(string)) []reply.Message {
		time.Sleep(400 * time.Millisecond) // long enough for "typing…"
		acc := ""
		for _, w := range strings.Fields("تبریز با ترکیه و عراق و آذربایجان بیشترین مبادله را دارد") {
			acc += w + " "
			stream(acc)
			time.Sleep(15 * time.Millisecond)
		}
		return []reply.Message{{Text: "تبریز با ترکیه و عراق بیشترین مبادله را دارد [1].", Citations: testCites, ReplyTo: m.MessageID}}
	}}
	x := start(t, h, nil)
	x.f.Push(text(7, 11, "شریکان تبریز؟"))
	waitFor(t, "the final edit", func() bool {
		e := x.f.CallsTo("editMessageText")
		return len(e) > 0 && strings.Contains(e[len(e)-1].Params.Get("text"), "<a href=")
	})
	x.stop(t)

	if n := len(x.f.CallsTo("sendChatAction")); n < 2 {
		t.Errorf("%d sendChatAction calls in 400ms at a 50ms interval; want several", n)
	} else if a := x.f.CallsTo("sendChatAction")[0].Params.Get("action"); a != "typing" {
		t.Errorf("chat action %q; want typing", a)
	}
	sends := x.f.SentTo(7)
	if len(sends) != 1 || sends[0].Int("reply_to_message_id") != 11 || !strings.HasPrefix(sends[0].Params.Get("text"), "تبریز") {
		t.Fatalf("sendMessage calls = %+v; want one, the first partial, replying to 11", sends)
	}
	edits := x.f.CallsTo("editMessageText")
	last := sends[0].At
	for i, e := range edits {
		if e.Int("message_id") != 1001 { // the fake's first message
			t.Errorf("edit %d of message %d; want 1001", i, e.Int("message_id"))
		}
		if gap := e.At.Sub(last); gap < 45*time.Millisecond {
			t.Errorf("edit %d came %v after the one before; want at least EditInterval", i, gap)
		}
		last = e.At
	}
	if len(edits) > 5 {
		t.Errorf("%d edits for a 135ms stream at a 50ms interval", len(edits))
	}
}

// TestNoTypingForQuickAnswers checks that a quick answer costs no chat
// action, and an unaddressed group message none at all.
func TestNoTypingForQuickAnswers(t *testing.T) {
	x := start(t, nil, nil)
	x.f.Push(text(7, 1, "سلام"), messageUpdate(tgMsg{chat: -5, kind: "group", user: 1, id: 2, text: "گپ"}))
	waitFor(t, "the answer", func() bool { return len(x.f.SentTo(7)) == 1 })
	time.Sleep(typingDelay + 50*time.Millisecond)
	if n := len(x.f.CallsTo("sendChatAction")); n != 0 {
		t.Errorf("%d chat actions; want none", n)
	}
}

// TestBadHTMLFallsBack checks that when Telegram refuses the markup the
// text still goes, plain.
func TestBadHTMLFallsBack(t *testing.T) {
	x := start(t, nil, nil)
	x.f.Fault("sendMessage", 1, tgtest.Refuse(400, "Bad Request: can't parse entities: Unsupported start tag \"x\" at byte offset 3", 0))
	x.f.Push(text(7, 1, "a < b"))
	waitFor(t, "the plain resend", func() bool { return len(x.f.SentTo(7)) == 2 })
	c := x.f.SentTo(7)[1]
	if c.Params.Get("parse_mode") != "" || !strings.Contains(c.Params.Get("text"), "a < b [۱]") {
		t.Errorf("resend = %v; want the plain text", c.Params)
	}
}

// TestGracefulShutdown cancels Run while an update is being handled: the
// answer still goes out, and the offset is confirmed after it.
func TestGracefulShutdown(t *testing.T) {
	started, release := make(chan struct{}), make(chan struct{})
	h := &echo{handle: func(ctx context.Context, m chat.Message, _ func(string)) []reply.Message {
		if m.ChatID == 1 {
			close(started)
			<-release
		}
		return []reply.Message{{Text: "پاسخ " + m.Text, ReplyTo: m.MessageID}}
	}}
	x := start(t, h, nil)
	unblock := sync.OnceFunc(func() { close(release) })
	t.Cleanup(unblock)
	u1, u2, u3 := text(1, 1, "کند"), text(2, 1, "یک"), text(3, 1, "دو")
	x.f.Push(u1, u2, u3)
	<-started
	waitFor(t, "the quick chats", func() bool { return len(x.f.CallsTo("sendMessage")) == 2 })

	stopped := make(chan error, 1)
	go func() { stopped <- x.stop(t) }()
	time.Sleep(50 * time.Millisecond)
	select {
	case <-stopped:
		t.Fatal("Run returned with an update in hand")
	default:
	}
	x.f.Push(text(4, 1, "دیر")) // arrives after shutdown began: not taken
	unblock()
	if err := <-stopped; err != nil {
		t.Fatalf("Run: %v", err)
	}
	if len(x.f.SentTo(1)) != 1 {
		t.Errorf("the update in hand was not answered")
	}
	if len(x.f.SentTo(4)) != 0 {
		t.Errorf("an update was taken after shutdown began")
	}
	calls := x.f.CallsTo("")
	last := calls[len(calls)-1]
	want := u3["update_id"].(int) + 1
	if last.Method != "getUpdates" || last.Int("offset") != want || last.Params.Get("limit") != "1" || last.Int("timeout") != 0 {
		t.Errorf("last call %s %v; want getUpdates offset=%d limit=1 timeout=0", last.Method, last.Params, want)
	}
	if last.At.Before(x.f.SentTo(1)[0].At) {
		t.Errorf("the offset was confirmed before the answer went")
	}
	pending := x.f.Pending()
	if len(pending) != 1 {
		t.Errorf("updates left at the server %v; want only the late one", pending)
	}
}

// TestShutdownTimeout checks a handler that will not finish: Run gives up
// after ShutdownTimeout and leaves its update unconfirmed.
func TestShutdownTimeout(t *testing.T) {
	h := &echo{handle: func(ctx context.Context, m chat.Message, _ func(string)) []reply.Message {
		if m.ChatID == 1 {
			<-ctx.Done()
			return nil
		}
		return []reply.Message{{Text: "پاسخ"}}
	}}
	x := start(t, h, func(c *Config) { c.ShutdownTimeout = 100 * time.Millisecond })
	stuck, after := text(1, 1, "گیر"), text(2, 1, "یک")
	x.f.Push(stuck, after)
	waitFor(t, "the other chat", func() bool { return len(x.f.SentTo(2)) == 1 })
	if err := x.stop(t); err != nil {
		t.Fatalf("Run: %v", err)
	}
	calls := x.f.CallsTo("getUpdates")
	if last := calls[len(calls)-1]; last.Int("offset") != stuck["update_id"].(int) {
		t.Errorf("confirmed offset %d; want %d, the stuck update", last.Int("offset"), stuck["update_id"].(int))
	}
}

func TestWebhook(t *testing.T) {
	f := tgtest.New(t)
	addr := make(chan string, 1)
	logs, s := &logBuf{}, &sleeps{}
	cfg := testConfig(f, logs, s)
	cfg.WebhookURL = "https://peyvand.example.ir/telegram/hook"
	cfg.ListenAddr = "127.0.0.1:0"
	cfg.SecretToken = "s3cret_Token-1"
	h := &echo{}
	b, err := New(context.Background(), cfg, h)
	if err != nil {
		t.Fatal(err)
	}
	b.onListen = func(a net.Addr) { addr <- a.String() }
	// Before Run, the webhook is not taking updates.
	if code := post(t, b, "", "s3cret_Token-1", `{"update_id":1}`); code != http.StatusServiceUnavailable {
		t.Errorf("before Run: %d; want 503", code)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	url := "http://" + <-addr + "/telegram/hook"
	waitFor(t, "setWebhook", func() bool { return len(f.CallsTo("setWebhook")) == 1 })
	sw := f.CallsTo("setWebhook")[0]
	if sw.Params.Get("url") != cfg.WebhookURL || sw.Params.Get("secret_token") != cfg.SecretToken || !strings.Contains(sw.Params.Get("allowed_updates"), "callback_query") {
		t.Errorf("setWebhook %v", sw.Params)
	}
	good, _ := json.Marshal(text(7, 1, "سلام"))
	tests := []struct {
		name   string
		method string
		secret string
		body   string
		want   int
	}{
		{"no secret", "POST", "", string(good), http.StatusUnauthorized},
		{"wrong secret", "POST", "s3cret_Token-2", string(good), http.StatusForbidden},
		{"GET", "GET", "s3cret_Token-1", "", http.StatusMethodNotAllowed},
		{"bad JSON", "POST", "s3cret_Token-1", `{"update_id":`, http.StatusBadRequest},
		{"not an update", "POST", "s3cret_Token-1", `[]`, http.StatusBadRequest},
		{"an update", "POST", "s3cret_Token-1", string(good), http.StatusOK},
	}
	for _, tt := range tests {
		req, _ := http.NewRequest(tt.method, url, strings.NewReader(tt.body))
		if tt.secret != "" {
			req.Header.Set("X-Telegram-Bot-Api-Secret-Token", tt.secret)
		}
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.want {
			t.Errorf("%s: %d; want %d", tt.name, resp.StatusCode, tt.want)
		}
	}
	waitFor(t, "the answer", func() bool { return len(f.SentTo(7)) == 1 })
	if n := len(h.messages()); n != 1 {
		t.Errorf("the handler got %d messages; want only the authentic one", n)
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Run: %v", err)
	}
	if n := len(f.CallsTo("getUpdates")); n != 0 {
		t.Errorf("%d getUpdates calls in webhook mode", n)
	}
	if strings.Contains(logs.String(), cfg.SecretToken) || strings.Contains(logs.String(), tgtest.Token) {
		t.Errorf("a secret is in the logs")
	}
}

// post sends body to b's ServeHTTP directly and returns the status.
func post(t *testing.T, b *Bot, path, secret, body string) int {
	t.Helper()
	req, _ := http.NewRequest("POST", "http://x/"+path, strings.NewReader(body))
	req.Header.Set("X-Telegram-Bot-Api-Secret-Token", secret)
	w := &statusRecorder{header: http.Header{}}
	b.ServeHTTP(w, req)
	return w.status
}

type statusRecorder struct {
	header http.Header
	status int
}

func (r *statusRecorder) Header() http.Header { return r.header }
func (r *statusRecorder) Write(p []byte) (int, error) {
	if r.status == 0 {
		r.status = 200
	}
	return len(p), nil
}
func (r *statusRecorder) WriteHeader(code int) { r.status = code }

// TestHandlerPanics checks a panicking handler costs its update only.
func TestHandlerPanics(t *testing.T) {
	h := &echo{handle: func(_ context.Context, m chat.Message, _ func(string)) []reply.Message {
		if m.ChatID == 1 {
			panic("boom")
		}
		return []reply.Message{{Text: "پاسخ"}}
	}}
	x := start(t, h, nil)
	x.f.Push(text(1, 1, "x"), text(2, 1, "y"))
	waitFor(t, "the other chat", func() bool { return len(x.f.SentTo(2)) == 1 })
	// Chat 2 is handled by another worker and may be answered before chat
	// 1's panic is logged: wait for the log, do not assume its order.
	waitFor(t, "the panic to be logged", func() bool { return strings.Contains(x.logs.String(), "handler panicked") })
}

// TestNewHonoursContext: while getMe keeps failing, a cancelled context
// (Ctrl-C during start-up) ends New at once instead of waiting out its
// retries.
func TestNewHonoursContext(t *testing.T) {
	f := tgtest.New(t)
	f.Fault("getMe", 1000, tgtest.Refuse(502, "Bad Gateway", 0))
	cfg := testConfig(f, &logBuf{}, &sleeps{})
	cfg.MaxRetries = 1000
	cfg.Sleep = func(ctx context.Context, d time.Duration) error {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
			return nil
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := New(ctx, cfg, &echo{})
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 3*time.Second {
		t.Errorf("New with a cancelled context: %v after %s; want the context's error at once", err, time.Since(start))
	}
}
