package feed

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// Defaults of a Poller.
const (
	DefaultInterval        = 5 * time.Minute
	DefaultMinBackoff      = time.Minute
	DefaultMaxBackoff      = 6 * time.Hour
	DefaultMaxFailures     = 10 // ~8.5 hours of failures with the default backoff
	DefaultMaxItemAttempts = 12 // an hour of polls at the default interval
	DefaultMaxSeen         = 2000
	DefaultMaxFeedBytes    = 10 << 20
	DefaultSummaryWords    = 40
)

// Result is what one poll of one feed produced.
type Result struct {
	Feed Feed
	// NotModified is true when the feed answered 304 to the conditional GET.
	NotModified bool
	// Initial is true on the feed's first successful poll: its articles
	// are the feed's backlog rather than news (alert on them or not).
	Initial bool
	// Articles are the new items, each read from its page or, when the
	// page failed and the item's own text was long enough, from that text.
	Articles []peyvand.Article
	// FromSummary holds the IDs of the Articles made from the item's text.
	FromSummary []string
	// Failed are the items whose page failed; they are kept in the feed's
	// state and retried on the next poll.
	Failed []ItemError
	// Dropped are the items given up on after MaxItemAttempts.
	Dropped []ItemError
	// Err is the poll's error, as Poll returns it.
	Err error
}

// ItemError is an item that could not become an article.
type ItemError struct {
	Item Item
	Err  error
}

// Error says which item failed and why.
func (e ItemError) Error() string { return fmt.Sprintf("item %s: %v", e.Item.Key, e.Err) }

// Unwrap returns the cause, for errors.Is and errors.As.
func (e ItemError) Unwrap() error { return e.Err }

// Poller polls feeds on an interval with conditional GETs, fetches each new
// item's page and hands the articles to Handle. A feed that fails backs off
// exponentially and, after MaxFailures failures in a row, is disabled and
// reported to OnDisable. Its fields are read when polls start; set them
// before Run.
type Poller struct {
	State   State
	Fetcher *Fetcher // pages and feeds; NewPoller sets NewFetcher(nil)

	// Handle takes each poll's articles; when it returns an error the
	// feed's state does not advance, so the same items come again. With
	// Handle nil, the caller takes Poll's Result.
	Handle func(ctx context.Context, r Result) error
	// OnDisable is called once when a feed is disabled, after its state
	// was stored: the place for an admin notice.
	OnDisable func(f Feed, st Record)
	// OnError is called, if set, with each failed poll's error in Run.
	OnError func(f Feed, err error)

	Interval        time.Duration // between polls of a healthy feed
	MinBackoff      time.Duration // after the first failure, doubling with each
	MaxBackoff      time.Duration // the longest wait between failing polls
	MaxFailures     int           // consecutive failures that disable a feed; <0 never
	MaxItemAttempts int           // failed page fetches after which an item is dropped; <0 never
	MaxSeen         int           // item keys remembered per feed
	MaxFeedBytes    int64         // feed body limit
	SummaryWords    int           // words an item's own text needs to stand in for its page
	Parallel        int           // feeds polled at once by PollAll
	PagesParallel   int           // pages fetched at once for one feed

	Now func() time.Time

	mu    sync.Mutex
	feeds []Feed
	locks map[string]*sync.Mutex // one per feed URL: a feed is never polled twice at once
}

// NewPoller returns a Poller of the feeds with the default settings; st nil
// means a fresh MemState.
func NewPoller(feeds []Feed, st State) *Poller {
	if st == nil {
		st = NewMemState()
	}
	return &Poller{
		State:           st,
		Fetcher:         NewFetcher(nil),
		Interval:        DefaultInterval,
		MinBackoff:      DefaultMinBackoff,
		MaxBackoff:      DefaultMaxBackoff,
		MaxFailures:     DefaultMaxFailures,
		MaxItemAttempts: DefaultMaxItemAttempts,
		MaxSeen:         DefaultMaxSeen,
		MaxFeedBytes:    DefaultMaxFeedBytes,
		SummaryWords:    DefaultSummaryWords,
		Parallel:        4,
		PagesParallel:   2,
		Now:             time.Now,
		feeds:           slices.Clone(feeds),
		locks:           map[string]*sync.Mutex{},
	}
}

