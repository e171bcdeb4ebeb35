//go:build corpus

package answer_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/ties"
)

// pooledFile is the public pooled set: 14.7k paragraphs, mostly unrelated
// news, beside the repository (../shared). The corpus tests fail without it.
var pooledFile = filepath.Join("..", "..", "shared", "corpus", "public", "pooled", "pooled.passages.jsonl")

// TestQuestionSetWithPooled asks the question set over the dev and extra
// items with the pooled paragraphs ingested beside them, as a real
// database holds unrelated news: abstention must hold there too.
func TestQuestionSetWithPooled(t *testing.T) {
	if _, err := os.Stat(pooledFile); err != nil {
		t.Fatalf("the pooled set is needed: %v", err)
	}
	e := corpusEngine(t, pooledFile)
	svc := &answer.Service{Engine: e, Graph: ties.New(e.Store())}
	tune, held := askSet(t, svc, loadQuestions(t))
	logScores(t, "tuned-on, with pooled", tune)
	logScores(t, "held-out, with pooled", held)
	if got := tune.rate(tune.abstained, tune.unanswerable); got < floorAbstainPooled {
		t.Errorf("tuned-on abstention with the pooled paragraphs %.3f below the floor %.2f", got, floorAbstainPooled)
	}
	if got := tune.rate(tune.namesFound, tune.names); got < floorNamesPooled {
		t.Errorf("tuned-on names with the pooled paragraphs %.3f below the floor %.2f", got, floorNamesPooled)
	}
	// The other sets over the same database, as a deployment would see
	// them (figures only; the blind fifth prints no failures).
	for _, f := range []string{"more_questions.jsonl", "third_questions.jsonl", "fourth_questions.jsonl", "fifth_questions.jsonl", "sixth_questions.jsonl", "seventh_questions.jsonl", "eighth_questions.jsonl", "ninth_questions.jsonl", "tenth_questions.jsonl", "eleventh_questions.jsonl", "twelfth_questions.jsonl", "thirteenth_questions.jsonl"} {
		qs := readJSONL[setQuestion](t, filepath.Join("..", "testdata", "questions", f))
		a, b := askSetLogging(t, svc, qs, false)
		logScores(t, f+" (its two thirds), with pooled", a)
		logScores(t, f+" (its held-out third), with pooled", b)
	}
}

const (
	floorAbstainPooled = 0.90
	floorNamesPooled   = 0.83
)
