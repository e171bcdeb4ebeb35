// Package httpretry is an http.RoundTripper that retries what a well-behaved
// client should retry: 429 and 5xx answers, honouring Retry-After, and
// transport errors, with exponential backoff and jitter, within the
// request's context. Both of peyvand's OpenAI-compatible clients (embeddings
// and chat) use it, so the go-openai client above it sees only final answers.
package httpretry

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net/http"
	"strconv"
	"time"
)

// Transport retries failed round trips.
type Transport struct {
	Base       http.RoundTripper // http.DefaultTransport when nil
	MaxRetries int               // retries after the first try; 0 means none
	BaseDelay  time.Duration     // first backoff; 500ms when zero
	MaxDelay   time.Duration     // cap on one wait, Retry-After included; 30s when zero
	// Sleep waits for d or until ctx ends; tests replace it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// RoundTrip implements http.RoundTripper.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	base := t.Base
	if base == nil {
		base = http.DefaultTransport
	}
	for attempt := 0; ; attempt++ {
		if attempt > 0 && req.Body != nil && req.GetBody != nil {
			body, err := req.GetBody()
			if err != nil {
				return nil, err
			}
			req = req.Clone(req.Context())
			req.Body = body
		}
		resp, err := base.RoundTrip(req)
		if attempt >= t.MaxRetries || !retryable(req.Context(), resp, err) ||
			(req.Body != nil && req.GetBody == nil) {
			return resp, err
		}
		wait := t.backoff(attempt, resp)
		if resp != nil {
			io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
			resp.Body.Close()
		}
		if err := t.sleep(req.Context(), wait); err != nil {
			return nil, err
		}
	}
}

func retryable(ctx context.Context, resp *http.Response, err error) bool {
	if ctx.Err() != nil {
		return false
	}
	if err != nil {
		return !errors.Is(err, context.Canceled) && !errors.Is(err, context.DeadlineExceeded)
	}
	return resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode >= 500
}

// backoff is Retry-After when the server gave one, else exponential with
// full jitter, capped by MaxDelay.
func (t *Transport) backoff(attempt int, resp *http.Response) time.Duration {
	maxDelay, baseDelay := t.MaxDelay, t.BaseDelay
	if maxDelay == 0 {
		maxDelay = 30 * time.Second
	}
	if baseDelay == 0 {
		baseDelay = 500 * time.Millisecond
	}
	if resp != nil {
		if d, ok := RetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(d, maxDelay)
		}
	}
	d := baseDelay << min(attempt, 16)
	d = d/2 + rand.N(d/2+1)
	return min(d, maxDelay)
}

// RetryAfter parses a Retry-After header: delay-seconds or an HTTP date.
func RetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if s, err := strconv.Atoi(v); err == nil && s >= 0 {
		return time.Duration(s) * time.Second, true
	}
	if t, err := http.ParseTime(v); err == nil {
		return max(t.Sub(now), 0), true
	}
	return 0, false
}

func (t *Transport) sleep(ctx context.Context, d time.Duration) error {
	if t.Sleep != nil {
		return t.Sleep(ctx, d)
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}
