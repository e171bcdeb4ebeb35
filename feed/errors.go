package feed

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/peyvand/peyvand"
)

// ErrMalformedFeed is returned (wrapped, with the parser's reason) when a
// feed's body is not RSS or Atom that gofeed can read: an HTML error page, a
// truncated document, an unknown encoding.
var ErrMalformedFeed = errors.New("malformed feed")

// ErrTooLarge is returned when a feed or a page is larger than the limit.
var ErrTooLarge = errors.New("response too large")

// ErrNotHTML is returned when a page's Content-Type (or its bytes, when the
// header says nothing) is neither HTML nor plain text: a PDF, an image.
var ErrNotHTML = errors.New("not an HTML page")

// ErrNoText is returned when a page holds too little article text to be
// one: a page that builds itself with scripts, a gallery, a login wall.
var ErrNoText = errors.New("no article text found")

// ErrBadURL is returned for a URL that is not absolute http or https.
var ErrBadURL = errors.New("not an http(s) URL")

// StatusError is a response with a status other than 2xx (or 304 to a
// conditional feed request).
type StatusError struct {
	URL        string
	StatusCode int
	// RetryAfter is the server's Retry-After on 429 and 503, zero if none.
	RetryAfter time.Duration
}

// Error says which URL answered which status.
func (e *StatusError) Error() string {
	return fmt.Sprintf("GET %s: HTTP %d", e.URL, e.StatusCode)
}

// Explain gives a failed Fetch the Persian message its user reads (an
// admin's /ingest, `peyvand ingest --url`), keeping err as the cause; nil
// stays nil.
func Explain(err error) error {
	if err == nil {
		return nil
	}
	var st *StatusError
	msg := "صفحه را نتوانستم بخوانم؛ نشانی را بررسی کنید یا کمی بعد دوباره امتحان کنید."
	switch {
	case errors.As(err, &st):
		msg = fmt.Sprintf("سرور خبر پاسخ %d داد؛ صفحه خوانده نشد.", st.StatusCode)
	case errors.Is(err, ErrPrivateAddress):
		msg = "این نشانی به شبکهٔ داخلی می‌رسد (نه به اینترنت عمومی) و پیوند آن را نمی‌خواند. اگر خبرها واقعاً در شبکهٔ خودتان است، PEYVAND_ALLOW_PRIVATE_FETCH=1 را تنظیم کنید."
	case errors.Is(err, ErrNoText):
		msg = "در این صفحه متن خبری نیافتم."
	case errors.Is(err, ErrNotHTML):
		msg = "این نشانی صفحهٔ وب (HTML) نیست."
	case errors.Is(err, ErrTooLarge):
		msg = "این صفحه بیش از اندازه بزرگ است."
	case errors.Is(err, context.DeadlineExceeded):
		msg = "سرور خبر به‌موقع پاسخ نداد."
	}
	return peyvand.Errorf(peyvand.EUnavailable, "%s", msg).Wrap(err)
}
