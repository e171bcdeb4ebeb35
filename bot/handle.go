package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
)

// handle runs one update through the Handler and sends what it returns.
// It never panics: a Handler's panic is logged and the update dropped.
func (b *Bot) handle(ctx context.Context, j job) {
	metrics.Updates.Inc()
	u := j.update
	log := b.log.With("update_id", u.UpdateID, "chat_id", j.key)
	defer func() {
		if p := recover(); p != nil {
			log.Error("panic while handling an update", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	var (
		kind string
		out  outcome
	)
	switch {
	case u.Message != nil:
		kind, out = b.handleMessage(ctx, log, u.Message)
	case u.ChannelPost != nil:
		kind, out = b.handleMessage(ctx, log, u.ChannelPost)
	case u.CallbackQuery != nil:
		kind, out = "callback", b.handlePress(ctx, log, u.CallbackQuery)
	case u.InlineQuery != nil:
		kind, out = "inline", b.handleInline(ctx, log, u.InlineQuery)
	case u.MyChatMember != nil:
		kind = "member"
		if blockedStatus(u.MyChatMember) {
			out.blocked = true
			b.h.Blocked(ctx, u.MyChatMember.Chat.ID)
		}
	}
	if kind == "" {
		return
	}
	level := slog.LevelInfo
	if kind == "ignored" {
		level = slog.LevelDebug
	}
	log.Log(ctx, level, "update handled", "kind", kind, "replies", out.replies, "parts", out.parts,
		"failed", out.failed, "blocked", out.blocked, "handler_ms", ms(out.handler),
		"latency_ms", ms(time.Since(j.received)))
}

// ms is d in milliseconds, for logs.
func ms(d time.Duration) float64 {
	return float64(d.Round(time.Microsecond)) / float64(time.Millisecond)
}

// outcome is what handling an update came to, for the log.
type outcome struct {
	replies, parts, failed int
	blocked                bool
	handler                time.Duration
}

// handleMessage answers a message: "typing…" while the handler works, the
// streamed text as it comes, then the replies.
func (b *Bot) handleMessage(ctx context.Context, log *slog.Logger, tm *tgbotapi.Message) (string, outcome) {
	var out outcome
	m, ok := b.toMessage(tm)
	if !ok {
		return "ignored", out
	}
	kind := "text"
	switch {
	case m.Text == "":
		kind = "nontext"
	case tm.IsCommand():
		kind = "command"
	}
	if !m.Addressed {
		kind = "ignored"
	}
	d := &delivery{b: b, log: log, chatID: m.ChatID}
	var (
		stopTyping = func() {}
		st         *streamer
		stream     = func(string) {}
	)
	if m.Addressed {
		stopTyping = b.typing(ctx, m.ChatID)
		st = newStreamer(ctx, d, m.MessageID)
		stream = st.push
	}
	start := time.Now()
	replies := b.callHandler(ctx, log, func() []reply.Message { return b.h.Handle(ctx, m, stream) })
	out.handler = time.Since(start)
	stopTyping()
	var streamed int
	if st != nil {
		streamed = st.stop()
	}
	d.replies(ctx, replies, streamed)
	out.replies, out.parts, out.failed, out.blocked = len(replies), d.parts, d.failed, d.blocked
	return kind, out
}

// handlePress answers a button press: the toast first, so the button stops
// spinning, then the replies.
func (b *Bot) handlePress(ctx context.Context, log *slog.Logger, q *tgbotapi.CallbackQuery) outcome {
	var out outcome
	cb := b.toCallback(q)
	var replies []reply.Message
	start := time.Now()
	if cb.ChatID != 0 {
		replies = b.callHandler(ctx, log, func() []reply.Message { return b.h.Press(ctx, cb) })
	}
	out.handler = time.Since(start)
	ans := tgbotapi.CallbackConfig{CallbackQueryID: q.ID}
	for _, r := range replies {
		if r.Notice != "" {
			ans.Text = persian.Clip(r.Notice, maxToast-1) // Telegram refuses a longer toast
			break
		}
	}
	if _, err := b.request(ctx, ans); err != nil {
		// "query is too old" when the handler was slow: harmless.
		log.Debug("answerCallbackQuery failed", "err", err)
	}
	d := &delivery{b: b, log: log, chatID: cb.ChatID}
	d.replies(ctx, replies, 0)
	out.replies, out.parts, out.failed, out.blocked = len(replies), d.parts, d.failed, d.blocked
	return out
}

// callHandler calls f, turning a panic into no replies.
func (b *Bot) callHandler(ctx context.Context, log *slog.Logger, f func() []reply.Message) (replies []reply.Message) {
	defer func() {
		if p := recover(); p != nil {
			log.Error("handler panicked", "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
			replies = nil
		}
	}()
	return f()
}

// typing shows "typing…" in the chat from typingDelay on, every
// TypingInterval, until the returned stop is called.
func (b *Bot) typing(ctx context.Context, chatID int64) (stop func()) {
	ctx, cancel := context.WithCancel(ctx)
	done := make(chan struct{})
	go func() {
		defer close(done)
		t := time.NewTimer(typingDelay)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			// One try: a lost action is not worth a retry.
			if _, err := b.call(ctx, tgbotapi.NewChatAction(chatID, tgbotapi.ChatTyping)); err != nil && ctx.Err() == nil {
				b.log.Debug("sendChatAction failed", "chat_id", chatID, "err", err)
			}
			t.Reset(b.cfg.TypingInterval)
		}
	}()
	return func() { cancel(); <-done }
}

// streamer shows a streaming answer: the first partial text as a new
// message, later ones as edits of it, at most one per EditInterval.
type streamer struct {
	d       *delivery
	replyTo int
	wake    chan struct{}
	quit    chan struct{}
	done    chan struct{}

	mu       sync.Mutex
	text     string // the latest partial
	dirty    bool
	stopped  bool
	msgID    int       // the message showing it, once sent
	lastEdit time.Time // when it was last sent or edited
}

func newStreamer(ctx context.Context, d *delivery, replyTo int) *streamer {
	s := &streamer{d: d, replyTo: replyTo, wake: make(chan struct{}, 1), quit: make(chan struct{}), done: make(chan struct{})}
	go s.loop(ctx)
	return s
}

// push records partial as the text so far; it never blocks the handler.
func (s *streamer) push(partial string) {
	s.mu.Lock()
	if s.stopped || partial == s.text {
		s.mu.Unlock()
		return
	}
	s.text, s.dirty = partial, true
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *streamer) loop(ctx context.Context) {
	defer close(s.done)
	interval := s.d.b.cfg.EditInterval
	for {
		select {
		case <-s.wake:
		case <-s.quit:
			return
		}
		s.mu.Lock()
		wait := time.Until(s.lastEdit.Add(interval))
		s.mu.Unlock()
		if wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-t.C:
			case <-s.quit:
				t.Stop()
				return
			}
		}
		s.mu.Lock()
		text, id := s.text, s.msgID
		s.dirty = false
		s.mu.Unlock()
		html := preview(text)
		if html == "" {
			continue
		}
		var err error
		if id == 0 {
			id, err = s.d.send(ctx, html, s.replyTo, nil)
		} else {
			err = s.d.edit(ctx, id, html, nil)
		}
		s.mu.Lock()
		s.lastEdit = time.Now()
		if err == nil {
			s.msgID = id
		}
		s.mu.Unlock()
		if s.d.blocked {
			return
		}
	}
}

// stop ends the streaming, waiting for a send or edit in progress and, so
// the final edit keeps to the pace, for the rest of EditInterval. It
// returns the message showing the stream, 0 for none.
func (s *streamer) stop() int {
	s.mu.Lock()
	s.stopped = true
	s.mu.Unlock()
	close(s.quit)
	<-s.done
	s.mu.Lock()
	id, last := s.msgID, s.lastEdit
	s.mu.Unlock()
	if id != 0 {
		if wait := time.Until(last.Add(s.d.b.cfg.EditInterval)); wait > 0 {
			time.Sleep(wait)
		}
	}
	return id
}

// preview is the HTML of a partial answer: escaped, cut to one message.
func preview(text string) string {
	parts := split(render(reply.Message{Text: text}), maxMessageLen-2)
	switch len(parts) {
	case 0:
		return ""
	case 1:
		return parts[0]
	}
	return parts[0] + " …"
}

// delivery sends one update's replies to one chat and keeps count.
type delivery struct {
	b       *Bot
	log     *slog.Logger
	chatID  int64
	parts   int
	failed  int
	blocked bool // the chat refused the bot: nothing more is sent
}

// replies sends replies in order. The first, when a streamed message
// shows its draft, replaces it.
func (d *delivery) replies(ctx context.Context, replies []reply.Message, streamed int) {
	for _, r := range replies {
		if d.blocked || d.chatID == 0 {
			return
		}
		if r.KeyboardOnly {
			if r.Edit != 0 && d.editKeyboard(ctx, r.Edit, keyboard(r.Buttons, d.log)) == nil {
				d.parts++
			}
			continue
		}
		if r.Text == "" {
			continue // a notice only
		}
		edit := r.Edit
		if streamed != 0 && edit == 0 {
			edit, streamed = streamed, 0
		}
		d.reply(ctx, r, edit)
	}
}

// reply sends one reply, split to Telegram's limit: the buttons go under
// the last part, the reply-to on the first. With edit, the first part
// replaces that message's text.
func (d *delivery) reply(ctx context.Context, r reply.Message, edit int) {
	parts := split(render(r), maxMessageLen)
	if edit != 0 && len(parts) > 1 {
		// A page edited in place stays one message with its buttons: split,
		// it would lose them and grow a message at every press.
		parts = split(render(r), maxMessageLen-2)[:1]
		parts[0] += " …"
	}
	kb := keyboard(r.Buttons, d.log)
	for i, p := range parts {
		var markup *tgbotapi.InlineKeyboardMarkup
		if i == len(parts)-1 {
			markup = kb
		}
		var err error
		if i == 0 && edit != 0 {
			err = d.edit(ctx, edit, p, markup)
			var e *apiError
			if errors.As(err, &e) && e.editFailed() {
				_, err = d.send(ctx, p, r.ReplyTo, markup)
			}
		} else {
			replyTo := 0
			if i == 0 {
				replyTo = r.ReplyTo
			}
			_, err = d.send(ctx, p, replyTo, markup)
		}
		if err != nil {
			d.failed++
			if d.blocked {
				return
			}
			continue
		}
		d.parts++
	}
}

// send sends one part and returns its message id.
func (d *delivery) send(ctx context.Context, html string, replyTo int, markup *tgbotapi.InlineKeyboardMarkup) (int, error) {
	msg := tgbotapi.NewMessage(d.chatID, html)
	msg.ParseMode = tgbotapi.ModeHTML
	msg.DisableWebPagePreview = true
	msg.ReplyToMessageID = replyTo
	msg.AllowSendingWithoutReply = replyTo != 0
	if markup != nil {
		msg.ReplyMarkup = markup
	}
	res, err := d.do(ctx, msg)
	if err != nil {
		var e *apiError
		if errors.As(err, &e) && e.badHTML() {
			// A bug of ours; the plain text is better than nothing.
			d.log.Error("Telegram refused the HTML; sending plain text", "err", err)
			msg.Text, msg.ParseMode = plainText(html), ""
			res, err = d.do(ctx, msg)
		}
		if err != nil {
			return 0, err
		}
	}
	return messageID(res), nil
}

// edit replaces the text of message id. An edit that changes nothing is
// not an error.
func (d *delivery) edit(ctx context.Context, id int, html string, markup *tgbotapi.InlineKeyboardMarkup) error {
	e := tgbotapi.NewEditMessageText(d.chatID, id, html)
	e.ParseMode = tgbotapi.ModeHTML
	e.DisableWebPagePreview = true
	e.ReplyMarkup = markup
	_, err := d.do(ctx, e)
	var ae *apiError
	if errors.As(err, &ae) && ae.notModified() {
		return nil
	}
	return err
}

// editKeyboard replaces the buttons of message id (none when markup is
// nil). An edit that changes nothing is not an error.
func (d *delivery) editKeyboard(ctx context.Context, id int, markup *tgbotapi.InlineKeyboardMarkup) error {
	if markup == nil {
		markup = &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: [][]tgbotapi.InlineKeyboardButton{}}
	}
	_, err := d.do(ctx, tgbotapi.NewEditMessageReplyMarkup(d.chatID, id, *markup))
	var ae *apiError
	if errors.As(err, &ae) && ae.notModified() {
		return nil
	}
	if err != nil {
		d.failed++
	}
	return err
}

