package feed

import (
	"errors"
	"fmt"
	"time"
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
