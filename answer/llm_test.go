package answer

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/prompts"
)

const testKey = "sk-peyvand-TEST-0123456789abcdef"

var testNow = time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)

// chatServer speaks the OpenAI chat-completions protocol: POST
// /v1/chat/completions, JSON or, for "stream": true, server-sent events.
// Each request gets the next reply; the last one repeats.
type chatServer struct {
	srv      *httptest.Server
	mu       sync.Mutex
	requests []openai.ChatCompletionRequest
	auth     []string
	times    []time.Time
	replies  []reply
}

// reply writes one response to a decoded request.
type reply func(w http.ResponseWriter, r *http.Request, req openai.ChatCompletionRequest)

func newChatServer(t *testing.T, replies ...reply) *chatServer {
	t.Helper()
	s := &chatServer{replies: replies}
	s.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost || r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		var req openai.ChatCompletionRequest
		if err := json.NewDecoder(r.Body).Decode(&req); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		s.mu.Lock()
		s.requests = append(s.requests, req)
		s.auth = append(s.auth, r.Header.Get("Authorization"))
		s.times = append(s.times, time.Now())
		rep := s.replies[min(len(s.requests), len(s.replies))-1]
		s.mu.Unlock()
		rep(w, r, req)
	}))
	t.Cleanup(s.srv.Close)
	return s
}

func (s *chatServer) count() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.requests)
}

func (s *chatServer) request(i int) openai.ChatCompletionRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[i]
}

// say answers with text: one JSON completion, or the text in chunks as
// server-sent events when the request asked for a stream.
func say(text string, chunks ...string) reply {
	return func(w http.ResponseWriter, r *http.Request, req openai.ChatCompletionRequest) {
		if !req.Stream {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":%q,`+
				`"choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],`+
				`"usage":{"prompt_tokens":900,"completion_tokens":80,"total_tokens":980}}`, req.Model, jsonString(text))
			return
		}
		if chunks == nil {
			chunks = []string{text}
		}
		w.Header().Set("Content-Type", "text/event-stream")
		f := w.(http.Flusher)
		for i, c := range chunks {
			role := ""
			if i == 0 {
				role = `"role":"assistant",`
			}
			fmt.Fprintf(w, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":%q,"+
				"\"choices\":[{\"index\":0,\"delta\":{%s\"content\":%s},\"finish_reason\":null}]}\n\n", req.Model, role, jsonString(c))
			f.Flush()
		}
		fmt.Fprintf(w, "data: {\"id\":\"chatcmpl-1\",\"object\":\"chat.completion.chunk\",\"created\":1700000000,\"model\":%q,"+
			"\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n", req.Model)
		f.Flush()
	}
}

// status answers with a status code, headers and a body.
func status(code int, body string, header ...string) reply {
	return func(w http.ResponseWriter, r *http.Request, _ openai.ChatCompletionRequest) {
		for i := 0; i+1 < len(header); i += 2 {
			w.Header().Set(header[i], header[i+1])
		}
		w.WriteHeader(code)
		io.WriteString(w, body)
	}
}

// hang never answers: it waits for the client to give up.
func hang(w http.ResponseWriter, r *http.Request, _ openai.ChatCompletionRequest) {
	select {
	case <-r.Context().Done():
	case <-time.After(10 * time.Second):
	}
}

func jsonString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// stubFallback stands in for the extractive composer: it counts its calls and
// answers with its first passage.
type stubFallback struct{ calls atomic.Int32 }

func (f *stubFallback) Compose(_ context.Context, req Request) (peyvand.Answer, error) {
	f.calls.Add(1)
	ans := peyvand.Answer{Question: req.Question, Mode: peyvand.ModeExtractive, Text: "پاسخ استخراجی. [1]"}
	if len(req.Evidence) > 0 {
		ans.Citations = []peyvand.Citation{citation(1, req.Evidence[0])}
	}
	return ans, nil
}

