package alert

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/reply"
)

// maxTieLines bounds the ties an alert lists: a long list is a roundup,
// and its headline says so. maxAlertCites and maxDigestCites bound the
// outlets cited, so an alert or a digest stays one Telegram message.
const (
	maxTieLines    = 4
	maxAlertCites  = 8
	maxDigestCites = 3
)

// Render is the alert of one event: headline, the ties (relation and
// places), the date, and every outlet that reported it, linked; with a
// button that unsubscribes the place that matched.
//
//	🔔 خواهرخواندگی: اصفهان ↔ کازان (روسیه)
//	امضای سند خواهرخواندگی اصفهان و کازان [۱][۲]
//	🗓 ۹ مهر ۱۴۰۳
//
//	منابع
//	۱. … — ایرنا، ۹ مهر ۱۴۰۳
func Render(gz *places.Gazetteer, ev Story, place string) reply.Message {
	var b strings.Builder
	b.WriteString("🔔 ")
	for i, t := range ev.Ties {
		if i == maxTieLines {
			fmt.Fprintf(&b, "\n… و %s پیوند دیگر", persian.Digits(strconv.Itoa(len(ev.Ties)-i)))
			break
		}
		if i > 0 {
			b.WriteString("\n• ")
		}
		b.WriteString(tieLine(gz, t))
	}
	b.WriteString("\n")
	b.WriteString(headline(ev))
	b.WriteString(" ")
	cites := citations(ev, 1, maxAlertCites)
	for _, c := range cites {
		b.WriteString(marker(c.N))
	}
	if more := len(ev.Reports) - len(cites); more > 0 {
		fmt.Fprintf(&b, " (و %s گزارش دیگر)", persian.Digits(strconv.Itoa(more)))
	}
	if x := storyExcerpt(ev); x != "" {
		b.WriteString("\n«" + x + "»")
	}
	if d := persian.FormatJalali(ev.Date()); d != "" {
		b.WriteString("\n🗓 ")
		b.WriteString(d)
	}
	return reply.Message{Text: b.String(), Citations: cites, Sources: true, Buttons: unsubscribeButtons([]string{place})}
}

// RenderDigest is one message of a chat's daily digest: a line per event
// with its markers, the outlets listed once beneath.
func RenderDigest(gz *places.Gazetteer, evs []Story, subPlaces []string) reply.Message {
	var b strings.Builder
	fmt.Fprintf(&b, "📰 خلاصهٔ روزانهٔ پیوند: %s خبر تازه", persian.Digits(strconv.Itoa(len(evs))))
	var cites []peyvand.Citation
	for i, ev := range evs {
		fmt.Fprintf(&b, "\n\n%s. ", persian.Digits(strconv.Itoa(i+1)))
		if len(ev.Ties) > 0 {
			b.WriteString(tieLine(gz, ev.Ties[0]))
			if len(ev.Ties) > 1 {
				fmt.Fprintf(&b, " (و %s پیوند دیگر)", persian.Digits(strconv.Itoa(len(ev.Ties)-1)))
			}
			b.WriteString("\n")
		}
		b.WriteString(headline(ev))
		if d := persian.FormatJalali(ev.Date()); d != "" {
			b.WriteString("، ")
			b.WriteString(d)
		}
		b.WriteString(" ")
		cs := citations(ev, len(cites)+1, maxDigestCites)
		for _, c := range cs {
			b.WriteString(marker(c.N))
		}
		cites = append(cites, cs...)
	}
	return reply.Message{Text: b.String(), Citations: cites, Sources: true, Buttons: unsubscribeButtons(subPlaces)}
}

// tieLine is "relation: Iranian ↔ foreign (its country)".
func tieLine(gz *places.Gazetteer, t TieKey) string {
	return t.Relation.Persian() + ": " + placeLabel(gz, t.Iranian) + " ↔ " + placeLabel(gz, t.Foreign)
}

// placeLabel names a place with its country when that is not obvious: a
// foreign city or region.
func placeLabel(gz *places.Gazetteer, name string) string {
	p := gz.Named(name)
	if p.Kind != peyvand.KindCountry && p.Country != "" && p.Country != peyvand.Iran && p.Country != p.Name {
		return p.Name + " (" + p.Country + ")"
	}
	return p.Name
}

// maxExcerptRunes keeps an alert's quoted sentence to a few lines.
const maxExcerptRunes = 280

// storyExcerpt is the first report's sentence stating the tie, shortened;
// a sentence that is the headline again is not repeated.
func storyExcerpt(ev Story) string {
	for _, r := range ev.Reports {
		x := strings.TrimSpace(r.Excerpt)
		if x == "" {
			continue
		}
		if x == strings.TrimSpace(headline(ev)) {
			return ""
		}
		return persian.Clip(x, maxExcerptRunes)
	}
	return ""
}

func headline(ev Story) string {
	for _, r := range ev.Reports {
		if t := strings.TrimSpace(r.Title); t != "" {
			return t
		}
	}
	return "پیوند تازه"
}

// citations cites the first max reports, numbered from first.
func citations(ev Story, first, max int) []peyvand.Citation {
	out := make([]peyvand.Citation, 0, min(len(ev.Reports), max))
	for i, r := range ev.Reports[:min(len(ev.Reports), max)] {
		out = append(out, peyvand.Citation{N: first + i, ArticleID: r.ArticleID, Title: r.Title,
			URL: r.URL, Date: r.Date, Source: r.Source})
	}
	return out
}

func marker(n int) string { return "[" + persian.Digits(strconv.Itoa(n)) + "]" }

// unsubscribeButtons gives each distinct place a button; Telegram refuses
// callback data over 64 bytes, so a longer name gets none.
func unsubscribeButtons(subPlaces []string) [][]reply.Button {
	var rows [][]reply.Button
	var seen []string
	for _, p := range subPlaces {
		if p == "" || slices.Contains(seen, p) {
			continue
		}
		b, ok := reply.NewButton("لغو اشتراک «"+reply.PlaceLabel(p)+"»", reply.Unsubscribe, p)
		if !ok {
			continue
		}
		seen = append(seen, p)
		rows = append(rows, []reply.Button{b})
	}
	return rows
}
