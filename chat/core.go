package chat

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/store"
	"github.com/peyvand/peyvand/ties"
)

// Store is what the conversation keeps: subscriptions, feedback and the
// statistics admins ask for. *store.DB implements it.
type Store interface {
	Subscribe(s peyvand.Subscription) (added bool, err error)
	Unsubscribe(chatID int64, place string) (int, error)
	Subscriptions(chatID int64) ([]peyvand.Subscription, error)
	AllSubscriptions(fn func(peyvand.Subscription) error) error
	SetPaused(chatID int64, paused bool) error
	SetMuted(chatID int64, muted bool) (int, error)
	AddFeedback(f peyvand.Feedback) error
	Stats() (store.Stats, error)
	OutboxStats() (store.OutboxStats, error)
}

// Core is the conversation logic. Its zero value is not usable: fill the
// fields and use it from many goroutines.
type Core struct {
	Service *answer.Service
	DB      Store             // subscriptions, feedback, statistics
	Places  *places.Gazetteer // places.Default() when nil
	Admins  []int64           // user ids allowed /ingest and /stats
	// RatePerMinute bounds each user's questions per minute: those that
	// run retrieval or the model (a /brief the model writes included); 6
	// when zero, unlimited when negative.
	RatePerMinute int
	// CommandsPerMinute bounds each user's commands and button presses per
	// minute, apart from the questions, so that exploring the commands is
	// never told to wait; 30 when zero, unlimited when negative.
	CommandsPerMinute int
	// MaxMessageRunes refuses longer messages before any work; 4096 when
	// zero. Questions have their own, lower, limit (answer.MaxQuestionRunes).
	MaxMessageRunes int
	PageSize        int // partners per message; 10 when zero
	// Fetch downloads a news page for the admins' /ingest; nil disables it.
	Fetch func(ctx context.Context, url string) (peyvand.Article, error)
	Now   func() time.Time
	Log   *slog.Logger

	once         sync.Once
	resolver     *ties.Graph // names a user types into places; set by init
	limit        *limiter    // questions
	commandLimit *limiter    // commands and buttons
	mu           sync.Mutex
	chats        map[int64]*chatState
	latency      latencies
}

// maxChats bounds the conversations remembered for follow-ups and buttons.
const maxChats = 20_000

// turnsKept is how many recent answers of a chat keep working buttons.
const turnsKept = 20

type chatState struct {
	last     *question.Question // the last question, for follow-ups
	examples []string           // what /start offered, for its buttons
	turns    []*turn
	nextID   int
	used     time.Time
}

// turn is one reply with buttons: an answer, a partner list or a brief.
type turn struct {
	id       int
	question string
	ans      peyvand.Answer
	partners *ties.Partners // a partner list, paged in place
	brief    *ties.Briefing // a brief, whose details page in place
	about    string
	listIran bool
	english  bool   // asked in English: the reply's own words are English
	share    string // a t.me link opening the same list, "" for none
	// shown is the citations of the partner page last shown, numbered as
	// that page; /sources lists them. Nil until a page is shown.
	shown atomic.Pointer[[]peyvand.Citation]

	mu      sync.Mutex
	offset  int  // the page shown: an offset into the partners or the brief's events
	details bool // a brief showing its full list
	vote    string
	reason  string
}

// state is what a turn's message shows, read under its lock.
func (t *turn) state() (offset int, details bool, vote, reason string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return t.offset, t.details, t.vote, t.reason
}

func (c *Core) init() {
	c.once.Do(func() {
		rate := cmp.Or(c.RatePerMinute, 6)
		c.limit = newLimiter(rate, time.Minute)
		c.commandLimit = newLimiter(cmp.Or(c.CommandsPerMinute, 30), time.Minute)
		c.chats = make(map[int64]*chatState)
		if c.Now == nil {
			c.Now = time.Now
		}
		if c.Log == nil {
			c.Log = slog.New(slog.DiscardHandler)
		}
		if c.Places == nil {
			c.Places = places.Default()
		}
		// /subscribe resolves names through the graph; without one, a graph
		// of no facts over the same gazetteer resolves them alike. The
		// shared Service is not written to.
		c.resolver = c.Service.Graph
		if c.resolver == nil {
			c.resolver = &ties.Graph{Places: c.Places}
		}
	})
}