// newTestLLM returns an LLM pointed at s, with a fallback stub and a
// millisecond backoff (Retry-After is still honoured in full).
func newTestLLM(t *testing.T, s *chatServer, cfg LLMConfig) (*LLM, *stubFallback) {
	t.Helper()
	cfg.BaseURL, cfg.APIKey, cfg.Model, cfg.HTTPClient = s.srv.URL+"/v1", testKey, "test-model", s.srv.Client()
	if cfg.Timeout == 0 {
		cfg.Timeout = 10 * time.Second
	}
	l, err := NewLLM(cfg)
	if err != nil {
		t.Fatal(err)
	}
	l.retry.BaseDelay = time.Millisecond
	l.Now = func() time.Time { return testNow }
	fb := &stubFallback{}
	l.Fallback = fb
	return l, fb
}

func testRequest() Request {
	return Request{Question: "اصفهان با کدام شهرهای خارجی همکاری دارد؟", Places: []string{"اصفهان"},
		Evidence: []Evidence{evIsfahanMoscow, evGorganGuangzhou, evTabrizBaku}}
}

// A good answer, citing passage 2 before passage 1.
const goodAnswer = "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2]. " +
	"دو دانشگاه در مسکو و یک دانشگاه سن پترزبورگ با دانشگاه اصفهان تفاهم‌نامه همکاری امضا خواهند کرد [1]."

const goodText = "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود. [1] " +
	"دو دانشگاه در مسکو و یک دانشگاه سن پترزبورگ با دانشگاه اصفهان تفاهم‌نامه همکاری امضا خواهند کرد. [2]"

func compose(t *testing.T, l *LLM, req Request) peyvand.Answer {
	t.Helper()
	ans, err := l.Compose(context.Background(), req)
	if err != nil {
		t.Fatalf("Compose: %v", err)
	}
	return ans
}

func wantMode(t *testing.T, ans peyvand.Answer, mode, reason string) {
	t.Helper()
	if ans.Mode != mode || !strings.HasPrefix(ans.FallbackReason, reason) || (reason == "") != (ans.FallbackReason == "") {
		t.Errorf("Mode %q, FallbackReason %q; want %q, reason starting %q", ans.Mode, ans.FallbackReason, mode, reason)
	}
}

