package answer

import (
	"context"
	"testing"

	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/ties"
)

// BenchmarkAsk is one question through the service over the 117 dev and
// extra items, offline: read, route, retrieve, compose. The questions
// take each path: a partner list, a pair with its details, a fact with an
// akin word, a person named by role, a colloquial question, an English one
// and an abstention.
//
//	go test ./answer -run '^$' -bench Ask -benchmem
func BenchmarkAsk(b *testing.B) {
	e := enginetest.Files(b, "../testdata/dev/items.jsonl", "../testdata/ties/extra_items.jsonl")
	svc := &Service{Engine: e, Graph: ties.New(e.Store())}
	for _, tc := range []struct{ name, q string }{
		{"partners", "کدام شهرها با اصفهان خواهرخوانده هستند؟"},
		{"pair", "بین مشهد و هرات چه ارتباطی هست؟"},
		{"fact", "بلاروسیا می‌خوان تو قزوین چی بسازن؟"},
		{"person", "چه کسی تشکیل کارگروه مشترک سمنان و روسیه را اعلام کرد؟"},
		{"english", "How many Yazd textile companies took part in the Tashkent fair?"},
		{"abstain", "روابط نیشابور و سمرقند در سال گذشته چه بود؟"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := svc.Ask(context.Background(), tc.q, AskOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
