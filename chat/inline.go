package chat

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
)

// InlineQuery is an inline query: "@bot اصفهان" typed in any chat.
type InlineQuery struct {
	ID      string
	UserID  int64
	Text    string
	Mention string // the bot's @username, for share links
}

// maxInlineResults is how many results an inline query gets;
// inlinePartners how many partners its list shows.
const (
	maxInlineResults = 5
	inlinePartners   = 15
)

// inlineTimeout bounds an inline answer: Telegram forgets a query it has
// had no answer to for about ten seconds.
const inlineTimeout = 8 * time.Second

// Inline answers an inline query. A place's name gets its partner list and
// its brief, from the graph (cheap: the command limit); any other text is
// a question, answered as in a chat (the question limit). Inline messages
// carry no buttons: a press on one would come without a chat.
func (c *Core) Inline(ctx context.Context, q InlineQuery) reply.Inline {
	c.init()
	text := strings.TrimSpace(plainText(q.Text))
	if utf8.RuneCountInString(text) < 2 || utf8.RuneCountInString(text) > answer.MaxQuestionRunes {
		return reply.Inline{}
	}
	if p, ok := c.Places.Lookup(text); ok {
		if wait, ok := c.commandLimited(q.UserID); !ok {
			return reply.Inline{Wait: wait, Personal: true}
		}
		return reply.Inline{Results: c.placeResults(p.Name, q.Mention)}
	}
	// Telegram sends a query at every pause in the typing: only a finished
	// question (its «؟») runs retrieval and costs a question.
	if !strings.HasSuffix(text, "?") && !strings.HasSuffix(text, "؟") {
		return reply.Inline{Wait: inlineHowTo, Personal: true}
	}
	if err := answer.CheckQuestion(text); err != nil {
		return reply.Inline{}
	}
	if wait, ok := c.wait(c.limit, q.UserID, questionsLimited); !ok {
		return reply.Inline{Wait: wait, Personal: true}
	}
	ctx, cancel := context.WithTimeout(ctx, inlineTimeout)
	defer cancel()
	ans, asked, err := c.Service.Ask(ctx, text, answer.AskOptions{})
	if err != nil || ans.Mode == answer.ModeChat {
		return reply.Inline{}
	}
	msg := reply.Message{Text: ans.Text, Citations: ans.Citations, Sources: len(ans.Citations) > 0, English: asked.English}
	title := "پاسخ: " + persian.Clip(text, 60)
	if asked.English {
		title = "Answer: " + persian.Clip(text, 60)
	}
	return reply.Inline{Results: []reply.Article{{ID: "answer", Title: title, Description: firstLine(ans.Text), Message: msg}}}
}

// placeResults are a place's partner list (its first page) and its brief.
func (c *Core) placeResults(place, mention string) []reply.Article {
	var out []reply.Article
	p, ans, err := c.Service.Partners(place)
	if err != nil {
		return nil
	}
	if len(p.Partners) == 0 { // say so, as the chat would
		return []reply.Article{{ID: "none", Title: p.Resolved.Name, Description: firstLine(ans.Text),
			Message: reply.Message{Text: ans.Text}}}
	}
	t := partnersTurnOf(p, ans, place, mention)
	// An inline message has no buttons to page with: it shows a screen's
	// worth more, and its share link opens the rest in the bot.
	page := partnersPageOf(t, 0, inlinePartners, false)
	names := make([]string, 0, 4)
	for _, pt := range p.Partners[:min(4, len(p.Partners))] {
		names = append(names, pt.Place.Name)
	}
	out = append(out, reply.Article{ID: "partners", Title: "پیوندهای خارجی " + p.Resolved.Name,
		Description: digits(len(p.Partners)) + " مورد: " + strings.Join(names, "، "), Message: page})
	if bt, ok := c.graphBriefTurn(place, time.Time{}, mention); ok {
		msg := briefReply(bt)
		msg.Buttons = nil
		out = append(out, reply.Article{ID: "brief", Title: "گزارش کوتاه پیوندهای " + bt.about,
			Description: "تازه‌ترین خبرها، تاریخ‌دار و با منبع", Message: msg})
	}
	return out[:min(len(out), maxInlineResults)]
}

// firstLine is a text's first non-empty line, shortened for a result's
// description.
func firstLine(s string) string {
	for _, l := range strings.Split(s, "\n") {
		if l = strings.TrimSpace(l); l != "" {
			return persian.Clip(l, 100)
		}
	}
	return ""
}
