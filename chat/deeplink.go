package chat

import (
	"context"
	"encoding/base64"
	"strings"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/reply"
)

// Deep links open the bot on a task: https://t.me/<bot>?start=<payload>,
// the payload at most 64 characters of [A-Za-z0-9_-] (Telegram's rule).
// A place is its English name, lower case, "-" for spaces ("isfahan",
// "east-azerbaijan"), or, without one, "fa_" and its Persian name in
// unpadded base64url. "sub-" before it offers a one-tap subscription,
// "brief-" the place's brief; alone it shows the partners.
const (
	maxPayload    = 64
	payloadPlain  = "fa_"
	payloadSub    = "sub-"
	payloadBrief  = "brief-"
	shareLinkBase = "https://t.me/"
)

// slug is a place's deep-link payload, "" when none fits. An English name
// of other letters or signs («Côte d'Ivoire», «Washington, D.C.») would
// not read back, so such a place travels as its Persian name.
func slug(p peyvand.Place) string {
	s, ok := englishSlug(p.English)
	if !ok && p.Name != "" {
		s = payloadPlain + base64.RawURLEncoding.EncodeToString([]byte(p.Name))
	}
	// The longest prefix must fit too.
	if len(s)+len(payloadBrief) > maxPayload {
		return ""
	}
	return s
}

// englishSlug is "east-azerbaijan" for "East Azerbaijan"; false for a name
// with anything but ASCII letters, digits, spaces and hyphens.
func englishSlug(english string) (string, bool) {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(english)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
		case r == ' ' || r == '-':
			if s := b.String(); s != "" && !strings.HasSuffix(s, "-") {
				b.WriteByte('-')
			}
		default:
			return "", false
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	return s, s != ""
}

// placeOfSlug reads a payload's place name back: the Persian name of a
// "fa_" payload, else the English name with spaces.
func placeOfSlug(s string) (string, bool) {
	if len(s) == 0 || len(s) > maxPayload || strings.Trim(s, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-") != "" {
		return "", false
	}
	if enc, ok := strings.CutPrefix(s, payloadPlain); ok {
		name, err := base64.RawURLEncoding.DecodeString(enc)
		return string(name), err == nil && len(name) > 0
	}
	return strings.ReplaceAll(s, "-", " "), true
}

// shareLink is the t.me link of a payload for the bot @mention; "" when
// either is unknown.
func shareLink(mention, payload string) string {
	bot := strings.TrimPrefix(strings.TrimSpace(mention), "@")
	if bot == "" || payload == "" || payload == payloadBrief || payload == payloadSub {
		return ""
	}
	return shareLinkBase + bot + "?start=" + payload
}

// shareLine is the line a partner list or brief ends with; "" without a
// link.
func shareLine(link string, brief bool) string {
	if link == "" {
		return ""
	}
	what := "این فهرست"
	if brief {
		what = "این گزارش"
	}
	return "\n\nهم‌رسانی " + what + ": " + link
}

// deepLink answers /start with a payload; ok is false for a payload that
// names no task (a link from the inline mode's button, say), which gets
// the welcome.
func (c *Core) deepLink(ctx context.Context, m Message, payload string) ([]reply.Message, bool) {
	task := ""
	for _, prefix := range []string{payloadSub, payloadBrief} {
		if rest, ok := strings.CutPrefix(payload, prefix); ok {
			payload, task = rest, prefix
			break
		}
	}
	name, ok := placeOfSlug(payload)
	var p peyvand.Place
	var err error
	if ok {
		p, err = c.resolver.Resolve(name)
	}
	switch {
	case (!ok || err != nil) && task == "":
		return nil, false
	case !ok || err != nil:
		return []reply.Message{{Text: badDeepLink}}, true
	case task == payloadSub:
		return []reply.Message{subscribeOffer(p.Name)}, true
	case task == payloadBrief:
		if c.Service.ModelWrites() { // a brief the model writes costs as a question
			if r, ok := c.limited(m); !ok {
				return r, true
			}
		}
		return c.brief(ctx, m.ChatID, p.Name, m.Mention), true
	}
	return c.partners(m.ChatID, p.Name, m.Mention), true
}

// subscribeOffer asks, with one button, to follow a place.
func subscribeOffer(place string) reply.Message {
	r := reply.Message{Text: "برای دریافت خبر هر توافق تازهٔ «" + place + "» دکمهٔ زیر را بزنید."}
	if b, ok := reply.NewButton("🔔 دنبال کردن «"+place+"»", reply.Subscribe, anyRelation, place); ok {
		r.Buttons = [][]reply.Button{{b}}
	}
	return r
}
