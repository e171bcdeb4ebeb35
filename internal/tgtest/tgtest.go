// Package tgtest is a Bot API server for tests of code that sends
// messages: it speaks Telegram's wire format (POST /bot<token>/<method>,
// form or JSON parameters, {"ok":…} answers with error_code, description
// and parameters.retry_after), records what was accepted, and lets a test
// decide the answer to each call: accept, refuse (429, 403, 5xx), answer
// garbage, or never answer.
package tgtest

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// Token is the token the server accepts.
const Token = "123456789:AAF-tgtest_TOKEN-not-a-real-one"

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

// Hang never answers: it waits until the client gives up or the server
// closes.
func Hang(release <-chan struct{}) Answer {
	return func(_ http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	}
}

// Server is the fake Bot API.
type Server struct {
	srv *httptest.Server

	mu       sync.Mutex
	calls    []Call
	accepted map[int64][]Call // sendMessage calls answered ok, by chat
	total    int
	nextID   int
	// Decide, when set, chooses the answer to each call: nil accepts.
	// It is called without the server's lock held, concurrently.
	decide func(c Call) Answer
	record bool
}

// New starts a server, closed when the test ends.
func New(tb testing.TB) *Server {
	s := &Server{accepted: map[int64][]Call{}, nextID: 100, record: true}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.srv.Close)
	return s
}

// Endpoint is the server as bot.Config.APIEndpoint.
func (s *Server) Endpoint() string { return s.srv.URL + "/bot%s/%s" }

// Close stops the server.
func (s *Server) Close() { s.srv.Close() }

// Decide sets the function choosing each call's answer.
func (s *Server) Decide(fn func(c Call) Answer) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.decide = fn
}

// KeepCalls turns the log of every call on or off (a benchmark's
// thousands of calls need not be kept; accepted messages still are).
func (s *Server) KeepCalls(on bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.record = on
}

// Calls returns every call received, in arrival order.
func (s *Server) Calls() []Call {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Call(nil), s.calls...)
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
	if s.record {
		s.calls = append(s.calls, c)
	}
	decide := s.decide
	s.mu.Unlock()
	if decide != nil {
		if a := decide(c); a != nil {
			a(w, r)
			return
		}
	}
	switch method {
	case "getMe":
		accept(w, map[string]any{"id": 4242, "is_bot": true, "first_name": "پیوند", "username": "peyvand_bot"})
	case "sendMessage":
		s.sendMessage(w, r, c)
	case "getUpdates":
		// No updates: hold the long poll a little, as Telegram holds it
		// for its timeout, so a polling client does not spin.
		select {
		case <-r.Context().Done():
			return
		case <-time.After(200 * time.Millisecond):
		}
		accept(w, []any{})
	default:
		accept(w, true)
	}
}

func (s *Server) sendMessage(w http.ResponseWriter, r *http.Request, c Call) {
	if c.Params.Get("text") == "" || c.ChatID() == 0 {
		Refuse(http.StatusBadRequest, "Bad Request: message text is empty", 0)(w, r)
		return
	}
	if kb := c.Params.Get("reply_markup"); kb != "" && !json.Valid([]byte(kb)) {
		Refuse(http.StatusBadRequest, "Bad Request: can't parse reply keyboard markup JSON object", 0)(w, r)
		return
	}
	s.mu.Lock()
	s.nextID++
	id := s.nextID
	s.accepted[c.ChatID()] = append(s.accepted[c.ChatID()], c)
	s.total++
	s.mu.Unlock()
	accept(w, map[string]any{"message_id": id, "date": time.Now().Unix(),
		"chat": map[string]any{"id": c.ChatID(), "type": "private"}, "text": c.Params.Get("text")})
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
