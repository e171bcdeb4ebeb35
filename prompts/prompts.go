package prompts

import (
	"cmp"
	"embed"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"text/template"
	"time"
	"unicode"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

//go:embed templates/*.tmpl
var files embed.FS

// tmpl holds every prompt, parsed once: a template that does not parse stops
// the program at start-up.
var tmpl = template.Must(template.New("prompts").Option("missingkey=error").ParseFS(files, "templates/*.tmpl"))

// Errors returned by the render functions. Each is a caller's mistake, never
// the model's: peyvand does not ask a model without evidence.
var (
	// ErrNoPassages is returned when there is no passage to show.
	ErrNoPassages = errors.New("prompts: no passages")
	// ErrNoQuestion is returned when the question (or a brief's place, or
	// an article's text) is empty.
	ErrNoQuestion = errors.New("prompts: empty question")
	// ErrBadNumber is returned when passage numbers repeat or are negative,
	// or a brief's fact names a passage that is not given.
	ErrBadNumber = errors.New("prompts: bad passage number")
)

// Passage is one numbered passage as the model sees it.
type Passage struct {
	N      int // its [n] marker; its position from 1 when zero
	Title  string
	Date   time.Time // the article's date; zero when the report printed none
	Source string    // the outlet, e.g. "irna.ir"
	Text   string
}

// AnswerData is what the answer prompt is rendered from.
type AnswerData struct {
	Question string
	Passages []Passage // best first, as retrieved
	// Today, when set, is shown so that "lately" can be read; zero leaves it
	// out (and keeps a rendering reproducible).
	Today time.Time
}

// BriefData is what the briefing prompt ("brief PLACE") is rendered from.
type BriefData struct {
	Place    string // the place's canonical Persian name
	Passages []Passage
	// Facts are ties already extracted from the passages. They are listed,
	// grouped by partner country and newest first, as a guide the model is
	// told to check against the passages.
	Facts []BriefFact
	Today time.Time // as in AnswerData
}

// BriefFact is one extracted tie, as listed in a briefing prompt.
type BriefFact struct {
	Country  string // the partner's country, canonical Persian name
	Partner  string // the foreign place: a city, region or the country itself
	Relation peyvand.Relation
	Date     time.Time // zero when unknown
	N        int       // the passage it was read from
}

// FeedbackData is what the follow-up message asking for a corrected answer
// is rendered from.
type FeedbackData struct {
	// Problems name what was wrong with the previous answer, one per line,
	// in Persian. They may quote the model's text; they are quoted like
	// passages.
	Problems []string
}

// Answer renders the system and user messages for answering a question from
// numbered passages.
func Answer(d AnswerData) (system, user string, err error) {
	q := Quote(d.Question)
	if q == "" {
		return "", "", ErrNoQuestion
	}
	ps, _, err := passages(d.Passages)
	if err != nil {
		return "", "", err
	}
	system, err = render("answer_system.tmpl", nil)
	if err != nil {
		return "", "", err
	}
	user, err = render("answer_user.tmpl", struct {
		Question string
		Passages []passageView
		Today    string
	}{q, ps, today(d.Today)})
	return system, user, err
}

// Brief renders the system and user messages for a dated, cited summary of a
// place's foreign ties, grouped by partner country, newest first.
func Brief(d BriefData) (system, user string, err error) {
	place := quoteLine(d.Place)
	if place == "" {
		return "", "", ErrNoQuestion
	}
	ps, numbers, err := passages(d.Passages)
	if err != nil {
		return "", "", err
	}
	groups, err := groupFacts(d.Facts, numbers)
	if err != nil {
		return "", "", err
	}
	system, err = render("brief_system.tmpl", nil)
	if err != nil {
		return "", "", err
	}
	user, err = render("brief_user.tmpl", struct {
		Place    string
		Groups   []factGroup
		Passages []passageView
		Today    string
	}{place, groups, ps, today(d.Today)})
	return system, user, err
}

// TiesData is what the prompt asking a model for an article's ties is
// rendered from.
type TiesData struct {
	Title string
	Text  string // the cleaned article body
}

// Ties renders the system and user messages that ask a model for the ties
// an article states, as JSON (see templates/ties_system.tmpl). The article
// is quoted like a passage: its text cannot close its tag nor command.
func Ties(d TiesData) (system, user string, err error) {
	text := Quote(d.Text)
	if text == "" {
		return "", "", ErrNoQuestion
	}
	system, err = render("ties_system.tmpl", nil)
	if err != nil {
		return "", "", err
	}
	user, err = render("ties_user.tmpl", struct{ Title, Text string }{quoteLine(d.Title), text})
	return system, user, err
}

// Feedback renders the follow-up user message that names what was wrong
// with a model's answer and asks for a corrected one.
func Feedback(d FeedbackData) (string, error) {
	problems := make([]string, 0, len(d.Problems))
	for _, p := range d.Problems {
		if p = quoteLine(p); p != "" {
			problems = append(problems, p)
		}
	}
	return render("feedback.tmpl", struct{ Problems []string }{problems})
}

func render(name string, data any) (string, error) {
	var b strings.Builder
	if err := tmpl.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return strings.TrimSpace(b.String()) + "\n", nil
}

// passageView is a Passage quoted and formatted for a template.
type passageView struct {
	N                         int
	Title, Date, Source, Text string
}

// passages quotes and numbers ps, and returns the set of numbers used.
func passages(ps []Passage) ([]passageView, map[int]bool, error) {
	if len(ps) == 0 {
		return nil, nil, ErrNoPassages
	}
	out := make([]passageView, len(ps))
	numbers := make(map[int]bool, len(ps))
	for i, p := range ps {
		n := cmp.Or(p.N, i+1)
		if n < 0 || numbers[n] {
			return nil, nil, fmt.Errorf("%w: %d", ErrBadNumber, n)
		}
		numbers[n] = true
		out[i] = passageView{N: n, Title: cmp.Or(quoteLine(p.Title), "بی‌عنوان"), Date: date(p.Date),
			Source: cmp.Or(quoteLine(p.Source), "نامعلوم"), Text: Quote(p.Text)}
	}
	return out, numbers, nil
}

// factGroup is one partner country's facts, newest first.
type factGroup struct {
	Country string
	Facts   []factView
	newest  time.Time
}

type factView struct {
	Date, Partner, Relation string
	N                       int
}

// groupFacts groups facts by country: countries by their newest fact, facts
// newest first, undated ones last, ties broken by passage number so that a
// rendering is reproducible.
func groupFacts(facts []BriefFact, numbers map[int]bool) ([]factGroup, error) {
	sorted := slices.Clone(facts)
	slices.SortStableFunc(sorted, func(a, b BriefFact) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c // zero dates sort last
		}
		return cmp.Compare(a.N, b.N)
	})
	var groups []factGroup
	index := map[string]int{}
	for _, f := range sorted {
		if !numbers[f.N] {
			return nil, fmt.Errorf("%w: fact cites passage %d", ErrBadNumber, f.N)
		}
		country := cmp.Or(quoteLine(f.Country), "نامعلوم")
		i, ok := index[country]
		if !ok {
			i = len(groups)
			index[country] = i
			groups = append(groups, factGroup{Country: country, newest: f.Date})
		}
		d := "بی‌تاریخ" // as the model is told to write it
		if !f.Date.IsZero() {
			d = persian.FormatJalali(f.Date)
		}
		groups[i].Facts = append(groups[i].Facts, factView{Date: d,
			Partner: cmp.Or(quoteLine(f.Partner), country), Relation: f.Relation.Persian(), N: f.N})
	}
	return groups, nil
}

