package bot

import (
	"context"
	"strings"
	"time"
	"unicode/utf16"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/chat"
)

// dispatch hands u to the pool, keyed by its chat (an inline query by its
// user). Updates the bot has no use for (polls, edits, …) are dropped here.
func (b *Bot) dispatch(ctx context.Context, u tgbotapi.Update) error {
	key, ok := updateChat(u)
	if !ok {
		b.log.Debug("update ignored", "update_id", u.UpdateID)
		return nil
	}
	return b.pool.submit(ctx, job{key: key, update: u, received: time.Now()})
}

// updateChat is the chat whose order u must keep.
func updateChat(u tgbotapi.Update) (int64, bool) {
	switch {
	case u.Message != nil && u.Message.Chat != nil:
		return u.Message.Chat.ID, true
	case u.ChannelPost != nil && u.ChannelPost.Chat != nil:
		return u.ChannelPost.Chat.ID, true
	case u.CallbackQuery != nil:
		if m := u.CallbackQuery.Message; m != nil && m.Chat != nil {
			return m.Chat.ID, true
		}
		if u.CallbackQuery.From != nil {
			return u.CallbackQuery.From.ID, true // a button under an inline message
		}
	case u.MyChatMember != nil:
		return u.MyChatMember.Chat.ID, true
	case u.InlineQuery != nil && u.InlineQuery.From != nil:
		return u.InlineQuery.From.ID, true
	}
	return 0, false
}

// toMessage maps a Telegram message to the core's. ok is false for what
// the core should not see: service messages (members joining, pins, …) and
// messages from other bots.
func (b *Bot) toMessage(m *tgbotapi.Message) (chat.Message, bool) {
	if m == nil || m.Chat == nil || isService(m) {
		return chat.Message{}, false
	}
	if m.From != nil && m.From.IsBot && m.SenderChat == nil {
		return chat.Message{}, false
	}
	out := chat.Message{
		ChatID:    m.Chat.ID,
		ChatKind:  chat.Kind(m.Chat.Type),
		MessageID: m.MessageID,
		Text:      m.Text, // a caption is not a question: photos arrive empty
		Mention:   b.mention(),
	}
	switch {
	case m.SenderChat != nil:
		out.UserID = m.SenderChat.ID // an anonymous admin or a channel
	case m.From != nil:
		out.UserID = m.From.ID
		out.Lang = m.From.LanguageCode
	}
	out.Addressed = out.ChatKind == chat.Private || b.commandForMe(m) || b.mentionsMe(m) || b.repliesToMe(m)
	return out, true
}

// isService reports whether m records an event rather than carrying a
// message from a person.
func isService(m *tgbotapi.Message) bool {
	return len(m.NewChatMembers) > 0 || m.LeftChatMember != nil || m.NewChatTitle != "" ||
		len(m.NewChatPhoto) > 0 || m.DeleteChatPhoto || m.GroupChatCreated ||
		m.SuperGroupChatCreated || m.ChannelChatCreated || m.MigrateToChatID != 0 ||
		m.MigrateFromChatID != 0 || m.PinnedMessage != nil || m.MessageAutoDeleteTimerChanged != nil ||
		m.ProximityAlertTriggered != nil || m.VoiceChatScheduled != nil || m.VoiceChatStarted != nil ||
		m.VoiceChatEnded != nil || m.VoiceChatParticipantsInvited != nil || m.SuccessfulPayment != nil ||
		m.ConnectedWebsite != ""
}

// commandForMe reports whether m starts with a command that is not
// addressed to another bot: "/help" or "/help@thisbot".
func (b *Bot) commandForMe(m *tgbotapi.Message) bool {
	if !m.IsCommand() {
		return false
	}
	cmd := m.CommandWithAt()
	at := strings.IndexByte(cmd, '@')
	return at < 0 || strings.EqualFold(cmd[at+1:], b.self.UserName)
}

// mentionsMe reports whether m mentions the bot: "@thisbot" anywhere, or a
// mention by name of the bot's user.
func (b *Bot) mentionsMe(m *tgbotapi.Message) bool {
	for _, e := range m.Entities {
		switch e.Type {
		case "mention":
			if strings.EqualFold(utf16Slice(m.Text, e.Offset, e.Length), "@"+b.self.UserName) {
				return true
			}
		case "text_mention":
			if e.User != nil && e.User.ID == b.self.ID {
				return true
			}
		}
	}
	return false
}

// repliesToMe reports whether m replies to one of the bot's messages.
func (b *Bot) repliesToMe(m *tgbotapi.Message) bool {
	r := m.ReplyToMessage
	return r != nil && r.From != nil && r.From.ID == b.self.ID
}

// utf16Slice is s[off:off+n] with offsets in UTF-16 code units, as
// Telegram's entities give them.
func utf16Slice(s string, off, n int) string {
	u := utf16.Encode([]rune(s))
	if off < 0 || n < 0 || off+n > len(u) {
		return ""
	}
	return string(utf16.Decode(u[off : off+n]))
}

// mention is the bot's @username, "" when getMe gave none.
func (b *Bot) mention() string {
	if b.self.UserName == "" {
		return ""
	}
	return "@" + b.self.UserName
}

// toCallback maps a button press to the core's.
func (b *Bot) toCallback(q *tgbotapi.CallbackQuery) chat.Callback {
	cb := chat.Callback{ID: q.ID, Data: q.Data, Mention: b.mention()}
	if q.From != nil {
		cb.UserID = q.From.ID
	}
	if q.Message != nil && q.Message.Chat != nil {
		cb.ChatID = q.Message.Chat.ID
		cb.MessageID = q.Message.MessageID
	}
	return cb
}

// blockedStatus reports whether a my_chat_member update says the bot may
// no longer write to the chat: a user blocked it, or a group removed it.
func blockedStatus(u *tgbotapi.ChatMemberUpdated) bool {
	switch u.NewChatMember.Status {
	case "kicked", "left":
		return true
	}
	return false
}
