package extract

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"sync"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

//go:embed data
var embedded embed.FS

// Confidence of an extracted fact, by how its sides were read.
const (
	ConfStatement = 0.9  // both sides and a strong cue in one sentence
	ConfWeakCue   = 0.8  // both sides, a weak cue and an economic word
	ConfHeadline  = 0.75 // the Iranian side from the headline, the rest from the sentence
	ConfAnaphora  = 0.7  // "این استان"/"دو شهر" standing for a place the article names
	ConfSole      = 0.6  // a strong cue; the article's only Iranian place
	// confGuessedStatus is taken off when no word of the sentence says how
	// far the tie has come and its status is the relation's default.
	confGuessedStatus = 0.1
)

// Extractor reads ties from articles. It is immutable and safe for
// concurrent use.
type Extractor struct {
	places *places.Gazetteer
	// lex holds cues.txt, status.txt, topics.txt, metonyms.txt, names.txt
	// and persian/instructions.txt, one namespace each (nsCue …), found in one pass.
	lex *lexicon
}

// New returns an extractor over g (places.Default() when nil) with the
// embedded cue, status and topic data.
func New(g *places.Gazetteer) *Extractor {
	if g == nil {
		g = places.Default()
	}
	x := *defaultData()
	x.places = g
	return &x
}

// Default returns the extractor over the default gazetteer.
func Default() *Extractor { return defaultExtractor() }

var defaultExtractor = sync.OnceValue(func() *Extractor { return New(nil) })

var defaultData = sync.OnceValue(func() *Extractor {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err)
	}
	x, err := load(sub)
	if err != nil {
		panic("extract: embedded data: " + err.Error())
	}
	return x
})

// load parses the data files (cues.txt, status.txt, topics.txt,
// metonyms.txt, names.txt, and persian/instructions.txt); the error lists every line it could not
// understand.
func load(fsys fs.FS) (*Extractor, error) {
	x := Extractor{lex: newLexicon()}
	var errs []error
	read := func(ns int, name string, valid func(string) bool) {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			return
		}
		errs = append(errs, x.lex.parse(ns, name, string(b), valid)...)
	}
	read(nsCue, "cues.txt", func(l string) bool {
		r := peyvand.Relation(strings.TrimSuffix(l, "?"))
		return r == relNone || slices.Contains(peyvand.Relations, r)
	})
	read(nsStatus, "status.txt", func(l string) bool {
		return l == "none" || l == purpose || l == present || slices.Contains(peyvand.Statuses, peyvand.Status(l))
	})
	read(nsTopic, "topics.txt", func(l string) bool { return slices.Contains(topicNames, l) })
	read(nsMetonym, "metonyms.txt", func(l string) bool { return l == "metonym" || l == "municipal" })
	read(nsName, "names.txt", func(l string) bool { return l == "name" })
	// One list for all of peyvand: package persian's, which also keeps
	// such sentences out of the passages.
	errs = append(errs, x.lex.parse(nsInstruction, "persian/instructions.txt", persian.InstructionsText,
		func(l string) bool { return l == "instruction" })...)
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return &x, nil
}

// relNone marks a phrase of cues.txt that contains a cue word but is no cue.
const relNone peyvand.Relation = "none"

// Func returns Extract in the shape the retrieval engine's Extract hook
// takes.
func (x *Extractor) Func() func(peyvand.Article, []peyvand.Passage) []peyvand.Fact {
	return x.Extract
}

// Extract reads the ties an article states. Nothing is read from an article
// that is not about foreign economic, trade or municipal ties (Relevance).
// Otherwise every sentence is a candidate statement: it states a tie when it
// carries a relation cue binding an Iranian province or city and a foreign
// place (see statements). Facts about one pair and relation collapse to one,
// keeping the most advanced status, then the most confident reading; a pair
// with a specific relation drops its RelOther fact.
//
// passages are the article's passages (their Text a slice of a.Text); the
// headline is read as a sentence of the first passage.
func (x *Extractor) Extract(a peyvand.Article, passages []peyvand.Passage) []peyvand.Fact {
	doc, ok := x.recognise(a, passages)
	if !ok {
		return nil
	}
	return collapse(x.statements(a, doc))
}

