package persian

import (
	"strings"
	"testing"
)

// benchText returns the dev corpus texts (or the seeds when the shared
// corpus is absent) as one string of about 140 KB.
func benchText(b *testing.B) string {
	var parts []string
	for _, k := range sortedKeys(corpusTexts(b)) {
		parts = append(parts, corpusTexts(b)[k])
	}
	return strings.Join(parts, "\n\n")
}

// reportMBs reports the throughput in MB/s as its own metric, next to the
// one b.SetBytes gives, so it shows in benchstat-free runs.
func reportMBs(b *testing.B, n int) {
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds()/1e6, "MB/s")
}

func BenchmarkNormalize(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		_ = Normalize(text)
	}
	reportMBs(b, len(text))
}

func BenchmarkNormalizeTokens(b *testing.B) {
	text := benchText(b)
	// per item, as ingest calls it
	items := strings.Split(text, "\n\n")
	b.SetBytes(int64(len(text)))
	var dst []string
	b.ResetTimer()
	for b.Loop() {
		for _, it := range items {
			dst = AppendTokens(dst[:0], it)
		}
	}
	reportMBs(b, len(text))
}

func BenchmarkDisplay(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		_ = Display(text)
	}
	reportMBs(b, len(text))
}

func BenchmarkSentenceSpans(b *testing.B) {
	text := benchText(b)
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for b.Loop() {
		_ = SentenceSpans(text)
	}
	reportMBs(b, len(text))
}

func BenchmarkCleanText(b *testing.B) {
	seeds := readSeeds(b)
	n := 0
	for _, s := range seeds {
		n += len(s)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		for _, s := range seeds {
			_ = CleanText(s)
		}
	}
	reportMBs(b, n)
}

// BenchmarkCleanTextPages cleans whole pages as ingest gets them: each text
// of the corpus (a .jsonl record's title and text) between the chrome of a
// news page (menu and date above; tags, related news, comments and footer
// below), about 3-9 KB a page.
func BenchmarkCleanTextPages(b *testing.B) {
	texts := corpusTexts(b)
	var pages []string
	n := 0
	for _, k := range sortedKeys(texts) {
		title, body, _ := strings.Cut(texts[k], "\n")
		p := title + "\n\n" + pageHead + body + "\n\n" + pageTail
		pages = append(pages, p)
		n += len(p)
	}
	b.SetBytes(int64(n))
	b.ResetTimer()
	for b.Loop() {
		for _, p := range pages {
			_ = CleanText(p)
		}
	}
	reportMBs(b, n)
	b.ReportMetric(float64(len(pages))*float64(b.N)/b.Elapsed().Seconds(), "pages/s")
}
