package answer

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// Extractive answers by quoting the retrieved passages' own sentences: the
// ones that best cover the question's words and places, each followed by the
// marker of the passage it came from. It needs no model, so it is the
// default, and the fallback of the LLM composer. The zero value is ready.
type Extractive struct {
	// MaxSentences bounds the answer; 4 when zero.
	MaxSentences int
	// MaxPassages is how many of the top passages are read; 5 when zero.
	MaxPassages int
}

// Compose implements Composer.
func (x Extractive) Compose(_ context.Context, req Request) (peyvand.Answer, error) {
	ans := peyvand.Answer{Question: req.Question, Mode: peyvand.ModeExtractive}
	if Weak(req) {
		return abstain(req, ans), nil
	}
	picked := x.pick(req)
	if len(picked) == 0 {
		return abstain(req, ans), nil
	}
	// Group by article, newest article first; undated ones after, by rank.
	slices.SortStableFunc(picked, func(a, b scored) int {
		ea, eb := req.Evidence[a.ev], req.Evidence[b.ev]
		if ea.Article.ID != eb.Article.ID {
			da, db := ea.Article.Date, eb.Article.Date
			switch {
			case !da.IsZero() && !db.IsZero() && !da.Equal(db):
				return db.Compare(da)
			case da.IsZero() != db.IsZero():
				if da.IsZero() {
					return 1
				}
				return -1
			}
			return cmp.Compare(a.ev, b.ev)
		}
		return cmp.Or(cmp.Compare(ea.Passage.Start+a.start, eb.Passage.Start+b.start))
	})
	numbers := map[int]int{} // evidence index → citation number
	var lines []string
	for _, s := range picked {
		n, ok := numbers[s.ev]
		if !ok {
			n = len(ans.Citations) + 1
			numbers[s.ev] = n
			ans.Citations = append(ans.Citations, citation(n, req.Evidence[s.ev]))
		}
		lines = append(lines, s.text+" ["+strconv.Itoa(n)+"]")
	}
	ans.Text = strings.Join(lines, "\n")
	return ans, nil
}

// citation makes citation n from a piece of evidence.
func citation(n int, ev Evidence) peyvand.Citation {
	return peyvand.Citation{N: n, ArticleID: ev.Article.ID, PassageID: peyvand.PassageID(ev.Passage.ArticleID, ev.Passage.Index),
		Title: ev.Article.Title, URL: ev.Article.URL, Date: ev.Article.Date, Source: ev.Article.Source, Quote: ev.Passage.Text}
}

// abstain fills ans with the standard abstention and the two nearest
// articles as related reading.
func abstain(req Request, ans peyvand.Answer) peyvand.Answer {
	ans.Abstained = true
	ans.Text = AbstainText(subjectOf(req))
	seen := map[string]bool{}
	for _, ev := range req.Evidence {
		if len(ans.Related) == 2 {
			break
		}
		if seen[ev.Article.ID] {
			continue
		}
		seen[ev.Article.ID] = true
		ans.Related = append(ans.Related, citation(len(ans.Related)+1, ev))
	}
	return ans
}

// scored is a candidate sentence.
type scored struct {
	ev     int // index into Request.Evidence
	start  int // byte offset in the passage
	text   string
	tokens []string
	score  float64
}

// pick chooses the sentences to quote: those sharing the most question
// tokens (rarer-in-evidence tokens weigh more), mentioning the question's
// places, from better-ranked passages; never two near-duplicates.
func (x Extractive) pick(req Request) []scored {
	maxS, maxP := cmp.Or(x.MaxSentences, 4), cmp.Or(x.MaxPassages, 5)
	qTokens := dedupe(persian.Tokens(req.Question))
	if len(qTokens) == 0 {
		return nil
	}
	var placeTokens [][]string
	for _, p := range req.Places {
		if ts := persian.Tokens(p); len(ts) > 0 {
			placeTokens = append(placeTokens, ts)
		}
	}
	var cands []scored
	df := map[string]int{} // in how many candidate sentences a question token occurs
	for i, ev := range req.Evidence[:min(maxP, len(req.Evidence))] {
		for _, sp := range persian.SentenceSpans(ev.Passage.Text) {
			text := strings.TrimSpace(ev.Passage.Text[sp.Start:sp.End])
			toks := dedupe(persian.Tokens(text))
			if len(toks) < 3 {
				continue // a fragment, a dateline or a signature
			}
			cands = append(cands, scored{ev: i, start: sp.Start, text: text, tokens: toks})
			for _, q := range qTokens {
				if slices.Contains(toks, q) {
					df[q]++
				}
			}
		}
	}
	for i := range cands {
		c := &cands[i]
		var s float64
		for _, q := range qTokens {
			if slices.Contains(c.tokens, q) {
				s += 1 / float64(df[q]) // a token every sentence has tells little
			}
		}
		if s == 0 {
			c.score = -1
			continue
		}
		for _, pt := range placeTokens {
			if containsAll(c.tokens, pt) {
				s += 1
			}
		}
		s *= 1 / (1 + 0.15*float64(c.ev)) // trust the ranking a little
		c.score = s
	}
	slices.SortStableFunc(cands, func(a, b scored) int { return cmp.Compare(b.score, a.score) })
	var out []scored
	for _, c := range cands {
		if len(out) == maxS || c.score <= 0 {
			break
		}
		if out != nil && c.score < out[0].score/3 {
			break // much weaker than the best: noise, not support
		}
		if slices.ContainsFunc(out, func(o scored) bool { return similar(o.tokens, c.tokens) }) {
			continue
		}
		out = append(out, c)
	}
	return out
}

func dedupe(ts []string) []string {
	out := ts[:0:0]
	for _, t := range ts {
		if !slices.Contains(out, t) {
			out = append(out, t)
		}
	}
	return out
}

func containsAll(have, want []string) bool {
	for _, w := range want {
		if !slices.Contains(have, w) {
			return false
		}
	}
	return true
}

// similar reports near-duplicate sentences (one outlet's lead repeated by
// another): a token Jaccard of 0.6 or more.
func similar(a, b []string) bool {
	inter := 0
	for _, t := range a {
		if slices.Contains(b, t) {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	return union > 0 && float64(inter)/float64(union) >= 0.6
}
