// Package ties answers from the ties graph: the facts the places extractor
// read from each article at ingest, merged per (Iranian, foreign) pair. It
// lists a place's partners and briefs on its recent ties, every item with
// the articles it came from.
package ties

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// Facts is what the graph reads from a database; *store.DB implements it,
// and a second backend would too.
type Facts interface {
	// Facts returns every stored tie.
	Facts() ([]peyvand.Fact, error)
	// Generation changes whenever articles (and so facts) are written or
	// deleted; the graph rereads its facts only when it moves.
	Generation() uint64
	// ArticleMeta returns the titles, sources and dates of the articles
	// the citations name.
	ArticleMeta(ids []string) (map[string]peyvand.Article, error)
}

// Graph reads ties from a database.
type Graph struct {
	DB     Facts
	Places *places.Gazetteer // places.Default() when nil

	mu     sync.Mutex
	facts  []resolved // cached, with their places looked up
	index  factIndex  // facts by the places they lie in
	gen    uint64     // the store generation facts were read at
	cached bool
}

// factIndex lists, for each place, the facts whose Iranian (or foreign)
// side is that place or lies in it: a question about one province reads
// its facts, not every fact of the database.
type factIndex struct{ iranian, foreign map[string][]int }

// add files fact i under p and every place p lies in, the way
// Gazetteer.Within judges it.
func (x factIndex) add(gz *places.Gazetteer, by map[string][]int, p peyvand.Place, i int) {
	names := []string{p.Name}
	if _, known := gz.Place(p.Name); !known {
		names = append(names, p.Province, p.Country) // a place read from a text
	}
	for q, ok := gz.Parent(p); ok; q, ok = gz.Parent(q) {
		names = append(names, q.Name)
	}
	for _, n := range names {
		// Facts are filed in order: only the last entry can be i already
		// (a city and its province of one name).
		if l := by[n]; n != "" && (len(l) == 0 || l[len(l)-1] != i) {
			by[n] = append(by[n], i)
		}
	}
}

// candidates are the indices of the facts a side of a query may select,
// in order, or nil and false when the side is empty (every fact may).
func candidates(by map[string][]int, sides ...[]peyvand.Place) ([]int, bool) {
	var out []int
	asked := false
	for _, side := range sides {
		for _, p := range side {
			asked = true
			out = append(out, by[p.Name]...)
		}
	}
	slices.Sort(out)
	return slices.Compact(out), asked
}

// resolved is a stored fact with its places.
type resolved struct {
	peyvand.Fact
	iranian, foreign peyvand.Place
}

// all returns every fact with its places and their index, read once per
// store generation: a graph question must not decode every fact again.
func (g *Graph) all() ([]resolved, factIndex, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	gen := g.DB.Generation()
	if g.cached && gen == g.gen {
		return g.facts, g.index, nil
	}
	facts, err := g.DB.Facts()
	if err != nil {
		return nil, factIndex{}, fmt.Errorf("read ties: %w", err)
	}
	gz := g.gazetteer()
	out := make([]resolved, len(facts))
	index := factIndex{iranian: map[string][]int{}, foreign: map[string][]int{}}
	for i, f := range facts {
		out[i].Fact = f
		out[i].iranian = gz.Named(f.Iranian)
		out[i].foreign = gz.Named(f.Foreign)
		if out[i].foreign.Country == "" && f.ForeignCountry != "" {
			// A place read from the text («بندر حمد در دوحه»): its country
			// is the text's, so «کدام بندرهای قطر» finds it.
			out[i].foreign.Country = f.ForeignCountry
			out[i].foreign.Kind = cmp.Or(out[i].foreign.Kind, peyvand.KindCity)
		}
		index.add(gz, index.iranian, out[i].iranian, i)
		index.add(gz, index.foreign, out[i].foreign, i)
	}
	g.facts, g.index, g.gen, g.cached = out, index, gen, true
	return out, index, nil
}

// New returns a graph over db with the default gazetteer.
func New(db Facts) *Graph { return &Graph{DB: db, Places: places.Default()} }

func (g *Graph) gazetteer() *places.Gazetteer {
	if g.Places == nil {
		return places.Default()
	}
	return g.Places
}

// Query selects ties. Each side matches a tie when the tie's place lies in
// one of the side's places (an Iranian city also matches its namesake
// province, and the reverse); an empty side matches every tie.
type Query struct {
	Iranian []peyvand.Place
	// AlsoIranian are Iranian places matched by name only, not by the
	// places in them: a capital's province for a pair question.
	AlsoIranian []peyvand.Place
	Foreign     []peyvand.Place
	// AlsoForeign are foreign places matched by name only: a foreign
	// capital's country for a pair question («رشت و ایروان» is Gilan and
	// Armenia too).
	AlsoForeign []peyvand.Place
	Relations   []peyvand.Relation // any of these; every relation when empty
	Since       time.Time          // only facts dated on or after; undated facts then drop out
}

