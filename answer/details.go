package answer

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/ties"
)

// maxDetailRunes bounds the quoted sentence of a details line, so that a
// page of them stays one message.
const maxDetailRunes = 220

// BriefEvents counts a briefing's events: what BriefDetails pages through.
func BriefEvents(br ties.Briefing) int {
	n := 0
	for _, g := range br.Groups {
		n += len(g.Events)
	}
	return n
}

// BriefDetails is a page of a briefing's full list: every event from
// offset on, at most size of them, in the briefing's order (partner
// groups newest first, their events newest first), each a dated line
// with its pair, relations and status and the sentence it was read from,
// a sentence already shown on the page not repeated. The answer's
// citations are the page's, numbered 1..n.
func BriefDetails(br ties.Briefing, about string, offset, size int) peyvand.Answer {
	ans := peyvand.Answer{Mode: peyvand.ModeGraph}
	if about == "" {
		about = placeName(br.Resolved, false)
	}
	total := BriefEvents(br)
	end := min(offset+size, total)
	var b strings.Builder
	fmt.Fprintf(&b, "جزئیات پیوندهای خارجی %s، %s تا %s از %s مورد:\n", about,
		persian.Digits(strconv.Itoa(offset+1)), persian.Digits(strconv.Itoa(end)), persian.Digits(strconv.Itoa(total)))
	quoted := map[string]bool{}
	cited := map[int]bool{}
	i := 0
	for _, g := range br.Groups {
		for _, e := range g.Events {
			if i >= offset && i < end {
				b.WriteString(detailLine(e, quoted) + "\n")
				cited[e.Citation.N] = true
			}
			i++
		}
	}
	ans.Text = strings.TrimRight(b.String(), "\n")
	for _, c := range br.Citations {
		if cited[c.N] {
			ans.Citations = append(ans.Citations, c)
		}
	}
	return Renumber(ans)
}

// detailLine is "- ۹ مهر ۱۴۰۳ — اصفهان و کازان: خواهرخواندگی (قطعی):
// «…» [1]".
func detailLine(e ties.Event, quoted map[string]bool) string {
	l := briefLine{iranian: e.Iranian, foreign: e.Foreign, relations: e.Relations, status: e.Status, latest: e.Date}
	line := strings.TrimSpace(briefLineText(l, false, map[int]bool{}))
	if s := strings.TrimRight(strings.TrimSpace(e.Evidence), ".۔ "); s != "" && !quoted[s] {
		quoted[s] = true
		line += ": «" + persian.Clip(s, maxDetailRunes) + "»"
	}
	return line + " [" + strconv.Itoa(e.Citation.N) + "]"
}