// date is a passage's date as the model sees it: Jalali, or "نامعلوم".
func date(t time.Time) string {
	if t.IsZero() {
		return "نامعلوم"
	}
	return persian.FormatJalali(t)
}

func today(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return persian.FormatJalali(t)
}

var blankLines = regexp.MustCompile(`\n[ \t]*\n(?:[ \t]*\n)+`)

// Quote makes text taken from an article or a user safe to place inside a
// prompt's tags. It replaces the angle brackets a tag is made of (and their
// look-alikes) with guillemets, so the text can neither close its tag nor
// open a new one, and square brackets with parentheses, so the only [n] a
// model sees are the passage numbers peyvand gave. It drops control and
// bidirectional-override characters (keeping the zero-width non-joiner
// Persian needs), and trims runs of blank lines. Words are left as they are:
// "ignore previous instructions" inside a passage stays a quoted sentence.
func Quote(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '<' || r == '＜' || r == '﹤' || r == '〈' || r == '⟨' || r == '《':
			b.WriteRune('‹')
		case r == '>' || r == '＞' || r == '﹥' || r == '〉' || r == '⟩' || r == '》':
			b.WriteRune('›')
		case r == '[' || r == '［' || r == '【' || r == '〔':
			b.WriteRune('(')
		case r == ']' || r == '］' || r == '】' || r == '〕':
			b.WriteRune(')')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\r':
			b.WriteRune('\n')
		case r == '\u200c' || r == '\u200d':
			b.WriteRune(r) // ZWNJ and ZWJ are part of Persian spelling
		case unicode.IsControl(r), unicode.Is(unicode.Bidi_Control, r), r == '\ufeff':
			// invisible: nothing a reader would see, only a way to hide text
		default:
			b.WriteRune(r)
		}
	}
	return strings.TrimSpace(blankLines.ReplaceAllString(b.String(), "\n\n"))
}

// quoteLine is Quote for a one-line field (a title, a source, a place): it
// also folds newlines, so the field cannot start a line of its own.
func quoteLine(s string) string {
	return strings.Join(strings.Fields(Quote(s)), " ")
}