// Ties returns the ties a query selects, merged per pair (see Merge).
func (g *Graph) Ties(q Query) ([]peyvand.Tie, error) {
	facts, idx, err := g.all() // the index of these facts, read together
	if err != nil {
		return nil, err
	}
	gz := g.gazetteer()
	iranian := g.expand(q.Iranian)
	// The facts a side may select, when it is asked (its Also places add
	// to it; alone they select nothing more than an empty side does).
	var ids []int
	switch {
	case len(iranian) > 0:
		ids, _ = candidates(idx.iranian, iranian, q.AlsoIranian)
	case len(q.Foreign) > 0:
		ids, _ = candidates(idx.foreign, q.Foreign, q.AlsoForeign)
	default:
		ids = make([]int, len(facts))
		for i := range ids {
			ids[i] = i
		}
	}
	var keep []peyvand.Fact
	for _, i := range g.selected(q, iranian, facts, ids) {
		keep = append(keep, facts[i].Fact)
	}
	return Merge(gz, keep), nil
}

// selected are the facts among ids that q selects; iranian is q's
// Iranian side with its namesakes (expand).
func (g *Graph) selected(q Query, iranian []peyvand.Place, facts []resolved, ids []int) []int {
	named := func(ps []peyvand.Place, p peyvand.Place) bool {
		return slices.ContainsFunc(ps, func(q peyvand.Place) bool { return q.Name == p.Name })
	}
	var out []int
	for _, i := range ids {
		f := facts[i]
		if !q.Since.IsZero() && f.Date.Before(q.Since) {
			continue
		}
		if len(q.Relations) > 0 && !slices.Contains(q.Relations, f.Relation) {
			continue
		}
		if !named(q.AlsoIranian, f.iranian) && !g.matches(f.iranian, iranian) ||
			!named(q.AlsoForeign, f.foreign) && !g.matches(f.foreign, q.Foreign) {
			continue
		}
		out = append(out, i)
	}
	return out
}

// expand adds each Iranian place's namesake: news write "اصفهان" for the
// city and the province alike.
func (g *Graph) expand(ps []peyvand.Place) []peyvand.Place {
	out := slices.Clone(ps)
	for _, p := range ps {
		if n, ok := g.gazetteer().Namesake(p); ok && !slices.ContainsFunc(out, func(q peyvand.Place) bool { return q.Name == n.Name }) {
			out = append(out, n)
		}
	}
	return out
}

func (g *Graph) matches(p peyvand.Place, side []peyvand.Place) bool {
	if len(side) == 0 {
		return true
	}
	gz := g.gazetteer()
	for _, s := range side {
		if gz.Within(p, s) {
			return true
		}
	}
	return false
}

// Resolve returns the place a user's name for it refers to, or an
// ENotFound error in Persian naming the closest known places.
func (g *Graph) Resolve(name string) (peyvand.Place, error) {
	name = strings.TrimSpace(name)
	if len(persian.Words(name)) == 0 {
		return peyvand.Place{}, peyvand.Errorf(peyvand.EInvalid, "نام یک شهر، استان یا کشور را بنویسید؛ مثلاً «اصفهان».")
	}
	gz := g.gazetteer()
	if p, ok := gz.Lookup(name); ok {
		return p, nil
	}
	// A name inside a longer phrase ("استان آذربایجان شرقی ایران").
	if ms := gz.Find(name); len(ms) > 0 {
		return ms[0].Place, nil
	}
	var names []string
	for _, p := range gz.Suggest(name, 3) {
		names = append(names, "«"+p.Name+"»")
	}
	if len(names) == 0 {
		return peyvand.Place{}, peyvand.Errorf(peyvand.ENotFound, "مکانی به نام «%s» نمی‌شناسم. نام یک شهر، استان یا کشور را بنویسید.", name)
	}
	return peyvand.Place{}, peyvand.Errorf(peyvand.ENotFound, "مکانی به نام «%s» نمی‌شناسم. شاید منظورتان %s باشد.", name, strings.Join(names, "، "))
}

// side returns a query whose selecting side is p: the Iranian side for an
// Iranian place (all of Iran's ties for Iran itself), else the foreign one.
func side(p peyvand.Place) Query {
	switch {
	case p.Name == peyvand.Iran:
		return Query{}
	case p.Iranian():
		return Query{Iranian: []peyvand.Place{p}}
	default:
		return Query{Foreign: []peyvand.Place{p}}
	}
}
