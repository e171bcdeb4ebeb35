package answer

import (
	"context"
	"errors"
	"slices"
	"strings"

	openai "github.com/sashabaranov/go-openai"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/prompts"
	"github.com/peyvand/peyvand/ties"
)

// Brief has the model write a briefing from the graph's events, each
// article's evidence sentences as its numbered passage, and checks every
// line against the passage it cites, like an answer. When the model fails
// or its text does not check out, listed (the graph's own briefing) is
// returned with the reason.
func (l *LLM) Brief(ctx context.Context, b ties.Briefing, listed peyvand.Answer) (peyvand.Answer, error) {
	evidence, data := briefEvidence(b)
	if l.Now != nil {
		data.Today = l.Now()
	}
	fallback := func(reason string, cause error) (peyvand.Answer, error) {
		if cause != nil {
			reason += ": " + cause.Error()
		}
		listed.FallbackReason = l.redactString(reason)
		return listed, nil
	}
	system, user, err := prompts.Brief(data)
	if err != nil {
		return fallback(ReasonPrompt, err)
	}
	msgs := []openai.ChatCompletionMessage{
		{Role: openai.ChatMessageRoleSystem, Content: system},
		{Role: openai.ChatMessageRoleUser, Content: user},
	}
	mctx, cancel := context.WithTimeout(ctx, l.cfg.Timeout)
	defer cancel()
	text, err := l.chat(mctx, msgs, nil)
	if err != nil {
		if errors.Is(ctx.Err(), context.Canceled) {
			return peyvand.Answer{}, ctx.Err()
		}
		return fallback(reasonOf(err), err)
	}
	v := Verify(l.gazetteer(), text, evidence)
	if !v.Usable() || v.Abstains {
		return fallback(ReasonUnverified+": "+v.Failure(), nil)
	}
	ans := peyvand.Answer{Question: listed.Question, Text: v.Text, Mode: peyvand.ModeLLM}
	for k, i := range v.Sources {
		c := b.Citations[i]
		c.N = k + 1
		ans.Citations = append(ans.Citations, c)
	}
	return ans, nil
}

// briefEvidence turns a briefing into the model's numbered passages (one per
// cited article: the sentences the ties were read from) and its fact list.
func briefEvidence(b ties.Briefing) ([]Evidence, prompts.BriefData) {
	sentences := make([][]string, len(b.Citations))
	data := prompts.BriefData{Place: b.Resolved.Name}
	for _, g := range b.Groups {
		for _, e := range g.Events {
			i := e.Citation.N - 1
			if !slices.Contains(sentences[i], e.Evidence) {
				sentences[i] = append(sentences[i], e.Evidence)
			}
			for _, r := range e.Relations {
				data.Facts = append(data.Facts, prompts.BriefFact{Country: g.Name, Partner: e.Foreign.Name,
					Relation: r, Date: e.Date, N: e.Citation.N})
			}
		}
	}
	evidence := make([]Evidence, len(b.Citations))
	for i, c := range b.Citations {
		text := strings.Join(sentences[i], "\n")
		evidence[i] = Evidence{
			Article: peyvand.Article{ID: c.ArticleID, URL: c.URL, Title: c.Title, Date: c.Date, Source: c.Source},
			Passage: peyvand.Passage{ArticleID: c.ArticleID, Text: text, End: len(text)},
			Score:   1, Coverage: 1,
		}
		data.Passages = append(data.Passages, prompts.Passage{N: c.N, Title: c.Title, Date: c.Date, Source: c.Source, Text: text})
	}
	return evidence, data
}
