package main

import (
	"context"
	"fmt"
	"html"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// The story two outlets carry, and a page for it.
const (
	kazanTitle = "امضای سند خواهرخواندگی اصفهان و کازان"
	kazanText  = "شهردار اصفهان و شهردار کازان روز دوشنبه در مراسمی سند خواهرخواندگی دو شهر را امضا کردند. " +
		"به گفتهٔ شهردار اصفهان، این سند زمینهٔ همکاری‌های گردشگری، فرهنگی و اقتصادی دو شهر را فراهم می‌کند. " +
		"هیئتی از کازان به ریاست شهردار این شهر برای امضای این سند به اصفهان سفر کرده بود. " +
		"دو طرف همچنین دربارهٔ برقراری پرواز مستقیم میان دو شهر گفت‌وگو کردند."
)

func newsPage(charset, title, text string) string {
	return fmt.Sprintf(`<!DOCTYPE html><html lang="fa" dir="rtl"><head><meta charset="%s"><title>%s</title></head>
<body><nav>صفحهٔ اصلی | اقتصاد | استان‌ها</nav><article><h1>%s</h1><p>%s</p></article>
<footer>کد خبر: ۱۲۳۴ — اخبار پیشنهادی</footer></body></html>`, charset, html.EscapeString(title), html.EscapeString(title), html.EscapeString(text))
}

// outlets serves the feeds of TestServeAlerts: an RSS 2.0 outlet in
// UTF-8, an Atom outlet in Windows-1256 carrying the same story, a
// malformed feed, a feed answering 304 to a conditional GET, and a slow
// one.
func outlets(t *testing.T, now time.Time) (feedsFile string, pagesRead *atomic.Int32) {
	t.Helper()
	pagesRead = &atomic.Int32{}
	mux := http.NewServeMux()
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	rss := fmt.Sprintf(`<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>خبرگزاری نمونه</title><link>%[1]s/</link><description>اقتصاد استان‌ها</description>
<item><title>%[2]s</title><link>%[1]s/a/news/1</link><guid>a-1</guid><pubDate>%[3]s</pubDate>
<description>شهرداران اصفهان و کازان سند خواهرخواندگی امضا کردند.</description></item>
</channel></rss>`, srv.URL, kazanTitle, now.Format(time.RFC1123Z))
	mux.HandleFunc("/a/rss", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml; charset=utf-8")
		fmt.Fprint(w, rss)
	})
	mux.HandleFunc("/a/news/1", func(w http.ResponseWriter, r *http.Request) {
		pagesRead.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		fmt.Fprint(w, newsPage("utf-8", kazanTitle, kazanText))
	})
	atom := fmt.Sprintf(`<?xml version="1.0" encoding="windows-1256"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>خبرگزاری دیگر</title><id>urn:b</id><updated>%[3]s</updated>
<entry><title>%[2]s</title><id>urn:b:7</id><link href="%[1]s/b/news/7"/><updated>%[3]s</updated>
<summary>به گزارش خبرگزاری دیگر، سند خواهرخواندگی اصفهان و کازان امضا شد.</summary></entry></feed>`,
		srv.URL, kazanTitle, now.Format(time.RFC3339))
	atom1256 := to1256(t, atom)
	page1256 := to1256(t, newsPage("windows-1256", kazanTitle, "به گزارش خبرگزاری دیگر، "+kazanText))
	mux.HandleFunc("/b/atom", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/atom+xml")
		w.Write(atom1256)
	})
	mux.HandleFunc("/b/news/7", func(w http.ResponseWriter, r *http.Request) {
		pagesRead.Add(1)
		w.Header().Set("Content-Type", "text/html; charset=windows-1256")
		w.Write(page1256)
	})
	mux.HandleFunc("/broken", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<rss version="2.0"><channel><item><title>بریده`)
	})
	mux.HandleFunc("/unchanged", func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("If-None-Match") == `"v1"` {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", `"v1"`)
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>بی‌خبر</title></channel></rss>`)
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(3 * time.Second):
		case <-r.Context().Done():
		}
		w.Header().Set("Content-Type", "application/rss+xml")
		fmt.Fprint(w, `<?xml version="1.0"?><rss version="2.0"><channel><title>کند</title></channel></rss>`)
	})
	feedsFile = filepath.Join(t.TempDir(), "feeds.txt")
	list := fmt.Sprintf("# outlets\n%[1]s/a/rss خبرگزاری نمونه\n%[1]s/b/atom خبرگزاری دیگر\n%[1]s/broken\n%[1]s/unchanged\n%[1]s/slow\n", srv.URL)
	if err := os.WriteFile(feedsFile, []byte(list), 0o600); err != nil {
		t.Fatal(err)
	}
	return feedsFile, pagesRead
}

