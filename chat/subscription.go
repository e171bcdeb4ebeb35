package chat

import (
	"fmt"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/reply"
)

// subscribe records "/subscribe PLACE|all [daily]".
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
	place := peyvand.AllPlaces
	if low := strings.ToLower(name); low != "all" && name != "همه" {
		p, err := c.resolver.Resolve(name)
		if err != nil {
			return c.failure(err, "subscribe")
		}
		place = p.Name
	}
	added, err := c.DB.Subscribe(peyvand.Subscription{ChatID: chatID, Place: place, Digest: digest, Created: c.Now()})
	if err != nil {
		return c.failure(err, "subscribe")
	}
	how := "هر توافق تازه‌ای"
	if digest {
		how = "خلاصهٔ روزانهٔ توافق‌های تازه"
	}
	verb := "دنبال می‌شود"
	if !added {
		verb = "از پیش دنبال می‌شد؛ شیوهٔ خبر دادن به‌روز شد"
	}
	return []reply.Message{{Text: fmt.Sprintf("«%s» %s. %s را برایتان می‌فرستم. لغو: /unsubscribe %s",
		reply.PlaceLabel(place), verb, how, strings.TrimSpace(name))}}
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

// subscriptions lists a chat's subscriptions, each with an unsubscribe
// button.
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
	for _, s := range subs {
		line := "\n- " + reply.PlaceLabel(s.Place)
		if s.Digest {
			line += " (خلاصهٔ روزانه)"
		}
		b.WriteString(line)
		// A name too long for Telegram's callback data gets no button;
		// /unsubscribe still works for it.
		if b, ok := reply.NewButton("لغو "+reply.PlaceLabel(s.Place), reply.Unsubscribe, s.Place); ok {
			rows = append(rows, []reply.Button{b})
		}
	}
	return []reply.Message{{Text: b.String(), Buttons: rows}}
}
