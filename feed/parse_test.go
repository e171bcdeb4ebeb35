package feed

import (
	"bytes"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/unicode"
)

const base = "http://news.example.ir"

// TestParseFeed reads the RSS 2.0 and Atom fixtures.
func TestParseFeed(t *testing.T) {
	tests := []struct {
		file string
		want []Item // Summary is checked for being non-empty only
	}{
		{"rss.xml", []Item{
			{Key: "sample-1001", Link: base + "/news/1001/tabriz-delegation",
				Title:     "هیئت تجاری ۳۰ نفره آذربایجان شرقی برای گسترش صادرات راهی ترکیه شد",
				Published: time.Date(2025, 10, 6, 0, 0, 0, 0, time.UTC)},
			// a relative link, no guid, a Jalali pubDate gofeed cannot read
			{Key: base + "/news/1002/bushehr-doha", Link: base + "/news/1002/bushehr-doha",
				Title:     "خط کشتیرانی مستقیم بوشهر و دوحه پس از دو سال دوباره راه افتاد",
				Published: time.Date(2025, 10, 7, 0, 0, 0, 0, time.UTC)},
			{Key: base + "/news/1003/mashhad-herat", Link: base + "/news/1003/mashhad-herat",
				Title:     "تفاهم‌نامه همکاری اتاق‌های بازرگانی مشهد و هرات امضا شد",
				Published: time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC)},
		}},
		{"atom.xml", []Item{
			{Key: "tag:example.ir,2025:news-2001", Link: base + "/fa/news/2001",
				Title:     "نمایشگاه بین‌المللی تبریز میزبان شرکت‌های ترکیه‌ای و عراقی می‌شود",
				Published: time.Date(2025, 10, 9, 0, 0, 0, 0, time.UTC)},
			// a link relative to the feed's URL, and only an updated date
			{Key: "tag:example.ir,2025:news-2002", Link: base + "/feeds/fa/news/2002",
				Title:     "تفاهم‌نامه همکاری اتاق‌های بازرگانی مشهد و هرات امضا شد",
				Published: time.Date(2025, 10, 8, 0, 0, 0, 0, time.UTC)},
		}},
	}
	for _, tt := range tests {
		items, err := ParseFeed(fixture(t, tt.file, base), "application/xml", base+"/feeds/"+tt.file)
		if err != nil {
			t.Errorf("%s: %v", tt.file, err)
			continue
		}
		if len(items) != len(tt.want) {
			t.Errorf("%s: %d items; want %d", tt.file, len(items), len(tt.want))
			continue
		}
		for i, w := range tt.want {
			g := items[i]
			if g.Key != w.Key || g.Link != w.Link || g.Title != w.Title || !g.Published.Equal(w.Published) {
				t.Errorf("%s item %d = %q %q %q %v;\nwant %q %q %q %v", tt.file, i,
					g.Key, g.Link, g.Title, g.Published, w.Key, w.Link, w.Title, w.Published)
			}
			if g.Summary == "" {
				t.Errorf("%s item %d: no summary", tt.file, i)
			}
		}
	}
}

// TestParseFeedEncodings reads the RSS fixture in windows-1256, declared in
// the XML, in the header, in both, or nowhere, and in UTF-16.
func TestParseFeedEncodings(t *testing.T) {
	want, err := ParseFeed(fixture(t, "rss.xml", base), "", base)
	if err != nil {
		t.Fatal(err)
	}
	utf := fixture(t, "rss.xml", base)
	decl1256 := to1256(t, bytes.Replace(utf, []byte(`encoding="utf-8"`), []byte(`encoding="windows-1256"`), 1))
	plain1256 := to1256(t, utf) // still says utf-8
	noDecl1256 := to1256(t, utf[bytes.IndexByte(utf, '\n')+1:])
	utf16, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes(
		bytes.Replace(utf, []byte(`encoding="utf-8"`), []byte(`encoding="UTF-16"`), 1))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name        string
		body        []byte
		contentType string
	}{
		{"in the XML declaration", decl1256, "application/rss+xml"},
		{"in the header and the declaration", decl1256, "application/rss+xml; charset=windows-1256"},
		{"in the header, over a declaration of utf-8", plain1256, "text/xml; charset=windows-1256"},
		{"undeclared", noDecl1256, ""},
		{"UTF-16 with a byte order mark", utf16, "application/rss+xml"},
	}
	for _, tt := range tests {
		items, err := ParseFeed(tt.body, tt.contentType, base)
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if len(items) != len(want) {
			t.Errorf("%s: %d items; want %d", tt.name, len(items), len(want))
			continue
		}
		for i := range want {
			// Display folds the Arabic yeh and writes Persian digits back
			if items[i].Title != want[i].Title {
				t.Errorf("%s: item %d title %q; want %q", tt.name, i, items[i].Title, want[i].Title)
			}
		}
	}
}

