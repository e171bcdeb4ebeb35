package ties

import (
	"cmp"
	"slices"
	"time"

	"github.com/peyvand/peyvand"
)

// Event is what one article reported about one pair of places.
type Event struct {
	Date      time.Time // the article's date; zero when unknown
	Iranian   peyvand.Place
	Foreign   peyvand.Place
	Relations []peyvand.Relation
	Status    peyvand.Status // the most advanced of its reports' ("" when unknown)
	Evidence  string         // the sentence it was read from
	Citation  peyvand.Citation

	fact peyvand.Fact // the first fact read, for the citation
}

// Group is the events with one partner country (or, briefing on a foreign
// place, one Iranian province), newest first.
type Group struct {
	Name   string
	Events []Event
}

// Briefing is a dated summary of a place's ties, grouped and newest first.
type Briefing struct {
	Resolved  peyvand.Place
	Since     time.Time // zero for all time
	Groups    []Group   // the group with the newest event first
	Citations []peyvand.Citation
	// Undated counts the articles with undated reports of these ties that
	// Since left out: a period cannot place them, and a brief says so.
	Undated int
}

// Brief gathers what the news reported about the named place's ties since a
// time (zero for all): one event per article and pair, grouped by the
// partner's country (for a foreign place, by the Iranian province), newest
// first, undated events last.
func (g *Graph) Brief(name string, since time.Time) (Briefing, error) {
	p, err := g.Resolve(name)
	if err != nil {
		return Briefing{}, err
	}
	q := side(p)
	q.Since = since
	b, err := g.BriefOf(q, !p.Iranian() && p.Name != peyvand.Iran)
	b.Resolved = p
	if err == nil && !since.IsZero() {
		b.Undated, err = g.undated(side(p))
	}
	return b, err
}

// undated counts the articles with undated facts among the ties q selects.
func (g *Graph) undated(q Query) (int, error) {
	ts, err := g.Ties(q)
	if err != nil {
		return 0, err
	}
	articles := map[string]bool{}
	for _, t := range ts {
		for _, f := range t.Facts {
			if f.Date.IsZero() {
				articles[f.ArticleID] = true
			}
		}
	}
	return len(articles), nil
}

// BriefOf briefs on the ties q selects, grouping by the Iranian side's
// province when byIranian is set, else by the foreign side's country.
func (g *Graph) BriefOf(q Query, byIranian bool) (Briefing, error) {
	ts, err := g.Ties(q)
	if err != nil {
		return Briefing{}, err
	}
	c, err := g.newCiter(ts)
	if err != nil {
		return Briefing{}, err
	}
	// One event per article, group and pair of nested places told in one
	// sentence or as one relation: an article naming "تبریز" and
	// "آذربایجان شرقی", "باکو" and "جمهوری آذربایجان" reports one event,
	// shown with its most specific places; one that names Moscow and St
	// Petersburg reports two, and so does one with a province's trade office
	// in Herat and trucks crossing at a border town: the office is not the
	// town's.
	type key struct{ article, group string }
	at := make(map[key][]int)
	var events []Event
	for _, t := range ts {
		for _, f := range t.Facts {
			e := Event{Date: f.Date, Iranian: t.Iranian, Foreign: t.Foreign,
				Relations: []peyvand.Relation{f.Relation}, Status: f.Status, Evidence: f.Evidence, fact: f}
			k := key{f.ArticleID, g.groupOf(e, byIranian)}
			i := slices.IndexFunc(at[k], func(i int) bool {
				o := events[i]
				return g.nested(o.Iranian, e.Iranian) && g.nested(o.Foreign, e.Foreign) &&
					(o.Evidence == e.Evidence || slices.Contains(o.Relations, f.Relation))
			})
			if i < 0 {
				at[k] = append(at[k], len(events))
				events = append(events, e)
				continue
			}
			old := &events[at[k][i]]
			if f.Status.Rank() > old.Status.Rank() {
				old.Status = f.Status
			}
			if !slices.Contains(old.Relations, f.Relation) {
				old.Relations = append(old.Relations, f.Relation)
			}
			if specificity(e) > specificity(*old) {
				old.Iranian, old.Foreign, old.Evidence, old.fact = e.Iranian, e.Foreign, e.Evidence, e.fact
			}
		}
	}
	slices.SortStableFunc(events, func(a, b Event) int { return newerFirst(a.Date, b.Date) })
	byGroup := make(map[string]int)
	out := Briefing{Since: q.Since}
	for _, e := range events {
		e.Relations = ordered(e.Relations)
		name := g.groupOf(e, byIranian)
		i, ok := byGroup[name]
		if !ok {
			i = len(out.Groups)
			byGroup[name] = i
			out.Groups = append(out.Groups, Group{Name: name})
		}
		out.Groups[i].Events = append(out.Groups[i].Events, e)
	}
	// Number citations in reading order.
	for gi := range out.Groups {
		for ei := range out.Groups[gi].Events {
			e := &out.Groups[gi].Events[ei]
			e.Citation = c.cite(e.fact)
		}
	}
	out.Citations = c.list
	return out, nil
}

// nested reports whether two places are one, or one lies in the other.
func (g *Graph) nested(a, b peyvand.Place) bool {
	gz := g.gazetteer()
	return a.Name == b.Name || gz.Within(a, b) || gz.Within(b, a)
}

// groupOf names the group an event belongs in.
func (g *Graph) groupOf(e Event, byIranian bool) string {
	gz := g.gazetteer()
	if byIranian {
		p := e.Iranian
		for p.Kind == peyvand.KindCity {
			parent, ok := gz.Parent(p)
			if !ok {
				break
			}
			p = parent
		}
		return p.Name
	}
	return cmp.Or(e.Foreign.Country, e.Foreign.Name)
}

// newerFirst orders dates newest first, zero (unknown) last.
func newerFirst(a, b time.Time) int {
	switch {
	case a.IsZero() && b.IsZero():
		return 0
	case a.IsZero():
		return 1
	case b.IsZero():
		return -1
	}
	return b.Compare(a)
}

// specificity ranks an event by how precisely it names its places: cities
// over provinces over countries, the foreign side first.
func specificity(e Event) int {
	rank := func(p peyvand.Place) int {
		switch p.Kind {
		case peyvand.KindCity:
			return 2
		case peyvand.KindProvince:
			return 1
		}
		return 0
	}
	return 3*rank(e.Foreign) + rank(e.Iranian)
}
