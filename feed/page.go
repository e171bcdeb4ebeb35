package feed

import (
	"bytes"
	"context"
	"fmt"
	"html"
	"io"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	readability "github.com/go-shiori/go-readability"
	xhtml "golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// Defaults of a Fetcher.
const (
	DefaultUserAgent = "peyvand/1.0 (+https://github.com/peyvand/peyvand)"
	DefaultTimeout   = 30 * time.Second
	DefaultMaxBytes  = 5 << 20 // a news page is ~100 KB; 5 MB bounds a hostile one
	DefaultMinWords  = 30      // fewer words of text is not an article
)

// maxElements bounds the elements go-readability scores: its work grows
// faster than the page. A news page has a few thousand; a page above the
// bound is read by persian.CleanHTML alone, which is linear.
const maxElements = 20000

// Fetcher fetches news pages and extracts their article. The zero value is
// usable; NewFetcher fills in the defaults explicitly.
type Fetcher struct {
	Client    *http.Client  // nil: NewClient(false), public addresses only
	UserAgent string        // "": DefaultUserAgent
	Timeout   time.Duration // per request, the body included; 0: DefaultTimeout
	MaxBytes  int64         // body limit; 0: DefaultMaxBytes
	MinWords  int           // a page with fewer words of text fails with ErrNoText; 0: DefaultMinWords
}

// NewFetcher returns a Fetcher with the default settings and client (nil:
// NewClient(false), which refuses every address that is not public).
func NewFetcher(client *http.Client) *Fetcher {
	return &Fetcher{Client: client, UserAgent: DefaultUserAgent, Timeout: DefaultTimeout,
		MaxBytes: DefaultMaxBytes, MinWords: DefaultMinWords}
}

// Fetch fetches one news page with the default settings and returns its
// article: what `/ingest URL` and `peyvand ingest --url` need.
func Fetch(ctx context.Context, client *http.Client, pageURL string) (peyvand.Article, error) {
	return NewFetcher(client).Fetch(ctx, pageURL)
}

// Fetch fetches a news page and extracts its article (see Extract). The
// article's URL and ID are those of pageURL, its Source the URL's host.
func (f *Fetcher) Fetch(ctx context.Context, pageURL string) (peyvand.Article, error) {
	resp, err := f.get(ctx, pageURL, nil, f.maxBytes(), "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.5,*/*;q=0.1")
	if err != nil {
		return peyvand.Article{}, err
	}
	a, err := Extract(resp.body, resp.contentType, pageURL)
	if err != nil {
		return peyvand.Article{}, fmt.Errorf("extract %s: %w", pageURL, err)
	}
	if n := len(persian.Words(a.Text)); n < f.minWords() {
		return peyvand.Article{}, fmt.Errorf("extract %s: %w (%d words)", pageURL, ErrNoText, n)
	}
	return a, nil
}

func (f *Fetcher) client() *http.Client {
	if f.Client != nil {
		return f.Client
	}
	return publicOnly
}

func (f *Fetcher) maxBytes() int64 {
	if f.MaxBytes > 0 {
		return f.MaxBytes
	}
	return DefaultMaxBytes
}

func (f *Fetcher) minWords() int {
	if f.MinWords > 0 {
		return f.MinWords
	}
	return DefaultMinWords
}

// response is a read response.
type response struct {
	status       int // 200…299 or 304
	body         []byte
	contentType  string
	etag         string
	lastModified string
}

// get fetches u with the Fetcher's timeout, user agent and the extra
// headers; a 304 is returned as such, any other non-2xx as *StatusError.
func (f *Fetcher) get(ctx context.Context, u string, header http.Header, limit int64, accept string) (response, error) {
	pu, err := url.Parse(strings.TrimSpace(u))
	if err != nil || (pu.Scheme != "http" && pu.Scheme != "https") || pu.Host == "" {
		return response{}, fmt.Errorf("GET %q: %w", u, ErrBadURL)
	}
	timeout := f.Timeout
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, pu.String(), nil)
	if err != nil {
		return response{}, fmt.Errorf("GET %s: %w", u, err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	ua := f.UserAgent
	if ua == "" {
		ua = DefaultUserAgent
	}
	req.Header.Set("User-Agent", ua)
	req.Header.Set("Accept", accept)
	req.Header.Set("Accept-Language", "fa,en;q=0.5")
	resp, err := f.client().Do(req)
	if err != nil {
		return response{}, fmt.Errorf("GET %s: %w", u, err)
	}
	defer resp.Body.Close()
	r := response{status: resp.StatusCode, contentType: resp.Header.Get("Content-Type"),
		etag: resp.Header.Get("ETag"), lastModified: resp.Header.Get("Last-Modified")}
	if resp.StatusCode == http.StatusNotModified {
		return r, nil
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10)) // let the connection be reused
		return response{}, &StatusError{URL: u, StatusCode: resp.StatusCode, RetryAfter: retryAfter(resp.Header.Get("Retry-After"), time.Now())}
	}
	if resp.ContentLength > limit {
		return response{}, fmt.Errorf("GET %s: %w (%d bytes, limit %d)", u, ErrTooLarge, resp.ContentLength, limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return response{}, fmt.Errorf("GET %s: %w", u, err)
	}
	if int64(len(body)) > limit {
		return response{}, fmt.Errorf("GET %s: %w (limit %d bytes)", u, ErrTooLarge, limit)
	}
	r.body = body
	return r, nil
}

// retryAfter parses a Retry-After value: seconds or an HTTP date.
func retryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if s, err := strconv.Atoi(v); err == nil && s > 0 {
		return time.Duration(s) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// Extract reads the article of a fetched page. contentType is the
// response's Content-Type ("" if none); pageURL becomes the article's URL,
// ID (peyvand.ArticleID) and Source (its host without "www.").
//
// The page is decoded to UTF-8 (see charset.go for the rules: the header,
// <meta charset> and <meta http-equiv> anywhere in the head, windows-1256
// for undeclared legacy bytes). go-readability then picks the main text and
// persian.CleanHTML cleans it, as it cleans a saved page: boilerplate lines,
// news code, repeated lead. persian.CleanHTML of the whole page supplies the
// headline, the date and the news code, and stands in for readability when
// readability finds nothing or much less text than it (half), and a lead
// paragraph readability left out is put back. Plain text pages are cleaned
// with persian.CleanText. The error is ErrNotHTML for other content, and
// ErrNoText when no text is left.
func Extract(page []byte, contentType, pageURL string) (peyvand.Article, error) {
	var doc persian.Document
	switch pageKind(page, contentType) {
	case "text/plain":
		b, _ := decodeHTML(page, contentType)
		doc = persian.CleanText(string(b))
	case "text/html":
		var err error
		if doc, err = extractHTML(page, contentType, pageURL); err != nil {
			return peyvand.Article{}, err
		}
	default:
		return peyvand.Article{}, ErrNotHTML
	}
	if strings.TrimSpace(doc.Text) == "" {
		return peyvand.Article{}, ErrNoText
	}
	return peyvand.Article{
		ID:       peyvand.ArticleID("", pageURL, doc.Text),
		URL:      strings.TrimSpace(pageURL),
		Title:    doc.Title,
		Date:     doc.Date,
		Source:   outlet(pageURL),
		NewsCode: doc.NewsCode,
		Text:     doc.Text,
	}, nil
}

// pageKind returns "text/html", "text/plain" or "" (neither), from the
// Content-Type or, when it says nothing useful, from the bytes.
func pageKind(page []byte, contentType string) string {
	mt, _, _ := mime.ParseMediaType(contentType)
	switch mt {
	case "text/html", "application/xhtml+xml":
		return "text/html"
	case "text/plain":
		if looksLikeHTML(page) {
			return "text/html" // a misconfigured server
		}
		return "text/plain"
	case "", "application/octet-stream", "application/xml", "text/xml":
		if looksLikeHTML(page) {
			return "text/html"
		}
		if sniff, _, _ := mime.ParseMediaType(http.DetectContentType(page)); sniff == "text/plain" {
			return "text/plain"
		}
	}
	return ""
}

// looksLikeHTML reports whether the start of b has an HTML tag.
func looksLikeHTML(b []byte) bool {
	head := bytes.ToLower(b[:min(len(b), 4096)])
	for _, t := range []string{"<!doctype html", "<html", "<head", "<body", "<p", "<div", "<br", "<article"} {
		if bytes.Contains(head, []byte(t)) {
			return true
		}
	}
	return false
}

// extractHTML is Extract for an HTML page.
func extractHTML(page []byte, contentType, pageURL string) (persian.Document, error) {
	utf, _ := decodeHTML(page, contentType)
	full, err := persian.CleanHTML(utf, utf8HTML)
	if err != nil {
		return persian.Document{}, err // nested beyond what x/net/html parses
	}
	rd, ok := readable(utf, pageURL)
	if !ok {
		return full, nil
	}
	title := full.Title
	if title == "" {
		title = persian.Display(rd.Title)
	}
	// The headline inside an <article>, before readability's content, makes
	// CleanHTML take it as the title (and not repeat it in the text) and take
	// the whole content rather than its largest block.
	var b strings.Builder
	b.WriteString("<!DOCTYPE html><html><body><article>")
	if title != "" {
		b.WriteString("<h1>" + html.EscapeString(title) + "</h1>")
	}
	writeContent(&b, rd.Content)
	b.WriteString("</article></body></html>")
	body, err := persian.CleanHTML([]byte(b.String()), utf8HTML)
	if err != nil {
		return full, nil
	}
	rw, fw := len(persian.Words(body.Text)), len(persian.Words(full.Text))
	if rw == 0 || rw*2 < fw {
		return full, nil
	}
	doc := full
	doc.Title = title
	doc.Text = withLead(body.Text, full.Text)
	if doc.NewsCode == "" {
		doc.NewsCode = body.NewsCode
	}
	if doc.Date.IsZero() {
		if rd.PublishedTime != nil {
			doc.Date = day(*rd.PublishedTime)
		} else {
			doc.Date = body.Date
		}
	}
	return doc, nil
}

// readable runs go-readability on a UTF-8 page; ok is false when it fails,
// finds nothing, or panics (it is third-party code fed hostile pages).
func readable(utf []byte, pageURL string) (art readability.Article, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	root, err := xhtml.Parse(bytes.NewReader(utf))
	if err != nil {
		return art, false
	}
	u, _ := url.Parse(pageURL)
	p := readability.NewParser()
	p.MaxElemsToParse = maxElements
	art, err = p.ParseDocument(root, u)
	if err != nil || strings.TrimSpace(art.Content) == "" {
		return art, false
	}
	return art, true
}

// writeContent writes readability's content with what would make
// persian.CleanHTML take a part of it for the whole taken out: itemprop
// attributes (itemprop="articleBody" marks the article's container) and
// nested <article> elements, which become <div>s.
func writeContent(b *strings.Builder, content string) {
	nodes, err := xhtml.ParseFragment(strings.NewReader(content), &xhtml.Node{Type: xhtml.ElementNode, Data: "body", DataAtom: atom.Body})
	if err != nil {
		return
	}
	var clean func(n *xhtml.Node)
	clean = func(n *xhtml.Node) {
		if n.Type == xhtml.ElementNode {
			if n.DataAtom == atom.Article {
				n.DataAtom, n.Data = atom.Div, "div"
			}
			n.Attr = slices.DeleteFunc(n.Attr, func(a xhtml.Attribute) bool { return a.Key == "itemprop" })
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			clean(c)
		}
	}
	for _, n := range nodes {
		clean(n)
		xhtml.Render(b, n)
	}
}

// withLead puts back the lead: when the first paragraph of the whole page's
// text is a sentence that text does not hold, it goes first. News sites set
// the lead (لید) apart from the body, where readability often drops it.
func withLead(text, page string) string {
	first, _, _ := strings.Cut(page, "\n\n")
	if len(persian.Words(first)) < 8 {
		return text
	}
	if strings.Contains(persian.Normalize(text), persian.Normalize(first)) {
		return text
	}
	return first + "\n\n" + text
}
