package answer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"

	openai "github.com/sashabaranov/go-openai"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/httpretry"
	"github.com/peyvand/peyvand/internal/redact"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/prompts"
)

// LLMConfig configures the chat model that writes answers, served over the
// OpenAI chat-completions API (OpenAI, Ollama, vLLM, LocalAI, OpenRouter…).
// Its String, GoString and LogValue hide the key, so printing or logging a
// config is safe.
type LLMConfig struct {
	BaseURL string
	APIKey  string // sent only to BaseURL, never logged nor put in an error
	Model   string
	// Timeout bounds one answer: every retry, the regeneration and the
	// streaming included. Past it the fallback answers. 30s when zero.
	Timeout time.Duration
	// MaxRetries is how many times a 429, a 5xx or a transport error is
	// retried, with exponential backoff and jitter, or after Retry-After
	// when the server sends one. 2 when zero; none when negative.
	MaxRetries int
	// Temperature is the sampling temperature; zero (the default) is sent
	// as zero, the model's most literal wording.
	Temperature float32
	// HTTPClient, when set, is copied and its Transport wrapped with the
	// retries; tests and proxies set it.
	HTTPClient *http.Client
}

// String implements fmt.Stringer without the key.
func (c LLMConfig) String() string {
	return fmt.Sprintf("LLMConfig{BaseURL:%q Model:%q APIKey:%s Timeout:%s MaxRetries:%d Temperature:%g}",
		redact.URL(c.BaseURL), c.Model, maskKey(c.APIKey), c.Timeout, c.MaxRetries, c.Temperature)
}

// GoString implements fmt.GoStringer, so %#v hides the key too.
func (c LLMConfig) GoString() string { return c.String() }

// LogValue implements slog.LogValuer without the key.
func (c LLMConfig) LogValue() slog.Value {
	return slog.GroupValue(slog.String("base_url", redact.URL(c.BaseURL)), slog.String("model", c.Model),
		slog.String("api_key", maskKey(c.APIKey)), slog.Duration("timeout", c.Timeout))
}

func maskKey(k string) string {
	if k == "" {
		return "(none)"
	}
	return "(set)"
}

// LLM is the composer that has a chat model write the answer from the
// passages, then keeps only the sentences Verify accepts. Whenever the model
// cannot give a usable answer in time (an error, a timeout, an answer whose
// sentences do not check out even after one regeneration) the Fallback
// answers instead, with Answer.FallbackReason saying why. Weak evidence
// never reaches the model. An LLM is safe for concurrent use.
//
// When Request.Stream is set the reply is streamed to it as the model writes
// it: that is the model's own text, not yet checked, and a regeneration
// streams again from the start. The returned Answer is what to show last.
type LLM struct {
	// Fallback answers when the model does not; Extractive by default.
	Fallback Composer
	// Now dates the prompt ("امروز"), so that "lately" can be read.
	Now func() time.Time
	// Places checks the places a briefing by the model names; a question's
	// answer is checked against its Request's gazetteer. places.Default()
	// when nil.
	Places *places.Gazetteer

	cfg    LLMConfig
	client *openai.Client
	retry  *httpretry.Transport // kept so tests can shorten the backoff
}

func (l *LLM) gazetteer() *places.Gazetteer {
	if l.Places != nil {
		return l.Places
	}
	return places.Default()
}

// NewLLM returns a composer for cfg. Nothing is sent until Compose.
func NewLLM(cfg LLMConfig) (*LLM, error) {
	if cfg.BaseURL == "" || cfg.Model == "" {
		return nil, peyvand.Errorf(peyvand.EInvalid, "برای پاسخ با مدل زبانی، نشانی سرور و نام مدل لازم است.")
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = 30 * time.Second
	}
	cfg.MaxRetries = retries(cfg.MaxRetries)
	client, retry := newClient(cfg)
	return &LLM{Fallback: Extractive{}, Now: time.Now, cfg: cfg, client: client, retry: retry}, nil
}

// NewChatClient returns a go-openai client for cfg's server, with its
// retries (MaxRetries: 2 when zero, none when negative): what other users
// of the same model (tie extraction) share with the answers.
func NewChatClient(cfg LLMConfig) *openai.Client {
	cfg.MaxRetries = retries(cfg.MaxRetries)
	c, _ := newClient(cfg)
	return c
}

// retries is LLMConfig.MaxRetries made effective: 2 for zero, none when
// negative.
func retries(n int) int {
	switch {
	case n == 0:
		return 2
	case n < 0:
		return 0
	}
	return n
}

