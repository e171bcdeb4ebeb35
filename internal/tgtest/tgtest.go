// Package tgtest is a Bot API server for tests: it speaks Telegram's wire
// format (POST /bot<token>/<method>, form or JSON parameters, {"ok":…}
// answers with error_code, description and parameters.retry_after) and
// checks calls as Telegram does. It long-polls getUpdates from a queue the
// test fills, keeps the messages it accepted so that editMessageText and
// editMessageReplyMarkup can refuse what Telegram refuses ("message to
// edit not found", "message is not modified"), refuses HTML Telegram could
// not parse and texts over 4096 UTF-16 units, checks answerCallbackQuery
// and answerInlineQuery, and lets a test decide the answer to any call:
// accept, refuse (429, 403, 5xx), answer garbage, drop the connection or
// never answer.
package tgtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Token is the token the server accepts. It has the shape of a real one,
// so a leak into a log would be recognisable.
const Token = "123456789:AAF-tgtest_TOKEN-not-a-real-one"

// BotUser is the bot as getMe describes it.
var BotUser = map[string]any{"id": 4242, "is_bot": true, "first_name": "پیوند", "username": "peyvand_bot"}

// Call is one request the server received.
type Call struct {
	Method string
	Params url.Values
	At     time.Time
}

// ChatID is the call's chat_id.
func (c Call) ChatID() int64 {
	id, _ := strconv.ParseInt(c.Params.Get("chat_id"), 10, 64)
	return id
}

// Int is the call's parameter key as a number, 0 when absent.
func (c Call) Int(key string) int {
	n, _ := strconv.Atoi(c.Params.Get(key))
	return n
}

// Answer writes the server's answer to a call; nil accepts it.
type Answer func(w http.ResponseWriter, r *http.Request)

// Refuse answers like the Bot API refusing a call.
func Refuse(code int, description string, retryAfter int) Answer {
	return func(w http.ResponseWriter, _ *http.Request) {
		body := map[string]any{"ok": false, "error_code": code, "description": description}
		if retryAfter > 0 {
			body["parameters"] = map[string]any{"retry_after": retryAfter}
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(code)
		json.NewEncoder(w).Encode(body)
	}
}

// Raw answers with a status and a body that is not the API's JSON.
func Raw(status int, body string) Answer {
	return func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(status)
		w.Write([]byte(body))
	}
}

// Hang never answers: it waits until the client gives up or release is
// closed.
func Hang(release <-chan struct{}) Answer {
	return func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
}

// Drop closes the connection without an answer.
func Drop(w http.ResponseWriter, _ *http.Request) {
	if conn, _, err := w.(http.Hijacker).Hijack(); err == nil {
		conn.Close()
	}
}

// Server is the fake Bot API.
type Server struct {
	tb  testing.TB
	srv *httptest.Server

	mu        sync.Mutex
	calls     []Call
	accepted  map[int64][]Call // sendMessage calls answered ok, by chat
	total     int
	nextID    int
	messages  map[int64]map[int]string // chat → message id → text and markup
	updates   []json.RawMessage        // pending, in update_id order
	ids       []int
	arrived   chan struct{}
	faults    map[string][]Answer
	decide    func(c Call) Answer
	record    bool
	onServe   func(ids []int)
	onSend    func(c Call)
	confirmed int
	answered  map[string]int // calls whose answer is written, by method
}

// New starts a server, closed when the test ends.
func New(tb testing.TB) *Server {
	s := &Server{tb: tb, accepted: map[int64][]Call{}, nextID: 1000, record: true,
		messages: map[int64]map[int]string{}, arrived: make(chan struct{}), faults: map[string][]Answer{},
		answered: map[string]int{}}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.srv.Close)
	return s
}

// Endpoint is the server as an API endpoint format ("…/bot%s/%s").
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// URL is the server's base URL.
func (s *Server) URL() string { return s.srv.URL }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Decide sets the function choosing each call's answer; it is called
// without the server's lock held, concurrently, and nil from it accepts.
func (s *Server) Decide(fn func(c Call) Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.decide = fn
}

// Fault makes the next n calls of method be answered by a.
func (s *Server) Fault(method string, n int, a Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults[method] = append(s.faults[method], a)
	}
}

// KeepCalls turns the log of every sendMessage call on or off (a
// benchmark's thousands of calls need not be kept; accepted messages are
// still counted).
func (s *Server) KeepCalls(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.record = on
}

// OnServe is told the update ids each getUpdates answer carries.
func (s *Server) OnServe(fn func(ids []int)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onServe = fn
}

