package answer

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/ties"
)

// MaxQuestionRunes bounds a question: longer text is a pasted article, not a
// question, and would only dilute retrieval.
const MaxQuestionRunes = 1000

// Service answers questions: it reads what a question asks (package
// question), answers list, pair and briefing questions from the ties graph,
// small talk with examples from the database, and everything else from
// retrieved passages, which a Composer writes the answer from.
type Service struct {
	Engine   *retrieval.Engine
	Composer Composer // Extractive when nil
	// Graph, when set, answers partner lists, pairs and briefings; the
	// questions the graph knows nothing about go to retrieval.
	Graph *ties.Graph
	// Reader reads questions; one over Graph's gazetteer (or the default
	// one) when nil.
	Reader *question.Reader
	K      int // passages retrieved per question; 6 when zero
	Now    func() time.Time

	once   sync.Once
	reader *question.Reader
}

// AskOptions refine one question.
type AskOptions struct {
	K int // passages to retrieve; the service's default when zero
	// Previous is the conversation's last question, which a follow-up
	// («و شیراز چطور؟») builds on; nil for none.
	Previous *question.Question
	// Read, when set, is how the question was already read (Read): the
	// caller looked at it first, to rate-limit only real questions.
	Read   *question.Question
	Stream func(partial string)
}

// gazetteer is the graph's gazetteer, the one the service was given.
func (s *Service) gazetteer() *places.Gazetteer {
	if s.Graph != nil && s.Graph.Places != nil {
		return s.Graph.Places
	}
	return places.Default()
}

func (s *Service) questions() *question.Reader {
	s.once.Do(func() {
		switch {
		case s.Reader != nil:
			s.reader = s.Reader
		case s.Graph != nil && s.Graph.Places != nil && s.Graph.Places != places.Default():
			s.reader = question.New(s.Graph.Places)
		default:
			s.reader = question.Default()
		}
	})
	return s.reader
}

// Ask answers one question, and returns how it was read (for the next
// question's follow-up).
func (s *Service) Ask(ctx context.Context, text string, opt AskOptions) (peyvand.Answer, question.Question, error) {
	text = strings.TrimSpace(text)
	if err := CheckQuestion(text); err != nil {
		return peyvand.Answer{}, question.Question{}, err
	}
	var q question.Question
	if opt.Read != nil {
		q = *opt.Read
	} else {
		q = s.Read(text, opt.Previous)
	}
	ans, err := s.answer(ctx, &q, opt)
	ans = Renumber(ans)
	ans.Question = text
	return ans, q, err
}

// ModelWrites reports whether a chat model writes the answers (and the
// briefs), so that a caller can count them as the costly requests they are.
func (s *Service) ModelWrites() bool {
	_, ok := s.Composer.(*LLM)
	return ok
}

// Read reads a question as Ask would, without answering it.
func (s *Service) Read(text string, prev *question.Question) question.Question {
	q := s.questions().Read(strings.TrimSpace(text), prev)
	if offTopic(q) {
		q.Intent, q.Talk = question.Nonsense, offTopicTalk
	}
	return q
}

// answer routes a read question: small talk and nonsense get a reply of
// their own, lists, pairs and briefings the graph's answer when it has one,
// and the rest an answer from passages.
func (s *Service) answer(ctx context.Context, qp *question.Question, opt AskOptions) (peyvand.Answer, error) {
	q := *qp
	switch q.Intent {
	case question.SmallTalk:
		return s.smallTalk(q), nil
	case question.Nonsense:
		return s.nonsense(q), nil
	case question.Partners:
		if ans, ok, err := s.partnersOf(qp); ok || err != nil {
			return ans, err
		}
		// The graph knows no partner: a sentence may, if it speaks of
		// ties (not the air of Arak on a day of dust from Iraq).
		q.Ties = true
	case question.Fact:
		if q.YesNo && len(q.Iranian)+len(q.Foreign) == 1 && len(q.Relations) > 0 && q.Within == nil {
			// "Has Hamadan got a sister city yet?" is answered by its
			// partners of that kind, each with its status (proposed is
			// not yet).
			if ans, ok, err := s.partnersOf(qp); ok || err != nil {
				if err == nil {
					err = s.addSentences(ctx, q, opt, &ans, 1, func(*Request) {}) // and the sentence that says so
				}
				return ans, err
			}
		}
	case question.Pair, question.Brief:
		if ans, ok, err := s.briefOf(q); ok || err != nil {
			// A pair, or a brief asked of two places («روابط هرمزگان و مسندم به
			// کجا رسیده؟»), gets the sentences that tell what they agreed.
			// So does a briefing on one kind of tie: its figures.
			if err == nil && (q.Intent == question.Pair || len(q.Iranian) > 0 && len(q.Foreign) > 0 || len(q.Relations) > 0) {
				err = s.addDetails(ctx, q, opt, &ans)
			}
			return ans, err
		}
		if q.Intent == question.Pair && s.Graph != nil && len(q.Iranian) > 0 && len(q.Foreign) > 0 {
			// A tie is a statement: what two places have between them is
			// what the graph read from the reports. When it read nothing,
			// a sentence naming both is a match report, a list of a third
			// place's partners or a quake felt in both, not an answer.
			req, err := s.request(ctx, q, opt)
			if err != nil {
				return peyvand.Answer{}, err
			}
			return abstain(req, peyvand.Answer{Mode: peyvand.ModeGraph}), nil
		}
	}
	return s.fromPassages(ctx, q, opt)
}