// Handle answers one message. It returns no reply to group messages not
// addressed to the bot.
func (c *Core) Handle(ctx context.Context, m Message, stream func(partial string)) []reply.Message {
	c.init()
	if m.ChatKind != Private && m.ChatKind != "" && !m.Addressed {
		return nil
	}
	text := strings.TrimSpace(plainText(stripMention(m.Text, m.Mention)))
	c.resume(m.ChatID)
	var out []reply.Message
	switch {
	case text == "":
		out = []reply.Message{{Text: nonTextHint}}
	case utf8.RuneCountInString(text) > cmp.Or(c.MaxMessageRunes, 4096):
		out = []reply.Message{{Text: fmt.Sprintf("پیام بیش از اندازه بلند است (%s نویسه). پرسش را کوتاه بنویسید؛ برای افزودن خبر، مدیران نشانی‌اش را با /ingest می‌فرستند.",
			persian.Digits(strconv.Itoa(utf8.RuneCountInString(text))))}}
	case strings.HasPrefix(text, "/"):
		out = c.command(ctx, m, text)
	default:
		out = c.question(ctx, m, text, stream)
	}
	for i := range out {
		if out[i].ReplyTo == 0 {
			out[i].ReplyTo = m.MessageID
		}
	}
	return out
}

// stripMention removes the bot's @username from a message or command.
func stripMention(text, mention string) string {
	if mention == "" {
		return text
	}
	at := "@" + strings.TrimPrefix(mention, "@")
	if i := strings.Index(strings.ToLower(text), strings.ToLower(at)); i >= 0 {
		return text[:i] + " " + text[i+len(at):]
	}
	return text
}

// command runs a slash command.
func (c *Core) command(ctx context.Context, m Message, text string) []reply.Message {
	name, args, _ := strings.Cut(text[1:], " ")
	name, _, _ = strings.Cut(name, "@") // /partners@peyvand_bot in groups
	name = strings.ToLower(strings.TrimSpace(name))
	args = strings.TrimSpace(args)
	if text, ok := c.commandLimited(m.UserID); !ok {
		return []reply.Message{{Text: text}}
	}
	switch name {
	case "start":
		if args != "" { // a deep link: t.me/<bot>?start=<payload>
			if out, ok := c.deepLink(ctx, m, args); ok {
				return out
			}
		}
		// Examples the database can answer, not fixed strings: another
		// corpus gets its own.
		ex := c.Service.Examples(false, 3)
		c.setExamples(m.ChatID, ex)
		var rows [][]reply.Button
		for i, q := range ex {
			if b, ok := reply.NewButton(q, reply.Example, strconv.Itoa(i)); ok {
				rows = append(rows, []reply.Button{b})
			}
		}
		text := welcomeText
		if len(ex) == 0 {
			text = welcomeEmpty
		}
		return []reply.Message{{Text: text, Buttons: rows}}
	case "help":
		text := helpText
		if m.Mention != "" { // the inline example names the bot as users type it
			text = strings.Replace(text, inlineExampleBot, m.Mention, 1)
		}
		return []reply.Message{{Text: text}}
	case "partners":
		if args == "" {
			return []reply.Message{{Text: partnersUsage}}
		}
		return c.partners(m.ChatID, args, m.Mention)
	case "brief":
		if args == "" {
			return []reply.Message{{Text: briefUsage}}
		}
		if c.Service.ModelWrites() { // a brief the model writes costs as a question
			if r, ok := c.limited(m); !ok {
				return r
			}
		}
		return c.brief(ctx, m.ChatID, args, m.Mention)
	case "sources":
		t := c.lastTurn(m.ChatID)
		if t == nil {
			return []reply.Message{{Text: noLastAnswer}}
		}
		return []reply.Message{sourcesReply(t)}
	case "subscribe":
		return c.subscribe(m.ChatID, args)
	case "unsubscribe":
		return c.unsubscribe(m.ChatID, args)
	case "subscriptions":
		return c.subscriptions(m.ChatID)
	case "pause":
		return []reply.Message{c.mute(m.ChatID, true)}
	case "resume":
		return []reply.Message{c.mute(m.ChatID, false)}
	case "ingest":
		if !c.admin(m.UserID) {
			return []reply.Message{{Text: adminOnly}}
		}
		return c.ingest(ctx, args)
	case "stats":
		if !c.admin(m.UserID) {
			return []reply.Message{{Text: adminOnly}}
		}
		return c.stats()
	}
	return []reply.Message{{Text: unknownCommand}}
}

