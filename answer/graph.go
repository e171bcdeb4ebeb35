package answer

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/ties"
)

// Question shapes the ties graph answers.
const (
	shapeNone    = iota
	shapeList    // "کدام شهرها با X …", "خواهرخوانده‌های X", "شرکای X"
	shapeSummary // "خلاصه همکاری‌های X", "جمع‌بندی …"
)

// listCues mark a question that asks for a list of places.
var listCues = []string{"کدامند", "کدام‌اند", "شرکا", "شرکای", "شریک", "شریکان", "خواهرخوانده‌های", "خواهرخوانده‌ها",
	"کدام شهر", "کدام شهرها", "کدام شهرهای", "کدام کشور", "کدام کشورها", "کدام کشورهای",
	"کدام استان", "کدام استان‌ها", "کدام استان‌های", "کدام منطقه", "کدام مناطق",
	"کدام ولایت", "کدام ولایت‌ها", "کدام ولایت‌های", "کدام ایالت", "کدام ایالت‌ها", "کدام ایالت‌های",
	"چه شهرهایی", "چه استان‌هایی", "چه کشورهایی", "چه مناطقی", "چه ولایت‌هایی"}

// summaryCues mark a request for a briefing.
var summaryCues = []string{"خلاصه", "جمع‌بندی", "جمعبندی", "گزارش", "مرور", "چه همکاری‌هایی", "چه ارتباطاتی", "چه روابطی"}

// suffixes are written joined, with a half-space or with a space; compact
// joins them so that all three compare equal.
var suffixes = map[string]bool{"ها": true, "های": true, "هایی": true, "ای": true, "اند": true, "ی": true}

// compact is a text's words in match form, a plural or copula suffix
// joined to its word, between single spaces.
func compact(s string) string {
	var out []string
	for _, w := range persian.Words(persian.Normalize(s)) {
		if suffixes[w] && len(out) > 0 {
			out[len(out)-1] += w
			continue
		}
		out = append(out, w)
	}
	return " " + strings.Join(out, " ") + " "
}

// shapeOf classifies a question by its words.
func shapeOf(q string) int {
	text := compact(q)
	has := func(cues []string) bool {
		return slices.ContainsFunc(cues, func(c string) bool { return strings.Contains(text, compact(c)) })
	}
	switch {
	case has(summaryCues):
		return shapeSummary
	case has(listCues):
		return shapeList
	}
	return shapeNone
}

// relationCues map a question's words to the relation it asks about.
var relationCues = []struct {
	prefix string
	rel    peyvand.Relation
}{
	{"خواهرخوانده", peyvand.RelSisterCity},
	{"خواهرخواندگی", peyvand.RelSisterCity},
	{"تفاهم", peyvand.RelMOU},
	{"هیئت", peyvand.RelTradeDelegation},
	{"هیات", peyvand.RelTradeDelegation},
	{"نمایشگاه", peyvand.RelExhibition},
	{"دفتر", peyvand.RelTradeOffice},
}

// relationsOf returns the relations a question names, if any.
func relationsOf(q string) []peyvand.Relation {
	var out []peyvand.Relation
	for _, w := range persian.Words(persian.Normalize(q)) {
		for _, c := range relationCues {
			if strings.HasPrefix(w, persian.Normalize(c.prefix)) && !slices.Contains(out, c.rel) {
				out = append(out, c.rel)
			}
		}
	}
	return out
}

// graphQuery turns a question's places into a ties query: Iranian places on
// one side, foreign ones on the other, Iran itself ignored (every tie has
// it). ok is false when no place remains.
func (s *Service) graphQuery(places []PlaceRef) (q ties.Query, ok bool) {
	for _, ref := range places {
		p, known := s.Graph.Places.Place(ref.Name)
		if !known || p.Name == peyvand.Iran {
			continue
		}
		if p.Iranian() {
			q.Iranian = append(q.Iranian, p)
		} else {
			q.Foreign = append(q.Foreign, p)
		}
	}
	return q, len(q.Iranian)+len(q.Foreign) > 0
}

