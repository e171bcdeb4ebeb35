package places

import (
	"slices"
	"sort"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// Confidence of an extracted fact, by how it was read. A pair named in one
// sentence is surer than a foreign place paired with the article's default
// Iranian side, and a relation cue makes either surer.
const (
	ConfSentenceCue = 0.9  // both places and a relation cue in one sentence
	ConfSentence    = 0.7  // both places in one sentence, no cue
	ConfDefaultCue  = 0.6  // the foreign place and a cue; the Iranian side is the article's
	ConfDefault     = 0.45 // the foreign place alone; the Iranian side is the article's
	// confIranPenalty is taken off when the Iranian side is only "ایران",
	// the article naming no province or city.
	confIranPenalty = 0.2
	// confTitleBonus is added for a pair read from the headline, which
	// states what the article is about.
	confTitleBonus = 0.05
)

// sentence is one sentence of an article with what was recognised in it.
type sentence struct {
	text    string
	passage string // evidence passage id
	title   bool
	places  []int              // entry ids, in order, with repeats
	rels    []peyvand.Relation // its cues' relations, when it names a foreign place
}

// Extract reads the ties an article reports: for every sentence naming a
// foreign place, a fact pairing it with each Iranian province or city named
// in the same sentence or, when there is none, with the article's default
// Iranian side (the headline's Iranian place most named in the article, else
// the one most named in the body; "ایران" itself only when the article names
// no province or city). Where a sentence names both places the article is
// about (in its headline, or named more than once) and places named once in
// passing (a surname, "تهران" for the government, a domestic sister city in
// a list of foreign ones), only the former are paired. The relation comes
// from the cues of the sentence (data/cues.txt), RelOther when it has none;
// the confidence from how the pair was read (ConfSentenceCue … ConfDefault).
// Facts about one pair collapse to one per relation, keeping the most
// confident reading, and a pair with a specific relation drops its RelOther
// fact. An Iranian place is never the foreign side.
//
// passages are the article's passages (their Text a slice of a.Text); the
// headline is read as a sentence of the first passage. g may be nil for
// Default().
func Extract(g *Gazetteer, a peyvand.Article, passages []peyvand.Passage) []peyvand.Fact {
	if g == nil {
		g = Default()
	}
	sents := g.sentences(a, passages)
	side, sideIsIran := g.defaultSide(sents)
	iran := g.byName[peyvand.Iran]
	salient := g.salient(sents, side)

	type key struct {
		ir, fo int
		rel    peyvand.Relation
	}
	best := make(map[key]int) // → index in facts
	var facts []peyvand.Fact
	var pairs []key // (ir, fo) in order of first reading, rel empty
	for _, s := range sents {
		var iranians, foreign []int
		for _, id := range s.places {
			e := g.entries[id]
			switch {
			case !e.place.Iranian():
				foreign = appendUnique(foreign, id)
			case id != iran:
				iranians = appendUnique(iranians, id)
			}
		}
		if len(foreign) == 0 {
			continue
		}
		// A place named once in passing (a surname, a metonym, a domestic
		// partner in a list) gives way to the article's main places.
		if slices.ContainsFunc(iranians, func(id int) bool { return salient[id] }) {
			iranians = slices.DeleteFunc(iranians, func(id int) bool { return !salient[id] })
		}
		rels := s.rels
		cue := len(rels) > 0
		if !cue {
			rels = []peyvand.Relation{peyvand.RelOther}
		}
		explicit := len(iranians) > 0
		conf := ConfDefault
		switch {
		case explicit && cue:
			conf = ConfSentenceCue
		case explicit:
			conf = ConfSentence
		case cue:
			conf = ConfDefaultCue
		}
		if !explicit {
			if side < 0 {
				continue
			}
			iranians = []int{side}
			if sideIsIran {
				conf -= confIranPenalty
			}
		}
		if s.title {
			conf += confTitleBonus
		}
		for _, ir := range iranians {
			for _, fo := range foreign {
				if !slices.Contains(pairs, key{ir: ir, fo: fo}) {
					pairs = append(pairs, key{ir: ir, fo: fo})
				}
				for _, rel := range rels {
					k := key{ir, fo, rel}
					if i, ok := best[k]; ok {
						if conf > facts[i].Confidence {
							facts[i].Confidence, facts[i].PassageID, facts[i].Evidence = conf, s.passage, s.text
						}
						continue
					}
					best[k] = len(facts)
					facts = append(facts, peyvand.Fact{
						ArticleID:  a.ID,
						PassageID:  s.passage,
						Iranian:    g.entries[ir].place.Name,
						Foreign:    g.entries[fo].place.Name,
						Relation:   rel,
						Date:       a.Date,
						Confidence: conf,
						Evidence:   s.text,
					})
				}
			}
		}
	}
	// Order: pairs as first read, relations in display order; drop "other"
	// where the pair has a specific relation.
	out := make([]peyvand.Fact, 0, len(facts))
	for _, p := range pairs {
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

func appendUnique(s []int, v int) []int {
	if slices.Contains(s, v) {
		return s
	}
	return append(s, v)
}

// sentences splits the headline and the passages into sentences and
// recognises their places. A sentence that two overlapping passages share is
// read once, as part of the first.
func (g *Gazetteer) sentences(a peyvand.Article, passages []peyvand.Passage) []sentence {
	var out []sentence
	var toks []token
	var ms []match
	read := func(text, pid string, title bool) {
		toks = tokenize(text, toks[:0])
		ms = g.find(toks, ms[:0])
		s := sentence{text: text, passage: pid, title: title}
		foreign := false
		for _, m := range ms {
			s.places = append(s.places, m.id)
			foreign = foreign || !g.entries[m.id].place.Iranian()
		}
		if foreign {
			s.rels = g.cues.relations(toks)
		}
		out = append(out, s)
	}
	if t := strings.TrimSpace(a.Title); t != "" {
		pid := peyvand.PassageID(a.ID, 0)
		if len(passages) > 0 {
			pid = peyvand.PassageID(a.ID, passages[0].Index)
		}
		read(t, pid, true)
	}
	seen := make(map[int]bool) // absolute start offsets of sentences read
	for _, p := range passages {
		for _, sp := range persian.SentenceSpans(p.Text) {
			abs := p.Start + sp.Start
			if seen[abs] {
				continue
			}
			seen[abs] = true
			read(p.Text[sp.Start:sp.End], peyvand.PassageID(a.ID, p.Index), false)
		}
	}
	return out
}

// salient returns the Iranian places the article is about: named in the
// headline, named more than once, or the default side.
func (g *Gazetteer) salient(sents []sentence, side int) map[int]bool {
	count := make(map[int]int)
	out := make(map[int]bool)
	if side >= 0 {
		out[side] = true
	}
	for _, s := range sents {
		for _, p := range s.places {
			if !g.entries[p].place.Iranian() {
				continue
			}
			count[p]++
			if s.title || count[p] > 1 {
				out[p] = true
			}
		}
	}
	return out
}

// defaultSide returns the entry of the article's default Iranian side: the
// headline's Iranian province or city most named in the whole article (the
// first on a tie), else the body's most named one, else "ایران" when the
// article names it (iranOnly is then true), else -1.
func (g *Gazetteer) defaultSide(sents []sentence) (id int, iranOnly bool) {
	iran := g.byName[peyvand.Iran]
	count := make(map[int]int)
	var order []int // Iranian places by first mention, headline first
	mentionsIran := false
	for _, s := range sents {
		for _, p := range s.places {
			if p == iran {
				mentionsIran = true
				continue
			}
			if !g.entries[p].place.Iranian() {
				continue
			}
			if count[p] == 0 {
				order = append(order, p)
			}
			count[p]++
		}
	}
	var candidates []int
	if len(sents) > 0 && sents[0].title {
		for _, p := range sents[0].places {
			if p != iran && g.entries[p].place.Iranian() {
				candidates = appendUnique(candidates, p)
			}
		}
	}
	if len(candidates) == 0 {
		candidates = order
	}
	best := -1
	for _, p := range candidates {
		if best < 0 || count[p] > count[best] {
			best = p
		}
	}
	if best >= 0 {
		return best, false
	}
	if mentionsIran {
		return iran, true
	}
	return -1, false
}

// Merge merges facts, typically from many articles, into one Tie per
// (Iranian, foreign) pair: its relations deduplicated in display order
// (RelOther only when nothing more specific was read), first and last seen
// from the facts' dates, and the facts kept, newest first, as its citations.
// A fact repeated (same article, passage and relation) is kept once. Ties
// come sorted by the Iranian place's name (byte order), then by last seen
// (newest first), then by the foreign place's name. g may be nil for
// Default(); it resolves the canonical names, and a name it does not know
// becomes a Place with only its name (and Country "ایران" on the Iranian
// side).
func Merge(g *Gazetteer, facts []peyvand.Fact) []peyvand.Tie {
	if g == nil {
		g = Default()
	}
	type pair struct{ ir, fo string }
	byPair := make(map[pair]*peyvand.Tie)
	var order []pair
	type factKey struct {
		article, passage string
		rel              peyvand.Relation
	}
	seen := make(map[pair]map[factKey]bool)
	for _, f := range facts {
		p := pair{f.Iranian, f.Foreign}
		t := byPair[p]
		if t == nil {
			ir, ok := g.Place(f.Iranian)
			if !ok {
				ir = peyvand.Place{Name: f.Iranian, Country: peyvand.Iran}
			}
			fo, ok := g.Place(f.Foreign)
			if !ok {
				fo = peyvand.Place{Name: f.Foreign}
			}
			t = &peyvand.Tie{Iranian: ir, Foreign: fo}
			byPair[p] = t
			seen[p] = make(map[factKey]bool)
			order = append(order, p)
		}
		fk := factKey{f.ArticleID, f.PassageID, f.Relation}
		if seen[p][fk] {
			continue
		}
		seen[p][fk] = true
		t.Facts = append(t.Facts, f)
		if !f.Date.IsZero() {
			if t.FirstSeen.IsZero() || f.Date.Before(t.FirstSeen) {
				t.FirstSeen = f.Date
			}
			if f.Date.After(t.LastSeen) {
				t.LastSeen = f.Date
			}
		}
	}
	out := make([]peyvand.Tie, 0, len(order))
	for _, p := range order {
		t := byPair[p]
		for _, r := range peyvand.Relations {
			for _, f := range t.Facts {
				if f.Relation == r {
					t.Relations = append(t.Relations, r)
					break
				}
			}
		}
		if len(t.Relations) > 1 && t.Relations[len(t.Relations)-1] == peyvand.RelOther {
			t.Relations = t.Relations[:len(t.Relations)-1]
		}
		sort.SliceStable(t.Facts, func(i, j int) bool {
			a, b := t.Facts[i], t.Facts[j]
			if !a.Date.Equal(b.Date) {
				return a.Date.After(b.Date) // zero dates last
			}
			return a.Confidence > b.Confidence
		})
		out = append(out, *t)
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Iranian.Name != b.Iranian.Name {
			return a.Iranian.Name < b.Iranian.Name
		}
		if !a.LastSeen.Equal(b.LastSeen) {
			return a.LastSeen.After(b.LastSeen)
		}
		return a.Foreign.Name < b.Foreign.Name
	})
	return out
}

// Extractor returns Extract bound to g, in the shape the retrieval engine's
// Extract hook takes.
func Extractor(g *Gazetteer) func(peyvand.Article, []peyvand.Passage) []peyvand.Fact {
	return func(a peyvand.Article, ps []peyvand.Passage) []peyvand.Fact { return Extract(g, a, ps) }
}