// TestParseFeedMalformed: what is not a feed fails with ErrMalformedFeed,
// and nothing panics; a feed cut short keeps its whole items.
func TestParseFeedMalformed(t *testing.T) {
	rss := string(fixture(t, "rss.xml", base))
	bad := []struct {
		name string
		body string
	}{
		{"an HTML error page", string(fixture(t, "malformed.xml", base))},
		{"empty", ""},
		{"text", "خوراک در دسترس نیست"},
		{"binary", "\x00\x01\x02\xff\xfe<rss"},
		{"JSON that is not a feed", `{"items": [`},
		{"a wrong root element", `<?xml version="1.0"?><urlset><url><loc>http://x/1</loc></url></urlset>`},
	}
	for _, tt := range bad {
		items, err := ParseFeed([]byte(tt.body), "application/rss+xml", base)
		if !errors.Is(err, ErrMalformedFeed) {
			t.Errorf("%s: %d items, err %v; want ErrMalformedFeed", tt.name, len(items), err)
		}
	}
	// gofeed reads non-strict XML: a feed cut inside its third item, or with
	// a bare & in a title, still gives what it holds; an unknown encoding
	// label over bytes that are valid UTF-8 is read as UTF-8
	cut := rss[:strings.Index(rss, "<item>\n<title>تفاهم")+40]
	for name, body := range map[string]string{
		"cut short":           cut,
		"a bare &":            strings.Replace(rss, "راهی ترکیه شد</title>", "راهی ترکیه & قبرس شد</title>", 1),
		"no channel":          strings.Replace(strings.Replace(rss, "<channel>", "", 1), "</channel>", "", 1),
		"an unknown encoding": strings.Replace(rss, `encoding="utf-8"`, `encoding="x-farsi-2000"`, 1),
	} {
		items, err := ParseFeed([]byte(body), "", base)
		if err != nil && !errors.Is(err, ErrMalformedFeed) {
			t.Errorf("%s: err %v; want nil or ErrMalformedFeed", name, err)
		}
		if err == nil && len(items) < 2 {
			t.Errorf("%s: %d items; want the first two at least", name, len(items))
		}
	}
}

// TestItemDate dates items by their day in Tehran, as pages are dated.
func TestItemDate(t *testing.T) {
	at := func(s string) *time.Time {
		v, err := time.Parse(time.RFC3339, s)
		if err != nil {
			t.Fatal(err)
		}
		return &v
	}
	tests := []struct {
		name string
		item gofeed.Item
		want string // YYYY-MM-DD, "" for none
	}{
		{"an evening in UTC is the next day in Tehran", gofeed.Item{PublishedParsed: at("2025-10-05T21:00:00Z")}, "2025-10-06"},
		{"a Tehran offset", gofeed.Item{PublishedParsed: at("2025-10-06T00:30:00+03:30")}, "2025-10-06"},
		{"the update when no publication", gofeed.Item{UpdatedParsed: at("2025-10-07T12:00:00Z")}, "2025-10-07"},
		{"a Jalali date gofeed cannot read", gofeed.Item{Published: "۱۴۰۴/۰۸/۰۳ - ۲۰:۱۹"}, "2025-10-25"},
		{"a date in a sentence", gofeed.Item{Published: "منتشر شده در ۱۵ مهر ۱۴۰۴"}, "2025-10-07"},
		{"no date", gofeed.Item{Published: "دیروز"}, ""},
	}
	for _, tt := range tests {
		got := itemDate(&tt.item)
		if s := got.Format("2006-01-02"); tt.want == "" && !got.IsZero() || tt.want != "" && s != tt.want {
			t.Errorf("%s: itemDate = %v; want %s", tt.name, got, tt.want)
		}
	}
}
