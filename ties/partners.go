package ties

import (
	"cmp"
	"slices"
	"time"

	"github.com/peyvand/peyvand"
)

// Partner is one place tied to the place asked about.
type Partner struct {
	Place     peyvand.Place
	Via       []string // the asked side's places the ties are with, e.g. a province's cities
	Relations []peyvand.Relation
	// Statuses has, for each of Relations, the most advanced status any
	// report gives it ("" for facts stored before statuses were read).
	Statuses  []peyvand.Status
	FirstSeen time.Time // zero when no report was dated
	LastSeen  time.Time
	Citations []peyvand.Citation // one per article, newest first
}

// Partners is a de-duplicated list of a place's partners.
type Partners struct {
	Resolved  peyvand.Place
	Partners  []Partner          // most recently reported first
	Citations []peyvand.Citation // every article cited, numbered from 1
}

// Partners lists the places tied to the named one: for an Iranian city or
// province its foreign partners (a province's include its cities' ties),
// for a foreign place the Iranian places tied to it or to places inside it.
func (g *Graph) Partners(name string) (Partners, error) {
	p, err := g.Resolve(name)
	if err != nil {
		return Partners{}, err
	}
	out, err := g.PartnersOf(side(p), !p.Iranian() && p.Name != peyvand.Iran)
	out.Resolved = p
	return out, err
}

// Status returns the partner's most advanced status.
func (p Partner) Status() peyvand.Status {
	var best peyvand.Status
	for _, s := range p.Statuses {
		if s.Rank() > best.Rank() {
			best = s
		}
	}
	return best
}

// PartnersOf lists the partners in the ties q selects: the foreign places,
// or the Iranian ones when iranian is set.
func (g *Graph) PartnersOf(q Query, iranian bool) (Partners, error) {
	ts, err := g.Ties(q)
	if err != nil {
		return Partners{}, err
	}
	c, err := g.newCiter(ts)
	if err != nil {
		return Partners{}, err
	}
	byName := make(map[string]*Partner)
	var order []string
	for _, t := range ts {
		other, asked := otherSide(t, iranian), otherSide(t, !iranian)
		p := byName[other.Name]
		if p == nil {
			p = &Partner{Place: other}
			byName[other.Name] = p
			order = append(order, other.Name)
		}
		if !slices.Contains(p.Via, asked.Name) {
			p.Via = append(p.Via, asked.Name)
		}
		for _, r := range t.Relations {
			if !slices.Contains(p.Relations, r) {
				p.Relations = append(p.Relations, r)
			}
		}
		p.FirstSeen = earliest(p.FirstSeen, t.FirstSeen)
		p.LastSeen = latest(p.LastSeen, t.LastSeen)
	}
	asked := q.Foreign
	if !iranian {
		asked = g.expand(q.Iranian)
	}
	out := Partners{}
	for _, name := range order {
		p := byName[name]
		p.Via = slices.DeleteFunc(p.Via, func(v string) bool {
			return slices.ContainsFunc(asked, func(a peyvand.Place) bool { return a.Name == v })
		})
		out.Partners = append(out.Partners, *p)
	}
	out.Partners = g.dropCovered(out.Partners, ts, iranian)
	slices.SortStableFunc(out.Partners, func(a, b Partner) int {
		if c := b.LastSeen.Compare(a.LastSeen); c != 0 {
			return c
		}
		return cmp.Compare(a.Place.Name, b.Place.Name)
	})
	// Citations in a second pass, newest facts first, so numbers follow
	// the order the list shows.
	for i := range out.Partners {
		p := &out.Partners[i]
		p.Relations = ordered(p.Relations)
		var facts []peyvand.Fact
		for _, t := range ts {
			if otherSide(t, iranian).Name == p.Place.Name {
				facts = append(facts, t.Facts...)
			}
		}
		sortNewest(facts)
		p.Statuses = make([]peyvand.Status, len(p.Relations))
		for _, f := range facts {
			k := slices.Index(p.Relations, f.Relation)
			if k >= 0 && f.Status.Rank() > p.Statuses[k].Rank() {
				p.Statuses[k] = f.Status
			}
		}
		seen := map[string]bool{}
		for _, f := range facts {
			if !seen[f.ArticleID] {
				seen[f.ArticleID] = true
				p.Citations = append(p.Citations, c.cite(f))
			}
		}
	}
	out.Citations = c.list
	return out, nil
}

// ordered sorts relations into display order and drops RelOther when
// something more specific is known.
func ordered(rs []peyvand.Relation) []peyvand.Relation {
	var out []peyvand.Relation
	for _, r := range peyvand.Relations {
		if slices.Contains(rs, r) {
			out = append(out, r)
		}
	}
	if len(out) > 1 && out[len(out)-1] == peyvand.RelOther {
		out = out[:len(out)-1]
	}
	return out
}

func sortNewest(fs []peyvand.Fact) {
	slices.SortStableFunc(fs, func(a, b peyvand.Fact) int {
		if c := b.Date.Compare(a.Date); c != 0 {
			return c
		}
		if a.Confidence != b.Confidence {
			if a.Confidence > b.Confidence {
				return -1
			}
			return 1
		}
		return 0
	})
}

func earliest(a, b time.Time) time.Time {
	if a.IsZero() || (!b.IsZero() && b.Before(a)) {
		return b
	}
	return a
}

func latest(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

// otherSide returns the tie's Iranian place when iranian is set, else its
// foreign one.
func otherSide(t peyvand.Tie, iranian bool) peyvand.Place {
	if iranian {
		return t.Iranian
	}
	return t.Foreign
}

// dropCovered removes from a country or region what places inside it
// listed too already say, when every article naming it also names one of
// them: "روسیه" adds nothing under "مسکو" from the same report, but a joint
// chamber with Armenia is no delegation from Yerevan, so "ارمنستان" stays
// with that relation alone.
func (g *Graph) dropCovered(ps []Partner, ts []peyvand.Tie, iranian bool) []Partner {
	articles := make(map[string]map[string]bool) // partner → its articles
	for _, t := range ts {
		name := otherSide(t, iranian).Name
		if articles[name] == nil {
			articles[name] = make(map[string]bool)
		}
		for _, f := range t.Facts {
			articles[name][f.ArticleID] = true
		}
	}
	gz := g.gazetteer()
	out := make([]Partner, 0, len(ps)) // ps is read whole for every region
	for _, region := range ps {
		if region.Place.Kind == peyvand.KindCity {
			out = append(out, region)
			continue
		}
		covered := make(map[string]bool)
		var rels []peyvand.Relation
		for _, p := range ps {
			if p.Place.Name != region.Place.Name && gz.Within(p.Place, region.Place) {
				for a := range articles[p.Place.Name] {
					covered[a] = true
				}
				rels = append(rels, p.Relations...)
			}
		}
		whole := len(covered) > 0
		for a := range articles[region.Place.Name] {
			whole = whole && covered[a]
		}
		if whole {
			region = without(region, append(rels, peyvand.RelOther))
		}
		if len(region.Relations) > 0 {
			out = append(out, region)
		}
	}
	return out
}

// without is p less the relations rs (and their statuses).
func without(p Partner, rs []peyvand.Relation) Partner {
	var keep []peyvand.Relation
	var st []peyvand.Status
	for i, r := range p.Relations {
		if slices.Contains(rs, r) {
			continue
		}
		keep = append(keep, r)
		if i < len(p.Statuses) {
			st = append(st, p.Statuses[i])
		}
	}
	p.Relations, p.Statuses = keep, st
	return p
}
