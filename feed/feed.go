package feed

import (
	"net/url"
	"slices"
	"strings"
	"sync"
	"time"
)

// Feed is one configured RSS or Atom feed.
type Feed struct {
	URL string `json:"url"`
	// Name is the outlet, stored as Article.Source ("irna.ir"). Empty means
	// the feed's host without "www.".
	Name string `json:"name,omitempty"`
}

// Outlet returns the feed's outlet name: Name, else the feed URL's host.
func (f Feed) Outlet() string {
	if n := strings.TrimSpace(f.Name); n != "" {
		return n
	}
	return outlet(f.URL)
}

// outlet returns the host of a URL without "www.", lower-cased, or "".
func outlet(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		return ""
	}
	return strings.TrimPrefix(strings.ToLower(u.Hostname()), "www.")
}

// Item is a feed entry waiting to become an article: what the poller keeps
// of an item whose page could not be read, so it is retried on the next
// poll even when the feed answers 304 or has dropped the item by then.
type Item struct {
	// Key identifies the item within its feed: the GUID, else the link.
	Key       string    `json:"key"`
	Link      string    `json:"link,omitempty"`
	Title     string    `json:"title,omitempty"`
	Summary   string    `json:"summary,omitempty"` // the item's content or description, HTML or text
	Published time.Time `json:"published,omitzero"`
	Attempts  int       `json:"attempts,omitempty"` // failed attempts so far
	LastError string    `json:"last_error,omitempty"`
}

// Record is what the poller remembers of one feed between polls. It is
// plain data, meant to be stored as JSON (encoding/json) under the feed's
// URL; the zero value is a feed never polled.
type Record struct {
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// Failures counts consecutive failed polls; it sets the backoff and,
	// at Poller.MaxFailures, disables the feed.
	Failures    int       `json:"failures,omitempty"`
	LastError   string    `json:"last_error,omitempty"`
	Disabled    bool      `json:"disabled,omitempty"`
	NextPoll    time.Time `json:"next_poll,omitzero"`
	LastPoll    time.Time `json:"last_poll,omitzero"`
	LastSuccess time.Time `json:"last_success,omitzero"`
	// Seen holds the keys of the items already turned into articles (or
	// given up on), oldest first, at most Poller.MaxSeen of them.
	Seen []string `json:"seen,omitempty"`
	// Pending holds the items whose page could not be read yet.
	Pending []Item `json:"pending,omitempty"`
}

// Clone returns a copy of s that shares no slices with it.
func (s Record) Clone() Record {
	s.Seen = slices.Clone(s.Seen)
	s.Pending = slices.Clone(s.Pending)
	return s
}

// State stores Records by feed URL. Get returns the zero Record for a
// feed it does not know. The poller calls Put after the handler has taken a
// poll's articles, so a crash between the two re-delivers them (at least
// once), never loses them. Implementations must be safe for concurrent use.
type State interface {
	Get(feedURL string) (Record, error)
	Put(feedURL string, st Record) error
}

// MemState is a State in memory, for tests and one-off polls.
type MemState struct {
	mu sync.Mutex
	m  map[string]Record
}

// NewMemState returns an empty MemState.
func NewMemState() *MemState { return &MemState{m: map[string]Record{}} }

// Get returns the state of the feed, or the zero state.
func (s *MemState) Get(feedURL string) (Record, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.m[feedURL].Clone(), nil
}

// Put stores the state of the feed.
func (s *MemState) Put(feedURL string, st Record) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.m[feedURL] = st.Clone()
	return nil
}
