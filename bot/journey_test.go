package bot

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/store"
	"github.com/peyvand/peyvand/ties"
)

// The journeys: the real conversation core over the embedded sample,
// behind the adapter, against the fake Bot API, as a user goes through
// each feature. Every message and edit the bot makes is checked as
// Telegram checks it (the fake refuses bad HTML, long texts, bad
// keyboards) and for citations numbered 1..n.

const user = 3101

type journey struct {
	f    *tgtest.Server
	core *chat.Core
	db   *store.DB
}

func startJourney(t *testing.T) *journey {
	t.Helper()
	e := enginetest.Sample(t)
	db := e.Store()
	core := &chat.Core{Service: &answer.Service{Engine: e, Graph: ties.New(db)}, DB: db, PageSize: 3,
		RatePerMinute: 2, CommandsPerMinute: 40}
	f := tgtest.New(t)
	b, err := New(context.Background(), testConfig(f, &logBuf{}, &sleeps{}), core)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- b.Run(ctx) }()
	j := &journey{f: f, core: core, db: db}
	t.Cleanup(func() {
		cancel()
		<-done
		j.checkEverything(t)
	})
	return j
}

// say sends a private message (a command gets its entity) and waits for
// the bot's answers to it.
func (j *journey) say(t *testing.T, id int, s string) tgtest.Call {
	t.Helper()
	m := tgMsg{chat: user, id: id, text: s}
	if strings.HasPrefix(s, "/") {
		m.entities = command(s)
	}
	before := len(j.f.Sent(user))
	j.f.Push(messageUpdate(m))
	waitFor(t, "the answer to "+s, func() bool { return len(j.f.Sent(user)) > before })
	return j.f.Sent(user)[before]
}

// press presses a button of message msgID and waits for its
// answerCallbackQuery and the edit (a call of method) that follows it.
func (j *journey) press(t *testing.T, msgID int, data, method string) {
	t.Helper()
	toasts, edits := j.f.Answered("answerCallbackQuery"), j.f.Answered(method)
	j.f.Push(press(user, user, msgID, data))
	waitFor(t, "the press of "+data, func() bool {
		return j.f.Answered("answerCallbackQuery") > toasts && j.f.Answered(method) > edits
	})
}

// lastID is the id of the chat's newest message.
func (j *journey) lastID() int {
	ids := j.f.MessageIDs(user)
	return ids[len(ids)-1]
}

// button finds the callback data of the button whose data starts with
// prefix (or whose text contains it) in a markup.
func button(t *testing.T, markup, prefix string) string {
	t.Helper()
	kb, err := tgtest.Keyboard(markup)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range kb {
		for _, b := range row {
			if strings.HasPrefix(b.CallbackData, prefix) || strings.Contains(b.Text, prefix) {
				return b.CallbackData
			}
		}
	}
	t.Fatalf("no button %q in %s", prefix, markup)
	return ""
}

func buttonLabels(t *testing.T, markup string) []string {
	t.Helper()
	kb, err := tgtest.Keyboard(markup)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, row := range kb {
		for _, b := range row {
			out = append(out, b.Text)
		}
	}
	return out
}

// shown is what a chat's message shows now.
func (j *journey) shown(t *testing.T, msgID int) (text, markup string) {
	t.Helper()
	text, markup, ok := j.f.Message(user, msgID)
	if !ok {
		t.Fatalf("message %d not found", msgID)
	}
	return text, markup
}

// checkEverything checks every text the bot made: valid Telegram HTML
// within the length limit, and citations numbered 1..n in order.
func (j *journey) checkEverything(t *testing.T) {
	t.Helper()
	for _, c := range j.f.Calls() {
		var texts []string
		switch c.Method {
		case "sendMessage", "editMessageText":
			texts = append(texts, c.Params.Get("text"))
		case "answerInlineQuery":
			rs, err := tgtest.InlineResults(c)
			if err != nil {
				t.Errorf("answerInlineQuery results: %v", err)
			}
			for _, r := range rs {
				texts = append(texts, r.Content.Text)
			}
		}
		for _, s := range texts {
			shown, err := tgtest.CheckText(s, "HTML")
			if err != nil {
				t.Errorf("%s refused: %v\n%s", c.Method, err, s)
				continue
			}
			if _, err := tgtest.CheckCitations(shown); err != nil {
				t.Errorf("%s: %v\n%s", c.Method, err, shown)
			}
		}
	}
}

// TestJourneyCitations: an answer's markers and its source list agree,
// in Persian digits, 1..n.
func TestJourneyCitations(t *testing.T) {
	j := startJourney(t)
	c := j.say(t, 1, "کدام شهرها با اصفهان خواهرخوانده هستند؟")
	shown, _ := tgtest.CheckText(c.Params.Get("text"), "HTML")
	if !strings.Contains(shown, "[۱]") || !strings.Contains(shown, "۱. ") || strings.Contains(shown, "[1]") {
		t.Errorf("markers and list are not in Persian digits:\n%s", shown)
	}
}