func (c *Core) admin(user int64) bool { return slices.Contains(c.Admins, user) }

// limited applies the user's question limit; ok is false with the reply
// to send when the user must wait.
func (c *Core) limited(m Message) ([]reply.Message, bool) {
	if text, ok := c.wait(c.limit, m.UserID, questionsLimited); !ok {
		return []reply.Message{{Text: text}}, false
	}
	return nil, true
}

// commandLimited applies the user's command and button limit.
func (c *Core) commandLimited(user int64) (string, bool) {
	return c.wait(c.commandLimit, user, commandsLimited)
}

// wait records a request against l, or says in Persian which limit was
// reached and for how long.
func (c *Core) wait(l *limiter, user int64, format string) (string, bool) {
	wait, ok := l.allow(user, c.Now())
	if ok {
		return "", true
	}
	secs := int((wait + time.Second - 1) / time.Second)
	return fmt.Sprintf(format, persian.Digits(strconv.Itoa(l.n)), persian.Digits(strconv.Itoa(max(secs, 1)))), false
}

// question answers a free-text question, carrying the last question's
// places over when this one names none.
func (c *Core) question(ctx context.Context, m Message, text string, stream func(string)) []reply.Message {
	if err := answer.CheckQuestion(text); err != nil {
		return []reply.Message{{Text: peyvand.ErrorMessage(err)}}
	}
	// Small talk and nonsense run no retrieval: they do not count against
	// the question limit.
	read := c.Service.Read(text, c.lastQuestion(m.ChatID))
	if read.Intent != question.SmallTalk && read.Intent != question.Nonsense {
		if r, ok := c.limited(m); !ok {
			return r
		}
	}
	start := c.Now()
	ans, asked, err := c.Service.Ask(ctx, text, answer.AskOptions{Read: &read, Stream: stream})
	if err != nil {
		return c.failure(err, "ask")
	}
	took := c.Now().Sub(start)
	c.latency.add(took)
	metrics.Questions.Inc()
	metrics.Answers.WithLabelValues(ans.Mode, strconv.FormatBool(ans.Abstained)).Inc()
	metrics.AnswerSeconds.Observe(took.Seconds())
	c.Log.Info("answered", "chat", m.ChatID, "mode", ans.Mode, "abstained", ans.Abstained,
		"citations", len(ans.Citations), "latency", c.Now().Sub(start))
	t := c.remember(m.ChatID, &turn{question: text, ans: ans, english: asked.English}, &asked)
	return []reply.Message{answerReply(t)}
}

// failure turns an error into a reply: the coded error's Persian message,
// or a generic apology for an internal one (logged, never shown).
func (c *Core) failure(err error, op string) []reply.Message {
	if errors.Is(err, context.Canceled) {
		return nil
	}
	code := peyvand.ErrorCode(err)
	if code == peyvand.EInternal {
		c.Log.Error(op+" failed", "err", err)
		return []reply.Message{{Text: internalFailure}}
	}
	return []reply.Message{{Text: peyvand.ErrorMessage(err)}}
}

