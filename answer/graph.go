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
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/ties"
)

// graphQuery is the ties query of a partner question, and whether the
// partners listed are Iranian (the question asked about a foreign place).
// A filter («کدام شهر روسیه») is the listed side's place: the ties of
// Tabriz with places in Russia.
func graphQuery(q question.Question) (gq ties.Query, listIranian bool) {
	gq.Relations = q.Relations
	for _, r := range q.Iranian {
		gq.Iranian = append(gq.Iranian, r.Place)
	}
	for _, r := range q.Foreign {
		gq.Foreign = append(gq.Foreign, r.Place)
	}
	listIranian = len(gq.Iranian) == 0
	switch w := q.Within; {
	case w == nil:
	case w.Iranian():
		gq.Iranian, listIranian = []peyvand.Place{*w}, true
	case len(gq.Iranian) > 0:
		gq.Foreign = []peyvand.Place{*w}
	}
	return gq, listIranian
}

// partnersOf answers a partner question from the graph. ok is false when
// the graph has no partner that fits, and passages should answer.
// A list of one partner becomes the question's Focus: what «این
// تفاهم‌نامه» in the next message points at.
func (s *Service) partnersOf(q *question.Question) (ans peyvand.Answer, ok bool, err error) {
	if s.Graph == nil || len(q.Iranian)+len(q.Foreign) == 0 {
		return ans, false, nil
	}
	gq, listIranian := graphQuery(*q)
	p, err := s.Graph.PartnersOf(gq, listIranian)
	if err != nil || len(p.Partners) == 0 {
		return ans, false, err
	}
	if len(p.Partners) == 1 {
		q.Focus = []question.Ref{{Place: p.Partners[0].Place}}
	}
	subj := subjectOfQuestion(*q, listIranian)
	return partnersAnswer(p, subj, listIranian, q.English), true, nil
}

// briefOf answers a pair or briefing question from the graph: the events
// of the places named, both sides when both are.
func (s *Service) briefOf(q question.Question) (ans peyvand.Answer, ok bool, err error) {
	if s.Graph == nil || len(q.Iranian)+len(q.Foreign) == 0 {
		return ans, false, nil
	}
	gq, byIranian := graphQuery(q)
	if q.Intent == question.Pair && len(gq.Foreign) > 0 {
		gq.AlsoIranian = provincesOf(gq.Iranian)
		if len(gq.Iranian) > 0 {
			gq.AlsoForeign = regionsOf(gq.Foreign)
		}
	}
	if q.Intent == question.Brief {
		// A briefing covers every kind of tie; one asked of a kind
		// («investment, shipping, exports») gets that kind's figures as
		// details (Service.answer), not a list cut to the kinds read.
		gq.Relations = nil
	}
	b, err := s.Graph.BriefOf(gq, byIranian)
	if err != nil || len(b.Groups) == 0 {
		return ans, false, err
	}
	// A pair question asks what the two have: its lines quote the reports.
	return briefAnswer(b, subjectOfQuestion(q, false), q.English, q.Intent == question.Pair), true, nil
}

// provincesOf are the provinces the Iranian capital cities among ps
// govern: a pair question «مشهد و هرات» also means what «استان خراسان
// رضوی» did with Herat, as the news name the governor's province. Only the
// province itself is added, not its other cities, and its lines name it,
// so nothing is credited to the city.
func provincesOf(ps []peyvand.Place) []peyvand.Place {
	var out []peyvand.Place
	for _, p := range ps {
		if pr, ok := places.Default().CapitalOf(p); ok && pr.Iranian() && pr.Kind == peyvand.KindProvince {
			out = append(out, pr)
		}
	}
	return out
}

// regionsOf are the regions or countries whose capitals the foreign
// cities among ps are: «ایروان» stands for Armenia as «رشت» for Gilan.
func regionsOf(ps []peyvand.Place) []peyvand.Place {
	var out []peyvand.Place
	for _, p := range ps {
		if r, ok := places.Default().CapitalOf(p); ok && !r.Iranian() {
			out = append(out, r)
		}
	}
	return out
}

// subjectOfQuestion names what a question is about: both sides of a pair,
// else the side asked about, in English when the question was.
func subjectOfQuestion(q question.Question, listIranian bool) string {
	refs := q.Iranian
	if listIranian || len(refs) == 0 {
		refs = q.Foreign
	}
	if q.Intent == question.Pair || q.Intent == question.Brief {
		refs = q.Places()
	}
	var names []string
	for _, r := range refs {
		names = append(names, placeName(r.Place, q.English))
	}
	sep := " و "
	if q.English {
		sep = " and "
	}
	out := strings.Join(names, sep)
	if q.Within != nil {
		if q.English {
			out += " (in " + placeName(*q.Within, true) + ")"
		} else {
			out += " (در " + q.Within.Name + ")"
		}
	}
	return out
}

