//go:build corpus

package extract

import (
	"encoding/json"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/source"
)

// BenchmarkIngestStream is BenchmarkIngest over a realistic stream: the
// first 3,000 pooled paragraphs (old news and Wikipedia, mostly not about
// ties) with the dev items among them.
//
//	go test -tags corpus ./extract/ -run '^$' -bench IngestStream -benchtime 3x
func BenchmarkIngestStream(b *testing.B) {
	var arts []peyvand.Article
	for _, it := range loadDev(b) {
		arts = append(arts, peyvand.Article{ID: it.ID, Title: it.Title, Text: it.Text})
	}
	readJSONL(b, pooledFile, func(line []byte) error {
		if len(arts) >= 3000 {
			return nil
		}
		var rec source.Record
		if err := json.Unmarshal(line, &rec); err != nil {
			return err
		}
		if a, err := source.FromRecord(rec); err == nil {
			arts = append(arts, a)
		}
		return nil
	})
	benchIngest(b, arts)
}
