package bot

import (
	"html"
	"net/url"
	"slices"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
)

// sourcesHeading heads the numbered source list under an answer.
const sourcesHeading = "منابع"

// render returns r's text as Telegram HTML: every piece of text escaped,
// [n] markers linked to their citations' URLs, and, when r.Sources, the
// citations appended as a numbered list.
func render(r reply.Message) string {
	var b strings.Builder
	b.Grow(len(r.Text) + len(r.Text)/8 + 64*len(r.Citations))
	writeLinked(&b, r.Text, r.Citations, r.English)
	if r.Sources {
		writeSources(&b, r.Citations, r.English)
	}
	return b.String()
}

// writeLinked writes text escaped, with each [n] marker (ASCII, Persian or
// Arabic-Indic digits) written in the reply's digits, as the source list
// numbers it (Persian, or ASCII in an English reply), and wrapped in a link
// when it names a citation with a web URL.
func writeLinked(b *strings.Builder, text string, cites []peyvand.Citation, english bool) {
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] != '[' {
			continue
		}
		n, end, ok := marker(text, i)
		if !ok {
			continue
		}
		b.WriteString(html.EscapeString(text[last:i]))
		label := "[" + reply.Number(n, english) + "]"
		if u := citationURL(cites, n); u != "" {
			b.WriteString(`<a href="`)
			b.WriteString(html.EscapeString(u))
			b.WriteString(`">`)
			b.WriteString(label)
			b.WriteString("</a>")
		} else {
			b.WriteString(label)
		}
		last, i = end, end-1
	}
	b.WriteString(html.EscapeString(text[last:]))
}

// marker parses a citation marker "[n]" starting at text[i] == '[' and
// returns its number and the index just past the ']'.
func marker(text string, i int) (n, end int, ok bool) {
	j, digits := i+1, 0
	for j < len(text) && digits < 4 {
		d, size := digit(text[j:])
		if size == 0 {
			break
		}
		n = n*10 + d
		j += size
		digits++
	}
	if digits == 0 || j >= len(text) || text[j] != ']' {
		return 0, 0, false
	}
	return n, j + 1, true
}

// digit decodes one ASCII, Persian (۰–۹) or Arabic-Indic (٠–٩) digit at
// the start of s, returning its value and byte size; size 0 when s does not
// start with a digit.
func digit(s string) (d, size int) {
	if s == "" {
		return 0, 0
	}
	if c := s[0]; c >= '0' && c <= '9' {
		return int(c - '0'), 1
	}
	if len(s) >= 2 {
		// U+06F0–U+06F9 is DB B0–DB B9; U+0660–U+0669 is D9 A0–D9 A9.
		switch c0, c1 := s[0], s[1]; {
		case c0 == 0xDB && c1 >= 0xB0 && c1 <= 0xB9:
			return int(c1 - 0xB0), 2
		case c0 == 0xD9 && c1 >= 0xA0 && c1 <= 0xA9:
			return int(c1 - 0xA0), 2
		}
	}
	return 0, 0
}

// citationURL returns the web URL of the citation numbered n, or "".
func citationURL(cites []peyvand.Citation, n int) string {
	for _, c := range cites {
		if c.N == n {
			return webURL(c.URL)
		}
	}
	return ""
}

// webURL returns s normalised when it is an absolute http or https URL with
// a host, else "": nothing else (javascript:, data:, tg:, relative paths)
// becomes a link.
func webURL(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, " \t\r\n\x00") {
		return ""
	}
	u, err := url.Parse(s)
	if err != nil || u.Host == "" || u.User != nil {
		return ""
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.String()
	}
	return ""
}

// writeSources appends the citations as a numbered list: the title linked
// to the article, then its source and Jalali date.
//
//	۱. <a href="…">عنوان خبر</a> — ایرنا، ۹ مهر ۱۴۰۳
func writeSources(b *strings.Builder, cites []peyvand.Citation, english bool) {
	if len(cites) == 0 {
		return
	}
	sorted := slices.Clone(cites)
	slices.SortStableFunc(sorted, func(a, b peyvand.Citation) int { return a.N - b.N })
	b.WriteString("\n\n<b>")
	if english {
		b.WriteString("Sources")
	} else {
		b.WriteString(sourcesHeading)
	}
	b.WriteString("</b>")
	seen := -1
	for _, c := range sorted {
		if c.N == seen {
			continue
		}
		seen = c.N
		b.WriteString("\n")
		b.WriteString(reply.Number(c.N, english))
		b.WriteString(". ")
		title := strings.TrimSpace(c.Title)
		u := webURL(c.URL)
		if title == "" {
			title = "منبع"
			if pu, err := url.Parse(u); u != "" && err == nil {
				title = pu.Host
			}
		}
		if u != "" {
			b.WriteString(`<a href="`)
			b.WriteString(html.EscapeString(u))
			b.WriteString(`">`)
			b.WriteString(html.EscapeString(title))
			b.WriteString("</a>")
		} else {
			b.WriteString(html.EscapeString(title))
		}
		var meta []string
		if s := strings.TrimSpace(c.Source); s != "" {
			meta = append(meta, html.EscapeString(s))
		}
		if d := persian.FormatJalali(c.Date); d != "" {
			meta = append(meta, d)
		}
		if len(meta) > 0 {
			b.WriteString(" — ")
			b.WriteString(strings.Join(meta, "، "))
		}
	}
}