// do makes one call for the chat, following a group's move to a
// supergroup and reporting a refusal to the Handler.
func (d *delivery) do(ctx context.Context, c tgbotapi.Chattable) ([]byte, error) {
	res, err := d.b.request(ctx, c)
	var e *apiError
	if errors.As(err, &e) && e.MigrateTo != 0 {
		d.log.Info("group moved to a supergroup", "to", e.MigrateTo)
		d.chatID = e.MigrateTo
		switch m := c.(type) {
		case tgbotapi.MessageConfig:
			m.ChatID = e.MigrateTo
			c = m
		case tgbotapi.EditMessageTextConfig, tgbotapi.EditMessageReplyMarkupConfig:
			return nil, err // the message stayed in the old group
		}
		res, err = d.b.request(ctx, c)
	}
	if err == nil {
		return res, nil
	}
	switch {
	case errors.As(err, &e) && e.Gone():
		d.log.Info("the chat refused the bot; pausing it", "code", e.Code, "reason", e.Description)
		if !d.blocked {
			d.blocked = true
			d.b.h.Blocked(ctx, d.chatID)
		}
	case errors.As(err, &e) && (e.notModified() || e.editFailed()):
		d.log.Debug("edit not done", "err", err)
	default:
		d.log.Error("telegram call failed", "err", err)
	}
	return nil, err
}

