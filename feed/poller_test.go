package feed

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
)

// clock is a settable Poller.Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }

func (c *clock) Add(d time.Duration) { c.mu.Lock(); defer c.mu.Unlock(); c.t = c.t.Add(d) }

// site is a news site on an httptest server: the RSS and Atom fixtures
// (with ETags, answering 304 to conditional requests) and the pages of
// their items, the Mashhad page missing until a test adds it.
type site struct {
	*server
	stories map[string]story
}

func newSite(t *testing.T) *site {
	s := &site{server: newServer(t), stories: map[string]story{}}
	for _, n := range []string{"tabriz-delegation", "tabriz-fair", "bushehr-qatar", "mashhad-herat"} {
		s.stories[n] = readStory(t, n)
	}
	s.serveFeed("/rss.xml", "application/rss+xml; charset=utf-8", fixture(t, "rss.xml", s.URL), `"rss-v1"`)
	s.serveFeed("/atom.xml", "application/atom+xml", fixture(t, "atom.xml", s.URL), `W/"atom-v1"`)
	s.servePage(t, "/news/1001/tabriz-delegation", "tabriz-delegation")
	s.servePage(t, "/news/1002/bushehr-doha", "bushehr-qatar")
	s.servePage(t, "/fa/news/2001", "tabriz-fair")
	return s
}

func (s *site) servePage(t *testing.T, path, name string) {
	s.serve(path, "text/html; charset=utf-8", renderPage(t, pageData{story: s.stories[name], MetaCharset: "utf-8"}))
}

// newTestPoller returns a poller of the feeds on a fixed clock, with short
// timeouts.
func newTestPoller(s *site, feeds ...Feed) (*Poller, *clock) {
	p := NewPoller(feeds, NewMemState())
	p.Fetcher = NewFetcher(s.Client())
	p.Fetcher.Timeout = 300 * time.Millisecond
	c := &clock{t: time.Date(2025, 10, 9, 8, 0, 0, 0, time.UTC)}
	p.Now = c.Now
	return p, c
}

func ids(as []peyvand.Article) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.ID)
	}
	return out
}

func keys(es []ItemError) []string {
	var out []string
	for _, e := range es {
		out = append(out, e.Item.Key)
	}
	return out
}

