package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
)

// placeJSON is a resolved place in the JSON contracts.
type placeJSON struct {
	Name     string `json:"name"`
	English  string `json:"english,omitempty"`
	Kind     string `json:"kind"`
	Province string `json:"province,omitempty"`
	Country  string `json:"country"`
}

func toPlaceJSON(p peyvand.Place) placeJSON {
	return placeJSON{Name: p.Name, English: p.English, Kind: string(p.Kind), Province: p.Province, Country: p.Country}
}

// partnersJSON is the contract of `peyvand partners --json`.
type partnersJSON struct {
	Place    string        `json:"place"`
	Resolved placeJSON     `json:"resolved"`
	Partners []partnerJSON `json:"partners"`
}

type partnerJSON struct {
	Name      string         `json:"name"`
	English   string         `json:"english,omitempty"`
	Kind      string         `json:"kind"`
	Province  string         `json:"province,omitempty"`
	Country   string         `json:"country"`
	Via       []string       `json:"via"`
	Relations []string       `json:"relations"`
	FirstSeen string         `json:"first_seen"`
	LastSeen  string         `json:"last_seen"`
	Citations []citationJSON `json:"citations"`
	// Status is the most advanced status of the partner's ties (signed,
	// agreed, proposed, talks; "" when read before statuses were), Statuses
	// each relation's.
	Status   string            `json:"status"`
	Statuses map[string]string `json:"statuses"`
}

// statusesJSON maps each relation to its status.
func statusesJSON(rs []peyvand.Relation, st []peyvand.Status) map[string]string {
	out := make(map[string]string, len(rs))
	for i, r := range rs {
		if i < len(st) {
			out[string(r)] = string(st[i])
		}
	}
	return out
}

func relationStrings(rs []peyvand.Relation) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = string(r)
	}
	return out
}

func (m *Main) partners() error {
	svc, err := m.service()
	if err != nil {
		return err
	}
	name := m.text()
	p, ans, err := svc.Partners(name)
	if err != nil {
		return err
	}
	if m.json {
		out := partnersJSON{Place: name, Resolved: toPlaceJSON(p.Resolved), Partners: []partnerJSON{}}
		for _, pt := range p.Partners {
			out.Partners = append(out.Partners, partnerJSON{Name: pt.Place.Name, English: pt.Place.English,
				Kind: string(pt.Place.Kind), Province: pt.Place.Province, Country: pt.Place.Country,
				Via: pt.Via, Relations: relationStrings(pt.Relations), FirstSeen: isoDate(pt.FirstSeen),
				LastSeen: isoDate(pt.LastSeen), Citations: citationsJSON(pt.Citations),
				Status: string(pt.Status()), Statuses: statusesJSON(pt.Relations, pt.Statuses)})
		}
		return writeJSON(m.Stdout, out)
	}
	fmt.Fprintln(m.Stdout, reply.ShowMarkers(ans.Text, false))
	printSources(m.Stdout, "منابع:", ans.Citations, false)
	return nil
}

// briefJSON is the contract of `peyvand brief --json`.
type briefJSON struct {
	Place          string         `json:"place"`
	Resolved       placeJSON      `json:"resolved"`
	Since          string         `json:"since"`
	Mode           string         `json:"mode"`
	FallbackReason string         `json:"fallback_reason,omitempty"`
	Text           string         `json:"text"`
	Groups         []groupJSON    `json:"groups"`
	Citations      []citationJSON `json:"citations"`
}

type groupJSON struct {
	Name   string      `json:"name"`
	Events []eventJSON `json:"events"`
}

type eventJSON struct {
	Date      string   `json:"date"`
	Iranian   string   `json:"iranian"`
	Foreign   string   `json:"foreign"`
	Relations []string `json:"relations"`
	Status    string   `json:"status"`
	Evidence  string   `json:"evidence"`
	Citation  int      `json:"citation"`
}

func (m *Main) brief(ctx context.Context, since time.Time) error {
	svc, err := m.service()
	if err != nil {
		return err
	}
	name := m.text()
	b, ans, err := svc.Brief(ctx, name, since)
	if err != nil {
		return err
	}
	if m.json {
		out := briefJSON{Place: name, Resolved: toPlaceJSON(b.Resolved), Since: isoDate(since), Mode: ans.Mode,
			FallbackReason: ans.FallbackReason, Text: ans.Text, Groups: []groupJSON{}, Citations: citationsJSON(b.Citations)}
		for _, g := range b.Groups {
			gj := groupJSON{Name: g.Name}
			for _, e := range g.Events {
				gj.Events = append(gj.Events, eventJSON{Date: isoDate(e.Date), Iranian: e.Iranian.Name,
					Foreign: e.Foreign.Name, Relations: relationStrings(e.Relations), Status: string(e.Status),
					Evidence: e.Evidence, Citation: e.Citation.N})
			}
			out.Groups = append(out.Groups, gj)
		}
		return writeJSON(m.Stdout, out)
	}
	fmt.Fprintln(m.Stdout, reply.ShowMarkers(ans.Text, false))
	printSources(m.Stdout, "منابع:", ans.Citations, false)
	return nil
}

// sinceTime reads --since: 90d, 12w, 6mo, 1y, "۳ ماه" or a Go duration such
// as 720h (see chat.ParsePeriod); empty means all time.
func sinceTime(s string, now time.Time) (time.Time, error) {
	if strings.TrimSpace(s) == "" {
		return time.Time{}, nil
	}
	t, ok := persian.ParsePeriod(s, now)
	if !ok {
		return time.Time{}, peyvand.Errorf(peyvand.EInvalid, "--since باید دوره‌ای مانند 90d، 12w، 6mo یا 1y باشد، نه «%s».", s)
	}
	return t, nil
}
