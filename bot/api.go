package bot

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/metrics"
)

// ErrUnauthorized is returned by New and Run when Telegram rejects the
// token (401 Unauthorized): it was revoked, mistyped, or belongs to another
// Bot API server.
var ErrUnauthorized = errors.New("telegram rejected the bot token")

// apiError is a failed Bot API call, with the token already redacted.
type apiError struct {
	Method      string
	Code        int    // the Bot API error_code; the HTTP status when the body was not the API's; 0 for a network error
	Description string // Telegram's description, or what went wrong
	RetryAfter  time.Duration
	MigrateTo   int64 // a group became a supergroup with this id
	Transient   bool  // worth retrying: 429, 5xx, network errors
	Err         error // the cause, for network and decoding errors
}

func (e *apiError) Error() string {
	var b strings.Builder
	b.WriteString("telegram ")
	b.WriteString(e.Method)
	b.WriteString(": ")
	if e.Code != 0 {
		fmt.Fprintf(&b, "%d ", e.Code)
	}
	b.WriteString(e.Description)
	if e.Err != nil && e.Description == "" {
		b.WriteString(e.Err.Error())
	} else if e.Err != nil {
		b.WriteString(": " + e.Err.Error())
	}
	return b.String()
}

func (e *apiError) Unwrap() error { return e.Err }

// RetryIn is how long Telegram asked to wait before the next call (429),
// zero when it did not.
func (e *apiError) RetryIn() time.Duration { return e.RetryAfter }

// Temporary reports a failure worth retrying later: 429, 5xx, a network
// error or no answer in time.
func (e *apiError) Temporary() bool { return e.Transient }

// Gone reports that the bot may not write to the chat any more: 403 when
// the user blocked it or was deleted, or the bot was removed from the
// group; 400 "chat not found" when the chat itself is gone, or "not
// enough rights" when a group no longer lets the bot post.
func (e *apiError) Gone() bool {
	return e.Code == http.StatusForbidden ||
		(e.Code == http.StatusBadRequest && (strings.Contains(e.Description, "chat not found") ||
			strings.Contains(e.Description, "not enough rights to send")))
}

// notModified is Telegram's answer to an edit that changes nothing.
func (e *apiError) notModified() bool {
	return e.Code == http.StatusBadRequest && strings.Contains(e.Description, "message is not modified")
}

// editFailed reports that an edit cannot be done, so the text should be
// sent as a new message instead.
func (e *apiError) editFailed() bool {
	d := e.Description
	return e.Code == http.StatusBadRequest && (strings.Contains(d, "message to edit not found") ||
		strings.Contains(d, "message can't be edited") || strings.Contains(d, "MESSAGE_ID_INVALID"))
}

// badHTML reports that Telegram refused the text's markup.
func (e *apiError) badHTML() bool {
	return e.Code == http.StatusBadRequest && strings.Contains(e.Description, "can't parse entities")
}

// doer is the HTTP client tgbotapi calls for one Bot API call: it gives the
// request the call's context, notes the HTTP status, keeps the connection
// reusable, and strips the token from transport errors, which quote the
// URL.
type doer struct {
	ctx    context.Context
	client *http.Client
	token  string
	status int
}

func (d *doer) Do(req *http.Request) (*http.Response, error) {
	resp, err := d.client.Do(req.WithContext(d.ctx))
	if err != nil {
		return nil, redactErr(err, d.token)
	}
	d.status = resp.StatusCode
	resp.Body = drainCloser{resp.Body}
	return resp, nil
}

// drainCloser reads what the JSON decoder left of a body before closing
// it, so the connection goes back to the pool.
type drainCloser struct{ io.ReadCloser }

func (d drainCloser) Close() error {
	io.Copy(io.Discard, io.LimitReader(d.ReadCloser, 64<<10))
	return d.ReadCloser.Close()
}

// redactedError is an error whose text had the token cut out. It unwraps
// to the cause under a *url.Error, never to the URL itself.
type redactedError struct {
	msg   string
	cause error
}

func (e *redactedError) Error() string { return e.msg }
func (e *redactedError) Unwrap() error { return e.cause }

// redactErr returns err with every copy of token replaced.
func redactErr(err error, token string) error {
	if err == nil {
		return nil
	}
	var cause error
	if ue, ok := err.(*url.Error); ok {
		cause = ue.Err
	} else if !strings.Contains(err.Error(), token) {
		return err
	}
	return &redactedError{msg: redact(err.Error(), token), cause: cause}
}

// redact replaces the token in s, including its URL-escaped form.
func redact(s, token string) string {
	if token == "" {
		return s
	}
	s = strings.ReplaceAll(s, token, "<token>")
	if esc := url.PathEscape(token); esc != token {
		s = strings.ReplaceAll(s, esc, "<token>")
	}
	return s
}

// call makes one Bot API call, without retries, and returns its result.
func (b *Bot) call(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error) {
	return b.callRaw(ctx, c, "", nil)
}