// TestJourneyPaging: «بعدی» and «قبلی» edit the list in place; a button
// of an old message still works.
func TestJourneyPaging(t *testing.T) {
	j := startJourney(t)
	c := j.say(t, 1, "/partners اصفهان")
	id := j.lastID()
	if !strings.Contains(c.Params.Get("text"), "صفحهٔ ۱ از ۲") {
		t.Fatalf("first page: %s", c.Params.Get("text"))
	}
	sends := len(j.f.CallsTo("sendMessage"))
	j.press(t, id, button(t, c.Params.Get("reply_markup"), "pg:3:"), "editMessageText")
	text, markup := j.shown(t, id)
	if !strings.Contains(text, "صفحهٔ ۲ از ۲") || len(j.f.CallsTo("sendMessage")) != sends {
		t.Fatalf("after «بعدی» the message shows:\n%s\n(%d new messages)", text, len(j.f.CallsTo("sendMessage"))-sends)
	}
	if ed := j.f.CallsTo("editMessageText"); len(ed) != 1 || ed[0].Int("message_id") != id {
		t.Errorf("editMessageText calls %+v", ed)
	}
	j.press(t, id, button(t, markup, "pg:0:"), "editMessageText")
	if text, _ := j.shown(t, id); !strings.Contains(text, "صفحهٔ ۱ از ۲") {
		t.Errorf("after «قبلی»:\n%s", text)
	}
	// A message from before a restart: its turn is unknown to the core.
	j.f.Seed(user, 77, "فهرست کهنه")
	j.press(t, 77, "pg:3:999:اصفهان", "editMessageText")
	if text, _ := j.shown(t, 77); !strings.Contains(text, "صفحهٔ ۲ از ۲") {
		t.Errorf("an old message's button:\n%s", text)
	}
}

// TestJourneyFeedback: the vote is shown, changed by a second press, and
// 👎 asks why; one record a message.
func TestJourneyFeedback(t *testing.T) {
	j := startJourney(t)
	c := j.say(t, 1, "روابط اصفهان و مسقط چگونه است؟")
	id := j.lastID()
	j.press(t, id, button(t, c.Params.Get("reply_markup"), "fb:0:"), "editMessageReplyMarkup")
	_, markup := j.shown(t, id)
	if labels := buttonLabels(t, markup); !slices.Contains(labels, "👎 ✓") || !slices.Contains(labels, "ناقص") {
		t.Fatalf("after 👎: %v", labels)
	}
	if ed := j.f.CallsTo("editMessageReplyMarkup"); len(ed) != 1 || ed[0].Int("message_id") != id {
		t.Errorf("editMessageReplyMarkup calls %+v", ed)
	}
	if cb := j.f.CallsTo("answerCallbackQuery"); !strings.Contains(cb[0].Params.Get("text"), "چه ایرادی") {
		t.Errorf("the toast after 👎: %q", cb[0].Params.Get("text"))
	}
	j.press(t, id, button(t, markup, "why:incomplete:"), "editMessageReplyMarkup")
	_, markup = j.shown(t, id)
	if labels := buttonLabels(t, markup); !slices.Contains(labels, "👎 ناقص") || slices.Contains(labels, "نادرست") {
		t.Errorf("after the reason: %v", labels)
	}
	j.press(t, id, button(t, markup, "fb:1:"), "editMessageReplyMarkup")
	_, markup = j.shown(t, id)
	if labels := buttonLabels(t, markup); !slices.Contains(labels, "👍 ✓") {
		t.Errorf("after 👍: %v", labels)
	}
	var got []peyvand.Feedback
	j.db.Feedback(func(f peyvand.Feedback) error { got = append(got, f); return nil })
	if len(got) != 1 || !got[0].Helpful || got[0].MessageID != id {
		t.Errorf("feedback stored %+v; want one 👍 for message %d", got, id)
	}
}

// TestJourneyBrief: a brief fits one message; «جزئیات» pages its events
// in place and «خلاصه» brings it back.
func TestJourneyBrief(t *testing.T) {
	j := startJourney(t)
	c := j.say(t, 1, "/brief اصفهان")
	id := j.lastID()
	brief := c.Params.Get("text")
	if n := len(j.f.Sent(user)); n != 1 {
		t.Fatalf("the brief took %d messages", n)
	}
	j.press(t, id, button(t, c.Params.Get("reply_markup"), "bd:0:"), "editMessageText")
	text, markup := j.shown(t, id)
	if !strings.Contains(text, "جزئیات پیوندهای خارجی اصفهان") || !strings.Contains(text, "«") {
		t.Fatalf("details:\n%s", text)
	}
	j.press(t, id, button(t, markup, "bs:"), "editMessageText")
	if text, _ := j.shown(t, id); !strings.Contains(brief, strings.SplitN(text, "\n", 2)[0]) {
		t.Errorf("«خلاصه» shows:\n%s", text)
	}
}

