package feed

import (
	"os"
	"strings"
	"testing"
)

// windows-1256 page, and a long page of 120 paragraphs (~300 KB).
func BenchmarkExtract(b *testing.B) {
	hostile, err := os.ReadFile("testdata/hostile.html")
	if err != nil {
		b.Fatal(err)
	}
	s := readStory(b, "tabriz-fair")
	legacy := to1256(b, renderPage(b, pageData{story: s, HTTPEquiv: "windows-1256"}))
	long := s
	for i := 0; i < 24; i++ {
		long.Body = append(long.Body, readStory(b, "bushehr-qatar").Body...)
	}
	longPage := renderPage(b, pageData{story: long, MetaCharset: "utf-8",
		Padding: strings.Repeat("var x = 'آمار';\n", 2000)})
	for _, bc := range []struct {
		name, contentType string
		page              []byte
	}{
		{"hostile", "text/html; charset=utf-8", hostile},
		{"windows-1256", "text/html", legacy},
		{"long", "text/html", longPage},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.SetBytes(int64(len(bc.page)))
			for b.Loop() {
				if _, err := Extract(bc.page, bc.contentType, "https://example.ir/news/1"); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "pages/s")
		})
	}
}