// keyboard is the inline keyboard of buttons, nil for none. A button whose
// data Telegram would refuse (over 64 bytes) is left out, not the message.
func keyboard(rows [][]reply.Button, log *slog.Logger) *tgbotapi.InlineKeyboardMarkup {
	var kb [][]tgbotapi.InlineKeyboardButton
	for _, row := range rows {
		var out []tgbotapi.InlineKeyboardButton
		for _, btn := range row {
			if btn.Text == "" || btn.Data == "" || len(btn.Data) > 64 {
				log.Error("button dropped: empty, or callback data over 64 bytes", "data_len", len(btn.Data))
				continue
			}
			out = append(out, tgbotapi.NewInlineKeyboardButtonData(btn.Text, btn.Data))
		}
		if len(out) > 0 {
			kb = append(kb, out)
		}
	}
	if len(kb) == 0 {
		return nil
	}
	return &tgbotapi.InlineKeyboardMarkup{InlineKeyboard: kb}
}

// messageID reads the message_id of a sent message.
func messageID(res []byte) int {
	var m struct {
		MessageID int `json:"message_id"`
	}
	if json.Unmarshal(res, &m) != nil {
		return 0
	}
	return m.MessageID
}

// plainText is what HTML shows, without the markup.
func plainText(html string) string {
	var b strings.Builder
	for _, a := range tokenize(html) {
		if a.kind == atomChar {
			b.WriteRune(a.r)
		}
	}
	return b.String()
}