// failed is failure's one reply, where a caller needs a message (a
// cancelled request gets the apology too; no one will see it).
func (c *Core) failed(err error, op string) reply.Message {
	if out := c.failure(err, op); len(out) > 0 {
		return out[0]
	}
	return reply.Message{Text: internalFailure}
}

// answerReply shows an answer with its sources and its buttons; small talk
// and hints come plain.
func answerReply(t *turn) reply.Message {
	if t.ans.Mode == answer.ModeChat {
		return reply.Message{Text: t.ans.Text}
	}
	r := reply.Message{Text: t.ans.Text, Citations: t.ans.Citations, Sources: len(t.ans.Citations) > 0, English: t.english}
	r.Buttons = turnButtons(t, 0)
	if t.ans.Abstained && len(t.ans.Related) > 0 {
		if t.english {
			r.Text += "\n\nNearest reports:"
		} else {
			r.Text += "\n\nخبرهای نزدیک:"
		}
		for i, rc := range t.ans.Related {
			r.Text += fmt.Sprintf("\n%s. %s", persian.Digits(strconv.Itoa(i+1)), rc.Title)
			if rc.URL != "" {
				r.Text += " — " + rc.URL
			}
		}
	}
	return r
}

// sourcesReply lists a turn's citations in full: title, date, outlet,
// link and the quoted passage, numbered as the message the user last saw
// of it (a partner list's page numbers its own). Markers stay ASCII [n];
// the transport shows them in the reply's digits.
func sourcesReply(t *turn) reply.Message {
	cs := t.ans.Citations
	if p := t.shown.Load(); p != nil {
		cs = *p
	}
	if len(cs) == 0 {
		return reply.Message{Text: noSources}
	}
	var b strings.Builder
	heading := "منابع:"
	if t.english {
		heading = "Sources:"
	}
	b.WriteString(heading)
	for _, c := range cs {
		fmt.Fprintf(&b, "\n\n[%d] %s", c.N, c.Title)
		if d := persian.FormatJalali(c.Date); d != "" {
			b.WriteString(" — " + d)
		}
		if c.Source != "" {
			b.WriteString(" — " + c.Source)
		}
		if c.URL != "" {
			b.WriteString("\n" + c.URL)
		}
		if q := strings.TrimSpace(c.Quote); q != "" {
			b.WriteString("\n«" + persian.Clip(q, 600) + "»")
		}
	}
	return reply.Message{Text: b.String(), Citations: cs, English: t.english}
}

// asked is the question a /partners or /brief command stands for, so that
// «و شیراز چطور؟» after it asks the same of Shiraz.
func asked(intent question.Intent, p peyvand.Place) *question.Question {
	q := &question.Question{Intent: intent}
	switch {
	case p.Name == peyvand.Iran:
	case p.Iranian():
		q.Iranian = []question.Ref{{Place: p}}
	default:
		q.Foreign = []question.Ref{{Place: p}}
	}
	return q
}

// Blocked pauses a chat's subscriptions: it blocked the bot or left.
func (c *Core) Blocked(ctx context.Context, chatID int64) {
	c.init()
	if err := c.DB.SetPaused(chatID, true); err != nil {
		c.Log.Error("pause subscriptions", "chat", chatID, "err", err)
		return
	}
	c.Log.Info("chat blocked the bot; subscriptions paused", "chat", chatID)
}

// resume unpauses a chat that writes again after blocking the bot.
func (c *Core) resume(chatID int64) {
	subs, err := c.DB.Subscriptions(chatID)
	if err != nil || !slices.ContainsFunc(subs, func(s peyvand.Subscription) bool { return s.Paused }) {
		return
	}
	if err := c.DB.SetPaused(chatID, false); err != nil {
		c.Log.Error("resume subscriptions", "chat", chatID, "err", err)
	}
}

