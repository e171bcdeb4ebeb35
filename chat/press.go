package chat

import (
	"context"
	"slices"
	"strconv"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/reply"
)

// Press answers a button press. A page, a vote or a pause edits the
// message the button is under; what it adds (sources, an example's
// answer) comes as a new message.
func (c *Core) Press(ctx context.Context, cb Callback) []reply.Message {
	c.init()
	action, f, ok := reply.Decode(cb.Data)
	if !ok {
		return []reply.Message{{Notice: expired}}
	}
	if text, ok := c.commandLimited(cb.UserID); !ok {
		return []reply.Message{{Notice: text}}
	}
	switch action {
	case reply.Example:
		i, err := strconv.Atoi(f[0])
		ex := c.example(cb.ChatID, i)
		if err != nil || ex == "" {
			return []reply.Message{{Notice: expired}}
		}
		out := c.Handle(ctx, Message{ChatID: cb.ChatID, UserID: cb.UserID, ChatKind: Private, Text: ex, Mention: cb.Mention}, nil)
		return append([]reply.Message{{Notice: ex}}, out...)
	case reply.Sources:
		t := c.turnByID(cb.ChatID, f[0])
		if t == nil {
			return []reply.Message{{Notice: expired}}
		}
		r := sourcesReply(t)
		r.ReplyTo = cb.MessageID
		return []reply.Message{{Notice: "منابع"}, r}
	case reply.Feedback:
		return c.vote(cb, f[1], f[0], "")
	case reply.Reason:
		if !slices.Contains(peyvand.FeedbackReasons, f[0]) {
			return []reply.Message{{Notice: expired}}
		}
		return c.vote(cb, f[1], "0", f[0])
	case reply.More: // the buttons of messages sent before pages were edited in place
		t := c.turnByID(cb.ChatID, f[0])
		offset, err := strconv.Atoi(f[1])
		if t == nil || t.partners == nil || err != nil || offset <= 0 || offset >= len(t.partners.Partners) {
			return []reply.Message{{Notice: expired}}
		}
		return c.edited(cb, "ادامهٔ فهرست", c.partnersPage(t, offset))
	case reply.Page:
		return c.page(cb, f[0], f[1], f[2])
	case reply.Details, reply.Summary:
		return c.details(cb, action, f)
	case reply.Subscribe:
		return c.subscribePress(cb, f[0], f[1])
	case reply.Mute:
		r := c.mute(cb.ChatID, f[0] == "1")
		list := c.subscriptions(cb.ChatID)
		if len(list) == 0 || len(list[0].Buttons) == 0 {
			return []reply.Message{{Notice: r.Text}}
		}
		return c.edited(cb, r.Text, list[0])
	case reply.Unsubscribe, reply.UnsubscribeList:
		place := f[0]
		n, err := c.DB.Unsubscribe(cb.ChatID, place)
		if err != nil {
			return []reply.Message{{Notice: internalFailure}}
		}
		notice := "اشتراک «" + reply.PlaceLabel(place) + "» لغو شد."
		if n == 0 {
			notice = "این اشتراک پیش‌تر لغو شده بود."
		}
		if action == reply.UnsubscribeList { // the list shows what is left
			return c.edited(cb, notice, c.subscriptions(cb.ChatID)[0])
		}
		return []reply.Message{{Notice: notice}}
	}
	return []reply.Message{{Notice: expired}}
}

// edited is a press's toast and the edit of the message it came from.
func (c *Core) edited(cb Callback, notice string, r reply.Message) []reply.Message {
	r.Edit, r.ReplyTo = cb.MessageID, 0
	return []reply.Message{{Notice: notice}, r}
}

// page shows another page of a partner list in place: from the turn when
// the chat still has it, else made again from the graph for the place the
// button names.
func (c *Core) page(cb Callback, offsetField, id, place string) []reply.Message {
	offset, err := strconv.Atoi(offsetField)
	if err != nil || offset < 0 {
		return []reply.Message{{Notice: expired}}
	}
	t := c.turnByID(cb.ChatID, id)
	if t == nil || t.partners == nil || t.partners.Resolved.Name != place {
		var msg reply.Message
		var ok bool
		if t, msg, ok = c.partnersTurn(cb.ChatID, place, cb.Mention); !ok {
			return []reply.Message{{Notice: msg.Text}}
		}
	}
	if offset >= len(t.partners.Partners) {
		return []reply.Message{{Notice: expired}}
	}
	return c.edited(cb, "صفحهٔ "+digits(offset/c.pageSize()+1), c.partnersPage(t, offset))
}

