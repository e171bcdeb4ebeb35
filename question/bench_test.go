package question

import (
	"strings"
	"testing"
)

// BenchmarkRead is one message through the reader: Persian, English and
// Finglish, the last with its letter-by-letter place reading.
func BenchmarkRead(b *testing.B) {
	r := Default()
	for name, msg := range map[string]string{
		"persian":  "کدوم شهرای خارجی با اصفهان خواهرخونده‌ان؟",
		"english":  "Which cities are twinned with Mashhad?",
		"finglish": "esfahan ba veniz khaharkhande hast?",
		// The longest message a user may send: Latin words no lexicon
		// word is an edit from.
		"long-latin": strings.Repeat("qzxv wrtp ", 100),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r.Read(msg, nil)
			}
		})
	}
}
