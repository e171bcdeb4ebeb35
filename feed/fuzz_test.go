package feed

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// roundTripper answers every request in process: the feed at /feed, a
// page anywhere else.
type roundTripper struct {
	feed, page         []byte
	feedType, pageType string
}

func (rt roundTripper) RoundTrip(r *http.Request) (*http.Response, error) {
	body, ct := rt.page, rt.pageType
	if r.URL.Path == "/feed" {
		body, ct = rt.feed, rt.feedType
	}
	return &http.Response{StatusCode: 200, Header: http.Header{"Content-Type": {ct}},
		Body: io.NopCloser(bytes.NewReader(body)), ContentLength: int64(len(body)), Request: r}, nil
}

var fuzzTypes = []string{"", "text/html", "text/html; charset=windows-1256", "application/rss+xml; charset=utf-8",
	"text/xml; charset=iso-8859-6", "text/plain", "application/octet-stream"}

// FuzzPoll runs the feed → article path on arbitrary feeds and pages: one
// poll, with every item's link answered by the page. Nothing panics, and
// what comes out is valid UTF-8 with an ID.
func FuzzPoll(f *testing.F) {
	const base = "http://fuzz.example.ir"
	hostile, err := os.ReadFile("testdata/hostile.html")
	if err != nil {
		f.Fatal(err)
	}
	for _, name := range []string{"rss.xml", "atom.xml", "malformed.xml"} {
		feed := fixture(f, name, base)
		f.Add(feed, hostile, uint8(3), uint8(0))
		f.Add(to1256(f, feed), to1256(f, hostile), uint8(0), uint8(2))
	}
	f.Add([]byte(`<rss><channel><item><link>/a</link><description><![CDATA[<div><p>`+strings.Repeat("متن ", 50)+`</p></div>]]></description></item></channel></rss>`),
		[]byte("<html><body>"+strings.Repeat("<div>", 600)), uint8(0), uint8(1))
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><id>x</id><link href="javascript:alert(1)"/><content type="html">&lt;script&gt;</content></entry></feed>`),
		[]byte{0xff, 0xfe, 0x00}, uint8(4), uint8(5))
	f.Fuzz(func(t *testing.T, feed, page []byte, feedType, pageType uint8) {
		client := &http.Client{Transport: roundTripper{feed, page,
			fuzzTypes[int(feedType)%len(fuzzTypes)], fuzzTypes[int(pageType)%len(fuzzTypes)]}}
		p := NewPoller(nil, nil)
		p.Fetcher = NewFetcher(client)
		p.Fetcher.Timeout = 5 * time.Second
		p.PagesParallel = 1
		r, err := p.Poll(context.Background(), Feed{URL: base + "/feed", Name: "fuzz"})
		if err != nil && len(r.Articles) > 0 {
			t.Fatalf("an error and %d articles", len(r.Articles))
		}
		for _, a := range r.Articles {
			if a.ID == "" || a.Source != "fuzz" {
				t.Errorf("article without an ID or outlet: %+v", a)
			}
			if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
				t.Errorf("invalid UTF-8 in %q / %q", a.Title, a.Text)
			}
		}
		for _, a := range r.Articles {
			if fp := Fingerprint(a); !fp.Empty() && fp.Distance(fp) != 0 {
				t.Errorf("a fingerprint is not at 0 from itself")
			}
		}
	})
}