// recognise reads the article and, when it is relevant, the places of its
// sentences, people's names, datelines and metonyms already set aside. ok
// is false for an article about something else.
func (x *Extractor) recognise(a peyvand.Article, passages []peyvand.Passage) (doc *document, ok bool) {
	doc = x.read(a, passages)
	if !doc.relevance().Relevant {
		return doc, false
	}
	// Places only now: most of a news stream is not about ties.
	for i := range doc.sents {
		s := &doc.sents[i]
		s.places = x.places.Match(s.toks, nil)
		if read := x.places.Read(s.toks, s.places); len(read) > 0 {
			// Unlisted places the patterns name («بندر X پاکستان»), in
			// text order with the known ones.
			s.places = append(s.places, read...)
			slices.SortStableFunc(s.places, func(a, b places.Match) int { return a.I - b.I })
		}
	}
	x.dropPeople(doc)
	x.dropDatelines(doc)
	x.dropMetonyms(doc)
	return doc, true
}

// sentence is one sentence of an article with what was recognised in it.
type sentence struct {
	text    string
	passage string // evidence passage id
	title   bool
	toks    []places.Token
	places  []places.Match
	cues    []hit
	status  []hit
	topics  []hit
	names   []hit // given names, and metonyms and municipal words
	// commands is true for instruction-like text (persian/instructions.txt): data
	// that tries to command, which states no tie.
	commands bool
}

// document is an article read sentence by sentence.
type document struct {
	sents []sentence
}

// read splits the headline and the passages into sentences and recognises
// their places, cues, status markers and topic words. A sentence that two
// overlapping passages share is read once.
func (x *Extractor) read(a peyvand.Article, passages []peyvand.Passage) *document {
	d := &document{}
	// One token array for the whole article, each sentence a window of
	// it: a growing append leaves earlier windows on the old array, intact.
	toks := make([]places.Token, 0, len(a.Text)/6+16)
	add := func(text, pid string, title bool) {
		s := sentence{text: text, passage: pid, title: title}
		n := len(toks)
		toks = places.Tokenize(text, toks)
		s.toks = toks[n:len(toks):len(toks)]
		for _, h := range x.lex.find(s.toks, nil) {
			switch h.ns {
			case nsCue:
				s.cues = append(s.cues, h)
			case nsStatus:
				s.status = append(s.status, h)
			case nsTopic:
				s.topics = append(s.topics, h)
			case nsInstruction:
				s.commands = true
			default:
				s.names = append(s.names, h)
			}
		}
		d.sents = append(d.sents, s)
	}
	if t := strings.TrimSpace(a.Title); t != "" {
		pid := peyvand.PassageID(a.ID, 0)
		if len(passages) > 0 {
			pid = peyvand.PassageID(a.ID, passages[0].Index)
		}
		// A headline of two clauses («قزوین با ۶ شهر جهان خواهرخوانده است؛
		// سمرقند در نوبت») states two things.
		for _, sp := range persian.SentenceSpans(t) {
			add(t[sp.Start:sp.End], pid, true)
		}
	}
	seen := make(map[int]bool)
	for _, p := range passages {
		for _, sp := range persian.SentenceSpans(p.Text) {
			abs := p.Start + sp.Start
			if seen[abs] {
				continue
			}
			seen[abs] = true
			add(p.Text[sp.Start:sp.End], peyvand.PassageID(a.ID, p.Index), false)
		}
	}
	return d
}

// key identifies a fact before collapsing: the pair and the relation.
type key struct {
	ir, fo string
	rel    peyvand.Relation
}

// collapse keeps one fact per pair and relation, in the order pairs were
// first read, relations in display order, RelOther dropped where the pair
// has a specific relation.
func collapse(facts []peyvand.Fact) []peyvand.Fact {
	best := make(map[key]int)
	type pair struct{ ir, fo string }
	var order []pair
	for i, f := range facts {
		k := key{f.Iranian, f.Foreign, f.Relation}
		j, ok := best[k]
		if !ok {
			best[k] = i
			if p := (pair{f.Iranian, f.Foreign}); !slices.Contains(order, p) {
				order = append(order, p)
			}
			continue
		}
		if better(f, facts[j]) {
			best[k] = i
		}
	}
	var out []peyvand.Fact
	for _, p := range order {
		n := len(out)
		for _, rel := range peyvand.Relations {
			i, ok := best[key{p.ir, p.fo, rel}]
			if !ok || rel == peyvand.RelOther && len(out) > n {
				continue
			}
			out = append(out, facts[i])
		}
	}
	return out
}

// better reports whether f is a better reading than g of the same tie: a
// more advanced status, else a surer one.
func better(f, g peyvand.Fact) bool {
	if f.Status.Rank() != g.Status.Rank() {
		return f.Status.Rank() > g.Status.Rank()
	}
	return f.Confidence > g.Confidence
}

// describe describes a fact for logs and test failures.
func describe(f peyvand.Fact) string {
	return fmt.Sprintf("%s↔%s %s/%s %.2f", f.Iranian, f.Foreign, f.Relation, f.Status, f.Confidence)
}