// TestPollRSS polls the RSS fixture three times: the first poll reads two
// pages and keeps the item whose page 404s; the second gets 304 yet reads
// the kept item, its page now up; the third has nothing to do.
func TestPollRSS(t *testing.T) {
	s := newSite(t)
	f := Feed{URL: s.URL + "/rss.xml", Name: "sample.ir"}
	p, c := newTestPoller(s, f)
	handled := 0
	p.Handle = func(ctx context.Context, r Result) error { handled++; return nil }
	ctx := context.Background()

	r, err := p.Poll(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{s.URL + "/news/1001/tabriz-delegation", s.URL + "/news/1002/bushehr-doha"}
	if !slices.Equal(ids(r.Articles), want) || !r.Initial || r.NotModified {
		t.Fatalf("poll 1: articles %q, initial %v, not modified %v; want %q, true, false", ids(r.Articles), r.Initial, r.NotModified, want)
	}
	a, st := r.Articles[0], s.stories["tabriz-delegation"]
	if a.Title != st.Title || a.Text != st.Text() || a.Source != "sample.ir" || a.URL != want[0] {
		t.Errorf("article = %+v; want the Tabriz story from sample.ir", a)
	}
	if d := time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC); !a.Date.Equal(d) {
		t.Errorf("Date = %v; want the item's %v", a.Date, d)
	}
	if len(r.Failed) != 1 || !strings.HasSuffix(r.Failed[0].Item.Link, "/news/1003/mashhad-herat") {
		t.Fatalf("poll 1: failed %q; want the Mashhad item", keys(r.Failed))
	}
	var se *StatusError
	if !errors.As(r.Failed[0].Err, &se) || se.StatusCode != 404 {
		t.Errorf("failure = %v; want HTTP 404", r.Failed[0].Err)
	}
	fs, _ := p.State.Get(f.URL)
	if fs.ETag != `"rss-v1"` || fs.LastModified == "" || len(fs.Seen) != 2 || len(fs.Pending) != 1 || fs.Pending[0].Attempts != 1 {
		t.Errorf("state = %+v; want the validators, two seen, one pending", fs)
	}

	s.servePage(t, "/news/1003/mashhad-herat", "mashhad-herat")
	c.Add(p.Interval)
	r, err = p.Poll(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	if !r.NotModified || r.Initial || len(r.Articles) != 1 || r.Articles[0].Text != s.stories["mashhad-herat"].Text() || len(r.Failed) != 0 {
		t.Fatalf("poll 2: not modified %v, initial %v, articles %q, failed %q; want 304 and the Mashhad story", r.NotModified, r.Initial, ids(r.Articles), keys(r.Failed))
	}
	if n := s.hitCount("/news/1001/tabriz-delegation"); n != 1 {
		t.Errorf("the Tabriz page was fetched %d times; want 1", n)
	}

	c.Add(p.Interval)
	if r, err = p.Poll(ctx, f); err != nil || !r.NotModified || len(r.Articles)+len(r.Failed) != 0 {
		t.Errorf("poll 3 = %d articles, %d failed, %v; want nothing", len(r.Articles), len(r.Failed), err)
	}
	if handled != 2 || s.hitCount("/rss.xml") != 3 {
		t.Errorf("Handle called %d times, feed fetched %d times; want 2 and 3", handled, s.hitCount("/rss.xml"))
	}
}

// TestPollAtom polls the Atom fixture: one entry from its page, one whose
// page is missing from the entry's own full text.
func TestPollAtom(t *testing.T) {
	s := newSite(t)
	f := Feed{URL: s.URL + "/atom.xml"}
	p, _ := newTestPoller(s, f)
	r, err := p.Poll(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Articles) != 2 || len(r.Failed) != 0 {
		t.Fatalf("articles %q, failed %q; want two", ids(r.Articles), keys(r.Failed))
	}
	fair, herat := r.Articles[0], r.Articles[1]
	if fair.Text != s.stories["tabriz-fair"].Text() || fair.Source != "127.0.0.1" {
		t.Errorf("page article = %q from %q; want the Tabriz fair story", fair.Text, fair.Source)
	}
	if !slices.Equal(r.FromSummary, []string{herat.ID}) || herat.URL != s.URL+"/fa/news/2002" {
		t.Errorf("FromSummary = %q, URL %q; want %q", r.FromSummary, herat.URL, herat.ID)
	}
	if !strings.HasPrefix(herat.Text, "رؤسای اتاق‌های بازرگانی مشهد و هرات") || strings.Contains(herat.Text, "نباید") {
		t.Errorf("summary article = %q; want the entry's paragraphs without the script", herat.Text)
	}
	if d := time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC); !herat.Date.Equal(d) || herat.Title != s.stories["mashhad-herat"].Title {
		t.Errorf("summary article %q, %v; want the entry's title and date", herat.Title, herat.Date)
	}
}

// TestPollWindows1256 polls a feed and a page both in windows-1256, the
// page declaring it only in a late http-equiv.
func TestPollWindows1256(t *testing.T) {
	s := newSite(t)
	rss := fixture(t, "rss.xml", s.URL)
	rss = []byte(strings.Replace(string(rss), `encoding="utf-8"`, `encoding="windows-1256"`, 1))
	s.serve("/legacy.xml", "text/xml", to1256(t, rss))
	padding := "/* " + strings.Repeat("آمار بازدید ", 150) + " */"
	st := s.stories["tabriz-delegation"]
	s.serve("/news/1001/tabriz-delegation", "text/html",
		to1256(t, renderPage(t, pageData{story: st, HTTPEquiv: "windows-1256", Padding: padding})))
	f := Feed{URL: s.URL + "/legacy.xml", Name: "legacy.ir"}
	p, _ := newTestPoller(s, f)
	r, err := p.Poll(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Articles) == 0 {
		t.Fatalf("no articles; failed %v", r.Failed)
	}
	if a := r.Articles[0]; a.Title != st.Title || a.Text != st.Text() {
		t.Errorf("article = %q\n%q;\nwant %q\n%q", a.Title, a.Text, st.Title, st.Text())
	}
}

