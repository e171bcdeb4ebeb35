package chat

import (
	"fmt"
	"slices"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/reply"
)

// anyRelation is a subscribe button's relation field for every relation.
const anyRelation = "any"

// offeredRelations are the relations a subscription may be limited to
// (those that alert), each with the short code a button carries: the
// longest place names leave a few bytes of Telegram's 64.
var offeredRelations = []peyvand.Relation{peyvand.RelSisterCity, peyvand.RelMOU, peyvand.RelTradeOffice,
	peyvand.RelJointChamber, peyvand.RelTradeDelegation, peyvand.RelExhibition, peyvand.RelInvestment}

var relCodes = map[peyvand.Relation]string{peyvand.RelSisterCity: "sc", peyvand.RelMOU: "mou",
	peyvand.RelTradeOffice: "to", peyvand.RelJointChamber: "jc", peyvand.RelTradeDelegation: "td",
	peyvand.RelExhibition: "ex", peyvand.RelInvestment: "inv"}

// relCode is a relation's code in a subscribe button; anyRelation for none.
func relCode(rels []peyvand.Relation) string {
	if len(rels) != 1 {
		return anyRelation
	}
	return relCodes[rels[0]]
}

// relOfCode reads a subscribe button's relation code; ok is false for an
// unknown one.
func relOfCode(code string) (rels []peyvand.Relation, ok bool) {
	if code == anyRelation {
		return nil, true
	}
	for r, c := range relCodes {
		if c == code {
			return []peyvand.Relation{r}, true
		}
	}
	return nil, false
}

// subscribe records "/subscribe PLACE|all [RELATION] [daily]": a relation
// named («خواهرخواندگی»، «تفاهم‌نامه») limits the alerts to it.
func (c *Core) subscribe(chatID int64, args string) []reply.Message {
	words := strings.Fields(args)
	digest := false
	if n := len(words); n > 0 {
		switch strings.ToLower(words[n-1]) {
		case "daily", "روزانه":
			digest, words = true, words[:n-1]
		}
	}
	name := strings.Join(words, " ")
	if name == "" {
		return []reply.Message{{Text: subscribeUsage}}
	}
	rels := c.relationsIn(name)
	place := peyvand.AllPlaces
	if first := strings.ToLower(words[0]); first != "all" && first != "همه" {
		p, err := c.resolver.Resolve(name)
		if err != nil {
			return c.nearMiss(err, name, rels)
		}
		place = p.Name
	}
	return []reply.Message{c.subscribeTo(chatID, place, rels, digest)}
}

// relationsIn reads the relations a /subscribe names, keeping those that
// alert.
func (c *Core) relationsIn(text string) []peyvand.Relation {
	var out []peyvand.Relation
	for _, r := range c.Service.Read(text, nil).Relations {
		if slices.Contains(offeredRelations, r) {
			out = append(out, r)
		}
	}
	return out
}

// nearMiss answers a place the resolver did not know: the error's text
// («شاید منظورتان …») with a button per suggestion that subscribes in
// one tap.
func (c *Core) nearMiss(err error, name string, rels []peyvand.Relation) []reply.Message {
	out := c.failure(err, "subscribe")
	if len(out) == 0 || peyvand.ErrorCode(err) != peyvand.ENotFound {
		return out
	}
	suggested := c.Places.Suggest(name, 3)
	if first, _, _ := strings.Cut(name, " "); len(suggested) == 0 && first != name {
		suggested = c.Places.Suggest(first, 3)
	}
	rel := relCode(rels)
	for _, p := range suggested {
		if b, ok := reply.NewButton("🔔 «"+p.Name+"»", reply.Subscribe, rel, p.Name); ok {
			out[0].Buttons = append(out[0].Buttons, []reply.Button{b})
		}
	}
	return out
}

// subscribeTo records a subscription and says what will come; without a
// relation it offers buttons that limit it to one.
func (c *Core) subscribeTo(chatID int64, place string, rels []peyvand.Relation, digest bool) reply.Message {
	added, err := c.DB.Subscribe(peyvand.Subscription{ChatID: chatID, Place: place, Digest: digest,
		Relations: rels, Created: c.Now()})
	if err != nil {
		return c.failed(err, "subscribe")
	}
	how := "هر توافق تازه‌ای"
	if digest {
		how = "خلاصهٔ روزانهٔ توافق‌های تازه"
	}
	if len(rels) > 0 {
		how += " از نوع " + relationsLabel(rels)
	}
	verb := "دنبال می‌شود"
	if !added {
		verb = "از پیش دنبال می‌شد؛ شیوهٔ خبر دادن به‌روز شد"
	}
	text := fmt.Sprintf("«%s» %s. %s را برایتان می‌فرستم. لغو: /unsubscribe %s",
		reply.PlaceLabel(place), verb, how, unsubscribeName(place))
	if c.muted(chatID) {
		text += "\nهشدارهایتان متوقف است؛ برای ازسرگیری: /resume"
	}
	r := reply.Message{Text: text}
	if len(rels) == 0 {
		var row []reply.Button
		for _, rel := range offeredRelations {
			row = appendButton(row, "فقط "+rel.Persian(), reply.Subscribe, relCodes[rel], place)
			if len(row) == 3 {
				r.Buttons, row = append(r.Buttons, row), nil
			}
		}
		r.Buttons = appendRow(r.Buttons, row)
	}
	return r
}

