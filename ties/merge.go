package ties

import (
	"sort"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
)

// Merge merges facts, typically from many articles, into one Tie per
// (Iranian, foreign) pair: its relations deduplicated in display order
// (RelOther only when nothing more specific was read), its status the most
// advanced of its facts', first and last seen
// from the facts' dates, and the facts kept, newest first, as its citations.
// A fact repeated (same article, passage and relation) is kept once. Ties
// come sorted by the Iranian place's name (byte order), then by last seen
// (newest first), then by the foreign place's name. g may be nil for
// Default(); it resolves the canonical names, and a name it does not know
// becomes a Place with only its name (and Country "ایران" on the Iranian
// side).
func Merge(g *places.Gazetteer, facts []peyvand.Fact) []peyvand.Tie {
	if g == nil {
		g = places.Default()
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
				fo = peyvand.Place{Name: f.Foreign, Country: f.ForeignCountry}
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
		if f.Status.Rank() > t.Status.Rank() {
			t.Status = f.Status
		}
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