// Feeds returns the polled feeds.
func (p *Poller) Feeds() []Feed {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.feeds)
}

// SetFeeds replaces the polled feeds; polls under way finish.
func (p *Poller) SetFeeds(feeds []Feed) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.feeds = slices.Clone(feeds)
}

// Enable clears a feed's failures and disabled flag, so the next PollAll
// polls it.
func (p *Poller) Enable(feedURL string) error {
	unlock := p.lock(feedURL)
	defer unlock()
	st, err := p.State.Get(feedURL)
	if err != nil {
		return fmt.Errorf("enable %s: %w", feedURL, err)
	}
	st.Disabled, st.Failures, st.NextPoll = false, 0, time.Time{}
	if err := p.State.Put(feedURL, st); err != nil {
		return fmt.Errorf("enable %s: %w", feedURL, err)
	}
	return nil
}

func (p *Poller) lock(feedURL string) (unlock func()) {
	p.mu.Lock()
	if p.locks == nil {
		p.locks = map[string]*sync.Mutex{}
	}
	l, ok := p.locks[feedURL]
	if !ok {
		l = &sync.Mutex{}
		p.locks[feedURL] = l
	}
	p.mu.Unlock()
	l.Lock()
	return l.Unlock
}

func (p *Poller) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

func (p *Poller) fetcher() *Fetcher {
	if p.Fetcher != nil {
		return p.Fetcher
	}
	return &Fetcher{}
}

// Run polls the due feeds until ctx is done, then returns nil. Errors go to
// OnError; the poller keeps going.
func (p *Poller) Run(ctx context.Context) error {
	for {
		p.PollAll(ctx)
		wait := p.untilNext()
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-t.C:
		}
	}
}

// untilNext returns how long until the next feed is due, between a second
// (or the interval, if shorter) and the interval.
func (p *Poller) untilNext() time.Duration {
	interval := p.interval()
	wait := interval
	now := p.now()
	for _, f := range p.Feeds() {
		st, err := p.State.Get(f.URL)
		if err != nil || st.Disabled {
			continue
		}
		wait = min(wait, st.NextPoll.Sub(now))
	}
	return max(wait, min(time.Second, interval))
}

func (p *Poller) interval() time.Duration {
	if p.Interval > 0 {
		return p.Interval
	}
	return DefaultInterval
}

// PollAll polls, Parallel at a time, each feed that is enabled and due
// (its backoff over), and returns their results in feed order.
func (p *Poller) PollAll(ctx context.Context) []Result {
	feeds := p.Feeds()
	now := p.now()
	var due []Feed
	for _, f := range feeds {
		st, err := p.State.Get(f.URL)
		if err != nil {
			p.report(f, fmt.Errorf("poll %s: state: %w", f.URL, err))
			continue
		}
		if !st.Disabled && !now.Before(st.NextPoll) {
			due = append(due, f)
		}
	}
	results := make([]Result, len(due))
	// One feed's failure is its own: it is reported, and the others go on,
	// so the group's functions return nil and no context is cancelled.
	var g errgroup.Group
	g.SetLimit(max(p.Parallel, 1))
	for i, f := range due {
		g.Go(func() error {
			results[i], _ = p.Poll(ctx, f)
			if results[i].Err != nil && ctx.Err() == nil {
				p.report(f, results[i].Err)
			}
			return nil
		})
	}
	g.Wait()
	return results
}

func (p *Poller) report(f Feed, err error) {
	if p.OnError != nil {
		p.OnError(f, err)
	}
}

