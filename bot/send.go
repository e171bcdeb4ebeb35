package bot

import (
	"context"
	"errors"
	"fmt"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/reply"
)

// Send sends r to a chat on the bot's own initiative (an alert, a notice
// to the admins), rendered and split like a reply. Each part is tried
// once: retrying is the caller's job. Parts are paced with the replies
// against Telegram's limits (Config.SendRate), and wait while a reply
// waits. A failure's error has methods that say what to do next:
// RetryIn() > 0 after a 429, Gone() when the chat refused the bot, and
// Temporary() for a 5xx, a network error or a timeout.
//
// A message of several parts that fails midway has sent its first parts;
// a retry sends them again. A group that became a supergroup gets the
// message under its new id (the caller's records keep the old one).
func (b *Bot) Send(ctx context.Context, chatID int64, r reply.Message) error {
	ctx = withLane(ctx, alertLane) // replies to people waiting go first
	parts := split(render(r), maxMessageLen)
	kb := keyboard(r.Buttons, b.log)
	for i, p := range parts {
		msg := tgbotapi.NewMessage(chatID, p)
		msg.ParseMode = tgbotapi.ModeHTML
		msg.DisableWebPagePreview = true
		if i == len(parts)-1 && kb != nil {
			msg.ReplyMarkup = kb
		}
		if err := b.sendPart(ctx, msg); err != nil {
			var e *apiError
			if !errors.As(err, &e) || e.MigrateTo == 0 {
				return fmt.Errorf("send part %d of %d: %w", i+1, len(parts), err)
			}
			b.log.Info("group moved to a supergroup", "to", e.MigrateTo)
			chatID, msg.ChatID = e.MigrateTo, e.MigrateTo
			if err := b.sendPart(ctx, msg); err != nil {
				return fmt.Errorf("send part %d of %d: %w", i+1, len(parts), err)
			}
		}
	}
	return nil
}

// sendPart makes one sendMessage call, once more as plain text if
// Telegram refused the HTML (a bug of ours: the text beats nothing).
func (b *Bot) sendPart(ctx context.Context, msg tgbotapi.MessageConfig) error {
	_, err := b.call(ctx, msg)
	var e *apiError
	if errors.As(err, &e) && e.badHTML() {
		b.log.Error("Telegram refused the HTML; sending plain text", "err", err)
		msg.Text, msg.ParseMode = plainText(msg.Text), ""
		_, err = b.call(ctx, msg)
	}
	return err
}
