package bot

import (
	"context"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// Telegram's limits on what a bot sends: about 30 messages a second over
// all chats, about one a second in one chat (short bursts pass), and 20 a
// minute in a group.
const (
	defaultSendRate = 30
	chatBurst       = 3
	privateEvery    = time.Second
	groupEvery      = 3 * time.Second
)

// pacer holds every message the bot sends (replies, edits, alerts) to
// Telegram's limits with one schedule: a global rate, a small bucket per
// chat, and after a 429 a hold on everything for its retry_after. Replies
// go first: an alert waits while a reply is waiting.
type pacer struct {
	every time.Duration // between two sends over all chats; 0: no global limit
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error

	mu      sync.Mutex
	next    time.Time // the next global slot
	hold    time.Time // no send before this (a 429's retry_after)
	chats   map[int64]*bucket
	replies int // replies waiting for a slot
}

// bucket is a chat's allowance: burst sends, then one each interval.
type bucket struct {
	tokens float64
	at     time.Time
}

func newPacer(rate float64, now func() time.Time, sleep func(context.Context, time.Duration) error) *pacer {
	p := &pacer{now: now, sleep: sleep, chats: map[int64]*bucket{}}
	if rate > 0 {
		p.every = time.Duration(float64(time.Second) / rate)
	}
	return p
}

// lane says which sends come first.
type lane int

const (
	replyLane lane = iota // an answer to someone waiting
	alertLane             // the bot's own initiative: alerts, notices
)

type laneKey struct{}

// withLane marks ctx's sends as of a lane.
func withLane(ctx context.Context, l lane) context.Context {
	return context.WithValue(ctx, laneKey{}, l)
}

func laneOf(ctx context.Context) lane {
	l, _ := ctx.Value(laneKey{}).(lane)
	return l
}

// paced reports whether a call sends or changes a message, and its chat:
// what Telegram's limits count.
func paced(c tgbotapi.Chattable) (int64, bool) {
	switch m := c.(type) {
	case tgbotapi.MessageConfig:
		return m.ChatID, true
	case tgbotapi.EditMessageTextConfig:
		return m.ChatID, true
	case tgbotapi.EditMessageReplyMarkupConfig:
		return m.ChatID, true
	}
	return 0, false
}

// wait returns when a message may be sent to chat, or ctx's error. A
// reply held by the global rate counts as waiting, so alerts give way; one
// held only by its own chat's allowance does not hold back anyone else.
func (p *pacer) wait(ctx context.Context, chat int64, l lane) error {
	counted := false
	defer func() {
		if counted {
			p.mu.Lock()
			p.replies--
			p.mu.Unlock()
		}
	}()
	for {
		d, global := p.take(chat, l)
		if d == 0 {
			return nil
		}
		if l == replyLane && global != counted {
			p.mu.Lock()
			if global {
				p.replies++
			} else {
				p.replies--
			}
			p.mu.Unlock()
			counted = global
		}
		if err := p.sleep(ctx, d); err != nil {
			return err
		}
	}
}

// take takes a slot now and returns 0, or returns how long to wait before
// trying again and whether the global schedule (not the chat's allowance)
// is what holds the send.
func (p *pacer) take(chat int64, l lane) (time.Duration, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	global := later(p.hold, p.next)
	at := global
	b := p.chats[chat]
	if b == nil {
		if len(p.chats) > 10_000 {
			p.chats = map[int64]*bucket{} // forget idle chats: a full bucket is what a new one gets
		}
		b = &bucket{tokens: chatBurst, at: now}
		p.chats[chat] = b
	}
	every := privateEvery
	if chat < 0 {
		every = groupEvery
	}
	b.tokens = min(chatBurst, b.tokens+float64(now.Sub(b.at))/float64(every))
	b.at = now
	if b.tokens < 1 {
		at = later(at, now.Add(time.Duration((1-b.tokens)*float64(every))))
	}
	if at.After(now) {
		return at.Sub(now), !at.After(global)
	}
	if l == alertLane && p.replies > 0 {
		return max(p.every, time.Millisecond), true // a reply is waiting: it goes first
	}
	b.tokens--
	p.next = now.Add(p.every)
	return 0, false
}

// holdFor stops every send for d: Telegram's retry_after applies to the
// bot, not to one call.
func (p *pacer) holdFor(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if t := p.now().Add(d); t.After(p.hold) {
		p.hold = t
	}
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}