// Poll polls one feed now, whatever its backoff or disabled flag (an
// explicit poll: `peyvand ingest --feed URL`, an admin's retry; success
// clears both). It fetches the feed with If-None-Match and
// If-Modified-Since, turns each item not seen before, and each item still
// pending from earlier polls, into an article, calls Handle, and then
// stores the feed's state. The error is the Result's Err.
func (p *Poller) Poll(ctx context.Context, f Feed) (Result, error) {
	unlock := p.lock(f.URL)
	defer unlock()
	res := Result{Feed: f}
	fail := func(err error) (Result, error) {
		res.Err = err
		return res, err
	}
	st, err := p.State.Get(f.URL)
	if err != nil {
		return fail(fmt.Errorf("poll %s: state: %w", f.URL, err))
	}
	now := p.now()
	res.Initial = st.LastSuccess.IsZero()

	resp, err := p.fetcher().get(ctx, f.URL, conditional(st), p.maxFeedBytes(),
		"application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5")
	var items []Item
	if err == nil && resp.status != http.StatusNotModified {
		items, err = ParseFeed(resp.body, resp.contentType, f.URL)
	}
	if err != nil {
		err = fmt.Errorf("poll %s: %w", f.URL, err)
		if ctx.Err() != nil {
			return fail(err) // shutting down: not the feed's fault
		}
		return fail(p.failed(f, st, now, err))
	}
	res.NotModified = resp.status == http.StatusNotModified

	// the pending items first, then the new ones in feed order
	known := make(map[string]bool, len(st.Seen)+len(st.Pending))
	for _, k := range st.Seen {
		known[k] = true
	}
	todo := slices.Clone(st.Pending)
	for _, it := range st.Pending {
		known[it.Key] = true
	}
	for _, it := range items {
		if !known[it.Key] {
			known[it.Key] = true
			todo = append(todo, it)
		}
	}
	outs := p.articles(ctx, f, todo)
	if ctx.Err() != nil {
		return fail(fmt.Errorf("poll %s: %w", f.URL, ctx.Err()))
	}

	next := st.Clone()
	if !res.NotModified {
		next.ETag, next.LastModified = resp.etag, resp.lastModified
	}
	next.Failures, next.LastError, next.Disabled = 0, "", false
	next.LastPoll, next.LastSuccess, next.NextPoll = now, now, now.Add(p.interval())
	next.Pending = nil
	ids := map[string]bool{}
	for _, o := range outs {
		it := o.item
		switch {
		case o.err == nil:
			next.Seen = append(next.Seen, it.Key)
			if ids[o.art.ID] {
				continue // two items, one page
			}
			ids[o.art.ID] = true
			res.Articles = append(res.Articles, o.art)
			if o.fromSummary {
				res.FromSummary = append(res.FromSummary, o.art.ID)
			}
		default:
			it.Attempts++
			it.LastError = o.err.Error()
			if p.MaxItemAttempts >= 0 && it.Attempts >= p.maxItemAttempts() {
				next.Seen = append(next.Seen, it.Key)
				res.Dropped = append(res.Dropped, ItemError{it, o.err})
			} else {
				next.Pending = append(next.Pending, it)
				res.Failed = append(res.Failed, ItemError{it, o.err})
			}
		}
	}
	if n := len(next.Seen) - p.maxSeen(); n > 0 {
		next.Seen = slices.Clone(next.Seen[n:])
	}
	if p.Handle != nil && (len(res.Articles) > 0 || len(res.Failed) > 0 || len(res.Dropped) > 0) {
		if err := p.Handle(ctx, res); err != nil {
			// the items come again on the next poll; only its time moves
			st.NextPoll, st.LastError = now.Add(p.minBackoff()), err.Error()
			err = fmt.Errorf("poll %s: handle: %w", f.URL, err)
			if perr := p.State.Put(f.URL, st); perr != nil {
				err = errors.Join(err, fmt.Errorf("poll %s: state: %w", f.URL, perr))
			}
			return fail(err)
		}
	}
	if err := p.State.Put(f.URL, next); err != nil {
		return fail(fmt.Errorf("poll %s: state: %w", f.URL, err))
	}
	return res, nil
}

// conditional returns the conditional request headers for a feed.
func conditional(st Record) http.Header {
	h := http.Header{}
	if st.ETag != "" {
		h.Set("If-None-Match", st.ETag)
	}
	if st.LastModified != "" {
		h.Set("If-Modified-Since", st.LastModified)
	}
	return h
}

