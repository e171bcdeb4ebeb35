package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"time"

	"github.com/mmcdole/gofeed"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// ParseFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed into Items, in feed
// order. contentType is the response's Content-Type (its charset wins over
// the XML declaration); base resolves relative links. A body gofeed cannot
// read gives an error wrapping ErrMalformedFeed; it never panics.
func ParseFeed(body []byte, contentType, base string) (items []Item, err error) {
	defer func() {
		if r := recover(); r != nil {
			items, err = nil, fmt.Errorf("%w: parser panic: %v", ErrMalformedFeed, r)
		}
	}()
	body = feedUTF8(body, contentType)
	f, err := gofeed.NewParser().Parse(bytes.NewReader(body))
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrMalformedFeed, err)
	}
	baseURL, _ := url.Parse(strings.TrimSpace(base))
	seen := map[string]bool{}
	for _, it := range f.Items {
		if it == nil {
			continue
		}
		item := fromGofeed(it, baseURL)
		if item.Key == "" || seen[item.Key] {
			continue
		}
		seen[item.Key] = true
		items = append(items, item)
	}
	return items, nil
}

// fromGofeed turns a gofeed item into an Item; Key is "" when the item has
// neither a link nor any text.
func fromGofeed(it *gofeed.Item, base *url.URL) Item {
	link := resolve(base, it.Link)
	if link == "" {
		for _, l := range it.Links {
			if link = resolve(base, l); link != "" {
				break
			}
		}
	}
	if link == "" && isHTTPURL(it.GUID) {
		link = strings.TrimSpace(it.GUID) // an Atom id or a permalink guid
	}
	summary := it.Description
	if len(persian.Words(stripTags(it.Content))) > len(persian.Words(stripTags(summary))) {
		summary = it.Content
	}
	item := Item{
		Link:      link,
		Title:     persian.Display(html.UnescapeString(strings.TrimSpace(it.Title))),
		Summary:   strings.TrimSpace(summary),
		Published: itemDate(it),
	}
	switch {
	case strings.TrimSpace(it.GUID) != "":
		item.Key = strings.TrimSpace(it.GUID)
	case link != "":
		item.Key = peyvand.CanonicalURL(link)
	case item.Summary != "" || item.Title != "":
		sum := sha256.Sum256([]byte(item.Title + "\x00" + item.Summary))
		item.Key = "sha256:" + hex.EncodeToString(sum[:12])
	}
	return item
}

// itemDate returns the day of the item's publication (else update), as
// peyvand dates articles: midnight UTC of the calendar day in Tehran. It
// reads the Persian dates gofeed does not ("۱۴۰۴/۰۸/۰۳ - ۲۰:۱۹").
func itemDate(it *gofeed.Item) time.Time {
	switch {
	case it.PublishedParsed != nil:
		return day(*it.PublishedParsed)
	case it.UpdatedParsed != nil:
		return day(*it.UpdatedParsed)
	}
	for _, s := range []string{it.Published, it.Updated} {
		if t, ok := persian.ParseDate(s); ok {
			return t
		}
		if t, ok := persian.FindDate(s); ok {
			return t
		}
	}
	return time.Time{}
}

// resolve returns ref as an absolute http(s) URL against base, or "".
func resolve(base *url.URL, ref string) string {
	ref = strings.TrimSpace(ref)
	if ref == "" {
		return ""
	}
	u, err := url.Parse(ref)
	if err != nil {
		return ""
	}
	if base != nil {
		u = base.ResolveReference(u)
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	return u.String()
}

func isHTTPURL(s string) bool {
	s = strings.ToLower(strings.TrimSpace(s))
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}

// stripTags removes what looks like markup, for counting words only.
func stripTags(s string) string {
	var b strings.Builder
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>':
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// markup matches an HTML tag.
var markup = regexp.MustCompile(`<[a-zA-Z/!][^>]*>`)

// summaryArticle cleans an item's own text (its content or description) into
// an article, for when its page cannot be read.
func summaryArticle(it Item, source string) peyvand.Article {
	var doc persian.Document
	if markup.MatchString(it.Summary) {
		var b strings.Builder
		b.WriteString("<!DOCTYPE html><html><body><article>")
		if it.Title != "" {
			b.WriteString("<h1>" + html.EscapeString(it.Title) + "</h1>")
		}
		b.WriteString(it.Summary)
		b.WriteString("</article></body></html>")
		d, err := persian.CleanHTML([]byte(b.String()), utf8HTML)
		if err != nil {
			d = persian.CleanText(it.Title + "\n\n" + stripTags(it.Summary))
		}
		doc = d
	} else {
		// behind its title, the cleaner takes no body line for a headline
		doc = persian.CleanText(it.Title + "\n\n" + it.Summary)
	}
	if it.Title != "" && doc.Title != it.Title {
		doc.Text = strings.TrimSpace(strings.TrimPrefix(doc.Text, it.Title))
	}
	a := peyvand.Article{
		URL:      it.Link,
		Title:    it.Title,
		Date:     it.Published,
		Source:   source,
		NewsCode: doc.NewsCode,
		Text:     doc.Text,
	}
	if a.Title == "" {
		a.Title = doc.Title
	}
	if a.Date.IsZero() {
		a.Date = doc.Date
	}
	a.ID = peyvand.ArticleID("", a.URL, a.Text)
	return a
}

// tehran is Iran Standard Time; Iran has kept no daylight saving time
// since 2022. A fixed zone needs no tzdata on the server.
var tehran = time.FixedZone("IRST", 3*3600+1800)

// day returns midnight UTC of t's calendar day in Tehran: the day an
// Iranian outlet's reader saw the report published, as persian.ParseDate
// dates a page.
func day(t time.Time) time.Time {
	if t.IsZero() {
		return t
	}
	y, m, d := t.In(tehran).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
