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
// as Extractor.Extract collapses. An article the rules find is about
// something else is not sent at all. On an error the rules' facts come
// back with it.
func (m *Model) Extract(ctx context.Context, a peyvand.Article, ps []peyvand.Passage) ([]peyvand.Fact, error) {
	x := m.rules()
	doc, ok := x.recognise(a, ps)
	if !ok {
		return nil, nil
	}
	facts := x.statements(a, doc)
	ties, err := m.ask(ctx, a)
	if err != nil {
		return collapse(facts), err
	}
	for _, t := range ties {
		if f, ok := x.check(a, doc, t); ok {
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
// spacing and letter forms) that is on topic and no instruction-like
// text; the sentence carries a cue of the tie's relation; and the places
// the rules take as that cue's sides there (not a venue, an embassy's host
// city, a dateline, a person or a metonym) include the tie's Iranian and
// foreign places. The status is the rules' reading of that cue, not the
// model's. Anything else, an invented tie or one an injected instruction
// asked for among them, is dropped.
func (x *Extractor) check(a peyvand.Article, doc *document, t modelTie) (peyvand.Fact, bool) {
	rel := peyvand.Relation(t.Relation)
	if !slices.Contains(peyvand.Relations, rel) {
		return peyvand.Fact{}, false
	}
	s := evidenceSentence(doc, t.Evidence)
	if s == nil || s.commands || countTopics(s.topics).offTopic() {
		return peyvand.Fact{}, false
	}
	g := x.places
	ir, ok1 := g.Lookup(t.Iranian)
	fo, ok2 := g.Lookup(t.Foreign)
	if !ok1 || !ok2 || !ir.Iranian() || ir.Name == peyvand.Iran || fo.Iranian() {
		return peyvand.Fact{}, false
	}
	// The side as the sentence names it: «یزد» the model gives is «استان
	// یزد» where the rules read the province, so both name one place.
	named := func(ss []side, p peyvand.Place) (string, bool) {
		for _, v := range ss {
			if n, _ := g.Namesake(v.Place); v.Name == p.Name || n.Name == p.Name {
				return v.Name, true
			}
		}
		return "", false
	}
	for _, c := range relations(s) {
		if c.rel != rel {
			continue
		}
		irs, fos := x.sides(s, s.places, []relCue{c}, nil)
		irName, ok1 := named(irs, ir)
		foName, ok2 := named(fos, fo)
		if !ok1 || !ok2 {
			continue
		}
		st, _ := statusOf(s, c.at, c.rel)
		return peyvand.Fact{ArticleID: a.ID, PassageID: s.passage, Iranian: irName, Foreign: foName, Relation: rel,
			Date: a.Date, Confidence: ConfModel, Evidence: s.text, Status: st}, true
	}
	return peyvand.Fact{}, false
}

// ConfModel is the confidence of a model's tie that checked out.
const ConfModel = 0.8

// evidenceSentence returns the sentence of the document (the headline's,
// or one of a passage) that evidence quotes, or nil.
func evidenceSentence(doc *document, evidence string) *sentence {
	want := sentenceKey(evidence)
	if len([]rune(want)) < 12 {
		return nil // too short to stand for a sentence
	}
	for i := range doc.sents {
		if sentenceKey(doc.sents[i].text) == want {
			return &doc.sents[i]
		}
	}
	return nil
}

// sentenceKey is a sentence's words, normalised, with the closing mark
// and brackets (which the prompt's quoting changes) left out.
func sentenceKey(s string) string {
	return strings.Join(persian.Words(s), " ")
}
