package question

import "testing"

// BenchmarkRead is one message through the reader: Persian, English and
// Finglish, the last with its letter-by-letter place reading.
func BenchmarkRead(b *testing.B) {
	r := Default()
	for name, msg := range map[string]string{
		"persian":  "کدوم شهرای خارجی با اصفهان خواهرخونده‌ان؟",
		"english":  "Which cities are twinned with Mashhad?",
		"finglish": "esfahan ba veniz khaharkhande hast?",
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				r.Read(msg, nil)
			}
		})
	}
}
