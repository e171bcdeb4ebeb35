// Package answer composes cited Persian answers from retrieved passages.
//
// A Composer turns a Request (the question and its evidence, best first) into
// a peyvand.Answer whose every sentence carries a [n] marker naming one of
// its Citations. Two composers exist: Extractive, which quotes the passages'
// own sentences and needs nothing but the CPU, and LLM, which has an
// OpenAI-compatible chat model write the answer and then checks each sentence
// against the passage it cites, falling back to Extractive.
package answer

import (
	"context"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
)

// Evidence is one retrieved passage with the article it belongs to.
type Evidence struct {
	Article peyvand.Article // Text may be empty: only the metadata is needed
	Passage peyvand.Passage
	Score   float64 // fused retrieval score; higher is better
	// Coverage is the share of the question's token weight the passage
	// contains (0..1), and PlacesMatched the number of the question's places
	// it mentions: the signals abstention is decided on.
	Coverage      float64
	PlacesMatched int
}

// Request is what a composer needs to answer one question.
type Request struct {
	Question string
	// Gazetteer is the service's gazetteer: the composers read and check
	// places with it. places.Default() when nil.
	Gazetteer *places.Gazetteer
	// Places are the canonical names of the places the question names
	// (after follow-up carry-over), used for coverage and abstention.
	Places []string
	// Evidence is the retrieved passages, best first.
	Evidence []Evidence
	// Stream, when set, receives the answer text written so far as a model
	// streams it; a composer that cannot stream never calls it.
	Stream func(partial string)
	// Want is the type of answer the question expects (a number for
	// «چند», a date for «کی»), WantNone when it says none.
	Want question.Want
	// Wants are every answer type asked, Want first.
	Wants []question.Want
	// Rank is set when the number asked is a rank («چندمین»): only then
	// does an ordinal («نهمین») answer a number question.
	Rank bool
	// Relations are the kinds of tie the question asks about: the
	// answering passage must speak of one.
	Relations []peyvand.Relation
	// Pair is set when the question asks what two places have between
	// them: the answering sentence must name both (a tie is a statement,
	// not two names in one passage).
	Pair bool
	// Between is set for a yes/no question of a tie between two places
	// («رشت با بلاروس تفاهم‌نامه داره؟»): as for a pair, one sentence must
	// name both.
	Between bool
	// Counted is the noun a number question counts («نفر» in «چند نفر»,
	// question.Question.Counted): a figure of it answers.
	Counted string
	// Unread is set when none of an English question's content words could
	// be read in Persian: only a report about trade or ties may answer it.
	Unread bool
	// Ties is set when the question speaks of ties in general: the
	// answering passage must be about trade or ties (an earthquake felt in
	// Khoy and Van is no answer to «آیا خوی با وان همکاری دارد؟»).
	Ties bool
	// Fields is set when the fields a tie covers are wanted besides what
	// the question asks (a pair's details): the sentence that lists them
	// («این تفاهمنامه حوزه‌های … را در بر می‌گیرد») is picked too.
	Fields bool
	// English is true for a question written in English: the answer's own
	// words are English, the quoted evidence stays Persian.
	English bool
	// Words are the question's content words (package question): what an
	// answering sentence must be about.
	Words []string
	// Search is the text that was searched: the question, or for an
	// English one its Persian words. Sentences are scored against it.
	Search string
}

// Composer writes an answer from evidence.
type Composer interface {
	Compose(ctx context.Context, req Request) (peyvand.Answer, error)
}

// gazetteer is the request's gazetteer, or the default one.
func (r Request) gazetteer() *places.Gazetteer {
	if r.Gazetteer != nil {
		return r.Gazetteer
	}
	return places.Default()
}
