package extract

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/store"
)

// BenchmarkIngest ingests the dev items, replicated to 1,140 articles, into
// a fresh database with and without tie extraction, and reports both rates:
// the worst case, every article about ties (BenchmarkIngestStream, behind
// the corpus tag, is a realistic stream). Extraction should cost ingest no
// more than 15%:
//
//	go test ./extract/ -run '^$' -bench Ingest -benchtime 3x
func BenchmarkIngest(b *testing.B) {
	var arts []peyvand.Article
	for r := range 20 {
		for _, it := range loadDev(b) {
			arts = append(arts, peyvand.Article{ID: fmt.Sprintf("%s-%d", it.ID, r), Title: it.Title, Text: it.Text})
		}
	}
	benchIngest(b, arts)
}

// benchIngest ingests arts into a fresh database per round, with and
// without extraction.
func benchIngest(b *testing.B, arts []peyvand.Article) {
	for _, tc := range []struct {
		name    string
		extract bool
	}{{"plain", false}, {"extract", true}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				emb := retrieval.NewHashEmbedder(256)
				db, err := store.Open(filepath.Join(b.TempDir(), "ingest.db"), store.Options{Embedder: emb.Name(), Dim: emb.Dim()})
				if err != nil {
					b.Fatal(err)
				}
				e, err := retrieval.Open(db, emb)
				if err != nil {
					b.Fatal(err)
				}
				if tc.extract {
					e.Extract = Default().Func()
				}
				b.StartTimer()
				if _, err := e.Ingest(context.Background(), arts, nil); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				db.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(b.N*len(arts))/b.Elapsed().Seconds(), "articles/s")
		})
	}
}
