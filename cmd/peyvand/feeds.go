package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/feed"
	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/ops"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/source"
	"github.com/peyvand/peyvand/store"
)

// feedState keeps the poller's per-feed state in the database, so a
// restart neither re-reads a feed's backlog nor forgets pending pages.
type feedState struct {
	db   *store.DB
	beat *ops.Beat // marked on every stored poll: the poller is alive
}

func (s feedState) Get(url string) (feed.Record, error) {
	var st feed.Record
	rec, err := s.db.FeedRecord(url)
	if err != nil || rec == nil {
		return st, err
	}
	if err := json.Unmarshal(rec, &st); err != nil {
		return feed.Record{}, fmt.Errorf("feed state %s: %w", url, err)
	}
	return st, nil
}

func (s feedState) Put(url string, st feed.Record) error {
	rec, err := json.Marshal(st)
	if err != nil {
		return err
	}
	if err := s.db.PutFeedRecord(url, rec); err != nil {
		return err
	}
	if s.beat != nil {
		s.beat.Mark(time.Now())
	}
	return nil
}

// readFeeds reads a feeds file: one feed a line, "URL [outlet name]";
// blank lines and lines starting with # are skipped.
func readFeeds(path string) ([]feed.Feed, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, peyvand.Errorf(peyvand.EInvalid, "تنظیم --feeds نادرست است: پروندهٔ %s را نمی‌توانم بخوانم.", path).Wrap(err)
	}
	defer f.Close()
	var out []feed.Feed
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(sc.Text())
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		url, name, _ := strings.Cut(line, " ")
		if !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			return nil, peyvand.Errorf(peyvand.EInvalid, "تنظیم --feeds نادرست است: سطر %d پروندهٔ %s نشانی http(s) نیست.", n, path)
		}
		out = append(out, feed.Feed{URL: url, Name: strings.TrimSpace(name)})
	}
	return out, sc.Err()
}

// ingestOnline handles `ingest --url URL` and `ingest --feed URL`: one page,
// or one poll of a feed (its state kept in the database).
func (m *Main) ingestOnline(ctx context.Context) error {
	var arts []peyvand.Article
	var fails []source.Failure
	if m.pageURL != "" {
		a, err := feed.Fetch(ctx, m.fetchClient(), m.pageURL)
		if err != nil {
			fails = append(fails, source.Failure{Path: m.pageURL, Error: err.Error()})
		} else {
			arts = append(arts, a)
		}
	}
	outcomes, err := m.engine.Ingest(ctx, arts, nil)
	if err != nil {
		return m.summarizeIngest(outcomes, fails, err)
	}
	if m.feedURL != "" {
		// The feed's state (its validators, the items seen) is stored by
		// the poller only after its articles are: a failed store leaves
		// them to the next poll instead of marking them seen.
		p := feed.NewPoller([]feed.Feed{{URL: m.feedURL}}, feedState{db: m.db})
		p.Fetcher = feed.NewFetcher(m.fetchClient())
		var stored error
		p.Handle = func(ctx context.Context, r feed.Result) error {
			outs, err := m.engine.Ingest(ctx, r.Articles, nil)
			outcomes = append(outcomes, outs...)
			stored = err
			return err
		}
		r, err := p.Poll(ctx, feed.Feed{URL: m.feedURL})
		if err != nil {
			fails = append(fails, source.Failure{Path: m.feedURL, Error: err.Error()})
		}
		for _, ie := range r.Failed {
			fails = append(fails, source.Failure{Path: ie.Item.Link, Error: "page not read yet (" + ie.Err.Error() + "); retried on the next poll"})
		}
		if stored != nil {
			// Storing failed (a full disk, a damaged file): the command
			// fails, so cron sees it; the items come again next poll.
			return m.summarizeIngest(outcomes, fails, stored)
		}
	}
	return m.summarizeIngest(outcomes, fails, nil)
}

// poller returns the feed poller for serve, ingesting what it reads.
func (m *Main) poller(path string, log *slog.Logger, beat *ops.Beat) (*feed.Poller, error) {
	feeds, err := readFeeds(path)
	if err != nil {
		return nil, err
	}
	p := feed.NewPoller(feeds, feedState{db: m.db, beat: beat})
	p.Fetcher = feed.NewFetcher(m.fetchClient())
	p.Handle = func(ctx context.Context, r feed.Result) error {
		outs, err := m.engine.Ingest(ctx, r.Articles, nil)
		if err != nil {
			return err
		}
		countIngested(outs)
		log.Info("feed polled", "feed", r.Feed.URL, "articles", len(r.Articles), "pending", len(r.Failed))
		return nil
	}
	p.OnError = func(f feed.Feed, err error) {
		metrics.FeedErrors.Inc()
		log.Warn("feed poll failed", "feed", f.URL, "err", err)
	}
	p.OnDisable = func(f feed.Feed, st feed.Record) {
		log.Error("feed disabled after repeated failures; fix it and restart", "feed", f.URL, "failures", st.Failures, "last_error", st.LastError)
	}
	return p, nil
}

func countIngested(outs []retrieval.Ingested) {
	for _, o := range outs {
		switch o.Result {
		case store.Added:
			metrics.Ingested.WithLabelValues("added").Inc()
		case store.Updated:
			metrics.Ingested.WithLabelValues("updated").Inc()
		default:
			metrics.Ingested.WithLabelValues("unchanged").Inc()
		}
	}
}

// EnvAllowPrivateFetch lets pages and feeds be fetched from addresses that
// are not public (loopback, private ranges, link-local).
const EnvAllowPrivateFetch = "PEYVAND_ALLOW_PRIVATE_FETCH"

// fetchClient is the client pages and feeds are fetched with: public
// addresses only, unless PEYVAND_ALLOW_PRIVATE_FETCH=1 (a checked setting,
// so an error here cannot happen after start-up's check).
// It is built once, so every fetch shares one pool of connections.
func (m *Main) fetchClient() *http.Client {
	m.fetchOnce.Do(func() {
		on, _ := m.intSetting(EnvAllowPrivateFetch)
		m.fetcher = feed.NewClient(on == 1)
	})
	return m.fetcher
}

// fetchPage reads one news page for the admins' /ingest, its failures told
// in Persian.
func (m *Main) fetchPage(ctx context.Context, url string) (peyvand.Article, error) {
	return fetchPage(ctx, m.fetchClient(), url)
}

func fetchPage(ctx context.Context, client *http.Client, url string) (peyvand.Article, error) {
	a, err := feed.Fetch(ctx, client, url)
	if err != nil {
		return a, feed.Explain(err)
	}
	return a, nil
}