// markers writes the [n] markers of citations.
func markers(cs []peyvand.Citation) string {
	var b strings.Builder
	for _, c := range cs {
		b.WriteString("[" + strconv.Itoa(c.N) + "]")
	}
	return b.String()
}

// relationsText lists relations, in English or Persian.
func relationsText(rs []peyvand.Relation, en bool) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = relationName(r, en)
	}
	return strings.Join(out, listSep(en))
}

// relationsWithStatus lists relations, each with its status when one is
// known: «خواهرخواندگی (قطعی)، هیئت تجاری (پیشنهادی)».
func relationsWithStatus(rs []peyvand.Relation, st []peyvand.Status, en bool) string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = relationName(r, en)
		if i < len(st) {
			if name := statusName(st[i], en); name != "" {
				out[i] += " (" + name + ")"
			}
		}
	}
	return strings.Join(out, listSep(en))
}

// PartnersAnswer writes a partner list as a Persian answer: one line per
// partner with its country, the kind of tie and its status, when it was
// last reported, and the markers of its sources. listIranian says the
// partners are Iranian places (the question named a foreign one), so each
// line also names the foreign places they are tied to.
func PartnersAnswer(p ties.Partners, about string, listIranian bool) peyvand.Answer {
	return Renumber(partnersAnswer(p, about, listIranian, false))
}