// fromGraph answers a list or summary question from the ties graph. ok is
// false when the question is not of that shape or the graph knows nothing
// that fits, and retrieval should answer instead.
func (s *Service) fromGraph(q string, places []PlaceRef) (ans peyvand.Answer, ok bool, err error) {
	shape := shapeOf(q)
	if s.Graph == nil || shape == shapeNone {
		return ans, false, nil
	}
	gq, ok := s.graphQuery(places)
	if !ok {
		return ans, false, nil
	}
	listIranian := len(gq.Iranian) == 0 // asked about foreign places: list the Iranian side
	if shape == shapeSummary {
		b, err := s.Graph.BriefOf(gq, listIranian)
		if err != nil || len(b.Groups) == 0 {
			return ans, false, err
		}
		ans = BriefAnswer(b, subject(places))
		ans.Question = q
		return ans, true, nil
	}
	gq.Relations = relationsOf(q)
	p, err := s.Graph.PartnersOf(gq, listIranian)
	if err != nil || len(p.Partners) == 0 {
		return ans, false, err
	}
	ans = PartnersAnswer(p, subject(places), listIranian)
	ans.Question = q
	return ans, true, nil
}

// subject names what a question is about, for an answer's first line.
func subject(places []PlaceRef) string {
	var names []string
	for _, p := range places {
		if p.Name != peyvand.Iran {
			names = append(names, p.Name)
		}
	}
	return strings.Join(names, " و ")
}

// markers writes the [n] markers of citations.
func markers(cs []peyvand.Citation) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("[" + strconv.Itoa(c.N) + "]")
	}
	return b.String()
}

// relationsText lists relations in Persian.
func relationsText(rs []peyvand.Relation) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Persian()
	}
	return strings.Join(out, "، ")
}

// relationsWithStatus lists relations in Persian, each with its status
// when one is known: «خواهرخواندگی (قطعی)، هیئت تجاری (پیشنهادی)».
func relationsWithStatus(rs []peyvand.Relation, st []peyvand.Status) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Persian()
		if i < len(st) && st[i].Persian() != "" {
			out[i] += " (" + st[i].Persian() + ")"
		}
	}
	return strings.Join(out, "، ")
}

// PartnersAnswer writes a partner list as an answer: one line per partner
// with its country, the kind of tie and its status, when it was last reported, and the
// markers of its sources. listIranian says the partners are Iranian places
// (the question named a foreign one), so each line also names the foreign
// places they are tied to.
func PartnersAnswer(p ties.Partners, about string, listIranian bool) peyvand.Answer {
	ans := peyvand.Answer{Mode: peyvand.ModeGraph}
	used := map[int]bool{}
	var b strings.Builder
	if about == "" {
		about = p.Resolved.Name
	}
	count := persian.Digits(strconv.Itoa(len(p.Partners)))
	if listIranian {
		fmt.Fprintf(&b, "پیوندهای %s با شهرها و استان‌های ایران در خبرها (%s مورد):\n", about, count)
	} else {
		fmt.Fprintf(&b, "پیوندهای خارجی %s در خبرها (%s مورد):\n", about, count)
	}
	for _, pt := range p.Partners {
		b.WriteString("- " + pt.Place.Name)
		if where := whereOf(pt.Place); where != "" {
			b.WriteString(" (" + where + ")")
		}
		if len(pt.Via) > 0 && (listIranian || len(pt.Via) > 1) {
			b.WriteString(" با " + strings.Join(pt.Via, "، "))
		}
		b.WriteString(": " + relationsWithStatus(pt.Relations, pt.Statuses))
		if d := persian.FormatJalali(pt.LastSeen); d != "" {
			b.WriteString("؛ آخرین خبر " + d)
		}
		cs := pt.Citations[:min(len(pt.Citations), MaxMarkers)]
		for _, c := range cs {
			used[c.N] = true
		}
		b.WriteString(" " + markers(cs) + "\n")
	}
	ans.Text = strings.TrimRight(b.String(), "\n")
	for _, c := range p.Citations {
		if used[c.N] {
			ans.Citations = append(ans.Citations, c)
		}
	}
	return ans
}

// Listing limits: a partner line cites its newest MaxMarkers reports, a
// briefing shows the newest MaxEvents events of each group. The full lists
// stay in the JSON of partners and brief.
const (
	MaxMarkers = 3
	MaxEvents  = 5
)