// TestPollFailures: a malformed feed fails with ErrMalformedFeed, backs off
// 1, 2, 4 minutes, and on the third failure is disabled with one notice;
// PollAll then leaves it alone until Enable.
func TestPollFailures(t *testing.T) {
	s := newSite(t)
	s.serve("/bad.xml", "application/rss+xml", fixture(t, "malformed.xml", s.URL))
	f := Feed{URL: s.URL + "/bad.xml", Name: "bad.ir"}
	p, c := newTestPoller(s, f)
	p.MaxFailures = 3
	var notices []Record
	p.OnDisable = func(g Feed, st Record) { notices = append(notices, st) }
	ctx := context.Background()

	var waits []time.Duration
	for i := 0; i < 3; i++ {
		rs := p.PollAll(ctx)
		if len(rs) != 1 || !errors.Is(rs[0].Err, ErrMalformedFeed) {
			t.Fatalf("poll %d = %+v; want ErrMalformedFeed", i+1, rs)
		}
		if rs := p.PollAll(ctx); len(rs) != 0 {
			t.Fatalf("polled again within the backoff")
		}
		st, _ := p.State.Get(f.URL)
		waits = append(waits, st.NextPoll.Sub(c.Now()))
		c.Add(st.NextPoll.Sub(c.Now()))
	}
	if want := []time.Duration{time.Minute, 2 * time.Minute, 4 * time.Minute}; !slices.Equal(waits, want) {
		t.Errorf("backoff = %v; want %v", waits, want)
	}
	if len(notices) != 1 || !notices[0].Disabled || notices[0].Failures != 3 || notices[0].LastError == "" {
		t.Fatalf("notices = %+v; want one, disabled after 3 failures", notices)
	}
	c.Add(24 * time.Hour)
	if rs := p.PollAll(ctx); len(rs) != 0 || s.hitCount("/bad.xml") != 3 {
		t.Errorf("a disabled feed was polled: %d results, %d requests", len(rs), s.hitCount("/bad.xml"))
	}

	// the feed is fixed; an admin enables it
	s.serveFeed("/bad.xml", "application/rss+xml", fixture(t, "rss.xml", s.URL), `"v2"`)
	if err := p.Enable(f.URL); err != nil {
		t.Fatal(err)
	}
	rs := p.PollAll(ctx)
	if len(rs) != 1 || rs[0].Err != nil || len(rs[0].Articles) != 2 {
		t.Fatalf("after Enable: %+v; want two articles", rs)
	}
	if st, _ := p.State.Get(f.URL); st.Failures != 0 || st.Disabled || len(notices) != 1 {
		t.Errorf("state after recovery = %+v; want no failures", st)
	}
}

// TestPollRetryAfter: a 503 with Retry-After waits that long, not the
// one-minute backoff.
func TestPollRetryAfter(t *testing.T) {
	s := newSite(t)
	s.handle("/busy.xml", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Retry-After", "900")
		w.WriteHeader(http.StatusServiceUnavailable)
	})
	f := Feed{URL: s.URL + "/busy.xml"}
	p, c := newTestPoller(s, f)
	_, err := p.Poll(context.Background(), f)
	var se *StatusError
	if !errors.As(err, &se) || se.StatusCode != 503 {
		t.Fatalf("err = %v; want HTTP 503", err)
	}
	if st, _ := p.State.Get(f.URL); st.NextPoll.Sub(c.Now()) != 15*time.Minute {
		t.Errorf("next poll in %v; want 15m", st.NextPoll.Sub(c.Now()))
	}
}

// TestPollSlow: a feed that does not answer in time fails within the
// timeout; a page that does not keeps its item for the next poll.
func TestPollSlow(t *testing.T) {
	s := newSite(t)
	slow := func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	}
	s.handle("/slow.xml", slow)
	s.handle("/news/1002/bushehr-doha", slow)
	ctx := context.Background()

	f := Feed{URL: s.URL + "/slow.xml"}
	p, _ := newTestPoller(s, f)
	start := time.Now()
	_, err := p.Poll(ctx, f)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("slow feed: err = %v; want a deadline", err)
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("slow feed took %v; the timeout is %v", el, p.Fetcher.Timeout)
	}
	if st, _ := p.State.Get(f.URL); st.Failures != 1 {
		t.Errorf("failures = %d; want 1", st.Failures)
	}

	g := Feed{URL: s.URL + "/rss.xml"}
	r, err := p.Poll(ctx, g)
	if err != nil {
		t.Fatal(err)
	}
	if k := keys(r.Failed); len(k) != 2 || !strings.HasSuffix(k[0], "bushehr-doha") || !errors.Is(r.Failed[0].Err, context.DeadlineExceeded) {
		t.Errorf("failed = %q (%v); want the slow Bushehr page and the missing Mashhad one", k, r.Failed)
	}
	s.servePage(t, "/news/1002/bushehr-doha", "bushehr-qatar")
	if r, err = p.Poll(ctx, g); err != nil || len(r.Articles) != 1 || !strings.HasSuffix(r.Articles[0].ID, "bushehr-doha") {
		t.Errorf("retry = %q, %v; want the Bushehr article", ids(r.Articles), err)
	}
}

