package bot

import (
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf16"

	"github.com/peyvand/peyvand/internal/tgtest"
)

// Update builders, in the Bot API's JSON.

var nextUpdateID = struct {
	sync.Mutex
	n int
}{n: 500000}

func updateID() int {
	nextUpdateID.Lock()
	defer nextUpdateID.Unlock()
	nextUpdateID.n++
	return nextUpdateID.n
}

// tgMsg describes an incoming message.
type tgMsg struct {
	chat     int64
	kind     string // private (default), group, supergroup, channel
	user     int64  // the sender; chat when zero
	id       int    // message_id
	text     string
	entities []map[string]any
	replyTo  map[string]any // the message replied to
	sticker  bool
	caption  string // with a photo
	lang     string
}

func (m tgMsg) json() map[string]any {
	kind := m.kind
	if kind == "" {
		kind = "private"
	}
	user := m.user
	if user == 0 {
		user = m.chat
	}
	lang := m.lang
	if lang == "" {
		lang = "fa"
	}
	msg := map[string]any{
		"message_id": m.id,
		"date":       time.Now().Unix(),
		"chat":       map[string]any{"id": m.chat, "type": kind},
		"from":       map[string]any{"id": user, "is_bot": false, "first_name": "کاربر", "language_code": lang},
	}
	if kind == "channel" {
		delete(msg, "from")
		msg["sender_chat"] = map[string]any{"id": m.chat, "type": "channel"}
	}
	if m.text != "" {
		msg["text"] = m.text
	}
	if m.entities != nil {
		msg["entities"] = m.entities
	}
	if m.replyTo != nil {
		msg["reply_to_message"] = m.replyTo
	}
	if m.sticker {
		msg["sticker"] = map[string]any{"file_id": "CAAC", "file_unique_id": "u", "width": 512, "height": 512, "is_animated": false}
	}
	if m.caption != "" {
		msg["photo"] = []any{map[string]any{"file_id": "AgAC", "file_unique_id": "p", "width": 90, "height": 90}}
		msg["caption"] = m.caption
	}
	return msg
}

// messageUpdate wraps m in an update.
func messageUpdate(m tgMsg) map[string]any {
	key := "message"
	if m.kind == "channel" {
		key = "channel_post"
	}
	return map[string]any{"update_id": updateID(), key: m.json()}
}

// text is a private text message from user chat.
func text(chat int64, id int, s string) map[string]any {
	return messageUpdate(tgMsg{chat: chat, id: id, text: s})
}

// command is the entity of a command at the start of s.
func command(s string) []map[string]any {
	n := strings.IndexByte(s, ' ')
	if n < 0 {
		n = len(s)
	}
	return []map[string]any{{"type": "bot_command", "offset": 0, "length": len(utf16.Encode([]rune(s[:n])))}}
}

// mention is a mention entity of who in s.
func mention(s, who string) []map[string]any {
	i := strings.Index(s, who)
	return []map[string]any{{"type": "mention", "offset": len(utf16.Encode([]rune(s[:i]))), "length": len(utf16.Encode([]rune(who)))}}
}

// fromBot is a message the bot sent, to reply to.
func fromBot(chat int64, id int) map[string]any {
	return map[string]any{"message_id": id, "date": 1, "chat": map[string]any{"id": chat, "type": "group"}, "from": tgtest.BotUser, "text": "پاسخ"}
}

// press is a press of a button with data under the bot's message msgID.
func press(chat int64, user int64, msgID int, data string) map[string]any {
	return map[string]any{"update_id": updateID(), "callback_query": map[string]any{
		"id":            "cbq-" + strconv.Itoa(msgID) + "-" + data,
		"from":          map[string]any{"id": user, "is_bot": false, "first_name": "کاربر"},
		"message":       map[string]any{"message_id": msgID, "date": 1, "chat": map[string]any{"id": chat, "type": "private"}, "from": tgtest.BotUser, "text": "پاسخ"},
		"chat_instance": "42",
		"data":          data,
	}}
}

// kicked is a my_chat_member update: the user blocked the bot.
func kicked(chat int64) map[string]any {
	member := func(status string) map[string]any {
		return map[string]any{"user": tgtest.BotUser, "status": status}
	}
	return map[string]any{"update_id": updateID(), "my_chat_member": map[string]any{
		"chat":            map[string]any{"id": chat, "type": "private"},
		"from":            map[string]any{"id": chat, "is_bot": false, "first_name": "کاربر"},
		"date":            1,
		"old_chat_member": member("member"),
		"new_chat_member": member("kicked"),
	}}
}

// inline is an inline query from user.
func inline(user int64, id, query string) map[string]any {
	return map[string]any{"update_id": updateID(), "inline_query": map[string]any{
		"id":     id,
		"from":   map[string]any{"id": user, "is_bot": false, "first_name": "کاربر", "language_code": "fa"},
		"query":  query,
		"offset": "",
	}}
}
