package bot

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/peyvand/peyvand/internal/tgtest"
)

// testToken has the shape of a real token, so a leak would be recognisable.
const testToken = "123456789:AAF-s3cr3t_TOKEN-do-not-log"

// botUser is the bot as getMe describes it.
var botUser = map[string]any{"id": 4242, "is_bot": true, "first_name": "پیوند", "username": "peyvand_bot"}

// apiCall is one request the fake Bot API received.
type apiCall struct {
	Method string
	Form   url.Values
	At     time.Time
}

func (c apiCall) chatID() int64 {
	id, _ := strconv.ParseInt(c.Form.Get("chat_id"), 10, 64)
	return id
}

func (c apiCall) int(key string) int {
	n, _ := strconv.Atoi(c.Form.Get(key))
	return n
}

// fakeAPI is an httptest server speaking the Bot API's wire format:
// POST /bot<token>/<method> with form or JSON bodies, answered with
// {"ok":true,"result":…} or {"ok":false,"error_code":…,"description":…}.
// It long-polls getUpdates, keeps the messages the bot sent, refuses HTML
// Telegram would refuse and texts over 4096 UTF-16 units, and plays
// scripted faults.
type fakeAPI struct {
	t   testing.TB
	srv *httptest.Server

	mu        sync.Mutex
	calls     []apiCall
	updates   []json.RawMessage // pending, in update_id order
	ids       []int
	confirmed int // the highest offset getUpdates was called with
	arrived   chan struct{}
	faults    map[string][]func(http.ResponseWriter)
	messages  map[int64]map[int]string // chat → message id → text
	nextID    int
	record    bool               // keep sendMessage calls; the benchmark turns it off
	onServe   func(ids []int)    // told the update ids getUpdates returns
	onSend    func(f url.Values) // told each sendMessage
}

func newFakeAPI(t testing.TB) *fakeAPI {
	f := &fakeAPI{
		t:        t,
		arrived:  make(chan struct{}),
		faults:   make(map[string][]func(http.ResponseWriter)),
		messages: make(map[int64]map[int]string),
		nextID:   1000,
		record:   true,
	}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

// push queues updates for getUpdates; each is a JSON object with its
// update_id.
func (f *fakeAPI) push(updates ...map[string]any) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, u := range updates {
		raw, err := json.Marshal(u)
		if err != nil {
			f.t.Fatal(err)
		}
		f.updates = append(f.updates, raw)
		f.ids = append(f.ids, u["update_id"].(int))
	}
	close(f.arrived)
	f.arrived = make(chan struct{})
}

// fault makes the next n calls of method be answered by answer.
func (f *fakeAPI) fault(method string, n int, answer func(http.ResponseWriter)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for range n {
		f.faults[method] = append(f.faults[method], answer)
	}
}

// apiRefusal answers like the Bot API refusing a call.
func apiRefusal(code int, description string, retryAfter int) func(http.ResponseWriter) {
	a := tgtest.Refuse(code, description, retryAfter)
	return func(w http.ResponseWriter) { a(w, nil) }
}

// rawAnswer answers with status and a body that is not the API's JSON.
func rawAnswer(status int, body string) func(http.ResponseWriter) {
	a := tgtest.Raw(status, body)
	return func(w http.ResponseWriter) { a(w, nil) }
}