// failed records a failed poll: the failure count, the backoff, and at
// MaxFailures the disabled flag and the notice. It returns err.
func (p *Poller) failed(f Feed, st Record, now time.Time, err error) error {
	st.Failures++
	st.LastError = err.Error()
	st.LastPoll = now
	wait := p.backoff(st.Failures)
	var se *StatusError
	if errors.As(err, &se) && se.RetryAfter > wait {
		wait = min(se.RetryAfter, p.maxBackoff())
	}
	st.NextPoll = now.Add(wait)
	disabled := false
	if p.MaxFailures >= 0 && st.Failures >= p.maxFailures() && !st.Disabled {
		st.Disabled, disabled = true, true
	}
	if perr := p.State.Put(f.URL, st); perr != nil {
		return errors.Join(err, fmt.Errorf("poll %s: state: %w", f.URL, perr))
	}
	if disabled && p.OnDisable != nil {
		p.OnDisable(f, st.Clone())
	}
	return err
}

// backoff returns the wait after the n-th consecutive failure: MinBackoff,
// doubling, at most MaxBackoff.
func (p *Poller) backoff(n int) time.Duration {
	d, limit := p.minBackoff(), p.maxBackoff()
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	return min(d, limit)
}

func (p *Poller) minBackoff() time.Duration {
	if p.MinBackoff > 0 {
		return p.MinBackoff
	}
	return DefaultMinBackoff
}

func (p *Poller) maxBackoff() time.Duration {
	if p.MaxBackoff > 0 {
		return p.MaxBackoff
	}
	return DefaultMaxBackoff
}

func (p *Poller) maxFailures() int {
	if p.MaxFailures > 0 {
		return p.MaxFailures
	}
	return DefaultMaxFailures
}

func (p *Poller) maxItemAttempts() int {
	if p.MaxItemAttempts > 0 {
		return p.MaxItemAttempts
	}
	return DefaultMaxItemAttempts
}

func (p *Poller) maxSeen() int {
	if p.MaxSeen > 0 {
		return p.MaxSeen
	}
	return DefaultMaxSeen
}

func (p *Poller) maxFeedBytes() int64 {
	if p.MaxFeedBytes > 0 {
		return p.MaxFeedBytes
	}
	return DefaultMaxFeedBytes
}

func (p *Poller) summaryWords() int {
	if p.SummaryWords > 0 {
		return p.SummaryWords
	}
	return DefaultSummaryWords
}

// outcome is what became of one item.
type outcome struct {
	item        Item
	art         peyvand.Article
	fromSummary bool
	err         error
}

// articles turns items into articles, PagesParallel pages at a time, and
// returns the outcomes in item order.
func (p *Poller) articles(ctx context.Context, f Feed, items []Item) []outcome {
	outs := make([]outcome, len(items))
	var g errgroup.Group
	g.SetLimit(max(p.PagesParallel, 1))
	for i, it := range items {
		g.Go(func() error {
			outs[i] = p.article(ctx, f, it) // a page's error is its outcome's
			return nil
		})
	}
	g.Wait()
	return outs
}

// article turns one item into an article: its page, else its own text when
// that has SummaryWords words; the page's text gives way to the item's
// too when the item's is longer (a feed with full text, a page extraction
// gone wrong). The feed's title and date win over the page's.
func (p *Poller) article(ctx context.Context, f Feed, it Item) outcome {
	o := outcome{item: it}
	sum := peyvand.Article{}
	sumWords := 0
	if it.Summary != "" {
		sum = summaryArticle(it, f.Outlet())
		sumWords = len(persian.Words(sum.Text))
	}
	var err error
	if it.Link == "" {
		err = fmt.Errorf("item %s: no link", it.Key)
	} else {
		var a peyvand.Article
		a, err = p.fetcher().Fetch(ctx, it.Link)
		if err == nil {
			if sumWords > len(persian.Words(a.Text)) {
				o.art, o.fromSummary = sum, true
				return o
			}
			a.Source = f.Outlet()
			if it.Title != "" {
				a.Title = it.Title
			}
			if !it.Published.IsZero() {
				a.Date = it.Published
			}
			o.art = a
			return o
		}
	}
	if sumWords >= p.summaryWords() {
		o.art, o.fromSummary = sum, true
		return o
	}
	o.err = err
	return o
}
