package bot

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand/internal/enginetest"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/ties"
)

const devDir = "../testdata/dev"

// BenchmarkUpdatesCore is the end-to-end figure: updates through
// the adapter to the real conversation core with the offline answerer
// over about 10,000 passages (the dev items replicated), the dev questions
// in turn, answers sent back as HTML to the fake Bot API.
//
//	go test ./bot/ -run '^$' -bench UpdatesCore -benchtime 2000x
func BenchmarkUpdatesCore(b *testing.B) {
	core, questions := benchCore(b, 10_000)
	b.Run("500/s", func(b *testing.B) { benchUpdates(b, core, 2*time.Millisecond, questions) })
	b.Run("flood", func(b *testing.B) { benchUpdates(b, core, 0, questions) })
}

func benchCore(b *testing.B, passages int) (*chat.Core, []string) {
	b.Helper()
	items := enginetest.Read(b, filepath.Join(devDir, "items.jsonl"))
	e := enginetest.New(b)
	db := e.Store()
	for round := 0; ; round++ {
		s, _ := e.Stats()
		if s.Passages >= passages {
			break
		}
		batch := make([]peyvand.Article, len(items))
		for i, a := range items {
			a.ID = fmt.Sprintf("%s-r%d", a.ID, round)
			a.URL = fmt.Sprintf("%s?r=%d", a.URL, round)
			a.Text += fmt.Sprintf("\n\nنسخهٔ %d", round) // a distinct text per copy
			batch[i] = a
		}
		if _, err := e.Ingest(context.Background(), batch, nil); err != nil {
			b.Fatal(err)
		}
	}
	qf, err := os.Open(filepath.Join(devDir, "questions.jsonl"))
	if err != nil {
		b.Fatal(err)
	}
	defer qf.Close()
	var questions []string
	sc := bufio.NewScanner(qf)
	for sc.Scan() {
		var q struct{ Q string }
		if json.Unmarshal(sc.Bytes(), &q) == nil && q.Q != "" {
			questions = append(questions, q.Q)
		}
	}
	svc := &answer.Service{Engine: e, Graph: ties.New(db)}
	return &chat.Core{Service: svc, DB: db, RatePerMinute: -1}, questions
}
