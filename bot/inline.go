package bot

import (
	"context"
	"log/slog"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/reply"
)

// maxToast is Telegram's limit on a button press's toast, in characters.
const maxToast = 200

// inlineCacheTime is how long Telegram may serve an inline answer from its
// cache: news arrives in minutes, and a cached answer spares the limits.
const inlineCacheTime = 60

// handleInline answers an inline query with the core's results, each a
// message in Telegram HTML of at most one message's length.
func (b *Bot) handleInline(ctx context.Context, log *slog.Logger, q *tgbotapi.InlineQuery) outcome {
	var out outcome
	m := chat.InlineQuery{ID: q.ID, Text: q.Query, Mention: b.mention()}
	if q.From != nil {
		m.UserID = q.From.ID
	}
	start := time.Now()
	var in reply.Inline
	b.callHandler(ctx, log, func() []reply.Message { in = b.h.Inline(ctx, m); return nil })
	out.handler = time.Since(start)
	cfg := inlineConfig(q.ID, in)
	if _, err := b.request(ctx, cfg); err != nil {
		// "query is too old" when the user typed on: harmless.
		log.Debug("answerInlineQuery failed", "err", err)
		out.failed++
		return out
	}
	out.replies, out.parts = len(in.Results), len(in.Results)
	return out
}

// inlineConfig is the answerInlineQuery call of an inline answer.
func inlineConfig(id string, in reply.Inline) tgbotapi.InlineConfig {
	cfg := tgbotapi.InlineConfig{InlineQueryID: id, Results: []any{}, CacheTime: inlineCacheTime, IsPersonal: in.Personal}
	if in.Wait != "" {
		// The wait is shown as the button above the empty list; it opens
		// the private chat, whose /start explains.
		cfg.CacheTime, cfg.SwitchPMText, cfg.SwitchPMParameter = 0, persian.Clip(in.Wait, 59), "inline"
	}
	for _, a := range in.Results {
		parts := split(render(a.Message), maxMessageLen-2)
		if len(parts) == 0 {
			continue
		}
		text := parts[0]
		if len(parts) > 1 {
			text += " …"
		}
		r := tgbotapi.NewInlineQueryResultArticleHTML(a.ID, a.Title, text)
		r.Description = a.Description
		r.InputMessageContent = tgbotapi.InputTextMessageContent{Text: text, ParseMode: tgbotapi.ModeHTML, DisableWebPagePreview: true}
		cfg.Results = append(cfg.Results, r)
	}
	return cfg
}
