package answer

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
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
	for _, p := range s.carried(q, places, opt.Context) {
		places = append(places, p)
		queryText += " " + p.Name
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

// carried returns the context places a question inherits: all of them when
// it names none; in a follow-up ("و با ترکیه؟", "مسقط چطور؟") those on the
// side, Iranian or foreign, it leaves open. A full question naming a place
// starts afresh.
func (s *Service) carried(q string, found, context []PlaceRef) []PlaceRef {
	if len(found) == 0 || len(context) == 0 {
		return context
	}
	words := persian.Words(persian.Normalize(q))
	if len(words) == 0 || (words[0] != "و" && len(words) > 3) {
		return nil
	}
	gz := places.Default()
	if s.Graph != nil && s.Graph.Places != nil {
		gz = s.Graph.Places
	}
	iranian := func(ref PlaceRef) bool {
		p, ok := gz.Place(ref.Name)
		return ok && p.Iranian()
	}
	hasIran, hasForeign := false, false
	for _, p := range found {
		if iranian(p) {
			hasIran = true
		} else {
			hasForeign = true
		}
	}
	var out []PlaceRef
	for _, p := range context {
		if ir := iranian(p); (ir && !hasIran) || (!ir && !hasForeign) {
			out = append(out, p)
		}
	}
	return out
}

// PlaceFinder returns the Service.Places function over a gazetteer: each
// place a text names once, with every spelling the text used for it.
func PlaceFinder(g *places.Gazetteer) func(text string) []PlaceRef {
	return func(text string) []PlaceRef {
		var refs []PlaceRef
		at := map[string]int{}
		for _, m := range g.Find(text) {
			i, ok := at[m.Place.Name]
			if !ok {
				at[m.Place.Name] = len(refs)
				refs = append(refs, PlaceRef{Name: m.Place.Name})
				i = len(refs) - 1
			}
			if !slices.Contains(refs[i].Spellings, m.Surface) {
				refs[i].Spellings = append(refs[i].Spellings, m.Surface)
			}
		}
		return refs
	}
}