// ingest fetches a news page and adds it (admins only).
func (c *Core) ingest(ctx context.Context, raw string) []reply.Message {
	u, err := url.Parse(strings.TrimSpace(raw))
	if raw == "" || err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return []reply.Message{{Text: ingestUsage}}
	}
	if c.Fetch == nil {
		return []reply.Message{{Text: "دریافت صفحهٔ خبر در این اجرا فعال نیست."}}
	}
	a, err := c.Fetch(ctx, u.String())
	if err != nil {
		c.Log.Warn("admin ingest: fetch failed", "err", err)
		return c.failure(err, "ingest")
	}
	outs, err := c.Service.Engine.Ingest(ctx, []peyvand.Article{a}, nil)
	if err != nil {
		return c.failure(err, "ingest")
	}
	state := "افزوده شد"
	if len(outs) == 1 {
		switch outs[0].Result {
		case store.Updated:
			state = "به‌روز شد"
		case store.Unchanged:
			state = "پیش‌تر افزوده شده بود و تغییری نکرده است"
		}
	}
	return []reply.Message{{Text: fmt.Sprintf("خبر «%s» %s.", a.Title, state)}}
}

// stats reports what the database holds and how fast answers are.
func (c *Core) stats() []reply.Message {
	s, err := c.DB.Stats()
	if err != nil {
		return c.failure(err, "stats")
	}
	chats := map[int64]bool{}
	subs := 0
	c.DB.AllSubscriptions(func(sub peyvand.Subscription) error {
		chats[sub.ChatID] = true
		subs++
		return nil
	})
	d := func(n int) string { return persian.Digits(strconv.Itoa(n)) }
	var b strings.Builder
	fmt.Fprintf(&b, "خبرها: %s\nبخش‌ها: %s\nپیوندهای استخراج‌شده: %s\nمشترکان: %s (%s اشتراک)\n",
		d(s.Articles), d(s.Passages), d(s.Facts), d(len(chats)), d(subs))
	if !s.LastIngest.IsZero() {
		fmt.Fprintf(&b, "آخرین افزودن خبر: %s\n", persian.FormatJalali(s.LastIngest))
	}
	if s.Ranking != "" {
		fmt.Fprintf(&b, "وزن‌های جست‌وجوی ترکیبی: %s\n", s.Ranking)
	}
	// Text in the news that tries to command a model: kept, never searched,
	// quoted or read for ties. Admins see how much came in.
	fmt.Fprintf(&b, "جمله‌های دستورمانند در خبرها: %s (در %s خبر)\n", d(s.Instructions), d(s.InstructionArticles))
	if o, err := c.DB.OutboxStats(); err == nil {
		fmt.Fprintf(&b, "هشدارها: %s رویداد؛ %s فرستاده، %s در صف، %s کنار گذاشته\n",
			d(o.Events), d(o.Sent), d(o.Pending), d(o.Dropped))
	}
	if p50, p90, p99, n := c.latency.percentiles(); n > 0 {
		fmt.Fprintf(&b, "زمان پاسخ (%s پاسخ اخیر): میانه %s، صدک ۹۰: %s، صدک ۹۹: %s", d(n), ms(p50), ms(p90), ms(p99))
	}
	return []reply.Message{{Text: strings.TrimSpace(b.String())}}
}

func ms(d time.Duration) string {
	return persian.Digits(strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)) + " میلی‌ثانیه"
}

var (
	scriptRE = regexp.MustCompile(`(?is)<(script|style)\b[^>]*>.*?</(script|style)\s*>`)
	tagRE    = regexp.MustCompile(`</?[a-zA-Z][^<>]{0,200}>`)
)

// plainText drops HTML tags (and script or style content) pasted into a
// message: the words around them are the question.
func plainText(s string) string {
	if !strings.Contains(s, "<") {
		return s
	}
	return tagRE.ReplaceAllString(scriptRE.ReplaceAllString(s, " "), " ")
}