// to1256 encodes s as Windows-1256, as old sites still serve: it has the
// Arabic yeh, not the Persian one, no Persian digits and no hamza above.
func to1256(tb testing.TB, s string) []byte {
	s = strings.NewReplacer("ی", "ي", "\u0654", "", "۱", "1", "۲", "2", "۳", "3", "۴", "4").Replace(s)
	b, err := charmap.Windows1256.NewEncoder().Bytes([]byte(s))
	if err != nil {
		tb.Fatal(err)
	}
	return b
}

// TestServeAlerts runs `peyvand serve` with feeds and the fake Bot API:
// the agreement reaches exactly the subscribers it concerns, once,
// though two outlets carry it; the broken, unchanged and slow feeds do
// not get in the way.
func TestServeAlerts(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the server for seconds")
	}
	dbPath := filepath.Join(t.TempDir(), "peyvand.db")
	emb := retrieval.NewHashEmbedder(256)
	db, err := store.Open(dbPath, store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []peyvand.Subscription{{ChatID: 1, Place: "اصفهان"}, {ChatID: 2, Place: "روسیه"},
		{ChatID: 3, Place: "تبریز"}, {ChatID: 4, Place: peyvand.AllPlaces}} {
		if _, err := db.Subscribe(s); err != nil {
			t.Fatal(err)
		}
	}
	db.Close()
	feeds, pagesRead := outlets(t, time.Now().Add(-time.Hour))
	api := tgtest.New(t)

	var stderr syncBuffer
	env := map[string]string{"PEYVAND_DB": dbPath, "PEYVAND_TELEGRAM_TOKEN": tgtest.Token, EnvAllowPrivateFetch: "1",
		"PEYVAND_TELEGRAM_API": api.Endpoint(), "PEYVAND_FEEDS": feeds}
	m := &Main{Stdin: strings.NewReader(""), Stdout: &stderr, Stderr: &stderr, Getenv: func(k string) string { return env[k] }}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		err := m.ParseFlags(ctx, []string{"serve"})
		if err == nil {
			err = m.Run(ctx)
		}
		m.Close()
		done <- err
	}()
	deadline := time.Now().Add(30 * time.Second)
	for pagesRead.Load() < 2 || api.Total() < 3 {
		if time.Now().After(deadline) {
			cancel()
			<-done
			t.Fatalf("pages read %d, alerts %v; log:\n%s", pagesRead.Load(), api.Chats(), stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	time.Sleep(time.Second) // room for a wrong second alert
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, stderr.String())
	}

	if got := api.Chats(); got[1] != 1 || got[2] != 1 || got[4] != 1 || got[3] != 0 || len(got) != 3 {
		t.Errorf("alerts by chat = %v, want one each for 1, 2 and 4", got)
	}
	text := api.Sent(1)[0].Params.Get("text")
	if !strings.Contains(text, kazanTitle) || !strings.Contains(text, "خواهرخواندگی") {
		t.Errorf("alert text:\n%s", text)
	}
	db, err = store.Open(dbPath, store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var events []alert.Story
	db.Events(func(id uint64, data []byte) error {
		ev, err := alert.DecodeStory(id, data)
		events = append(events, ev)
		return err
	})
	if len(events) != 1 || len(events[0].Reports) != 2 {
		t.Fatalf("events = %+v, want one with both outlets' reports", events)
	}
	if errs := db.Check(); len(errs) > 0 {
		t.Errorf("check: %v", errs)
	}
	if strings.Contains(stderr.String(), "اصفهان") {
		t.Error("message text appears in the info logs")
	}
}