// dropConnection closes the connection without an answer.
func dropConnection(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// seed records a message the bot sent earlier, so it can be edited.
func (f *fakeAPI) seed(chatID int64, msgID int, text string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.messages[chatID] == nil {
		f.messages[chatID] = make(map[int]string)
	}
	f.messages[chatID][msgID] = text
}

// callsTo returns the calls of method, in order; all calls when method is
// "".
func (f *fakeAPI) callsTo(method string) []apiCall {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []apiCall
	for _, c := range f.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// sentTo returns the sendMessage calls to chat.
func (f *fakeAPI) sentTo(chatID int64) []apiCall {
	var out []apiCall
	for _, c := range f.callsTo("sendMessage") {
		if c.chatID() == chatID {
			out = append(out, c)
		}
	}
	return out
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

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || r.Method != http.MethodPost {
		apiRefusal(http.StatusNotFound, "Not Found", 0)(w)
		return
	}
	if token != testToken {
		apiRefusal(http.StatusUnauthorized, "Unauthorized", 0)(w)
		return
	}
	form, err := tgtest.ReadParams(r)
	if err != nil {
		apiRefusal(http.StatusBadRequest, "Bad Request: "+err.Error(), 0)(w)
		return
	}
	f.mu.Lock()
	if f.record || method != "sendMessage" {
		f.calls = append(f.calls, apiCall{Method: method, Form: form, At: time.Now()})
	}
	var fault func(http.ResponseWriter)
	if q := f.faults[method]; len(q) > 0 {
		fault, f.faults[method] = q[0], q[1:]
	}
	f.mu.Unlock()
	if fault != nil {
		fault(w)
		return
	}
	switch method {
	case "getMe":
		ok200(w, botUser)
	case "getUpdates":
		f.getUpdates(w, r, form)
	case "sendMessage":
		f.sendMessage(w, form)
	case "editMessageText":
		f.editMessageText(w, form)
	case "sendChatAction", "answerCallbackQuery", "setMyCommands", "setWebhook", "deleteWebhook":
		ok200(w, true)
	default:
		apiRefusal(http.StatusNotFound, "Not Found: method not found", 0)(w)
	}
}

func ok200(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}

func (f *fakeAPI) getUpdates(w http.ResponseWriter, r *http.Request, form url.Values) {
	offset, _ := strconv.Atoi(form.Get("offset"))
	limit, _ := strconv.Atoi(form.Get("limit"))
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	timeout, _ := strconv.Atoi(form.Get("timeout"))
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		f.mu.Lock()
		if offset > 0 {
			// An offset confirms every update below it.
			k := 0
			for k < len(f.ids) && f.ids[k] < offset {
				k++
			}
			f.ids, f.updates = f.ids[k:], f.updates[k:]
			f.confirmed = max(f.confirmed, offset)
		}
		n := min(limit, len(f.updates))
		batch := make([]json.RawMessage, n)
		copy(batch, f.updates[:n])
		arrived := f.arrived
		if f.onServe != nil && n > 0 {
			f.onServe(f.ids[:n])
		}
		f.mu.Unlock()
		if n > 0 || timeout == 0 {
			ok200(w, batch)
			return
		}
		select {
		case <-arrived:
		case <-deadline:
			ok200(w, batch)
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (f *fakeAPI) sendMessage(w http.ResponseWriter, form url.Values) {
	chatID, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	text, err := f.checkText(form)
	if err != nil {
		apiRefusal(http.StatusBadRequest, err.Error(), 0)(w)
		return
	}
	f.mu.Lock()
	f.nextID++
	id := f.nextID
	if f.messages[chatID] == nil {
		f.messages[chatID] = make(map[int]string)
	}
	f.messages[chatID][id] = text + "\x00" + form.Get("reply_markup")
	onSend := f.onSend
	f.mu.Unlock()
	if onSend != nil {
		onSend(form)
	}
	ok200(w, map[string]any{
		"message_id": id, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chatID, "type": "private"}, "from": botUser,
	})
}

func (f *fakeAPI) editMessageText(w http.ResponseWriter, form url.Values) {
	chatID, _ := strconv.ParseInt(form.Get("chat_id"), 10, 64)
	id, _ := strconv.Atoi(form.Get("message_id"))
	text, err := f.checkText(form)
	if err != nil {
		apiRefusal(http.StatusBadRequest, err.Error(), 0)(w)
		return
	}
	f.mu.Lock()
	old, found := f.messages[chatID][id]
	content := text + "\x00" + form.Get("reply_markup")
	if found && old != content {
		f.messages[chatID][id] = content
	}
	f.mu.Unlock()
	switch {
	case !found:
		apiRefusal(http.StatusBadRequest, "Bad Request: message to edit not found", 0)(w)
	case old == content:
		apiRefusal(http.StatusBadRequest, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message", 0)(w)
	default:
		ok200(w, map[string]any{
			"message_id": id, "date": time.Now().Unix(), "text": text,
			"chat": map[string]any{"id": chatID, "type": "private"}, "from": botUser,
		})
	}
}

// checkText applies Telegram's checks to a message text: its HTML parses,
// and what it shows is 1–4096 UTF-16 units. It returns the visible text.
func (f *fakeAPI) checkText(form url.Values) (string, error) {
	text := form.Get("text")
	if form.Get("parse_mode") == "HTML" {
		v, err := parseTelegramHTML(text)
		if err != nil {
			return "", fmt.Errorf("Bad Request: can't parse entities: %v", err)
		}
		text = v
	}
	switch n := len(utf16.Encode([]rune(strings.TrimSpace(text)))); {
	case n == 0:
		return "", errors.New("Bad Request: message text is empty")
	case n > maxMessageLen:
		return "", errors.New("Bad Request: message is too long")
	}
	return text, nil
}

// parseTelegramHTML parses s as Telegram's HTML parse mode does, strictly:
// only its tags, properly nested, an href on every <a>, only &lt; &gt;
// &amp; &quot; and numeric entities, valid UTF-8. It returns the text shown.
func parseTelegramHTML(s string) (string, error) {
	allowed := map[string]bool{
		"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
		"strike": true, "del": true, "span": true, "tg-spoiler": true, "a": true, "code": true,
		"pre": true, "blockquote": true, "tg-emoji": true,
	}
	var (
		out   strings.Builder
		stack []string
	)
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			tag := s[i+1 : i+j]
			if name, ok := strings.CutPrefix(tag, "/"); ok {
				if len(stack) == 0 || stack[len(stack)-1] != name {
					return "", fmt.Errorf("unexpected end tag %q at byte offset %d", name, i)
				}
				stack = stack[:len(stack)-1]
			} else {
				name, attrs, _ := strings.Cut(tag, " ")
				if !allowed[name] {
					return "", fmt.Errorf("unsupported start tag %q at byte offset %d", name, i)
				}
				if name == "a" {
					href, ok := strings.CutPrefix(attrs, `href="`)
					if !ok || !strings.HasSuffix(href, `"`) || strings.ContainsAny(href[:len(href)-1], `"<>`) {
						return "", fmt.Errorf("bad <a> attributes %q", attrs)
					}
					if _, err := parseTelegramHTML(href[:len(href)-1]); err != nil {
						return "", fmt.Errorf("bad href: %v", err)
					}
				}
				stack = append(stack, name)
			}
			i += j + 1
		case '&':
			j := strings.IndexByte(s[i:], ';')
			if j < 0 || j > 10 {
				return "", fmt.Errorf("bad entity at byte offset %d", i)
			}
			ent := s[i : i+j+1]
			var r rune
			switch {
			case ent == "&lt;":
				r = '<'
			case ent == "&gt;":
				r = '>'
			case ent == "&amp;":
				r = '&'
			case ent == "&quot;":
				r = '"'
			case strings.HasPrefix(ent, "&#x"):
				n, err := strconv.ParseUint(ent[3:len(ent)-1], 16, 32)
				if err != nil {
					return "", fmt.Errorf("bad entity %q", ent)
				}
				r = rune(n)
			case strings.HasPrefix(ent, "&#"):
				n, err := strconv.ParseUint(ent[2:len(ent)-1], 10, 32)
				if err != nil {
					return "", fmt.Errorf("bad entity %q", ent)
				}
				r = rune(n)
			default:
				return "", fmt.Errorf("unsupported entity %q", ent)
			}
			out.WriteRune(r)
			i += j + 1
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", fmt.Errorf("invalid UTF-8 at byte offset %d", i)
			}
			out.WriteRune(r)
			i += size
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag %q", stack[len(stack)-1])
	}
	return out.String(), nil
}

// Update builders, in the Bot API's JSON.

var nextUpdateID = struct {
	sync.Mutex
	n int
}{n: 500000}

func updateID() int {
	nextUpdateID.Lock()
	defer nextUpdateID.Unlock()
	nextUpdateID.n++
	return nextUpdateID.n
}

// tgMsg describes an incoming message.
type tgMsg struct {
	chat     int64
	kind     string // private (default), group, supergroup, channel
	user     int64  // the sender; chat when zero
	id       int    // message_id
	text     string
	entities []map[string]any
	replyTo  map[string]any // the message replied to
	sticker  bool
	caption  string // with a photo
	lang     string
}

func (m tgMsg) json() map[string]any {
	kind := m.kind
	if kind == "" {
		kind = "private"
	}
	user := m.user
	if user == 0 {
		user = m.chat
	}
	lang := m.lang
	if lang == "" {
		lang = "fa"
	}
	msg := map[string]any{
		"message_id": m.id,
		"date":       time.Now().Unix(),
		"chat":       map[string]any{"id": m.chat, "type": kind},
		"from":       map[string]any{"id": user, "is_bot": false, "first_name": "کاربر", "language_code": lang},
	}
	if kind == "channel" {
		delete(msg, "from")
		msg["sender_chat"] = map[string]any{"id": m.chat, "type": "channel"}
	}
	if m.text != "" {
		msg["text"] = m.text
	}
	if m.entities != nil {
		msg["entities"] = m.entities
	}
	if m.replyTo != nil {
		msg["reply_to_message"] = m.replyTo
	}
	if m.sticker {
		msg["sticker"] = map[string]any{"file_id": "CAAC", "file_unique_id": "u", "width": 512, "height": 512, "is_animated": false}
	}
	if m.caption != "" {
		msg["photo"] = []any{map[string]any{"file_id": "AgAC", "file_unique_id": "p", "width": 90, "height": 90}}
		msg["caption"] = m.caption
	}
	return msg
}

// messageUpdate wraps m in an update.
func messageUpdate(m tgMsg) map[string]any {
	key := "message"
	if m.kind == "channel" {
		key = "channel_post"
	}
	return map[string]any{"update_id": updateID(), key: m.json()}
}

// text is a private text message from user chat.
func text(chat int64, id int, s string) map[string]any {
	return messageUpdate(tgMsg{chat: chat, id: id, text: s})
}

// command is the entity of a command at the start of s.
func command(s string) []map[string]any {
	n := strings.IndexByte(s, ' ')
	if n < 0 {
		n = len(s)
	}
	return []map[string]any{{"type": "bot_command", "offset": 0, "length": len(utf16.Encode([]rune(s[:n])))}}
}

// mention is a mention entity of who in s.
func mention(s, who string) []map[string]any {
	i := strings.Index(s, who)
	return []map[string]any{{"type": "mention", "offset": len(utf16.Encode([]rune(s[:i]))), "length": len(utf16.Encode([]rune(who)))}}
}

// fromBot is a message the bot sent, to reply to.
func fromBot(chat int64, id int) map[string]any {
	return map[string]any{"message_id": id, "date": 1, "chat": map[string]any{"id": chat, "type": "group"}, "from": botUser, "text": "پاسخ"}
}

// press is a press of a button with data under the bot's message msgID.
func press(chat int64, user int64, msgID int, data string) map[string]any {
	return map[string]any{"update_id": updateID(), "callback_query": map[string]any{
		"id":            "cbq-" + strconv.Itoa(msgID) + "-" + data,
		"from":          map[string]any{"id": user, "is_bot": false, "first_name": "کاربر"},
		"message":       map[string]any{"message_id": msgID, "date": 1, "chat": map[string]any{"id": chat, "type": "private"}, "from": botUser, "text": "پاسخ"},
		"chat_instance": "42",
		"data":          data,
	}}
}

// kicked is a my_chat_member update: the user blocked the bot.
func kicked(chat int64) map[string]any {
	member := func(status string) map[string]any {
		return map[string]any{"user": botUser, "status": status}
	}
	return map[string]any{"update_id": updateID(), "my_chat_member": map[string]any{
		"chat":            map[string]any{"id": chat, "type": "private"},
		"from":            map[string]any{"id": chat, "is_bot": false, "first_name": "کاربر"},
		"date":            1,
		"old_chat_member": member("member"),
		"new_chat_member": member("kicked"),
	}}
}
