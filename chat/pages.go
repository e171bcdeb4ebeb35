package chat

import (
	"cmp"
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/question"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/ties"
)

// detailsPageSize is how many events a page of a brief's details shows:
// each quotes its sentence, so fewer than a partner page.
const detailsPageSize = 6

func (c *Core) pageSize() int { return cmp.Or(c.PageSize, 10) }

// partners lists a place's partners, a page at a time, with a link that
// opens the same list for whoever it is shared with.
func (c *Core) partners(chatID int64, name, bot string) []reply.Message {
	t, msg, ok := c.partnersTurn(chatID, name, bot)
	if !ok {
		return []reply.Message{msg}
	}
	return []reply.Message{c.partnersPage(t, 0)}
}

// partnersTurn makes the turn of a partner list; when there is nothing to
// page it returns the reply to send instead.
func (c *Core) partnersTurn(chatID int64, name, bot string) (*turn, reply.Message, bool) {
	p, ans, err := c.Service.Partners(name)
	if err != nil {
		return nil, c.failed(err, "partners"), false
	}
	if len(p.Partners) == 0 {
		return nil, reply.Message{Text: ans.Text}, false
	}
	return c.remember(chatID, partnersTurnOf(p, ans, name, bot), asked(question.Partners, p.Resolved)), reply.Message{}, true
}

// partnersTurnOf is the turn of a place's partner list, not remembered
// yet (an inline result never is).
func partnersTurnOf(p ties.Partners, ans peyvand.Answer, name, bot string) *turn {
	return &turn{question: "/partners " + name, ans: ans, partners: &p, about: p.Resolved.Name,
		listIran: !p.Resolved.Iranian() && p.Resolved.Name != peyvand.Iran, share: shareLink(bot, slug(p.Resolved))}
}

// partnersPage shows the partners from offset on, with «قبلی» and «بعدی»
// buttons that edit the message in place.
func (c *Core) partnersPage(t *turn, offset int) reply.Message {
	return partnersPageOf(t, offset, c.pageSize(), true)
}

// partnersPageOf is partnersPage with a page size; without buttons (an
// inline message) the heading says which partners it shows, not a page.
func partnersPageOf(t *turn, offset, size int, buttons bool) reply.Message {
	all := t.partners.Partners
	offset = max(0, min(offset, len(all)-1))
	end := min(offset+size, len(all))
	page := *t.partners
	page.Partners = all[offset:end]
	ans := answer.PartnersAnswer(page, t.about, t.listIran)
	if pages := (len(all) + size - 1) / size; pages > 1 {
		// The heading counts the whole list, not the page, and says which
		// page this is.
		head, rest, _ := strings.Cut(ans.Text, ":\n")
		head = strings.Replace(head, "("+digits(len(page.Partners))+" مورد)", "("+digits(len(all))+" مورد)", 1)
		where := fmt.Sprintf("صفحهٔ %s از %s", digits(offset/size+1), digits(pages))
		if !buttons {
			where = fmt.Sprintf("%s تا %s", digits(offset+1), digits(end))
		}
		ans.Text = fmt.Sprintf("%s، %s:\n%s", head, where, rest)
	}
	ans.Text += shareLine(t.share, false)
	// ans.Citations are those this page's markers name, numbered 1..n
	// within the page, as in every message.
	t.shown.Store(&ans.Citations)
	t.mu.Lock()
	t.offset, t.details = offset, false
	t.mu.Unlock()
	r := reply.Message{Text: ans.Text, Citations: ans.Citations, Sources: true}
	if buttons {
		r.Buttons = turnButtons(t, size)
	}
	return r
}

// brief summarises a place's ties, optionally over a period, with a
// «جزئیات» button that pages through every event in place.
func (c *Core) brief(ctx context.Context, chatID int64, args, bot string) []reply.Message {
	name, since := persian.SplitPeriod(args, c.Now())
	if name == "" {
		return []reply.Message{{Text: briefUsage}}
	}
	b, ans, err := c.Service.Brief(ctx, name, since)
	if err != nil {
		return c.failure(err, "brief")
	}
	t := &turn{question: "/brief " + args, ans: ans, about: b.Resolved.Name}
	if len(b.Groups) > 0 {
		t.brief, t.share = &b, shareLink(bot, payloadBrief+slug(b.Resolved))
	}
	t = c.remember(chatID, t, asked(question.Brief, b.Resolved))
	return []reply.Message{briefReply(t)}
}

// briefReply shows a brief's summary, the share line under it.
func briefReply(t *turn) reply.Message {
	t.mu.Lock()
	t.offset, t.details = 0, false
	t.mu.Unlock()
	t.shown.Store(nil)
	r := answerReply(t)
	if t.brief != nil {
		r.Text += shareLine(t.share, true)
	}
	return r
}

// detailsPage shows a brief's events from offset on.
func (c *Core) detailsPage(t *turn, offset int) reply.Message {
	total := answer.BriefEvents(*t.brief)
	offset = max(0, min(offset, total-1))
	ans := answer.BriefDetails(*t.brief, t.about, offset, detailsPageSize)
	t.shown.Store(&ans.Citations)
	t.mu.Lock()
	t.offset, t.details = offset, true
	t.mu.Unlock()
	return reply.Message{Text: ans.Text, Citations: ans.Citations, Sources: true, Buttons: turnButtons(t, detailsPageSize)}
}