// TestJourneyLimits: exploring the commands is not the question limit.
func TestJourneyLimits(t *testing.T) {
	j := startJourney(t)
	for i := range 5 {
		if c := j.say(t, 10+i, "/help"); strings.Contains(c.Params.Get("text"), "سقف") {
			t.Fatalf("/help number %d was limited", i+1)
		}
	}
	j.say(t, 20, "شریکان تبریز کدامند؟")
	j.say(t, 21, "شریکان شیراز کدامند؟")
	c := j.say(t, 22, "شریکان مشهد کدامند؟")
	if !strings.Contains(c.Params.Get("text"), "سقف پرسش‌ها") {
		t.Errorf("the third question a minute: %s", c.Params.Get("text"))
	}
}

// TestJourneyDeepLinks: the share link on a list opens it; sub- offers a
// one-tap subscription.
func TestJourneyDeepLinks(t *testing.T) {
	j := startJourney(t)
	c := j.say(t, 1, "/partners اصفهان")
	if !strings.Contains(c.Params.Get("text"), "https://t.me/peyvand_bot?start=isfahan") {
		t.Fatalf("no share link:\n%s", c.Params.Get("text"))
	}
	c = j.say(t, 2, "/start isfahan")
	if !strings.Contains(c.Params.Get("text"), "پیوندهای خارجی اصفهان") {
		t.Errorf("/start isfahan:\n%s", c.Params.Get("text"))
	}
	c = j.say(t, 3, "/start sub-isfahan")
	id := j.lastID()
	j.press(t, id, button(t, c.Params.Get("reply_markup"), "sub:any:"), "editMessageText")
	if text, _ := j.shown(t, id); !strings.Contains(text, "«اصفهان» دنبال می‌شود") {
		t.Errorf("after the tap:\n%s", text)
	}
	if subs, _ := j.db.Subscriptions(user); len(subs) != 1 || subs[0].Place != "اصفهان" {
		t.Errorf("subscriptions %+v", subs)
	}
}

// TestJourneyInline: an inline query is answered with the place's list
// and brief, or a question's answer, within Telegram's limits.
func TestJourneyInline(t *testing.T) {
	j := startJourney(t)
	j.f.Push(inline(user, "iq-1", "اصفهان"))
	waitFor(t, "answerInlineQuery", func() bool { return len(j.f.CallsTo("answerInlineQuery")) == 1 })
	c := j.f.CallsTo("answerInlineQuery")[0]
	rs, _ := tgtest.InlineResults(c)
	if c.Params.Get("inline_query_id") != "iq-1" || len(rs) != 2 {
		t.Fatalf("inline answer %v", c.Params)
	}
	if !strings.Contains(rs[0].Content.Text, "<b>منابع</b>") || rs[0].Content.ParseMode != "HTML" ||
		strings.Contains(rs[0].Content.Text, "صفحهٔ") {
		t.Errorf("the list is not one HTML page with its sources: %s", rs[0].Content.Text)
	}
	j.f.Push(inline(user, "iq-2", "کدام شهرها با اصفهان خواهرخوانده هستند؟"))
	waitFor(t, "the second answer", func() bool { return len(j.f.CallsTo("answerInlineQuery")) == 2 })
	if rs, _ := tgtest.InlineResults(j.f.CallsTo("answerInlineQuery")[1]); len(rs) != 1 {
		t.Errorf("a question's inline results: %+v", rs)
	}
}

// TestJourneySubscriptions: a relation filter, pause and resume from
// /subscriptions, a near miss subscribing in one tap.
func TestJourneySubscriptions(t *testing.T) {
	j := startJourney(t)
	c := j.say(t, 1, "/subscribe اصفهن")
	id := j.lastID()
	j.press(t, id, button(t, c.Params.Get("reply_markup"), "sub:any:اصفهان"), "editMessageText")
	text, markup := j.shown(t, id)
	if !strings.Contains(text, "«اصفهان» دنبال می‌شود") {
		t.Fatalf("after the suggestion's tap:\n%s", text)
	}
	j.press(t, id, button(t, markup, "sub:sc:"), "editMessageText")
	subs, _ := j.db.Subscriptions(user)
	if len(subs) != 1 || !slices.Equal(subs[0].Relations, []peyvand.Relation{peyvand.RelSisterCity}) {
		t.Fatalf("subscriptions %+v; want Isfahan, sister cities only", subs)
	}
	c = j.say(t, 2, "/subscriptions")
	id = j.lastID()
	j.press(t, id, button(t, c.Params.Get("reply_markup"), "mute:1"), "editMessageText")
	text, markup = j.shown(t, id)
	if !strings.Contains(text, "متوقف است") || !strings.Contains(markup, "mute:0") {
		t.Errorf("after ⏸:\n%s\n%s", text, markup)
	}
	if subs, _ := j.db.Subscriptions(user); !subs[0].Muted {
		t.Errorf("not muted: %+v", subs)
	}
}
