package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/source"
	"github.com/peyvand/peyvand/store"
)

// writeJSON prints v as one line of JSON, with Persian and HTML characters
// left as they are.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}

func isoDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// analyzeJSON is the contract of `peyvand analyze --json`.
type analyzeJSON struct {
	Text       string   `json:"text"`
	Display    string   `json:"display"`
	Normalized string   `json:"normalized"`
	Tokens     []string `json:"tokens"`
	Sentences  []string `json:"sentences"`
}

func (m *Main) analyze() error {
	t := m.text()
	out := analyzeJSON{Text: t, Display: persian.Display(t), Normalized: persian.Normalize(t),
		Tokens: nonNil(persian.Tokens(t)), Sentences: nonNil(persian.Sentences(t))}
	if m.json {
		return writeJSON(m.Stdout, out)
	}
	fmt.Fprintf(m.Stdout, "display:    %s\nnormalized: %s\ntokens:     %s\n", out.Display, out.Normalized, strings.Join(out.Tokens, " | "))
	for i, s := range out.Sentences {
		fmt.Fprintf(m.Stdout, "sentence %d: %s\n", i+1, s)
	}
	return nil
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// ingestJSON is the contract of `peyvand ingest --json`.
type ingestJSON struct {
	Added     int              `json:"added"`
	Updated   int              `json:"updated"`
	Unchanged int              `json:"unchanged"`
	Failed    []source.Failure `json:"failed"`
}

func (m *Main) ingest(ctx context.Context) error {
	if m.pageURL != "" || m.feedURL != "" {
		return m.ingestOnline(ctx)
	}
	arts, fails := source.Read(m.args)
	return m.reportIngest(ctx, arts, fails)
}

// reportIngest ingests articles and prints the summary, failures included.
func (m *Main) reportIngest(ctx context.Context, arts []peyvand.Article, fails []source.Failure) error {
	progress := m.progress("ingest", len(arts))
	outcomes, err := m.engine.Ingest(ctx, arts, progress)
	return m.summarizeIngest(outcomes, fails, err)
}

// summarizeIngest prints what an ingest stored and what failed.
func (m *Main) summarizeIngest(outcomes []retrieval.Ingested, fails []source.Failure, err error) error {
	sum := ingestJSON{Failed: nonNil(fails)}
	for _, o := range outcomes {
		switch o.Result {
		case store.Added:
			sum.Added++
		case store.Updated:
			sum.Updated++
		case store.Unchanged:
			sum.Unchanged++
		}
	}
	if m.json {
		if werr := writeJSON(m.Stdout, sum); werr != nil && err == nil {
			err = werr
		}
	} else {
		fmt.Fprintf(m.Stdout, "added %d, updated %d, unchanged %d, failed %d\n", sum.Added, sum.Updated, sum.Unchanged, len(sum.Failed))
		for _, f := range sum.Failed {
			if f.Line > 0 {
				fmt.Fprintf(m.Stdout, "  %s:%d: %s\n", f.Path, f.Line, f.Error)
			} else {
				fmt.Fprintf(m.Stdout, "  %s: %s\n", f.Path, f.Error)
			}
		}
	}
	if err == nil && len(sum.Failed) > 0 && !m.keepGoing {
		// Everything readable is stored; the exit status tells a script
		// that something was not.
		return peyvand.Errorf(peyvand.EInvalid, "%s ورودی خوانده نشد (فهرست بالا). بقیه ذخیره شد؛ با --keep-going این وضعیت خطا شمرده نمی‌شود.",
			persian.Digits(strconv.Itoa(len(sum.Failed))))
	}
	return err
}

// searchJSON is the contract of `peyvand search --json`.
type searchJSON struct {
	Query   string         `json:"query"`
	Results []searchResult `json:"results"`
}

type searchResult struct {
	Rank      int     `json:"rank"`
	ArticleID string  `json:"article_id"`
	PassageID string  `json:"passage_id"`
	Score     float64 `json:"score"`
	Title     string  `json:"title"`
	Text      string  `json:"text"`
}

func (m *Main) search(ctx context.Context) error {
	q := m.text()
	if err := checkQuery(q); err != nil {
		return err
	}
	rs, err := m.engine.Search(ctx, retrieval.Query{Text: q, K: m.kOr(5)})
	if err != nil {
		return err
	}
	out := searchJSON{Query: q, Results: []searchResult{}}
	for i, r := range rs {
		out.Results = append(out.Results, searchResult{Rank: i + 1, ArticleID: r.Article.ID,
			PassageID: peyvand.PassageID(r.Passage.ArticleID, r.Passage.Index), Score: r.Score,
			Title: r.Article.Title, Text: r.Passage.Text})
	}
	if m.json {
		return writeJSON(m.Stdout, out)
	}
	if len(out.Results) == 0 {
		fmt.Fprintln(m.Stdout, "نتیجه‌ای پیدا نشد.")
	}
	for _, r := range out.Results {
		fmt.Fprintf(m.Stdout, "%d. %s  (%s, %.4f)\n   %s\n\n", r.Rank, r.Title, r.PassageID, r.Score, r.Text)
	}
	return nil
}

func checkQuery(q string) error {
	if len(persian.Words(q)) == 0 {
		return peyvand.Errorf(peyvand.EInvalid, "عبارت جست‌وجو واژه‌ای ندارد.")
	}
	return nil
}

func (m *Main) kOr(def int) int {
	if m.k > 0 {
		return m.k
	}
	return def
}

// askJSON is the contract of `peyvand ask --json`.
type askJSON struct {
	Question       string         `json:"question"`
	Answer         string         `json:"answer"`
	Abstained      bool           `json:"abstained"`
	Mode           string         `json:"mode"`
	FallbackReason string         `json:"fallback_reason,omitempty"`
	Citations      []citationJSON `json:"citations"`
	Related        []citationJSON `json:"related,omitempty"`
	// How the question was read (package question): added fields.
	Intent     string `json:"intent,omitempty"`
	AnswerType string `json:"answer_type,omitempty"`
	English    bool   `json:"english,omitempty"`
}

type citationJSON struct {
	N         int    `json:"n"`
	ArticleID string `json:"article_id"`
	Title     string `json:"title"`
	URL       string `json:"url"`
	Date      string `json:"date"`
	Source    string `json:"source"`
	Quote     string `json:"quote"`
}

func citationsJSON(cs []peyvand.Citation) []citationJSON {
	out := []citationJSON{}
	for _, c := range cs {
		out = append(out, citationJSON{N: c.N, ArticleID: c.ArticleID, Title: c.Title, URL: c.URL,
			Date: isoDate(c.Date), Source: c.Source, Quote: c.Quote})
	}
	return out
}

func (m *Main) ask(ctx context.Context) error {
	svc, err := m.service()
	if err != nil {
		return err
	}
	ans, q, err := svc.Ask(ctx, m.text(), answerOptions(m.k))
	if err != nil {
		return err
	}
	if m.json {
		out := askJSON{Question: ans.Question, Answer: ans.Text, Abstained: ans.Abstained, Mode: ans.Mode,
			FallbackReason: ans.FallbackReason, Citations: citationsJSON(ans.Citations),
			Intent: string(q.Intent), AnswerType: string(q.Want), English: q.English}
		if len(ans.Related) > 0 {
			out.Related = citationsJSON(ans.Related)
		}
		return writeJSON(m.Stdout, out)
	}
	fmt.Fprintln(m.Stdout, reply.ShowMarkers(ans.Text, q.English))
	sources, related := "منابع:", "خبرهای نزدیک:"
	if q.English {
		sources, related = "Sources:", "Nearest reports:"
	}
	printSources(m.Stdout, sources, ans.Citations, q.English)
	printSources(m.Stdout, related, ans.Related, q.English)
	return nil
}

func printSources(w io.Writer, heading string, cs []peyvand.Citation, english bool) {
	if len(cs) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s\n", heading)
	for _, c := range cs {
		line := fmt.Sprintf("[%s] %s", reply.Number(c.N, english), c.Title)
		if d := persian.FormatJalali(c.Date); d != "" {
			line += " — " + d
		}
		if c.Source != "" {
			line += " — " + c.Source
		}
		fmt.Fprintln(w, line)
		if c.URL != "" {
			fmt.Fprintln(w, "    "+c.URL)
		}
	}
}