// details pages a brief's events in place («جزئیات»، «قبلی»، «بعدی») and
// goes back to its summary («خلاصه»).
func (c *Core) details(cb Callback, action reply.Action, f []string) []reply.Message {
	offset := 0
	if action == reply.Details {
		var err error
		if offset, err = strconv.Atoi(f[0]); err != nil || offset < 0 {
			return []reply.Message{{Notice: expired}}
		}
		f = f[1:]
	}
	id, place := f[0], f[2]
	since, ok := sinceOfKey(f[1])
	if !ok {
		return []reply.Message{{Notice: expired}}
	}
	t := c.turnByID(cb.ChatID, id)
	if t == nil || t.brief == nil || t.brief.Resolved.Name != place || sinceKey(t.brief.Since) != f[1] {
		if t, ok = c.briefTurn(cb.ChatID, place, since, cb.Mention); !ok {
			return []reply.Message{{Notice: expired}}
		}
	}
	if action == reply.Summary {
		return c.edited(cb, "خلاصه", briefReply(t))
	}
	if offset >= answer.BriefEvents(*t.brief) {
		return []reply.Message{{Notice: expired}}
	}
	return c.edited(cb, "جزئیات", c.detailsPage(t, offset))
}

// vote records a 👍 or 👎 (or the reason of a 👎) on a turn's message:
// one record a message, changed by a second press, and the keyboard
// edited to show the choice.
func (c *Core) vote(cb Callback, id, helpful, reason string) []reply.Message {
	t := c.turnByID(cb.ChatID, id)
	if t == nil || (helpful != "0" && helpful != "1") {
		return []reply.Message{{Notice: expired}}
	}
	f := peyvand.Feedback{Time: c.Now(), ChatID: cb.ChatID, MessageID: cb.MessageID, Helpful: helpful == "1",
		Reason: reason, Question: t.question, Answer: t.ans.Text, Mode: t.ans.Mode}
	for _, ci := range t.ans.Citations {
		f.Citations = append(f.Citations, ci.ArticleID)
	}
	if err := c.DB.AddFeedback(f); err != nil {
		c.Log.Error("store feedback", "err", err)
		return []reply.Message{{Notice: internalFailure}}
	}
	// Shown as chosen only once stored.
	t.mu.Lock()
	t.vote, t.reason = helpful, reason
	t.mu.Unlock()
	notice := feedbackThanks
	if helpful == "0" && reason == "" {
		notice = feedbackWhy
	}
	_, details, _, _ := t.state()
	size := 0
	switch {
	case t.partners != nil:
		size = c.pageSize()
	case details:
		size = detailsPageSize
	}
	return []reply.Message{{Notice: notice}, {Edit: cb.MessageID, KeyboardOnly: true, Buttons: turnButtons(t, size)}}
}

// subscribePress subscribes in one tap: a suggestion, a deep link's
// offer, or a relation that limits an existing subscription.
func (c *Core) subscribePress(cb Callback, rel, place string) []reply.Message {
	rels, ok := relOfCode(rel)
	if !ok {
		return []reply.Message{{Notice: expired}}
	}
	p, err := c.resolver.Resolve(place)
	if err != nil && place != peyvand.AllPlaces {
		return []reply.Message{{Notice: expired}}
	}
	if place != peyvand.AllPlaces {
		place = p.Name
	}
	digest := false
	if subs, err := c.DB.Subscriptions(cb.ChatID); err == nil {
		i := slices.IndexFunc(subs, func(s peyvand.Subscription) bool { return s.Place == place })
		digest = i >= 0 && subs[i].Digest
	}
	r := c.subscribeTo(cb.ChatID, place, rels, digest)
	return c.edited(cb, "«"+reply.PlaceLabel(place)+"» دنبال می‌شود", r)
}