// OnSend is told each accepted sendMessage.
func (s *Server) OnSend(fn func(c Call)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.onSend = fn
}

// Push queues updates for getUpdates; each is a JSON object with its
// update_id.
func (s *Server) Push(updates ...map[string]any) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, u := range updates {
		raw, err := json.Marshal(u)
		if err != nil {
			s.tb.Fatal(err)
		}
		s.updates = append(s.updates, raw)
		s.ids = append(s.ids, u["update_id"].(int))
	}
	close(s.arrived)
	s.arrived = make(chan struct{})
}

// Seed records a message the bot sent earlier, so that it can be edited.
func (s *Server) Seed(chatID int64, msgID int, text string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.keep(chatID, msgID, text+"\x00")
}

// Message is the text and reply_markup a chat's message shows now.
func (s *Server) Message(chatID int64, msgID int) (text, markup string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	v, ok := s.messages[chatID][msgID]
	text, markup, _ = strings.Cut(v, "\x00")
	return text, markup, ok
}

// MessageIDs returns the ids of a chat's messages (sent or seeded), in
// the order they were sent.
func (s *Server) MessageIDs(chatID int64) []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	ids := make([]int, 0, len(s.messages[chatID]))
	for id := range s.messages[chatID] {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	return ids
}

// Calls returns every call received, in arrival order.
func (s *Server) Calls() []Call { return s.CallsTo("") }

// CallsTo returns the calls of method in arrival order; all when "".
func (s *Server) CallsTo(method string) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Call
	for _, c := range s.calls {
		if method == "" || c.Method == method {
			out = append(out, c)
		}
	}
	return out
}

// SentTo returns the sendMessage calls to a chat, refused ones included.
func (s *Server) SentTo(chatID int64) []Call {
	var out []Call
	for _, c := range s.CallsTo("sendMessage") {
		if c.ChatID() == chatID {
			out = append(out, c)
		}
	}
	return out
}

// Sent returns the messages accepted for a chat, in order.
func (s *Server) Sent(chatID int64) []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.accepted[chatID]...)
}

// Chats returns how many messages were accepted for each chat.
func (s *Server) Chats() map[int64]int {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make(map[int64]int, len(s.accepted))
	for id, cs := range s.accepted {
		out[id] = len(cs)
	}
	return out
}

// Total is how many messages were accepted.
func (s *Server) Total() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.total
}

// Pending is the update ids not yet confirmed by an offset.
func (s *Server) Pending() []int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]int(nil), s.ids...)
}

// Confirmed is the highest offset getUpdates was called with.
func (s *Server) Confirmed() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.confirmed
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	token, method, ok := strings.Cut(strings.TrimPrefix(r.URL.Path, "/bot"), "/")
	if !ok || r.Method != http.MethodPost {
		Refuse(http.StatusNotFound, "Not Found", 0)(w, r)
		return
	}
	if token != Token {
		Refuse(http.StatusUnauthorized, "Unauthorized", 0)(w, r)
		return
	}
	params, err := ReadParams(r)
	if err != nil {
		Refuse(http.StatusBadRequest, "Bad Request: "+err.Error(), 0)(w, r)
		return
	}
	c := Call{Method: method, Params: params, At: time.Now()}
	s.mu.Lock()
	if s.record || method != "sendMessage" {
		s.calls = append(s.calls, c)
	}
	var fault Answer
	if q := s.faults[method]; len(q) > 0 {
		fault, s.faults[method] = q[0], q[1:]
	}
	decide := s.decide
	s.mu.Unlock()
	if fault == nil && decide != nil {
		fault = decide(c)
	}
	defer s.done(method)
	if fault != nil {
		fault(w, r)
		return
	}
	s.answer(w, r, c)
}

func (s *Server) done(method string) {
	s.mu.Lock()
	s.answered[method]++
	s.mu.Unlock()
}

// Answered counts the calls of method answered so far. A call is in
// CallsTo as it arrives, before its effect (an edit, a kept message)
// is applied; a test that reads that effect waits on Answered.
func (s *Server) Answered(method string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.answered[method]
}

// answer plays Telegram's part for one call.
func (s *Server) answer(w http.ResponseWriter, r *http.Request, c Call) {
	var (
		result any
		err    error
	)
	switch c.Method {
	case "getMe":
		result = BotUser
	case "getUpdates":
		s.getUpdates(w, r, c)
		return
	case "sendMessage":
		result, err = s.sendMessage(c)
	case "editMessageText":
		result, err = s.edit(c, true)
	case "editMessageReplyMarkup":
		result, err = s.edit(c, false)
	case "answerCallbackQuery":
		result, err = true, checkCallbackAnswer(c.Params)
	case "answerInlineQuery":
		result, err = true, checkInlineAnswer(c.Params)
	case "sendChatAction", "setMyCommands", "setWebhook", "deleteWebhook", "deleteMessage":
		result = true
	default:
		Refuse(http.StatusNotFound, "Not Found: method not found", 0)(w, r)
		return
	}
	if err != nil {
		Refuse(http.StatusBadRequest, err.Error(), 0)(w, r)
		return
	}
	accept(w, result)
}