// TestPollDropsItem: an item whose page keeps failing is dropped after
// MaxItemAttempts, and not tried again.
func TestPollDropsItem(t *testing.T) {
	s := newSite(t)
	f := Feed{URL: s.URL + "/rss.xml"}
	p, _ := newTestPoller(s, f)
	p.MaxItemAttempts = 2
	ctx := context.Background()
	for i, want := range []struct{ failed, dropped int }{{1, 0}, {0, 1}, {0, 0}} {
		r, err := p.Poll(ctx, f)
		if err != nil || len(r.Failed) != want.failed || len(r.Dropped) != want.dropped {
			t.Errorf("poll %d: failed %q, dropped %q, %v; want %d and %d", i+1, keys(r.Failed), keys(r.Dropped), err, want.failed, want.dropped)
		}
	}
	if n := s.hitCount("/news/1003/mashhad-herat"); n != 2 {
		t.Errorf("the missing page was fetched %d times; want 2", n)
	}
}

// TestPollHandleError: when Handle fails, nothing is marked read, and the
// next poll hands over the same articles.
func TestPollHandleError(t *testing.T) {
	s := newSite(t)
	f := Feed{URL: s.URL + "/rss.xml"}
	p, c := newTestPoller(s, f)
	errDisk := errors.New("disk full")
	var got [][]string
	p.Handle = func(ctx context.Context, r Result) error {
		got = append(got, ids(r.Articles))
		if len(got) == 1 {
			return errDisk
		}
		return nil
	}
	if _, err := p.Poll(context.Background(), f); !errors.Is(err, errDisk) {
		t.Fatalf("err = %v; want the handler's", err)
	}
	st, _ := p.State.Get(f.URL)
	if st.ETag != "" || len(st.Seen) != 0 || st.Failures != 0 || st.NextPoll.Sub(c.Now()) != p.MinBackoff {
		t.Errorf("state after a failed Handle = %+v; want only the next poll moved", st)
	}
	c.Add(p.MinBackoff)
	if _, err := p.Poll(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || !slices.Equal(got[0], got[1]) || len(got[0]) != 2 {
		t.Errorf("handled %q; want the same two articles twice", got)
	}
}

// TestStateRestart: the state, stored as JSON and read back by a new
// poller (a restart), keeps the validators, the items read and the item
// pending.
func TestStateRestart(t *testing.T) {
	s := newSite(t)
	f := Feed{URL: s.URL + "/rss.xml"}
	p, _ := newTestPoller(s, f)
	if _, err := p.Poll(context.Background(), f); err != nil {
		t.Fatal(err)
	}
	st, _ := p.State.Get(f.URL)
	b, err := json.Marshal(st)
	if err != nil {
		t.Fatal(err)
	}
	var back Record
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	store := NewMemState()
	store.Put(f.URL, back)
	q, _ := newTestPoller(s, f)
	q.State = store
	s.servePage(t, "/news/1003/mashhad-herat", "mashhad-herat")
	r, err := q.Poll(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	if !r.NotModified || r.Initial || len(r.Articles) != 1 || !strings.HasSuffix(r.Articles[0].ID, "mashhad-herat") {
		t.Errorf("after restart: 304 %v, initial %v, articles %q; want 304 and the pending item only", r.NotModified, r.Initial, ids(r.Articles))
	}
}

// TestRun runs the poller over two feeds until cancelled.
func TestRun(t *testing.T) {
	s := newSite(t)
	feeds := []Feed{{URL: s.URL + "/rss.xml"}, {URL: s.URL + "/atom.xml"}}
	p := NewPoller(feeds, nil)
	p.Fetcher = NewFetcher(s.Client())
	p.Interval = 20 * time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	var mu sync.Mutex
	seen := map[string]bool{}
	p.Handle = func(ctx context.Context, r Result) error {
		mu.Lock()
		defer mu.Unlock()
		for _, a := range r.Articles {
			seen[a.ID] = true
		}
		return nil
	}
	p.OnError = func(f Feed, err error) { t.Errorf("%s: %v", f.URL, err) }
	done := make(chan error)
	go func() { done <- p.Run(ctx) }()
	deadline := time.Now().Add(5 * time.Second)
	for (s.hitCount("/rss.xml") < 3 || s.hitCount("/atom.xml") < 3) && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(seen) != 4 || s.hitCount("/rss.xml") < 3 || s.hitCount("/atom.xml") < 3 {
		t.Errorf("Run: %d articles, feeds fetched %d and %d times; want 4 and 3 times each", len(seen), s.hitCount("/rss.xml"), s.hitCount("/atom.xml"))
	}
}