func newClient(cfg LLMConfig) (*openai.Client, *httpretry.Transport) {
	hc := &http.Client{}
	if cfg.HTTPClient != nil {
		*hc = *cfg.HTTPClient
	}
	retry := &httpretry.Transport{Base: hc.Transport, MaxRetries: cfg.MaxRetries}
	hc.Transport = retry
	oc := openai.DefaultConfig(cfg.APIKey)
	oc.BaseURL = cfg.BaseURL
	oc.HTTPClient = hc
	return openai.NewClientWithConfig(oc), retry
}

// Fallback reasons, the stable first words of Answer.FallbackReason.
const (
	ReasonWeakEvidence = "weak evidence"  // not sent to the model
	ReasonTimeout      = "timeout"        // the deadline passed
	ReasonUnavailable  = "unavailable"    // the server failed or could not be reached
	ReasonMalformed    = "malformed"      // the server's answer could not be read
	ReasonUnverified   = "unverified"     // the model's sentences did not check out
	ReasonPrompt       = "prompt"         // the prompt could not be rendered (a bug)
	ReasonEmpty        = "empty response" // the model wrote nothing
)

// Compose implements Composer.
func (l *LLM) Compose(ctx context.Context, req Request) (peyvand.Answer, error) {
	if Weak(req) {
		return l.fallback(ctx, req, ReasonWeakEvidence, nil)
	}
	data := prompts.AnswerData{Question: req.Question, Passages: make([]prompts.Passage, len(req.Evidence))}
	if l.Now != nil {
		data.Today = l.Now()
	}
	for i, ev := range req.Evidence {
		data.Passages[i] = prompts.Passage{N: i + 1, Title: ev.Article.Title, Date: ev.Article.Date,
			Source: ev.Article.Source, Text: ev.Passage.Text}
	}
	system, user, err := prompts.Answer(data)
	if err != nil {
		return l.fallback(ctx, req, ReasonPrompt, err)
	}
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: system},
		{Role: openai.ChatMessageRoleUser, Content: user},
	}
	mctx, cancel := context.WithTimeout(ctx, l.cfg.Timeout)
	defer cancel()
	for round := 1; ; round++ {
		text, err := l.chat(mctx, msgs, req.Stream)
		if err != nil {
			if errors.Is(ctx.Err(), context.Canceled) {
				return peyvand.Answer{}, ctx.Err() // the caller is gone: nobody to answer
			}
			return l.fallback(ctx, req, reasonOf(err), err)
		}
		v := Verify(req.gazetteer(), text, req.Evidence)
		if v.Abstains {
			return abstain(req, peyvand.Answer{Question: req.Question, Mode: peyvand.ModeLLM}), nil
		}
		if v.Usable() {
			ans := peyvand.Answer{Question: req.Question, Text: v.Text, Mode: peyvand.ModeLLM}
			for k, i := range v.Sources {
				ans.Citations = append(ans.Citations, citation(k+1, req.Evidence[i]))
			}
			return ans, nil
		}
		if round == 2 {
			return l.fallback(ctx, req, ReasonUnverified+": "+v.Failure(), nil)
		}
		fb, err := prompts.Feedback(prompts.FeedbackData{Problems: v.feedback()})
		if err != nil {
			return l.fallback(ctx, req, ReasonPrompt, err)
		}
		msgs = append(msgs, openai.ChatCompletionMessage{Role: openai.ChatMessageRoleAssistant, Content: text},
			openai.ChatCompletionMessage{Role: openai.ChatMessageRoleUser, Content: fb})
	}
}

// chat sends one conversation and returns the model's reply, streamed to
// partial when it is set. Errors are redacted.
func (l *LLM) chat(ctx context.Context, msgs []openai.ChatCompletionMessage, partial func(string)) (string, error) {
	creq := openai.ChatCompletionRequest{Model: l.cfg.Model, Messages: msgs, Temperature: l.cfg.Temperature}
	if creq.Temperature == 0 {
		creq.Temperature = math.SmallestNonzeroFloat32 // go-openai omits a plain zero
	}
	if partial == nil {
		resp, err := l.client.CreateChatCompletion(ctx, creq)
		if err != nil {
			return "", l.redact(err)
		}
		if len(resp.Choices) == 0 {
			return "", &llmError{reason: ReasonMalformed, msg: "no choices in the response"}
		}
		return l.reply(resp.Choices[0].Message.Content)
	}
	stream, err := l.client.CreateChatCompletionStream(ctx, creq)
	if err != nil {
		return "", l.redact(err)
	}
	defer stream.Close()
	var b strings.Builder
	shown := ""
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return "", l.redact(err)
		}
		for _, c := range resp.Choices {
			if c.Index == 0 && c.Delta.Content != "" {
				b.WriteString(c.Delta.Content)
				if s := visible(b.String()); s != shown {
					shown = s
					partial(s)
				}
			}
		}
	}
	return l.reply(b.String())
}