func (s *Server) getUpdates(w http.ResponseWriter, r *http.Request, c Call) {
	offset, limit, timeout := c.Int("offset"), c.Int("limit"), c.Int("timeout")
	if limit <= 0 || limit > 100 {
		limit = 100
	}
	deadline := time.After(time.Duration(timeout) * time.Second)
	for {
		s.mu.Lock()
		if offset > 0 {
			// An offset confirms every update below it.
			k := 0
			for k < len(s.ids) && s.ids[k] < offset {
				k++
			}
			s.ids, s.updates = s.ids[k:], s.updates[k:]
			s.confirmed = max(s.confirmed, offset)
		}
		n := min(limit, len(s.updates))
		batch := append([]json.RawMessage{}, s.updates[:n]...)
		arrived := s.arrived
		if s.onServe != nil && n > 0 {
			s.onServe(s.ids[:n])
		}
		s.mu.Unlock()
		if n > 0 || timeout == 0 {
			accept(w, batch)
			return
		}
		select {
		case <-arrived:
		case <-deadline:
			accept(w, batch)
			return
		case <-r.Context().Done():
			return
		}
	}
}

func (s *Server) sendMessage(c Call) (any, error) {
	if c.ChatID() == 0 {
		return nil, errBad("chat not found")
	}
	text, err := CheckText(c.Params.Get("text"), c.Params.Get("parse_mode"))
	if err != nil {
		return nil, err
	}
	if err := checkMarkup(c.Params.Get("reply_markup")); err != nil {
		return nil, err
	}
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	s.keep(c.ChatID(), id, text+"\x00"+c.Params.Get("reply_markup"))
	s.accepted[c.ChatID()] = append(s.accepted[c.ChatID()], c)
	s.total++
	onSend := s.onSend
	s.mu.Unlock()
	if onSend != nil {
		onSend(c)
	}
	return sentMessage(c.ChatID(), id, text), nil
}

// edit applies editMessageText (withText) or editMessageReplyMarkup.
func (s *Server) edit(c Call, withText bool) (any, error) {
	if c.Params.Get("inline_message_id") != "" {
		return true, nil
	}
	chatID, id := c.ChatID(), c.Int("message_id")
	markup := c.Params.Get("reply_markup")
	if err := checkMarkup(markup); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	old, found := s.messages[chatID][id]
	if !found {
		return nil, errBad("message to edit not found")
	}
	text, _, _ := strings.Cut(old, "\x00")
	if withText {
		var err error
		if text, err = CheckText(c.Params.Get("text"), c.Params.Get("parse_mode")); err != nil {
			return nil, err
		}
	}
	content := text + "\x00" + markup
	if content == old {
		return nil, errBad("message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message")
	}
	s.messages[chatID][id] = content
	return sentMessage(chatID, id, text), nil
}

// keep records a message's content; s.mu is held.
func (s *Server) keep(chatID int64, id int, content string) {
	if s.messages[chatID] == nil {
		s.messages[chatID] = map[int]string{}
	}
	s.messages[chatID][id] = content
}

func sentMessage(chatID int64, id int, text string) map[string]any {
	return map[string]any{"message_id": id, "date": time.Now().Unix(), "text": text,
		"chat": map[string]any{"id": chatID, "type": "private"}, "from": BotUser}
}

// ReadParams reads a Bot API call's parameters: a form (urlencoded or
// multipart) or a JSON body, as clients send either.
func ReadParams(r *http.Request) (url.Values, error) {
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		var m map[string]any
		if err := json.NewDecoder(r.Body).Decode(&m); err != nil {
			return nil, err
		}
		v := url.Values{}
		for k, x := range m {
			if str, ok := x.(string); ok {
				v.Set(k, str)
				continue
			}
			b, _ := json.Marshal(x)
			v.Set(k, string(b))
		}
		return v, nil
	}
	if err := r.ParseMultipartForm(1 << 20); err != nil && err != http.ErrNotMultipart {
		return nil, err
	}
	return r.Form, nil
}

func accept(w http.ResponseWriter, result any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"ok": true, "result": result})
}