// unsubscribeName is how /unsubscribe names a place.
func unsubscribeName(place string) string {
	if place == peyvand.AllPlaces {
		return "all"
	}
	return place
}

func relationsLabel(rels []peyvand.Relation) string {
	names := make([]string, len(rels))
	for i, r := range rels {
		names[i] = r.Persian()
	}
	return strings.Join(names, "، ")
}

// muted reports whether the chat paused its alerts.
func (c *Core) muted(chatID int64) bool {
	subs, err := c.DB.Subscriptions(chatID)
	return err == nil && slices.ContainsFunc(subs, func(s peyvand.Subscription) bool { return s.Muted })
}

// unsubscribe handles "/unsubscribe [PLACE]".
func (c *Core) unsubscribe(chatID int64, args string) []reply.Message {
	place := ""
	if name := strings.TrimSpace(args); name != "" {
		place = peyvand.AllPlaces
		if low := strings.ToLower(name); low != "all" && name != "همه" {
			p, err := c.resolver.Resolve(name)
			if err != nil {
				return c.failure(err, "unsubscribe")
			}
			place = p.Name
		}
	}
	n, err := c.DB.Unsubscribe(chatID, place)
	if err != nil {
		return c.failure(err, "unsubscribe")
	}
	switch {
	case n == 0 && place == "":
		return []reply.Message{{Text: "اشتراکی ندارید."}}
	case n == 0:
		return []reply.Message{{Text: fmt.Sprintf("«%s» را دنبال نمی‌کردید. فهرست: /subscriptions", reply.PlaceLabel(place))}}
	case place == "":
		return []reply.Message{{Text: "همهٔ اشتراک‌هایتان لغو شد."}}
	}
	return []reply.Message{{Text: fmt.Sprintf("اشتراک «%s» لغو شد.", reply.PlaceLabel(place))}}
}

// mute handles /pause and /resume: every subscription of the chat stops or
// starts alerting, kept as it is.
func (c *Core) mute(chatID int64, muted bool) reply.Message {
	n, err := c.DB.SetMuted(chatID, muted)
	if err != nil {
		return c.failed(err, "mute")
	}
	subs, err := c.DB.Subscriptions(chatID)
	switch {
	case err != nil:
		return c.failed(err, "mute")
	case len(subs) == 0:
		return reply.Message{Text: "هنوز مکانی را دنبال نمی‌کنید. مثلاً: /subscribe تبریز"}
	case muted && n == 0:
		return reply.Message{Text: "هشدارهایتان از پیش متوقف بود. ازسرگیری: /resume"}
	case muted:
		return reply.Message{Text: "هشدارها متوقف شد؛ اشتراک‌ها می‌مانند. ازسرگیری: /resume"}
	case n == 0:
		return reply.Message{Text: "هشدارهایتان متوقف نبود."}
	}
	return reply.Message{Text: "هشدارها از سر گرفته شد؛ از این پس خبر توافق‌های تازه را می‌فرستم."}
}

// subscriptions lists a chat's subscriptions, each with an unsubscribe
// button, and a button that pauses or resumes them all.
func (c *Core) subscriptions(chatID int64) []reply.Message {
	subs, err := c.DB.Subscriptions(chatID)
	if err != nil {
		return c.failure(err, "subscriptions")
	}
	if len(subs) == 0 {
		return []reply.Message{{Text: "هنوز مکانی را دنبال نمی‌کنید. مثلاً: /subscribe تبریز"}}
	}
	var b strings.Builder
	b.WriteString("مکان‌هایی که دنبال می‌کنید:")
	var rows [][]reply.Button
	muted := false
	for _, s := range subs {
		muted = muted || s.Muted
		line := "\n- " + reply.PlaceLabel(s.Place)
		if len(s.Relations) > 0 {
			line += " (فقط " + relationsLabel(s.Relations) + ")"
		}
		if s.Digest {
			line += " (خلاصهٔ روزانه)"
		}
		b.WriteString(line)
		// A name too long for Telegram's callback data gets no button;
		// /unsubscribe still works for it.
		rows = appendRow(rows, appendButton(nil, "لغو "+reply.PlaceLabel(s.Place), reply.UnsubscribeList, s.Place))
	}
	if muted {
		b.WriteString("\n\n⏸ هشدارها متوقف است.")
		rows = appendRow(rows, appendButton(nil, "▶️ ازسرگیری هشدارها", reply.Mute, "0"))
	} else {
		rows = appendRow(rows, appendButton(nil, "⏸ توقف هشدارها", reply.Mute, "1"))
	}
	return []reply.Message{{Text: b.String(), Buttons: rows}}
}
