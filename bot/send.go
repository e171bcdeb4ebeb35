package bot

import (
	"context"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/chat"
)

// Send sends r to a chat on the bot's own initiative (an alert, a notice
// to the admins), rendered and split like a reply. Each part is tried
// once: retrying, and pacing against Telegram's limits, is the caller's
// job. A failure's error has methods that say what to do next:
// RetryIn() > 0 after a 429, Gone() when the chat refused the bot, and
// Temporary() for a 5xx, a network error or a timeout.
//
// A message of several parts that fails midway has sent its first parts;
// a retry sends them again.
func (b *Bot) Send(ctx context.Context, chatID int64, r chat.Reply) error {
	parts := split(render(r), maxMessageLen)
	kb := keyboard(r.Buttons, b.log)
	for i, p := range parts {
		msg := tgbotapi.NewMessage(chatID, p)
		msg.ParseMode = tgbotapi.ModeHTML
		msg.DisableWebPagePreview = true
		if i == len(parts)-1 && kb != nil {
			msg.ReplyMarkup = kb
		}
		_, err := b.call(ctx, msg)
		var e *apiError
		switch {
		case errors.As(err, &e) && e.badHTML():
			b.log.Error("Telegram refused the HTML; sending plain text", "err", err)
			msg.Text, msg.ParseMode = plainText(p), ""
			_, err = b.call(ctx, msg)
		case errors.As(err, &e) && e.MigrateTo != 0:
			b.log.Info("group moved to a supergroup", "to", e.MigrateTo)
			msg.ChatID = e.MigrateTo
			_, err = b.call(ctx, msg)
		}
		if err != nil {
			return fmt.Errorf("send part %d of %d: %w", i+1, len(parts), err)
		}
	}
	return nil
}