func partnersAnswer(p ties.Partners, about string, listIranian, en bool) peyvand.Answer {
	ans := peyvand.Answer{Mode: peyvand.ModeGraph}
	used := map[int]bool{}
	var b strings.Builder
	if about == "" {
		about = placeName(p.Resolved, en)
	}
	n := len(p.Partners)
	switch {
	case en && listIranian:
		fmt.Fprintf(&b, "Iranian cities and provinces tied to %s in the news (%d):\n", about, n)
	case en:
		fmt.Fprintf(&b, "Foreign ties of %s in the news (%d):\n", about, n)
	case listIranian:
		fmt.Fprintf(&b, "پیوندهای %s با شهرها و استان‌های ایران در خبرها (%s مورد):\n", about, persian.Digits(strconv.Itoa(n)))
	default:
		fmt.Fprintf(&b, "پیوندهای خارجی %s در خبرها (%s مورد):\n", about, persian.Digits(strconv.Itoa(n)))
	}
	for _, pt := range p.Partners {
		b.WriteString("- " + placeName(pt.Place, en))
		if en && pt.Place.English != "" {
			b.WriteString(" «" + pt.Place.Name + "»") // as the cited reports write it
		}
		if where := whereOf(pt.Place); len(where) > 0 {
			names := make([]string, len(where))
			for i, w := range where {
				names[i] = placeName(places.Default().Named(w), en)
			}
			b.WriteString(" (" + strings.Join(names, listSep(en)) + ")")
		}
		if len(pt.Via) > 0 && (listIranian || len(pt.Via) > 1) {
			via := make([]string, len(pt.Via))
			for i, v := range pt.Via {
				via[i] = placeName(places.Default().Named(v), en)
			}
			if en {
				b.WriteString(" with " + strings.Join(via, ", "))
			} else {
				b.WriteString(" با " + strings.Join(via, "، "))
			}
		}
		b.WriteString(": " + relationsWithStatus(pt.Relations, pt.Statuses, en))
		if d := dateText(pt.LastSeen, en); d != "" {
			if en {
				b.WriteString("; latest report " + d)
			} else {
				b.WriteString("؛ آخرین خبر " + d)
			}
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

// Listing limits: a partner line cites its newest MaxMarkers reports; a
// briefing shows MaxBriefLines partner lines, newest first, so that it fits
// one phone screen. The full lists stay in the JSON of partners and brief.
const (
	MaxMarkers    = 3
	MaxBriefLines = 12
)

// whereOf is where a partner lies: its province for an Iranian city; a
// foreign city's region and country ("ماخاچ‌قلعه (داغستان، روسیه)": a
// report may name the region, and a user may ask for it), or its country.
func whereOf(p peyvand.Place) []string {
	switch {
	case p.Kind == peyvand.KindCountry:
		return nil
	case p.Iranian():
		if p.Province == "" {
			return nil
		}
		return []string{p.Province}
	case p.Country == "":
		return nil
	case p.Province != "" && p.Province != p.Country && p.Province != p.Name:
		return []string{p.Province, p.Country}
	}
	return []string{p.Country}
}

// BriefAnswer writes a briefing as a Persian answer: a heading per group
// (partner country, or Iranian province), then one line per pair of
// places (relations, how far they came, the latest date, the newest
// sources), newest first. No report's sentence is quoted: one sentence
// often states several ties, and the lines stay short. Undated events a
// period left out are counted, not dropped silently.
func BriefAnswer(br ties.Briefing, about string) peyvand.Answer {
	return briefAnswer(br, about, false, false)
}

// briefLine is one pair of places in a briefing, its events merged.
type briefLine struct {
	iranian, foreign peyvand.Place
	relations        []peyvand.Relation
	status           peyvand.Status   // the most advanced of its events'
	statuses         []peyvand.Status // of each of relations, when the events differ; else nil
	latest           time.Time
	cites            []int // newest first
}

// briefLines merges a group's events (newest first) by pair of places.
func briefLines(g ties.Group) []briefLine {
	var out []briefLine
	at := map[[2]string]int{}
	for _, e := range g.Events {
		k := [2]string{e.Iranian.Name, e.Foreign.Name}
		i, ok := at[k]
		if !ok {
			i = len(out)
			at[k] = i
			out = append(out, briefLine{iranian: e.Iranian, foreign: e.Foreign, latest: e.Date})
		}
		l := &out[i]
		for _, r := range e.Relations {
			k := slices.Index(l.relations, r)
			if k < 0 {
				l.relations = append(l.relations, r)
				l.statuses = append(l.statuses, e.Status)
			} else if e.Status.Rank() > l.statuses[k].Rank() {
				l.statuses[k] = e.Status
			}
		}
		if e.Status.Rank() > l.status.Rank() {
			l.status = e.Status
		}
		if !slices.Contains(l.cites, e.Citation.N) {
			l.cites = append(l.cites, e.Citation.N)
		}
	}
	return out
}

// briefAnswer writes a briefing. With quote, for the few events of one
// pair, each event is a dated line with the sentence it was read from,
// each sentence shown once.
func briefAnswer(br ties.Briefing, about string, en, quote bool) peyvand.Answer {
	ans := peyvand.Answer{Mode: peyvand.ModeGraph}
	used := map[int]bool{}
	if about == "" {
		about = placeName(br.Resolved, en)
	}
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "Foreign ties of %s in the news", about)
		if d := dateText(br.Since, true); d != "" {
			fmt.Fprintf(&b, " since %s", d)
		}
	} else {
		fmt.Fprintf(&b, "گزارش پیوندهای خارجی %s", about)
		if d := persian.FormatJalali(br.Since); d != "" {
			fmt.Fprintf(&b, " از %s", d)
		}
	}
	b.WriteString(":\n")
	if quote {
		writeQuotedEvents(&b, br, en, used)
	}
	groups := make([][]briefLine, len(br.Groups))
	total := 0
	for i, g := range br.Groups {
		if !quote { // quoted, the events are written already
			groups[i] = briefLines(g)
			total += len(groups[i])
		}
	}
	shown := 0
	for gi, g := range br.Groups {
		lines := groups[gi]
		if len(lines) == 0 {
			continue
		}
		// Stop at the screen's worth, but never to hide a single line.
		if shown >= MaxBriefLines && total-shown > 1 {
			break
		}
		b.WriteString("\n" + placeName(places.Default().Named(g.Name), en) + ":\n")
		for _, l := range lines {
			if shown >= MaxBriefLines && total-shown > 1 {
				break
			}
			shown++
			b.WriteString(briefLineText(l, en, used) + "\n")
		}
	}
	// The commands name the place resolved, not the heading's wording.
	place := br.Resolved.Name
	if rest := total - shown; rest > 0 {
		switch {
		case en:
			fmt.Fprintf(&b, "\n(and %d more pairs: /partners for the full list)\n", rest)
		case place != "":
			fmt.Fprintf(&b, "\n(و %s پیوند دیگر؛ فهرست کامل: /partners %s)\n", persian.Digits(strconv.Itoa(rest)), place)
		default:
			fmt.Fprintf(&b, "\n(و %s پیوند دیگر)\n", persian.Digits(strconv.Itoa(rest)))
		}
	}
	if br.Undated > 0 {
		if en {
			fmt.Fprintf(&b, "\n%d undated reports are outside the period; without a period the brief shows them.\n", br.Undated)
		} else {
			fmt.Fprintf(&b, "\n%s خبر بی‌تاریخ در این دوره نیامد؛ گزارش بی‌دوره آن‌ها را هم نشان می‌دهد: /brief %s\n",
				persian.Digits(strconv.Itoa(br.Undated)), place)
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

// writeQuotedEvents writes each event of a briefing, newest first, as a
// dated line quoting its report; a sentence already quoted is not repeated.
func writeQuotedEvents(b *strings.Builder, br ties.Briefing, en bool, used map[int]bool) {
	quoted := map[string]bool{}
	total, shown := 0, 0
	for _, g := range br.Groups {
		total += len(g.Events)
	}
	for _, g := range br.Groups {
		if shown >= MaxBriefLines && total-shown > 1 {
			break
		}
		b.WriteString("\n" + placeName(places.Default().Named(g.Name), en) + ":\n")
		for _, e := range g.Events {
			if shown >= MaxBriefLines && total-shown > 1 {
				break
			}
			shown++
			used[e.Citation.N] = true
			l := briefLine{iranian: e.Iranian, foreign: e.Foreign, relations: e.Relations, status: e.Status, latest: e.Date}
			line := strings.TrimSuffix(briefLineText(l, en, map[int]bool{}), " ")
			sentence := strings.TrimRight(e.Evidence, ".۔ ")
			if sentence != "" && !quoted[sentence] {
				quoted[sentence] = true
				line += ": " + sentence
			}
			b.WriteString(line + " [" + strconv.Itoa(e.Citation.N) + "]\n")
		}
	}
	if rest := total - shown; rest > 0 {
		if en {
			fmt.Fprintf(b, "\n(and %d more reports)\n", rest)
		} else {
			fmt.Fprintf(b, "\n(و %s خبر دیگر)\n", persian.Digits(strconv.Itoa(rest)))
		}
	}
}

// briefLineText writes one briefing line: "- اصفهان و مسکو: تفاهم‌نامه،
// هیئت تجاری (قطعی) — ۹ مهر ۱۴۰۳ [1][2]".
func briefLineText(l briefLine, en bool, used map[int]bool) string {
	and := " و "
	if en {
		and = " and "
	}
	order := make([]int, len(l.relations))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int {
		return slices.Index(peyvand.Relations, l.relations[a]) - slices.Index(peyvand.Relations, l.relations[b])
	})
	rs := make([]peyvand.Relation, len(order))
	for i, k := range order {
		rs[i] = l.relations[k]
	}
	var rel string
	if differ(l.statuses) {
		// «خواهرخواندگی (پیشنهادی)، تفاهم‌نامه (قطعی)»: a memorandum signed
		// does not make the twinning on the agenda signed too.
		st := make([]peyvand.Status, len(order))
		for i, k := range order {
			st[i] = l.statuses[k]
		}
		rel = relationsWithStatus(rs, st, en)
	} else {
		rel = relationsText(rs, en)
		if st := statusName(l.status, en); st != "" {
			rel += " (" + st + ")"
		}
	}
	d := dateText(l.latest, en)
	if d == "" {
		d = map[bool]string{false: "بی‌تاریخ", true: "undated"}[en]
	}
	var m strings.Builder
	for i, n := range l.cites {
		if i == MaxMarkers {
			break
		}
		used[n] = true
		m.WriteString("[" + strconv.Itoa(n) + "]")
	}
	return fmt.Sprintf("- %s%s%s: %s — %s %s", briefPlace(l.iranian, en), and, briefPlace(l.foreign, en), rel, d, m.String())
}

// differ reports whether the statuses are not all the same.
func differ(st []peyvand.Status) bool {
	return slices.ContainsFunc(st, func(s peyvand.Status) bool { return s != st[0] })
}

// briefPlace names a place in a briefing line; in English with its Persian
// name too, as the cited reports write it.
func briefPlace(p peyvand.Place, en bool) string {
	if en && p.English != "" {
		return placeName(p, true) + " «" + p.Name + "»"
	}
	return placeName(p, en)
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
			if b.Undated > 0 {
				text += fmt.Sprintf(" %s خبر بی‌تاریخ هست که دوره‌ای برایش نمی‌دانم؛ گزارش بی‌دوره آن‌ها را نشان می‌دهد: /brief %s",
					persian.Digits(strconv.Itoa(b.Undated)), b.Resolved.Name)
			}
		}
		return b, peyvand.Answer{Question: name, Mode: peyvand.ModeGraph, Abstained: true, Text: text}, nil
	}
	listed := BriefAnswer(b, b.Resolved.Name)
	listed.Question = name
	if llm, ok := s.Composer.(*LLM); ok {
		ans, err := llm.Brief(ctx, b, listed)
		ans = renumberBrief(&b, ans)
		return b, ans, err
	}
	listed = renumberBrief(&b, listed)
	return b, listed, nil
}
