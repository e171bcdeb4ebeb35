package answer_test

import (
	"bufio"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/ties"
)

const devDir = "../testdata/dev"

type devQuestion struct {
	Q        string   `json:"q"`
	GoldIDs  []string `json:"gold_ids"`
	Expected []string `json:"expected"`
	Kind     string   `json:"kind"`
}

func readJSONL[T any](tb testing.TB, path string) []T {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []T
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<22)
	for sc.Scan() {
		var v T
		if err := json.Unmarshal(sc.Bytes(), &v); err != nil {
			tb.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// devEngine ingests the dev items into a temp database.
func devEngine(tb testing.TB) *retrieval.Engine {
	tb.Helper()
	return engineOf(tb, filepath.Join(devDir, "items.jsonl"))
}

// TestDevQuestions measures the offline answerer on the dev questions: the
// share of answerable questions whose gold item is cited, the share of
// expected names in the answers, and abstention on the unanswerable ones.
// The floors sit just below today's figures, so a regression fails.
func TestDevQuestions(t *testing.T) {
	qs := readJSONL[devQuestion](t, filepath.Join(devDir, "questions.jsonl"))
	e := devEngine(t)
	svc := &answer.Service{Engine: e}
	if os.Getenv("PEYVAND_EVAL_NO_GRAPH") == "" {
		svc.Graph = ties.New(e.Store())
	}
	var answerable, cited, unanswerable, abstained, names, namesFound int
	for _, q := range qs {
		ans, _, err := svc.Ask(context.Background(), q.Q, answer.AskOptions{})
		if err != nil {
			t.Fatalf("Ask(%q): %v", q.Q, err)
		}
		if q.Kind == "unanswerable" {
			unanswerable++
			if ans.Abstained {
				abstained++
			} else {
				t.Logf("answered an unanswerable question %q", q.Q)
			}
			continue
		}
		answerable++
		if slices.ContainsFunc(ans.Citations, func(c peyvand.Citation) bool { return slices.Contains(q.GoldIDs, c.ArticleID) }) {
			cited++
		} else {
			t.Logf("gold %v not cited for %q (abstained %v)", q.GoldIDs, q.Q, ans.Abstained)
		}
		text := persian.Normalize(ans.Text)
		missing := []string{}
		for _, name := range q.Expected {
			if !strings.Contains(text, persian.Normalize(name)) {
				missing = append(missing, name)
			}
		}
		if len(missing) > 0 {
			t.Logf("%s %q (mode %s): missing %v", q.Kind, q.Q, ans.Mode, missing)
		}
		for _, name := range q.Expected {
			names++
			if strings.Contains(text, persian.Normalize(name)) {
				namesFound++
			}
		}
	}
	citedRate := float64(cited) / float64(answerable)
	abstainRate := float64(abstained) / float64(max(unanswerable, 1))
	nameRate := float64(namesFound) / float64(max(names, 1))
	t.Logf("dev: gold cited %d/%d (%.3f); expected names %d/%d (%.3f); abstained %d/%d unanswerable (%.3f)",
		cited, answerable, citedRate, namesFound, names, nameRate, abstained, unanswerable, abstainRate)
	if citedRate < devFloorCited || abstainRate < devFloorAbstain || nameRate < devFloorNames {
		t.Errorf("below the floor: cited %.3f (floor %.2f), names %.3f (floor %.2f), abstained %.3f (floor %.2f)",
			citedRate, devFloorCited, nameRate, devFloorNames, abstainRate, devFloorAbstain)
	}
}

// Floors for TestDevQuestions: just below the figures measured when they
// were last raised.
const (
	devFloorCited   = 0.95
	devFloorAbstain = 0.75
	devFloorNames   = 0.90
)
