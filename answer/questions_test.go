package answer_test

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand/internal/enginetest"
	"github.com/peyvand/peyvand/places"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/internal/tielabels"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/ties"
)

// setQuestion is one line of testdata/questions/questions.jsonl.
type setQuestion struct {
	ID       string   `json:"id"`
	Q        string   `json:"q"`
	Lang     string   `json:"lang"`
	Style    string   `json:"style"`
	Intent   string   `json:"intent"`
	GoldIDs  []string `json:"gold_ids"`
	Expected []string `json:"expected"`
	After    string   `json:"after"`
}

// corpusEngine ingests the dev items, the extra labelled items and any
// further .jsonl files into a temp database, as `ingest` would.
func corpusEngine(tb testing.TB, more ...string) *retrieval.Engine {
	tb.Helper()
	return engineOf(tb, append([]string{filepath.Join(devDir, "items.jsonl"), filepath.Join("..", "testdata", "ties", "extra_items.jsonl")}, more...)...)
}

// engineOf ingests .jsonl files into a temp database with tie extraction.
func engineOf(tb testing.TB, files ...string) *retrieval.Engine {
	tb.Helper()
	return enginetest.Files(tb, files...)
}

// qScore counts one third of the set.
type qScore struct {
	intents, intentsRight       int
	answerable, cited           int
	names, namesFound           int
	unanswerable, abstained     int
	english, englishCited       int
	talk, talkRight             int
	followUps, followUpsRight   int
	byIntentNames, byIntentHave map[string]int
}

func (s *qScore) rate(a, b int) float64 { return float64(a) / float64(max(b, 1)) }

// matchForm compares expected names the way a reader would: letters
// normalised, half-spaces, spaces and tatweel ignored.
func matchForm(s string) string {
	return strings.NewReplacer(" ", "", "\u200c", "", "ـ", "").Replace(persian.Normalize(s))
}

// askSet asks every question of the set in order, each follow-up after
// the answer to the question it follows.
func askSet(t *testing.T, svc *answer.Service, qs []setQuestion) (tune, held qScore) {
	return askSetLogging(t, svc, qs, true)
}

// checkOnly are the sets never tuned on: their failures are not printed,
// so that no one tunes on them by reading the log.
var checkOnly = map[string]bool{"fifth_questions.jsonl": true, "ninth_questions.jsonl": true}

// checkFloor is the intents floor of a blind set, just below its first run.
var checkFloor = map[string]float64{"fifth_questions.jsonl": 0.88, "seventh_questions.jsonl": 0.70, "eighth_questions.jsonl": 0.86, "ninth_questions.jsonl": 0.88, "tenth_questions.jsonl": 0.88, "eleventh_questions.jsonl": 0.86, "twelfth_questions.jsonl": 0.86, "thirteenth_questions.jsonl": 0.84}

