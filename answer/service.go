package answer

import (
	"cmp"
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/ties"
)

// MaxQuestionRunes bounds a question: longer text is a pasted article, not a
// question, and would only dilute retrieval.
const MaxQuestionRunes = 1000

// Service answers questions: it recognises the places a question names,
// retrieves passages, and has a Composer write the answer.
type Service struct {
	Engine   *retrieval.Engine
	Composer Composer // Extractive when nil
	// Places finds the places a text names, as canonical names with their
	// spellings; nil recognises none.
	Places func(text string) []PlaceRef
	// Graph, when set, answers list and summary questions ("کدام شهرها با
	// اصفهان …", "خلاصه همکاری‌های …") from the ties graph; other questions,
	// and those the graph knows nothing about, go to retrieval.
	Graph *ties.Graph
	K     int // passages retrieved per question; 6 when zero
	Now   func() time.Time
}

// PlaceRef is a recognised place: its canonical name and every spelling a
// passage may use for it.
type PlaceRef struct {
	Name      string
	Spellings []string
}

// AskOptions refine one question.
type AskOptions struct {
	K int // passages to retrieve; the service's default when zero
	// Context are places carried over from the conversation, used when the
	// question names none ("و با ترکیه؟" after a question about Tabriz).
	Context []PlaceRef
	Stream  func(partial string)
}

// Ask answers one question.
func (s *Service) Ask(ctx context.Context, question string, opt AskOptions) (peyvand.Answer, []PlaceRef, error) {
	q := strings.TrimSpace(question)
	if err := CheckQuestion(q); err != nil {
		return peyvand.Answer{}, nil, err
	}
	var places []PlaceRef
	if s.Places != nil {
		places = s.Places(q)
	}
	queryText := q
	if len(places) == 0 && len(opt.Context) > 0 {
		places = opt.Context
		for _, p := range places {
			queryText += " " + p.Name
		}
	}
	if ans, ok, err := s.fromGraph(q, places); ok || err != nil {
		return ans, places, err
	}
	rq := retrieval.Query{Text: queryText, K: cmp.Or(opt.K, s.K, 6)}
	names := make([]string, len(places))
	for i, p := range places {
		names[i] = p.Name
		if p.Name != peyvand.Iran { // every report names Iran: no signal
			rq.Places = append(rq.Places, append([]string{p.Name}, p.Spellings...))
		}
	}
	results, err := s.Engine.Search(ctx, rq)
	if err != nil {
		return peyvand.Answer{}, places, err
	}
	req := Request{Question: q, Places: names, Stream: opt.Stream}
	for _, r := range results {
		req.Evidence = append(req.Evidence, Evidence{Article: r.Article, Passage: r.Passage,
			Score: r.Score, Coverage: r.Coverage, PlacesMatched: r.PlacesMatched})
	}
	c := s.Composer
	if c == nil {
		c = Extractive{}
	}
	ans, err := c.Compose(ctx, req)
	return ans, places, err
}

// CheckQuestion returns an EInvalid error with a Persian explanation when a
// question is empty, has no words, or is too long.
func CheckQuestion(q string) error {
	switch {
	case q == "":
		return peyvand.Errorf(peyvand.EInvalid, "پرسش خالی است؛ مثلاً بپرسید: «کدام شهرها با اصفهان خواهرخوانده هستند؟»")
	case utf8.RuneCountInString(q) > MaxQuestionRunes:
		return peyvand.Errorf(peyvand.EInvalid, "پرسش بیش از اندازه بلند است (بیش از %s نویسه)؛ آن را کوتاه‌تر بنویسید.", persian.Digits("1000"))
	case len(persian.Words(q)) == 0:
		return peyvand.Errorf(peyvand.EInvalid, "در پرسش واژه‌ای نیافتم؛ پرسش را با واژه بنویسید.")
	}
	return nil
}