// addDetails adds to a pair's events the sentences of the reports that
// best tell what the two places agreed or did (the figures, the fields,
// the size of a delegation), which an event's one sentence may not hold.
func (s *Service) addDetails(ctx context.Context, q question.Question, opt AskOptions, ans *peyvand.Answer) error {
	return s.addSentences(ctx, q, opt, ans, maxDetails, func(req *Request) {
		// The figures first: «۲۸۰ میلیون دلار کالا … به عراق صادر شد».
		req.Want, req.Wants, req.Fields = question.WantNumber, nil, true
	})
}

// addSentences adds to a graph's answer at most n sentences of the reports
// that answer q, read as set asks, each cited.
func (s *Service) addSentences(ctx context.Context, q question.Question, opt AskOptions, ans *peyvand.Answer, n int, set func(*Request)) error {
	req, err := s.request(ctx, q, opt)
	if err != nil || Weak(req) {
		return err
	}
	set(&req)
	picked := Extractive{MaxSentences: 2 * n}.pick(req) // some will not do
	byArticle := map[string]int{}
	next := 1
	for _, c := range ans.Citations {
		byArticle[c.ArticleID] = c.N
		next = max(next, c.N+1)
	}
	var lines []string
	for _, c := range picked {
		if len(lines) == n {
			break
		}
		ev := req.Evidence[c.ev]
		_, cited := byArticle[ev.Article.ID]
		// A report the answer already cites for the pair is about it: its
		// figure need not name both places again, one is enough, and its
		// fields or the terms of «این توافق» none; either speaks of trade
		// («۱۲ معبر» flooded is no detail of an exhibition).
		detail := cited && c.typed && (len(c.places) > 0 || c.fields || refersToTie(c.text)) && economic(c.text)
		if !targeted(req, &c) && !detail || strings.Contains(ans.Text, strings.TrimRight(c.text, ".۔ ")) {
			continue
		}
		m, ok := byArticle[ev.Article.ID]
		if !ok {
			m = next
			next++
			byArticle[ev.Article.ID] = m
			ans.Citations = append(ans.Citations, citation(m, ev))
		}
		lines = append(lines, c.text+" ["+strconv.Itoa(m)+"]")
	}
	if len(lines) > 0 {
		ans.Text += "\n\n" + pick(q.English, "از متن خبرها:", "From the reports (quoted in Persian):") + "\n" + strings.Join(lines, "\n")
	}
	return nil
}

// maxDetails is how many of the reports' sentences a pair's answer adds.
const maxDetails = 3

// economic reports whether a sentence speaks of trade or ties: an
// economic word of extract's topics, and more of them than of sport,
// religion or disaster.
func economic(sentence string) bool {
	r := sentenceRelevance(sentence)
	return r.Econ > 0 && r.Econ > r.Off
}

// sentenceRelevance is extract's relevance of one sentence read alone.
func sentenceRelevance(sentence string) extract.Relevance {
	return extract.Default().Relevance(peyvand.Article{Text: sentence}, []peyvand.Passage{{Text: sentence}})
}

// fromPassages retrieves passages for a question and has the composer
// answer from them.
func (s *Service) fromPassages(ctx context.Context, q question.Question, opt AskOptions) (peyvand.Answer, error) {
	req, err := s.request(ctx, q, opt)
	if err != nil {
		return peyvand.Answer{}, err
	}
	c := s.Composer
	if c == nil {
		c = Extractive{}
	}
	return c.Compose(ctx, req)
}