// callRaw makes one call: c when it is non-nil, else method with params
// (for parameters tgbotapi v5.5 does not know, such as secret_token).
func (b *Bot) callRaw(ctx context.Context, c tgbotapi.Chattable, method string, params tgbotapi.Params) (json.RawMessage, error) {
	if c != nil {
		method = methodName(c)
	}
	if chat, ok := paced(c); ok && b.pace != nil {
		if err := b.pace.wait(ctx, chat, laneOf(ctx)); err != nil {
			return nil, err
		}
	}
	timeout := b.cfg.RequestTimeout
	if u, ok := c.(tgbotapi.UpdateConfig); ok {
		timeout += time.Duration(u.Timeout) * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	d := &doer{ctx: ctx, client: b.client, token: b.cfg.Token}
	api := *b.api // a shallow copy, to give this call its own client
	api.Client = d
	var (
		resp *tgbotapi.APIResponse
		err  error
	)
	if c != nil {
		resp, err = api.Request(c)
	} else {
		resp, err = api.MakeRequest(method, params)
	}
	if err != nil {
		cerr := b.classify(method, d.status, err)
		metrics.TelegramErrors.WithLabelValues(errorKind(cerr)).Inc()
		var e *apiError
		if errors.As(cerr, &e) && e.RetryAfter > 0 && b.pace != nil {
			b.pace.holdFor(e.RetryAfter) // flood control is the bot's, not this call's
		}
		return nil, cerr
	}
	if b.cfg.OnAPISuccess != nil {
		b.cfg.OnAPISuccess()
	}
	return resp.Result, nil
}

// classify turns what tgbotapi returned into an *apiError, or into the
// context's error when the call was cancelled.
func (b *Bot) classify(method string, status int, err error) error {
	var te *tgbotapi.Error
	if errors.As(err, &te) {
		e := &apiError{
			Method:      method,
			Code:        te.Code,
			Description: te.Message,
			RetryAfter:  time.Duration(te.RetryAfter) * time.Second,
			MigrateTo:   te.MigrateToChatID,
		}
		if e.Code == 0 {
			e.Code = status
		}
		e.Transient = e.Code == http.StatusTooManyRequests || e.Code >= 500
		return e
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		if status == 0 {
			return &apiError{Method: method, Description: "no answer", Err: redactErr(err, b.cfg.Token), Transient: errors.Is(err, context.DeadlineExceeded)}
		}
	}
	err = redactErr(err, b.cfg.Token)
	if status != 0 {
		// An answer came, but not the Bot API's JSON: a proxy's error
		// page, a truncated body. Only a server-side failure is retried;
		// after a 200 the call may well have been done.
		return &apiError{
			Method:      method,
			Code:        status,
			Description: "malformed response",
			Transient:   status == http.StatusTooManyRequests || status >= 500,
			Err:         err,
		}
	}
	return &apiError{Method: method, Transient: true, Err: err}
}

// methodName is the Bot API method of c.
func methodName(c tgbotapi.Chattable) string {
	switch c.(type) {
	case tgbotapi.MessageConfig:
		return "sendMessage"
	case tgbotapi.EditMessageTextConfig:
		return "editMessageText"
	case tgbotapi.ChatActionConfig:
		return "sendChatAction"
	case tgbotapi.CallbackConfig:
		return "answerCallbackQuery"
	case tgbotapi.UpdateConfig:
		return "getUpdates"
	case tgbotapi.SetMyCommandsConfig:
		return "setMyCommands"
	case tgbotapi.DeleteWebhookConfig:
		return "deleteWebhook"
	}
	return fmt.Sprintf("%T", c)
}

// request makes a call and retries it: after retry_after on 429, with
// exponential backoff on 5xx and network errors, at most MaxRetries times.
// A retry_after longer than MaxRetryWait is not waited for.
func (b *Bot) request(ctx context.Context, c tgbotapi.Chattable) (json.RawMessage, error) {
	for attempt := 0; ; attempt++ {
		res, err := b.call(ctx, c)
		if err == nil {
			return res, nil
		}
		var e *apiError
		if !errors.As(err, &e) || !e.Transient || attempt >= b.cfg.MaxRetries || ctx.Err() != nil {
			return nil, err
		}
		wait := b.backoff(attempt)
		if e.RetryAfter > 0 {
			if e.RetryAfter > b.cfg.MaxRetryWait {
				return nil, err
			}
			wait = e.RetryAfter
		}
		level := slog.LevelDebug
		if e.RetryAfter > 0 {
			level = slog.LevelWarn // flood control: worth seeing
		}
		b.log.Log(ctx, level, "telegram call failed; retrying", "method", e.Method, "code", e.Code,
			"attempt", attempt+1, "wait_ms", ms(wait), "err", err)
		if err := b.cfg.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// backoff is the wait before retry attempt+1: exponential from RetryBase,
// with jitter, capped at MaxBackoff.
func (b *Bot) backoff(attempt int) time.Duration {
	d := b.cfg.RetryBase << min(attempt, 16)
	d = d/2 + rand.N(d/2+1)
	return min(d, b.cfg.MaxBackoff)
}

// sleep waits for d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// errorKind labels a Bot API failure for the metrics: the HTTP status
// class, or "network".
func errorKind(err error) string {
	var e *apiError
	if !errors.As(err, &e) || e.Code == 0 {
		return "network"
	}
	switch {
	case e.Code == http.StatusTooManyRequests:
		return "429"
	case e.Code == http.StatusForbidden:
		return "403"
	case e.Code >= 500:
		return "5xx"
	}
	return "4xx"
}