// askSetLogging is askSet; with logging off, no failure is printed.
func askSetLogging(t *testing.T, svc *answer.Service, qs []setQuestion, logging bool) (tune, held qScore) {
	t.Helper()
	read := map[string]question.Question{}
	for _, s := range []*qScore{&tune, &held} {
		s.byIntentNames, s.byIntentHave = map[string]int{}, map[string]int{}
	}
	for _, q := range qs {
		s := &tune
		if tielabels.HeldOut(q.ID) {
			s = &held
		}
		var prev *question.Question
		if p, ok := read[q.After]; ok && q.After != "" {
			prev = &p
		}
		ans, got, err := svc.Ask(context.Background(), q.Q, answer.AskOptions{Previous: prev})
		if err != nil && peyvand.ErrorCode(err) != peyvand.EInvalid {
			t.Fatalf("%s %q: %v", q.ID, q.Q, err)
		}
		read[q.ID] = got
		logf := func(format string, args ...any) {
			if logging && !tielabels.HeldOut(q.ID) {
				t.Logf(q.ID+" "+format, args...)
			}
		}
		if q.After != "" {
			s.followUps++
		}
		switch q.Intent {
		case "smalltalk", "nonsense":
			s.talk++
			// A message with no word at all is refused (EInvalid): right for
			// nonsense only.
			ok := err != nil && q.Intent == "nonsense" || err == nil && ans.Mode == answer.ModeChat && len(ans.Citations) == 0
			if ok {
				s.talkRight++
				if q.After != "" {
					s.followUpsRight++
				}
			} else {
				logf("%q: small talk answered as %s: %.80s", q.Q, ans.Mode, ans.Text)
			}
			continue
		case "unanswerable":
			s.unanswerable++
			if ans.Abstained {
				s.abstained++
				if q.After != "" {
					s.followUpsRight++ // a follow-up nothing answers, abstained
				}
			} else {
				logf("%q: answered an unanswerable question (%s): %.100s", q.Q, ans.Mode, ans.Text)
			}
			continue
		}
		s.intents++
		if string(got.Intent) == q.Intent {
			s.intentsRight++
		} else {
			logf("%q: intent %s; want %s", q.Q, got.Intent, q.Intent)
		}
		s.answerable++
		cited := slices.ContainsFunc(ans.Citations, func(c peyvand.Citation) bool { return slices.Contains(q.GoldIDs, c.ArticleID) })
		if cited {
			s.cited++
		}
		if q.Lang == "en" {
			s.english++
			if cited {
				s.englishCited++
			}
		}
		text := matchForm(ans.Text)
		named := placesNamed(ans.Text)
		var missing []string
		for _, e := range q.Expected {
			s.names++
			s.byIntentNames[q.Intent]++
			if strings.Contains(text, matchForm(e)) || samePlace(e, named) {
				s.namesFound++
				s.byIntentHave[q.Intent]++
			} else {
				missing = append(missing, e)
			}
		}
		if q.After != "" && len(missing) == 0 && string(got.Intent) == q.Intent {
			s.followUpsRight++
		}
		if len(missing) > 0 || !cited {
			logf("%q (%s, %s, abstained %v): missing %v, gold cited %v: %.120s", q.Q, got.Intent, ans.Mode, ans.Abstained, missing, cited, ans.Text)
		}
	}
	return tune, held
}

func logScores(t *testing.T, label string, s qScore) {
	t.Helper()
	t.Logf("%s: intents %.3f (%d/%d); expected names %.3f (%d/%d: partners %.3f, facts %.3f, pairs %.3f, briefs %.3f); gold cited %.3f; "+
		"unanswerable abstained %.3f (%d/%d); English with a gold citation %.3f (%d/%d); small talk and nonsense %.3f (%d/%d); follow-ups right %.3f (%d/%d)",
		label, s.rate(s.intentsRight, s.intents), s.intentsRight, s.intents, s.rate(s.namesFound, s.names), s.namesFound, s.names,
		s.rate(s.byIntentHave["partners"], s.byIntentNames["partners"]), s.rate(s.byIntentHave["fact"], s.byIntentNames["fact"]),
		s.rate(s.byIntentHave["pair"], s.byIntentNames["pair"]), s.rate(s.byIntentHave["brief"], s.byIntentNames["brief"]),
		s.rate(s.cited, s.answerable), s.rate(s.abstained, s.unanswerable), s.abstained, s.unanswerable,
		s.rate(s.englishCited, s.english), s.englishCited, s.english, s.rate(s.talkRight, s.talk), s.talkRight, s.talk,
		s.rate(s.followUpsRight, s.followUps), s.followUpsRight, s.followUps)
}

// placesNamed is the canonical names of the places a text names, by any
// of their spellings.
func placesNamed(text string) map[string]bool {
	out := map[string]bool{}
	for _, m := range places.Default().Find(text) {
		out[m.Place.Name] = true
	}
	return out
}

// samePlace reports an expected name that is a place the answer names
// under another spelling: «تاشکنت» is the gazetteer's «تاشکند», «قازان»
// its «کازان». Transliterations vary; the place is what is expected.
func samePlace(expected string, named map[string]bool) bool {
	p, ok := places.Default().Lookup(expected)
	return ok && named[p.Name]
}

func loadQuestions(t *testing.T) []setQuestion {
	return readJSONL[setQuestion](t, filepath.Join("..", "testdata", "questions", "questions.jsonl"))
}