// reply is the text of a model's reply, reasoning left out.
func (l *LLM) reply(content string) (string, error) {
	text := visible(content)
	if strings.TrimSpace(text) == "" {
		return "", &llmError{reason: ReasonEmpty, msg: "the model's reply is empty"}
	}
	return text, nil
}

// visible drops the <think>…</think> reasoning that some models (DeepSeek R1,
// Qwen 3) write before their answer, including an unclosed one still being
// streamed.
func visible(s string) string {
	for {
		i := strings.Index(s, "<think>")
		if i < 0 {
			return strings.TrimLeft(s, " \n")
		}
		j := strings.Index(s[i:], "</think>")
		if j < 0 {
			return strings.TrimLeft(s[:i], " \n")
		}
		s = s[:i] + s[i+j+len("</think>"):]
	}
}

// fallback answers with the Fallback composer, noting why the model's answer
// was not used. Without a Fallback the model's failure is returned as an
// EUnavailable error.
func (l *LLM) fallback(ctx context.Context, req Request, reason string, cause error) (peyvand.Answer, error) {
	if cause != nil {
		reason += ": " + cause.Error()
	}
	reason = l.redactString(reason)
	if l.Fallback == nil {
		if cause == nil {
			cause = errors.New(reason)
		}
		return peyvand.Answer{}, &peyvand.Error{Code: peyvand.EUnavailable,
			Message: "مدل زبانی اکنون پاسخ نمی‌دهد؛ کمی بعد دوباره امتحان کنید.", Err: l.redact(cause)}
	}
	ans, err := l.Fallback.Compose(ctx, req)
	if err != nil {
		return ans, err
	}
	if ans.Mode == "" {
		ans.Mode = peyvand.ModeExtractive
	}
	ans.FallbackReason = reason
	return ans, nil
}

// llmError is a failure of the model, redacted: its text never holds the key
// nor a server's raw body.
type llmError struct {
	reason string // one of the Reason constants
	status int    // the HTTP status, when there was one
	msg    string
	err    error // kept for errors.Is (context.DeadlineExceeded…); not printed
}

func (e *llmError) Error() string {
	s := "chat completion"
	if e.status != 0 {
		s += ": status " + strconv.Itoa(e.status)
	}
	if e.msg != "" {
		s += ": " + e.msg
	}
	return s
}

func (e *llmError) Unwrap() error { return e.err }

// redact turns an error from go-openai or the transport into an llmError: a
// status, the server's own short message when it gave a JSON one, and the
// kind of failure, with the key and anything like a key removed.
func (l *LLM) redact(err error) error {
	var le *llmError
	if errors.As(err, &le) {
		return le
	}
	var api *openai.APIError
	var req *openai.RequestError
	var netErr net.Error
	out := &llmError{reason: ReasonUnavailable, err: err}
	switch {
	case errors.Is(err, context.DeadlineExceeded) || errors.As(err, &netErr) && netErr.Timeout():
		out.reason, out.msg = ReasonTimeout, "no answer within the deadline"
	case errors.Is(err, context.Canceled):
		out.msg = "canceled"
	case errors.As(err, &api):
		out.status, out.msg = api.HTTPStatusCode, api.Message
		if api.HTTPStatusCode == 0 { // an error event inside a stream
			out.msg = "stream error: " + api.Message
		}
	case errors.As(err, &req):
		out.status, out.msg = req.HTTPStatusCode, http.StatusText(req.HTTPStatusCode)
		if req.HTTPStatusCode < 400 {
			out.reason, out.msg = ReasonMalformed, "unreadable error response"
		}
	case isDecodeError(err):
		out.reason, out.msg = ReasonMalformed, "the response is not chat-completion JSON"
	default:
		out.msg = "request failed"
		var ue *url.Error
		if errors.As(err, &ue) {
			out.msg += ": " + ue.Err.Error()
		}
	}
	out.msg = l.redactString(persian.Clip(out.msg, 200))
	return out
}

// isDecodeError reports an answer body that is not the JSON expected.
func isDecodeError(err error) bool {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	return errors.As(err, &syn) || errors.As(err, &typ) || errors.Is(err, io.ErrUnexpectedEOF)
}

// keyLike matches strings shaped like API keys, in case a server echoes
// one back in part ("Incorrect API key provided: sk-abc***xyz").
var keyLike = regexp.MustCompile(`(?i)\b(?:sk|pk|rk|key|tok)[-_][A-Za-z0-9*_\-]{6,}|Bearer\s+\S+`)

func (l *LLM) redactString(s string) string {
	if k := l.cfg.APIKey; k != "" {
		s = strings.ReplaceAll(s, k, "[redacted]")
	}
	return keyLike.ReplaceAllString(s, "[redacted]")
}

// reasonOf is the Reason constant of a redacted error.
func reasonOf(err error) string {
	var le *llmError
	if errors.As(err, &le) {
		return le.reason
	}
	return ReasonUnavailable
}
