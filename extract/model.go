package extract

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/prompts"
	openai "github.com/sashabaranov/go-openai"
)

// Model asks a chat model, over the OpenAI chat-completions API, for the
// ties an article states, and keeps only those the rules can check: the
// quoted sentence is in the article, names both places and carries a cue.
// The rules' own facts are always kept, so the model can add what they
// miss but never what the article does not say; when the model fails, the
// rules alone answer. It is safe for concurrent use.
type Model struct {
	Client  *openai.Client
	Model   string
	Rules   *Extractor    // Default() when nil
	Timeout time.Duration // per article; 60s when zero
	Log     *slog.Logger  // slog.Default() when nil
}

// modelTie is one tie as the model writes it.
type modelTie struct {
	Iranian  string `json:"iranian"`
	Foreign  string `json:"foreign"`
	Relation string `json:"relation"`
	Status   string `json:"status"`
	Evidence string `json:"evidence"`
}

// Func returns the model's extraction in the shape the retrieval engine's
// Extract hook takes: the rules' facts and the model's checked ones.
func (m *Model) Func() func(peyvand.Article, []peyvand.Passage) []peyvand.Fact {
	return func(a peyvand.Article, ps []peyvand.Passage) []peyvand.Fact {
		facts, err := m.Extract(context.Background(), a, ps)
		if err != nil {
			m.log().Warn("tie extraction by the model failed; the rules' ties are kept", "article", a.ID, "err", err)
		}
		return facts
	}
}

func (m *Model) log() *slog.Logger {
	if m.Log == nil {
		return slog.Default()
	}
	return m.Log
}

func (m *Model) rules() *Extractor {
	if m.Rules == nil {
		return Default()
	}
	return m.Rules
}

// Extract returns the rules' facts and the model's checked ones, collapsed
// as Extractor.Extract collapses. On an error the rules' facts come back
// with it.
func (m *Model) Extract(ctx context.Context, a peyvand.Article, ps []peyvand.Passage) ([]peyvand.Fact, error) {
	x := m.rules()
	facts := x.Extract(a, ps)
	ties, err := m.ask(ctx, a)
	if err != nil {
		return facts, err
	}
	for _, t := range ties {
		if f, ok := x.check(a, ps, t); ok {
			facts = append(facts, f)
		} else {
			m.log().Debug("a tie the model gave does not check out", "article", a.ID, "iranian", t.Iranian, "foreign", t.Foreign)
		}
	}
	return collapse(facts), nil
}

// ask sends the article and reads the model's ties.
func (m *Model) ask(ctx context.Context, a peyvand.Article) ([]modelTie, error) {
	timeout := m.Timeout
	if timeout <= 0 {
		timeout = 60 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	system, user, err := prompts.Ties(prompts.TiesData{Title: a.Title, Text: a.Text})
	if err != nil {
		return nil, fmt.Errorf("ties prompt: %w", err)
	}
	resp, err := m.Client.CreateChatCompletion(ctx, openai.ChatCompletionRequest{
		Model: m.Model,
		Messages: []openai.ChatCompletionMessage{
			{Role: openai.ChatMessageRoleSystem, Content: system},
			{Role: openai.ChatMessageRoleUser, Content: user},
		},
		Temperature:    math.SmallestNonzeroFloat32, // go-openai omits a plain zero
		ResponseFormat: &openai.ChatCompletionResponseFormat{Type: openai.ChatCompletionResponseFormatTypeJSONObject},
	})
	if err != nil {
		return nil, fmt.Errorf("ask the model for ties: %w", err)
	}
	if len(resp.Choices) == 0 {
		return nil, errors.New("ask the model for ties: no choices in the response")
	}
	return parseTies(resp.Choices[0].Message.Content)
}

// parseTies reads the model's JSON, tolerating a code fence around it.
func parseTies(content string) ([]modelTie, error) {
	s := strings.TrimSpace(content)
	if i, j := strings.Index(s, "{"), strings.LastIndex(s, "}"); i >= 0 && j > i {
		s = s[i : j+1]
	}
	var out struct {
		Ties []modelTie `json:"ties"`
	}
	if err := json.Unmarshal([]byte(s), &out); err != nil {
		return nil, fmt.Errorf("the model's ties are not JSON: %w", err)
	}
	return out.Ties, nil
}

// check turns a model's tie into a fact when the article bears it out: its
// evidence is one sentence of the article (as written, give or take
// spacing and letter forms), that sentence names the Iranian province or
// city and the foreign place the tie gives and carries a relation cue but
// no instruction-like text, and the relation and status are known ones. Anything else, an invented tie or
// one an injected instruction asked for among them, is dropped.
func (x *Extractor) check(a peyvand.Article, ps []peyvand.Passage, t modelTie) (peyvand.Fact, bool) {
	rel, st := peyvand.Relation(t.Relation), peyvand.Status(t.Status)
	if !slices.Contains(peyvand.Relations, rel) || !slices.Contains(peyvand.Statuses, st) {
		return peyvand.Fact{}, false
	}
	sent, pid, ok := findSentence(a, ps, t.Evidence)
	if !ok {
		return peyvand.Fact{}, false
	}
	toks := places.Tokenize(sent, nil)
	hits := x.lex.find(toks, nil)
	cue := slices.ContainsFunc(hits, func(h hit) bool { return h.ns == nsCue && h.label != string(relNone) })
	commands := slices.ContainsFunc(hits, func(h hit) bool { return h.ns == nsInstruction })
	if !cue || commands {
		return peyvand.Fact{}, false
	}
	g := x.places
	ir, ok1 := g.Lookup(t.Iranian)
	fo, ok2 := g.Lookup(t.Foreign)
	if !ok1 || !ok2 || !ir.Iranian() || ir.Name == peyvand.Iran || fo.Iranian() {
		return peyvand.Fact{}, false
	}
	named := g.Match(toks, nil)
	in := func(p peyvand.Place) bool {
		return slices.ContainsFunc(named, func(m places.Match) bool {
			n, _ := g.Namesake(m.Place)
			return m.Place.Name == p.Name || n.Name == p.Name
		})
	}
	if !in(ir) || !in(fo) {
		return peyvand.Fact{}, false
	}
	return peyvand.Fact{ArticleID: a.ID, PassageID: pid, Iranian: ir.Name, Foreign: fo.Name, Relation: rel,
		Date: a.Date, Confidence: ConfModel, Evidence: sent, Status: st}, true
}

// ConfModel is the confidence of a model's tie that checked out.
const ConfModel = 0.8

// findSentence returns the sentence of the article (the headline, or one of
// a passage) that evidence quotes, and its passage id.
func findSentence(a peyvand.Article, ps []peyvand.Passage, evidence string) (sent, pid string, ok bool) {
	want := sentenceKey(evidence)
	if len([]rune(want)) < 12 {
		return "", "", false // too short to stand for a sentence
	}
	if sentenceKey(a.Title) == want {
		id := peyvand.PassageID(a.ID, 0)
		if len(ps) > 0 {
			id = peyvand.PassageID(a.ID, ps[0].Index)
		}
		return strings.TrimSpace(a.Title), id, true
	}
	for _, p := range ps {
		for _, s := range persian.Sentences(p.Text) {
			if sentenceKey(s) == want {
				return s, peyvand.PassageID(a.ID, p.Index), true
			}
		}
	}
	return "", "", false
}

// sentenceKey is a sentence's words, normalised, with the closing mark
// and brackets (which the prompt's quoting changes) left out.
func sentenceKey(s string) string {
	return strings.Join(persian.Words(s), " ")
}