// TestQuestionSet measures the offline answerer on the labelled question
// set (testdata/questions) over the dev and extra items: intents, expected
// names and facts in the answer text, gold citations, abstention, English,
// small talk and follow-ups, on the tuned-on two thirds and the held-out
// third. The floors sit just below the figures reached.
func TestQuestionSet(t *testing.T) {
	e := corpusEngine(t)
	svc := &answer.Service{Engine: e, Graph: ties.New(e.Store())}
	tune, held := askSet(t, svc, loadQuestions(t))
	logScores(t, "tuned-on", tune)
	logScores(t, "held-out", held)
	for _, c := range []struct {
		name       string
		got, floor float64
	}{
		{"tuned-on intents", tune.rate(tune.intentsRight, tune.intents), floorIntents},
		{"tuned-on names", tune.rate(tune.namesFound, tune.names), floorNames},
		{"tuned-on abstained", tune.rate(tune.abstained, tune.unanswerable), floorAbstain},
		{"tuned-on English", tune.rate(tune.englishCited, tune.english), floorEnglish},
		{"held-out names", held.rate(held.namesFound, held.names), floorHeldNames},
		{"tuned-on small talk", tune.rate(tune.talkRight, tune.talk), floorTalk},
		{"tuned-on follow-ups", tune.rate(tune.followUpsRight, tune.followUps), floorFollowUps},
	} {
		if c.got < c.floor {
			t.Errorf("%s %.3f below the floor %.2f", c.name, c.got, c.floor)
		}
	}
}

// Floors of TestQuestionSet: just below the figures reached (the
// held-out one guards only; nothing was tuned on it).
const (
	floorIntents   = 0.97
	floorNames     = 0.84
	floorAbstain   = 0.90
	floorEnglish   = 0.90
	floorHeldNames = 0.85
	floorTalk      = 0.95
	floorFollowUps = 0.75
)

// TestMoreQuestions asks the second, independently written set
// (more_questions.jsonl; tuned on, both thirds) and prints its figures.
func TestMoreQuestions(t *testing.T) {
	e := corpusEngine(t)
	svc := &answer.Service{Engine: e, Graph: ties.New(e.Store())}
	for _, f := range []string{"more_questions.jsonl", "third_questions.jsonl", "fourth_questions.jsonl", "fifth_questions.jsonl", "sixth_questions.jsonl", "seventh_questions.jsonl", "eighth_questions.jsonl", "ninth_questions.jsonl", "tenth_questions.jsonl", "eleventh_questions.jsonl", "twelfth_questions.jsonl", "thirteenth_questions.jsonl"} {
		t.Run(f, func(t *testing.T) { askFile(t, svc, f) })
	}
}

func askFile(t *testing.T, svc *answer.Service, name string) {
	qs := readJSONL[setQuestion](t, filepath.Join("..", "testdata", "questions", name))
	a, b := askSetLogging(t, svc, qs, !checkOnly[name])
	logScores(t, name+" (its two thirds)", a)
	logScores(t, name+" (its held-out third)", b)
	all := a
	all.intents += b.intents
	all.intentsRight += b.intentsRight
	all.answerable += b.answerable
	all.cited += b.cited
	all.names += b.names
	all.namesFound += b.namesFound
	all.unanswerable += b.unanswerable
	all.abstained += b.abstained
	all.english += b.english
	all.englishCited += b.englishCited
	all.talk += b.talk
	all.talkRight += b.talkRight
	all.followUps += b.followUps
	all.followUpsRight += b.followUpsRight
	for k, v := range b.byIntentNames {
		all.byIntentNames[k] += v
	}
	for k, v := range b.byIntentHave {
		all.byIntentHave[k] += v
	}
	logScores(t, name, all)
	// A guard against regressions, not a target: a blind set's floor sits
	// below its first run (the sixth's was 0.896, the seventh's 0.727, the
	// eighth's 0.885).
	floor := 0.90
	if f, ok := checkFloor[name]; ok {
		floor = f
	}
	if got := all.rate(all.intentsRight, all.intents); got < floor {
		t.Errorf("%s: intents %.3f below %.2f", name, got, floor)
	}
}
