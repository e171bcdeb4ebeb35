package feed

import (
	"testing"
	"unicode/utf8"
)

// FuzzExtract: any page body, of any declared type, extracts to an article
// or an error; never a panic, never invalid UTF-8.
func FuzzExtract(f *testing.F) {
	f.Add([]byte(`<html><head><title>تفاهم‌نامه تبریز و باکو</title></head><body><article><p>تفاهم‌نامه همکاری تبریز و باکو امضا شد.</p></article></body></html>`), "text/html; charset=utf-8")
	f.Add([]byte("<html><meta charset=windows-1256><p>\xe3\xd1\xc7\xe6\xcf</p>"), "text/html")
	f.Add([]byte("\xff\xfe<\x00p\x00>"), "text/html; charset=utf-16")
	f.Add([]byte("plain text body"), "text/plain")
	f.Fuzz(func(t *testing.T, page []byte, contentType string) {
		a, err := Extract(page, contentType, "https://example.ir/news/1")
		if err != nil {
			return
		}
		if !utf8.ValidString(a.Title) || !utf8.ValidString(a.Text) {
			t.Errorf("invalid UTF-8 out of %q", page)
		}
	})
}

// FuzzParseFeed: any feed body parses to items or an error, never a panic.
func FuzzParseFeed(f *testing.F) {
	f.Add([]byte(`<?xml version="1.0"?><rss><channel><item><title>خبر</title><link>https://example.ir/1</link></item></channel></rss>`), "application/rss+xml")
	f.Add([]byte(`<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>x</title><link href="/a"/></entry></feed>`), "application/atom+xml")
	f.Fuzz(func(t *testing.T, body []byte, contentType string) {
		ParseFeed(body, contentType, "https://example.ir/rss")
	})
}
