package bot

import (
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/reply"
)

func TestRender(t *testing.T) {
	cites := []peyvand.Citation{
		{N: 1, URL: "https://www.irna.ir/news/85/صادرات?a=1&b=2"},
		{N: 2, URL: "javascript:alert(1)"},
		{N: 3, URL: "http://isna.ir/x\"><script>"},
		{N: 4, URL: "ftp://example.ir/file"},
		{N: 5, URL: "https://tasnim.ir/5"},
	}
	tests := []struct {
		name string
		text string // the reply's text
		want string // its HTML
	}{
		{"hostile text is escaped", `<script>alert("x")</script> & 'y'`,
			`&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; &#39;y&#39;`},
		{"an entity in the text stays text", "&lt; is not <", "&amp;lt; is not &lt;"},
		{"ASCII marker linked, URL escaped", "صادرات فرش به چین افزایش یافت [1]",
			`صادرات فرش به چین افزایش یافت <a href="https://www.irna.ir/news/85/%D8%B5%D8%A7%D8%AF%D8%B1%D8%A7%D8%AA?a=1&amp;b=2">[۱]</a>`},
		{"Persian digits", "تبریز [۵]", `تبریز <a href="https://tasnim.ir/5">[۵]</a>`},
		{"Arabic-Indic digits", "تبریز [٥].", `تبریز <a href="https://tasnim.ir/5">[۵]</a>.`},
		{"javascript: URL not linked", "خبر [2]", "خبر [۲]"},
		{"a URL with a quote is re-encoded, not broken out of",
			"خبر [3]", `خبر <a href="http://isna.ir/x%22%3E%3Cscript%3E">[۳]</a>`},
		{"ftp not linked", "خبر [4]", "خبر [۴]"},
		{"no such citation", "خبر [9]", "خبر [۹]"},
		{"markers side by side", "[1][5]", `<a href="https://www.irna.ir/news/85/%D8%B5%D8%A7%D8%AF%D8%B1%D8%A7%D8%AA?a=1&amp;b=2">[۱]</a><a href="https://tasnim.ir/5">[۵]</a>`},
		{"not markers", "[] [a] [1 [12345] ]", "[] [a] [1 [12345] ]"},
		{"a bracket before a marker", "[[5]", `[<a href="https://tasnim.ir/5">[۵]</a>`},
	}
	for _, tt := range tests {
		got := render(reply.Message{Text: tt.text, Citations: cites})
		if got != tt.want {
			t.Errorf("%s: render(%q) =\n%s\nwant\n%s", tt.name, tt.text, got, tt.want)
		}
		checkHTML(t, got)
	}
}

func TestRenderSources(t *testing.T) {
	r := reply.Message{
		Text:    "پاسخ [2] و [1].",
		Sources: true,
		Citations: []peyvand.Citation{
			{N: 2, Title: "واردات <گندم> & جو", URL: "https://isna.ir/n/2", Source: "ایسنا", Date: time.Date(2024, 9, 30, 0, 0, 0, 0, time.UTC)},
			{N: 1, Title: "صادرات", URL: "data:text/html,x", Source: "ایرنا"},
			{N: 3, URL: "https://www.tasnim.ir/3"},
		},
	}
	got := render(r)
	checkHTML(t, got)
	for _, want := range []string{
		`پاسخ <a href="https://isna.ir/n/2">[۲]</a> و [۱].`,
		"\n\n<b>منابع</b>\n۱. صادرات — ایرنا\n",
		`۲. <a href="https://isna.ir/n/2">واردات &lt;گندم&gt; &amp; جو</a> — ایسنا، ۹ مهر ۱۴۰۳`,
		`۳. <a href="https://www.tasnim.ir/3">www.tasnim.ir</a>`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("render(sources) =\n%s\nwant it to contain\n%s", got, want)
		}
	}
}

func TestRenderEnglishSourcesHeading(t *testing.T) {
	r := reply.Message{Text: "Foreign ties of Isfahan in the news (1):\n- Muscat (Oman): sister city (done) [1]", Sources: true, English: true,
		Citations: []peyvand.Citation{{N: 1, Title: "روابط تجاری اصفهان و مسقط", URL: "https://example.ir/1"}}}
	out := render(r)
	if !strings.Contains(out, "<b>Sources</b>") || strings.Contains(out, "منابع") {
		t.Errorf("English reply rendered as %q", out)
	}
	// An English reply numbers in ASCII digits, inline and in the list alike.
	if !strings.Contains(out, `(done) <a href="https://example.ir/1">[1]</a>`) || !strings.Contains(out, "\n1. ") || strings.Contains(out, "۱") {
		t.Errorf("English reply's numbers: %q", out)
	}
}