func TestLLMGoodAnswer(t *testing.T) {
	s := newChatServer(t, say(goodAnswer))
	l, fb := newTestLLM(t, s, LLMConfig{})
	ans := compose(t, l, testRequest())
	wantMode(t, ans, peyvand.ModeLLM, "")
	if ans.Text != goodText {
		t.Errorf("Text =\n%s\nwant\n%s", ans.Text, goodText)
	}
	if len(ans.Citations) != 2 || ans.Citations[0].N != 1 || ans.Citations[0].PassageID != "seed-003#2" ||
		ans.Citations[1].N != 2 || ans.Citations[1].PassageID != "seed-000#7" {
		t.Errorf("Citations = %+v; want [1] seed-003#2, [2] seed-000#7", ans.Citations)
	}
	if fb.calls.Load() != 0 {
		t.Errorf("fallback called")
	}
	// What was sent: the model, the key, the system prompt, the passages.
	req := s.request(0)
	system, user, err := prompts.Answer(prompts.AnswerData{Question: testRequest().Question, Today: testNow, Passages: []prompts.Passage{
		{N: 1, Title: evIsfahanMoscow.Article.Title, Date: evIsfahanMoscow.Article.Date, Source: evIsfahanMoscow.Article.Source, Text: evIsfahanMoscow.Passage.Text},
		{N: 2, Title: evGorganGuangzhou.Article.Title, Date: evGorganGuangzhou.Article.Date, Source: evGorganGuangzhou.Article.Source, Text: evGorganGuangzhou.Passage.Text},
		{N: 3, Title: evTabrizBaku.Article.Title, Date: evTabrizBaku.Article.Date, Source: evTabrizBaku.Article.Source, Text: evTabrizBaku.Passage.Text},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if req.Model != "test-model" || len(req.Messages) != 2 || req.Messages[0].Role != "system" || req.Messages[0].Content != system ||
		req.Messages[1].Role != "user" || req.Messages[1].Content != user || req.Stream || req.Temperature > 1e-6 {
		t.Errorf("request = model %q, %d messages, stream %v, temperature %g; want the rendered prompts", req.Model, len(req.Messages), req.Stream, req.Temperature)
	}
	s.mu.Lock()
	auth := s.auth[0]
	s.mu.Unlock()
	if auth != "Bearer "+testKey {
		t.Errorf("Authorization = %q", auth)
	}
}

func TestLLMUnknownCitationRemoved(t *testing.T) {
	s := newChatServer(t, say(
		"اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2][9]. اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1]. اصفهان با پاریس خواهرخوانده است [4]."))
	l, _ := newTestLLM(t, s, LLMConfig{})
	ans := compose(t, l, testRequest())
	wantMode(t, ans, peyvand.ModeLLM, "")
	want := "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود. [1] اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [2]"
	if ans.Text != want || len(ans.Citations) != 2 {
		t.Errorf("Text = %q with %d citations; want %q with 2", ans.Text, len(ans.Citations), want)
	}
	if strings.Contains(ans.Text, "[9]") || strings.Contains(ans.Text, "پاریس") {
		t.Errorf("the marker to passage 9 or the sentence citing only passage 4 survived: %q", ans.Text)
	}
}

func TestLLMCityNotInCitedPassage(t *testing.T) {
	s := newChatServer(t, say(
		"اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1]. گرگان نیز با مسکو تفاهم‌نامه امضا کرد [1]. اتاق گوانگژو در گرگان افتتاح می‌شود [2]."))
	l, _ := newTestLLM(t, s, LLMConfig{})
	ans := compose(t, l, testRequest())
	wantMode(t, ans, peyvand.ModeLLM, "")
	want := "اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [1] اتاق گوانگژو در گرگان افتتاح می‌شود. [2]"
	if ans.Text != want {
		t.Errorf("Text = %q; want %q", ans.Text, want)
	}
}

func TestLLMRetryAfter429(t *testing.T) {
	s := newChatServer(t,
		status(http.StatusTooManyRequests, `{"error":{"message":"Rate limit reached","type":"requests","code":"rate_limit_exceeded"}}`,
			"Retry-After", "1", "Content-Type", "application/json"),
		say(goodAnswer))
	l, _ := newTestLLM(t, s, LLMConfig{})
	start := time.Now()
	ans := compose(t, l, testRequest())
	wantMode(t, ans, peyvand.ModeLLM, "")
	if s.count() != 2 {
		t.Fatalf("%d requests; want 2", s.count())
	}
	// The backoff is 1ms here: only Retry-After can explain a second's wait.
	s.mu.Lock()
	gap := s.times[1].Sub(s.times[0])
	s.mu.Unlock()
	if gap < 900*time.Millisecond {
		t.Errorf("retried %v after the 429; want Retry-After's 1s", gap)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("took %v", time.Since(start))
	}
}

func TestLLMTimeout(t *testing.T) {
	s := newChatServer(t, hang)
	const deadline = 300 * time.Millisecond
	l, fb := newTestLLM(t, s, LLMConfig{Timeout: deadline})
	start := time.Now()
	ans := compose(t, l, testRequest())
	elapsed := time.Since(start)
	wantMode(t, ans, peyvand.ModeExtractive, ReasonTimeout)
	if fb.calls.Load() != 1 {
		t.Errorf("fallback called %d times; want 1", fb.calls.Load())
	}
	if elapsed < deadline || elapsed > deadline+250*time.Millisecond {
		t.Errorf("answered after %v; want within the %v deadline (+250ms)", elapsed, deadline)
	}
}

func TestLLMServerErrorHTML(t *testing.T) {
	s := newChatServer(t, status(http.StatusInternalServerError,
		"<html><head><title>500 Internal Server Error</title></head><body><center><h1>500 Internal Server Error</h1></center><hr><center>nginx</center></body></html>",
		"Content-Type", "text/html"))
	l, _ := newTestLLM(t, s, LLMConfig{MaxRetries: 2})
	ans := compose(t, l, testRequest())
	wantMode(t, ans, peyvand.ModeExtractive, ReasonUnavailable)
	if s.count() != 3 {
		t.Errorf("%d requests; want 3 (the first and 2 retries)", s.count())
	}
	if !strings.Contains(ans.FallbackReason, "status 500") || strings.Contains(ans.FallbackReason, "<html") {
		t.Errorf("FallbackReason = %q; want the status without the body", ans.FallbackReason)
	}
}

func TestLLMMalformedJSON(t *testing.T) {
	for _, tt := range []struct {
		name string
		body string
	}{
		{"truncated", `{"id":"chatcmpl-1","choices":[{"index":0,"message":{"role":"assistant","content":"اصفهان`},
		{"not json", `<!doctype html><p>Welcome to nginx!</p>`},
		{"wrong shape", `{"choices":"none"}`},
		{"no choices", `{"id":"chatcmpl-1","object":"chat.completion","choices":[]}`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newChatServer(t, status(http.StatusOK, tt.body, "Content-Type", "application/json"))
			l, _ := newTestLLM(t, s, LLMConfig{})
			ans := compose(t, l, testRequest())
			wantMode(t, ans, peyvand.ModeExtractive, ReasonMalformed)
			if s.count() != 1 {
				t.Errorf("%d requests; want 1 (a malformed answer is not retried)", s.count())
			}
		})
	}
}

func TestLLMRegenerate(t *testing.T) {
	const uncited = "اصفهان با مسکو و سن پترزبورگ تفاهم‌نامه دارد. گرگان با گوانگژو همکاری می‌کند."
	t.Run("FallbackAfterSecondFailure", func(t *testing.T) {
		s := newChatServer(t, say(uncited))
		l, _ := newTestLLM(t, s, LLMConfig{})
		ans := compose(t, l, testRequest())
		wantMode(t, ans, peyvand.ModeExtractive, ReasonUnverified+": no citations")
		if s.count() != 2 {
			t.Fatalf("%d requests; want 2 (one regeneration)", s.count())
		}
		second := s.request(1).Messages
		if len(second) != 4 || second[2].Role != "assistant" || second[2].Content != uncited || second[3].Role != "user" ||
			!strings.Contains(second[3].Content, "هیچ جمله‌ای شمارهٔ متنِ منبعش را نداشت") {
			t.Errorf("second request's messages = %+v; want the answer and a follow-up naming the failure", second)
		}
	})
	t.Run("SecondAnswerUsed", func(t *testing.T) {
		s := newChatServer(t, say("گرگان با مسکو تفاهم‌نامه دارد [1]. گرگان با پاریس خواهرخوانده است [3]."), say(goodAnswer))
		l, _ := newTestLLM(t, s, LLMConfig{})
		ans := compose(t, l, testRequest())
		wantMode(t, ans, peyvand.ModeLLM, "")
		if ans.Text != goodText || s.count() != 2 {
			t.Errorf("after %d requests Text = %q; want 2 and %q", s.count(), ans.Text, goodText)
		}
		if fb := s.request(1).Messages[3].Content; !strings.Contains(fb, "نام «گرگان» را دارد که در متن 1 نیامده است") {
			t.Errorf("follow-up does not name the place:\n%s", fb)
		}
	})
}

func TestLLMStreaming(t *testing.T) {
	chunks := []string{"<think>passage 2 names Gorgan", "</think>", "اتاق گوانگژو", " در شهرداری گرگان", " راه‌اندازی می‌شود [2].", " اصفهان با مسکو", " تفاهم‌نامه امضا خواهد کرد [1]."}
	s := newChatServer(t, say(strings.Join(chunks, ""), chunks...))
	l, _ := newTestLLM(t, s, LLMConfig{})
	var partials []string
	req := testRequest()
	req.Stream = func(p string) { partials = append(partials, p) }
	ans := compose(t, l, req)
	wantMode(t, ans, peyvand.ModeLLM, "")
	want := []string{"اتاق گوانگژو", "اتاق گوانگژو در شهرداری گرگان", "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2].",
		"اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2]. اصفهان با مسکو",
		"اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود [2]. اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد [1]."}
	if strings.Join(partials, "\n") != strings.Join(want, "\n") {
		t.Errorf("partials =\n%s\nwant\n%s", strings.Join(partials, "\n"), strings.Join(want, "\n"))
	}
	if !s.request(0).Stream {
		t.Errorf("request did not ask for a stream")
	}
	if ans.Text != "اتاق گوانگژو در شهرداری گرگان راه‌اندازی می‌شود. [1] اصفهان با مسکو تفاهم‌نامه امضا خواهد کرد. [2]" {
		t.Errorf("Text = %q", ans.Text)
	}
}

func TestLLMAbstention(t *testing.T) {
	for _, said := range []string{
		"در متن‌های داده‌شده پاسخی برای این پرسش نیافتم.",
		"متأسفانه اطلاعاتی دربارهٔ این موضوع در متن‌ها وجود ندارد.",
		"I cannot answer this question from the given passages.",
	} {
		s := newChatServer(t, say(said))
		l, fb := newTestLLM(t, s, LLMConfig{})
		req := testRequest()
		ans := compose(t, l, req)
		if !ans.Abstained || ans.Text != AbstainText(subjectOf(req)) || len(ans.Citations) != 0 || ans.Mode != peyvand.ModeLLM {
			t.Errorf("model said %q: Abstained %v, Mode %q, Text %q; want the standard abstention", said, ans.Abstained, ans.Mode, ans.Text)
		}
		if s.count() != 1 || fb.calls.Load() != 0 {
			t.Errorf("model said %q: %d requests, %d fallbacks; want 1 and 0", said, s.count(), fb.calls.Load())
		}
	}
}

func TestLLMWeakEvidence(t *testing.T) {
	s := newChatServer(t, say(goodAnswer))
	l, _ := newTestLLM(t, s, LLMConfig{})
	weak := testRequest()
	weak.Evidence = nil
	ans := compose(t, l, weak)
	wantMode(t, ans, peyvand.ModeExtractive, ReasonWeakEvidence)
	low := testRequest()
	for i := range low.Evidence {
		low.Evidence[i].Coverage = 0.1
	}
	ans = compose(t, l, low)
	wantMode(t, ans, peyvand.ModeExtractive, ReasonWeakEvidence)
	if s.count() != 0 {
		t.Errorf("%d requests; weak evidence must never reach the model", s.count())
	}
}

func TestLLMKeyNeverShown(t *testing.T) {
	// The server echoes the key, as OpenAI's 401 does in part.
	echo := `{"error":{"message":"Incorrect API key provided: ` + testKey + `. You can find your API key at https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":"invalid_api_key"}}`
	for _, tt := range []struct {
		name string
		rep  reply
	}{
		{"401 JSON", status(http.StatusUnauthorized, echo, "Content-Type", "application/json")},
		{"502 HTML", status(http.StatusBadGateway, "<html>upstream said: Bearer "+testKey+"</html>")},
		{"stream error event", func(w http.ResponseWriter, r *http.Request, req openai.ChatCompletionRequest) {
			w.Header().Set("Content-Type", "text/event-stream")
			io.WriteString(w, `data: {"error":{"message":"bad key `+testKey+`","type":"invalid_request_error"}}`+"\n\n")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s := newChatServer(t, tt.rep)
			l, _ := newTestLLM(t, s, LLMConfig{MaxRetries: -1})
			l.Fallback = nil
			req := testRequest()
			if strings.HasPrefix(tt.name, "stream") {
				req.Stream = func(string) {}
			}
			_, err := l.Compose(context.Background(), req)
			if err == nil {
				t.Fatal("Compose succeeded; want an error")
			}
			if peyvand.ErrorCode(err) != peyvand.EUnavailable {
				t.Errorf("code %q; want %q", peyvand.ErrorCode(err), peyvand.EUnavailable)
			}
			if strings.Contains(err.Error(), testKey) || strings.Contains(fmt.Sprintf("%+v", err), testKey) {
				t.Errorf("error shows the key: %v", err)
			}
			if strings.Contains(err.Error(), "<html") {
				t.Errorf("error shows the body: %v", err)
			}
			l.Fallback = &stubFallback{}
			ans := compose(t, l, req)
			if strings.Contains(ans.FallbackReason, testKey) || ans.FallbackReason == "" {
				t.Errorf("FallbackReason = %q", ans.FallbackReason)
			}
		})
	}
	t.Run("config", func(t *testing.T) {
		cfg := LLMConfig{BaseURL: "https://api.openai.com/v1", APIKey: testKey, Model: "gpt-4o-mini"}
		var logged bytes.Buffer
		slog.New(slog.NewJSONHandler(&logged, nil)).Info("llm", "config", cfg)
		for _, shown := range []string{fmt.Sprint(cfg), fmt.Sprintf("%+v", cfg), fmt.Sprintf("%#v", cfg), logged.String()} {
			if strings.Contains(shown, testKey) || !strings.Contains(shown, "gpt-4o-mini") {
				t.Errorf("config shown as %s", shown)
			}
		}
	})
}

func TestLLMCallerDeadline(t *testing.T) {
	t.Run("Deadline", func(t *testing.T) {
		// The caller's deadline is shorter than the configured one: it wins,
		// and the fallback still answers.
		s := newChatServer(t, hang)
		l, fb := newTestLLM(t, s, LLMConfig{})
		ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
		defer cancel()
		ans, err := l.Compose(ctx, testRequest())
		if err != nil || fb.calls.Load() != 1 {
			t.Fatalf("error %v, %d fallbacks; want the fallback's answer", err, fb.calls.Load())
		}
		wantMode(t, ans, peyvand.ModeExtractive, ReasonTimeout)
	})
	t.Run("Canceled", func(t *testing.T) {
		s := newChatServer(t, hang)
		l, fb := newTestLLM(t, s, LLMConfig{})
		ctx, cancel := context.WithCancel(context.Background())
		time.AfterFunc(100*time.Millisecond, cancel)
		_, err := l.Compose(ctx, testRequest())
		if !errors.Is(err, context.Canceled) || fb.calls.Load() != 0 {
			t.Errorf("error %v, %d fallbacks; want context.Canceled and none", err, fb.calls.Load())
		}
	})
}

// TestLLMConfigHidesKeyInBaseURL: a key inside the base URL (userinfo or
// query) never reaches %v, %#v or a log line.
func TestLLMConfigHidesKeyInBaseURL(t *testing.T) {
	cfg := LLMConfig{BaseURL: "http://u:sk-url-0123456789abcdef@llm.internal/v1?key=qk-0123456789abcdefghij", Model: "m"}
	var logged strings.Builder
	slog.New(slog.NewTextHandler(&logged, nil)).Info("llm", "cfg", cfg)
	for _, out := range []string{fmt.Sprintf("%v", cfg), fmt.Sprintf("%#v", cfg), logged.String()} {
		if strings.Contains(out, "sk-url-") || strings.Contains(out, "qk-0123") || !strings.Contains(out, "llm.internal") {
			t.Errorf("config shown as %q", out)
		}
	}
}