// briefTurn remakes the turn of a brief whose message outlived it, over
// the same period, from the graph alone: a button never makes the model
// write.
func (c *Core) briefTurn(chatID int64, place string, since time.Time, bot string) (*turn, bool) {
	t, ok := c.graphBriefTurn(place, since, bot)
	if !ok {
		return nil, false
	}
	return c.remember(chatID, t, nil), true
}

// graphBriefTurn is the turn of a brief listed from the graph, not
// remembered yet; false when there is nothing to brief on.
func (c *Core) graphBriefTurn(place string, since time.Time, bot string) (*turn, bool) {
	if c.Service.Graph == nil {
		return nil, false
	}
	b, err := c.Service.Graph.Brief(place, since)
	if err != nil || len(b.Groups) == 0 {
		return nil, false
	}
	ans := answer.Renumber(answer.BriefAnswer(b, b.Resolved.Name))
	return &turn{question: "/brief " + place, ans: ans, brief: &b, about: b.Resolved.Name,
		share: shareLink(bot, payloadBrief+slug(b.Resolved))}, true
}

// turnButtons is the keyboard of a turn's message as it stands: the page
// buttons, the details or summary button, the sources, and the vote with
// the choice shown (👎 offering its reasons until one is given).
func turnButtons(t *turn, size int) [][]reply.Button {
	offset, details, vote, reason := t.state()
	id := turnKey(t.id)
	var rows [][]reply.Button
	switch {
	case t.partners != nil:
		rows = appendRow(rows, pageRow(reply.Page, offset, size, len(t.partners.Partners), id, t.partners.Resolved.Name))
	case t.brief != nil && details:
		place, since := t.brief.Resolved.Name, sinceKey(t.brief.Since)
		row := pageRow(reply.Details, offset, size, answer.BriefEvents(*t.brief), id, since, place)
		rows = appendRow(rows, appendButton(row, "خلاصه", reply.Summary, id, since, place))
	case t.brief != nil:
		label := fmt.Sprintf("جزئیات (%s مورد)", digits(answer.BriefEvents(*t.brief)))
		rows = appendRow(rows, appendButton(nil, label, reply.Details, "0", id, sinceKey(t.brief.Since), t.brief.Resolved.Name))
	}
	var row []reply.Button
	if t.partners == nil && t.brief == nil && len(t.ans.Citations) > 0 {
		label := "منابع"
		if t.english {
			label = "Sources"
		}
		row = appendButton(row, label, reply.Sources, id)
	}
	rows = appendRow(rows, appendFeedback(row, id, vote, reason))
	if vote == "0" && reason == "" {
		var why []reply.Button
		for _, r := range peyvand.FeedbackReasons {
			why = appendButton(why, reasonLabels[r], reply.Reason, r, id)
		}
		rows = appendRow(rows, why)
	}
	return rows
}

// reasonLabels name the reasons a 👎 offers.
var reasonLabels = map[string]string{
	"wrong":      "نادرست",
	"incomplete": "ناقص",
	"outdated":   "قدیمی",
	"off_topic":  "بی‌ربط",
}

// pageRow is «قبلی» and «بعدی» around the page count, each editing the
// message to its page; nothing for a single page.
func pageRow(a reply.Action, offset, size, total int, rest ...string) []reply.Button {
	if total <= size {
		return nil
	}
	at := func(o int) []string { return append([]string{strconv.Itoa(o)}, rest...) }
	var row []reply.Button
	if offset > 0 {
		row = appendButton(row, "◀️ قبلی", a, at(max(0, offset-size))...)
	}
	if offset+size < total {
		row = appendButton(row, fmt.Sprintf("بعدی ▶️ (%s مورد دیگر)", digits(total-offset-size)), a, at(offset+size)...)
	}
	return row
}

// sinceKey writes a brief's period start in a button: its day, counted
// from 1970, in base 36; "0" for all time.
func sinceKey(since time.Time) string {
	if since.IsZero() {
		return "0"
	}
	return strconv.FormatInt(since.Unix()/86400, 36)
}

// sinceOfKey reads sinceKey back.
func sinceOfKey(k string) (time.Time, bool) {
	days, err := strconv.ParseInt(k, 36, 64)
	switch {
	case err != nil || days < 0 || days > 1_000_000:
		return time.Time{}, false
	case days == 0:
		return time.Time{}, true
	}
	return time.Unix(days*86400, 0).UTC(), true
}

func appendRow(rows [][]reply.Button, row []reply.Button) [][]reply.Button {
	if len(row) == 0 {
		return rows
	}
	return append(rows, row)
}

// appendButton adds a button for an action, leaving it out when its data
// would not fit Telegram's limit.
func appendButton(row []reply.Button, text string, a reply.Action, fields ...string) []reply.Button {
	if b, ok := reply.NewButton(text, a, fields...); ok {
		row = append(row, b)
	}
	return row
}

// appendFeedback adds the 👍 and 👎 buttons for a turn, the chosen one
// marked (with its reason, once given).
func appendFeedback(row []reply.Button, id, vote, reason string) []reply.Button {
	up, down := "👍", "👎"
	switch vote {
	case "1":
		up += " ✓"
	case "0":
		down += " ✓"
		if reason != "" {
			down = "👎 " + reasonLabels[reason]
		}
	}
	row = appendButton(row, up, reply.Feedback, "1", id)
	return appendButton(row, down, reply.Feedback, "0", id)
}

func digits(n int) string { return persian.Digits(strconv.Itoa(n)) }