// whereOf is a place's country, or its province for an Iranian city.
func whereOf(p peyvand.Place) string {
	switch {
	case p.Kind == peyvand.KindCountry:
		return ""
	case p.Iranian():
		return p.Province
	}
	return p.Country
}

// BriefAnswer writes a briefing as an answer: a heading per group (partner
// country, or Iranian province), then one dated line per event, newest
// first, each ending with its source's marker.
func BriefAnswer(br ties.Briefing, about string) peyvand.Answer {
	ans := peyvand.Answer{Mode: peyvand.ModeGraph}
	used := map[int]bool{}
	if about == "" {
		about = br.Resolved.Name
	}
	var b strings.Builder
	fmt.Fprintf(&b, "گزارش پیوندهای خارجی %s", about)
	if d := persian.FormatJalali(br.Since); d != "" {
		fmt.Fprintf(&b, " از %s", d)
	}
	b.WriteString(":\n")
	for _, g := range br.Groups {
		b.WriteString("\n" + g.Name + ":\n")
		for i, e := range g.Events {
			if i == MaxEvents {
				fmt.Fprintf(&b, "(و %s رویداد دیگر)\n", persian.Digits(strconv.Itoa(len(g.Events)-MaxEvents)))
				break
			}
			used[e.Citation.N] = true
			d := persian.FormatJalali(e.Date)
			if d == "" {
				d = "بی‌تاریخ"
			}
			rel := relationsText(e.Relations)
			if st := e.Status.Persian(); st != "" {
				rel += " (" + st + ")"
			}
			fmt.Fprintf(&b, "- %s: %s و %s، %s: %s [%d]\n", d, e.Iranian.Name, e.Foreign.Name,
				rel, strings.TrimRight(e.Evidence, ".۔ "), e.Citation.N)
		}
	}
	ans.Text = strings.TrimRight(b.String(), "\n")
	for _, c := range br.Citations {
		if used[c.N] {
			ans.Citations = append(ans.Citations, c)
		}
	}
	return ans
}

// Partners lists a place's partners (see ties.Graph.Partners) as an answer.
func (s *Service) Partners(name string) (ties.Partners, peyvand.Answer, error) {
	if s.Graph == nil {
		return ties.Partners{}, peyvand.Answer{}, peyvand.Errorf(peyvand.EUnavailable, "فهرست پیوندها در دسترس نیست.")
	}
	p, err := s.Graph.Partners(name)
	if err != nil {
		return p, peyvand.Answer{}, err
	}
	if len(p.Partners) == 0 {
		return p, peyvand.Answer{Question: name, Mode: peyvand.ModeGraph, Abstained: true,
			Text: fmt.Sprintf("در خبرهایی که دارم پیوند خارجی‌ای برای %s نیافتم.", p.Resolved.Name)}, nil
	}
	ans := PartnersAnswer(p, p.Resolved.Name, !p.Resolved.Iranian() && p.Resolved.Name != peyvand.Iran)
	ans.Question = name
	return p, ans, nil
}

// Brief summarises a place's ties since a time (zero for all): written by
// the model when the service's composer is an LLM (and checked like any
// answer), else listed from the graph.
func (s *Service) Brief(ctx context.Context, name string, since time.Time) (ties.Briefing, peyvand.Answer, error) {
	if s.Graph == nil {
		return ties.Briefing{}, peyvand.Answer{}, peyvand.Errorf(peyvand.EUnavailable, "گزارش پیوندها در دسترس نیست.")
	}
	b, err := s.Graph.Brief(name, since)
	if err != nil {
		return b, peyvand.Answer{}, err
	}
	if len(b.Groups) == 0 {
		text := fmt.Sprintf("در خبرهایی که دارم پیوند خارجی‌ای برای %s نیافتم.", b.Resolved.Name)
		if !since.IsZero() {
			text = fmt.Sprintf("از %s به این سو خبری از پیوندهای خارجی %s ندارم.", persian.FormatJalali(since), b.Resolved.Name)
		}
		return b, peyvand.Answer{Question: name, Mode: peyvand.ModeGraph, Abstained: true, Text: text}, nil
	}
	listed := BriefAnswer(b, b.Resolved.Name)
	listed.Question = name
	if llm, ok := s.Composer.(*LLM); ok {
		ans, err := llm.Brief(ctx, b, listed)
		return b, ans, err
	}
	return b, listed, nil
}