// request retrieves the passages for a question: its words (an English
// question's Persian ones) and its places, with every spelling it used.
func (s *Service) request(ctx context.Context, q question.Question, opt AskOptions) (Request, error) {
	refs := q.Places()
	if q.Within != nil {
		refs = append(refs, question.Ref{Place: *q.Within})
	}
	queryText := q.Persian() // an English question's, or a Persian one's English words, in Persian
	if !q.English {
		// A follow-up's places are the last question's; a place written
		// otherwise than the news write it («قازانه»، «اصفان») is searched
		// by its name too.
		written := " " + strings.Join(persian.Words(queryText), " ") + " "
		for _, r := range refs {
			if q.FollowUp || !strings.Contains(written, " "+strings.Join(persian.Words(r.Place.Name), " ")+" ") {
				queryText += " " + r.Place.Name
			}
		}
	}
	if q.FollowUp && q.Intent == question.Fact {
		// What the last question asked, of the new place: its words not
		// already written.
		have := persian.Words(queryText)
		for _, w := range q.Words {
			if !slices.Contains(have, w) {
				queryText += " " + w
			}
		}
	}
	rq := retrieval.Query{Text: queryText, K: cmp.Or(opt.K, s.K, 6)}
	names := make([]string, 0, len(refs))
	for _, r := range refs {
		names = append(names, r.Place.Name)
		// The user's spellings and the gazetteer's: a report may write
		// «تاشکنت» where the user wrote «تاشکند» or "Tashkent".
		spellings := s.gazetteer().Spellings(r.Place)
		if len(spellings) == 0 {
			spellings = []string{r.Place.Name}
		}
		for _, sp := range r.Spellings {
			if !isLatin(sp) && !slices.Contains(spellings, sp) {
				spellings = append(spellings, sp)
			}
		}
		rq.Places = append(rq.Places, spellings)
	}
	results, err := s.Engine.Search(ctx, rq)
	if err != nil {
		return Request{}, err
	}
	req := Request{Gazetteer: s.gazetteer(), Question: q.Text, Places: names, Stream: opt.Stream, Want: q.Want, Wants: q.Wants, Rank: q.Rank, Relations: q.Relations, Pair: q.Intent == question.Pair, Between: q.YesNo && len(q.Iranian) > 0 && len(q.Foreign) > 0, Counted: q.Counted(), Ties: q.Ties, Unread: q.Unread && q.Intent == question.Fact, English: q.English, Words: q.Words, Search: queryText}
	for _, r := range results {
		req.Evidence = append(req.Evidence, Evidence{Article: r.Article, Passage: r.Passage,
			Score: r.Score, Coverage: r.Coverage, PlacesMatched: r.PlacesMatched})
	}
	if q.Want == question.WantPerson {
		s.readReports(req.Evidence[:min(3, len(req.Evidence))])
	}
	return req, nil
}

// readReports fills in the text of the evidence's articles: a person is
// named once in a report, often in another passage than the one that
// answers. A report that cannot be read is left as it was (the answer then
// quotes without the name).
func (s *Service) readReports(evs []Evidence) {
	texts := map[string]string{}
	for i := range evs {
		id := evs[i].Article.ID
		t, ok := texts[id]
		if !ok {
			if a, err := s.Engine.Store().Article(id); err == nil {
				t = a.Text
			}
			texts[id] = t
		}
		evs[i].Article.Text = t
	}
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 0x80 {
			return false
		}
	}
	return true
}

// CheckQuestion returns an EInvalid error with a Persian explanation when a
// question is empty, has no words, or is too long.
func CheckQuestion(q string) error {
	switch {
	case q == "":
		return peyvand.Errorf(peyvand.EInvalid, "پرسش خالی است؛ مثلاً بپرسید: «کدام شهرها با اصفهان خواهرخوانده هستند؟»")
	case utf8.RuneCountInString(q) > MaxQuestionRunes:
		return peyvand.Errorf(peyvand.EInvalid, "پرسش بیش از اندازه بلند است (بیش از %s نویسه)؛ آن را کوتاه‌تر بنویسید.", persian.Digits("1000"))
	case len(persian.Words(q)) == 0 && !strings.ContainsFunc(q, func(r rune) bool { return unicode.Is(unicode.So, r) }):
		// Emoji alone («👍🙏») are read: thanks, a greeting or a hint.
		return peyvand.Errorf(peyvand.EInvalid, "در پرسش واژه‌ای نیافتم؛ پرسش را با واژه بنویسید.")
	}
	return nil
}
