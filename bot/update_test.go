package bot

import (
	"encoding/json"
	"testing"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/internal/tgtest"
)

// decodeUpdate reads an update built for the fake API, as the bot would.
func decodeUpdate(t *testing.T, u map[string]any) tgbotapi.Update {
	t.Helper()
	raw, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	var out tgbotapi.Update
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestToMessage(t *testing.T) {
	b := &Bot{self: tgbotapi.User{ID: 4242, IsBot: true, UserName: "peyvand_bot"}}
	const group = -100777
	withText := func(m tgMsg, s string) tgMsg { m.text = s; return m }
	g := tgMsg{chat: group, kind: "supergroup", user: 7, id: 3}
	tests := []struct {
		name      string
		msg       tgMsg
		ok        bool      // the core sees it
		addressed bool      // Addressed
		text      string    // Text
		kind      chat.Kind // ChatKind
		user      int64     // UserID
	}{
		{"private text", tgMsg{chat: 7, id: 3, text: "شریکان تبریز؟"}, true, true, "شریکان تبریز؟", chat.Private, 7},
		{"private sticker: empty text, still addressed", tgMsg{chat: 7, id: 3, sticker: true}, true, true, "", chat.Private, 7},
		{"private photo: the caption is not a question", tgMsg{chat: 7, id: 3, caption: "این چیست؟"}, true, true, "", chat.Private, 7},
		{"group chatter", withText(g, "سلام به همه"), true, false, "سلام به همه", chat.Supergroup, 7},
		{"group command", tgMsg{chat: group, kind: "group", user: 7, id: 3, text: "/help", entities: command("/help")}, true, true, "/help", chat.Group, 7},
		{"group command to this bot", tgMsg{chat: group, kind: "group", user: 7, id: 3, text: "/partners@Peyvand_Bot اصفهان", entities: command("/partners@Peyvand_Bot اصفهان")}, true, true, "/partners@Peyvand_Bot اصفهان", chat.Group, 7},
		{"group command to another bot", tgMsg{chat: group, kind: "group", user: 7, id: 3, text: "/help@other_bot", entities: command("/help@other_bot")}, true, false, "/help@other_bot", chat.Group, 7},
		{"group mention after emoji (UTF-16 offsets)", tgMsg{chat: group, kind: "supergroup", user: 7, id: 3, text: "😀😀 @peyvand_bot شریکان تبریز؟", entities: mention("😀😀 @peyvand_bot شریکان تبریز؟", "@peyvand_bot")}, true, true, "😀😀 @peyvand_bot شریکان تبریز؟", chat.Supergroup, 7},
		{"group mention of someone else", tgMsg{chat: group, kind: "supergroup", user: 7, id: 3, text: "@ali نظرت؟", entities: mention("@ali نظرت؟", "@ali")}, true, false, "@ali نظرت؟", chat.Supergroup, 7},
		{"a slash in the middle is no command", withText(g, "نسبت ۱/۲ است"), true, false, "نسبت ۱/۲ است", chat.Supergroup, 7},
		{"group reply to the bot", tgMsg{chat: group, kind: "supergroup", user: 7, id: 3, text: "و با ترکیه؟", replyTo: fromBot(group, 2)}, true, true, "و با ترکیه؟", chat.Supergroup, 7},
		{"group reply to a person", tgMsg{chat: group, kind: "supergroup", user: 7, id: 3, text: "موافقم", replyTo: tgMsg{chat: group, kind: "supergroup", user: 8, id: 2, text: "x"}.json()}, true, false, "موافقم", chat.Supergroup, 7},
		{"group sticker replying to the bot", tgMsg{chat: group, kind: "supergroup", user: 7, id: 3, sticker: true, replyTo: fromBot(group, 2)}, true, true, "", chat.Supergroup, 7},
		{"channel post with a command", tgMsg{chat: -100900, kind: "channel", id: 3, text: "/subscribe تبریز", entities: command("/subscribe تبریز")}, true, true, "/subscribe تبریز", chat.Channel, -100900},
	}
	for _, tt := range tests {
		u := decodeUpdate(t, messageUpdate(tt.msg))
		tm := u.Message
		if tm == nil {
			tm = u.ChannelPost
		}
		m, ok := b.toMessage(tm)
		if ok != tt.ok {
			t.Errorf("%s: ok = %v; want %v", tt.name, ok, tt.ok)
			continue
		}
		if m.Addressed != tt.addressed || m.Text != tt.text || m.ChatKind != tt.kind || m.UserID != tt.user {
			t.Errorf("%s: got Addressed=%v Text=%q ChatKind=%q UserID=%d; want %v %q %q %d",
				tt.name, m.Addressed, m.Text, m.ChatKind, m.UserID, tt.addressed, tt.text, tt.kind, tt.user)
		}
		if m.ChatID != tt.msg.chat || m.MessageID != tt.msg.id || m.Mention != "@peyvand_bot" {
			t.Errorf("%s: ChatID=%d MessageID=%d Mention=%q; want %d %d @peyvand_bot", tt.name, m.ChatID, m.MessageID, m.Mention, tt.msg.chat, tt.msg.id)
		}
		if tt.kind != chat.Channel && m.Lang != "fa" {
			t.Errorf("%s: Lang = %q; want fa", tt.name, m.Lang)
		}
	}
}

func TestToMessageSkips(t *testing.T) {
	b := &Bot{self: tgbotapi.User{ID: 4242, IsBot: true, UserName: "peyvand_bot"}}
	joined := tgMsg{chat: -5, kind: "group", user: 7, id: 3}.json()
	joined["new_chat_members"] = []any{tgtest.BotUser}
	otherBot := tgMsg{chat: -5, kind: "group", user: 9, id: 4, text: "/help", entities: command("/help")}.json()
	otherBot["from"].(map[string]any)["is_bot"] = true
	pinned := tgMsg{chat: 7, id: 5}.json()
	pinned["pinned_message"] = fromBot(7, 2)
	for name, m := range map[string]map[string]any{"members joined": joined, "another bot": otherBot, "a pin": pinned} {
		u := decodeUpdate(t, map[string]any{"update_id": 1, "message": m})
		if got, ok := b.toMessage(u.Message); ok {
			t.Errorf("%s: the core gets %+v; want it skipped", name, got)
		}
	}
}

func TestToCallback(t *testing.T) {
	u := decodeUpdate(t, press(7, 8, 77, "src:1"))
	b := &Bot{self: tgbotapi.User{UserName: "peyvand_bot"}}
	got := b.toCallback(u.CallbackQuery)
	want := chat.Callback{ID: "cbq-77-src:1", ChatID: 7, UserID: 8, MessageID: 77, Data: "src:1", Mention: "@peyvand_bot"}
	if got != want {
		t.Errorf("toCallback = %+v; want %+v", got, want)
	}
	if key, ok := updateChat(u); !ok || key != 7 {
		t.Errorf("updateChat = %d, %v; want 7, true", key, ok)
	}
}

func TestEndpoint(t *testing.T) {
	tests := []struct {
		in, want string // APIEndpoint given; as used
		ok       bool
	}{
		{"", tgbotapi.APIEndpoint, true},
		{"http://localhost:8081", "http://localhost:8081/bot%s/%s", true},
		{"http://localhost:8081/", "http://localhost:8081/bot%s/%s", true},
		{"https://tg.example.ir/api/bot%s/%s", "https://tg.example.ir/api/bot%s/%s", true},
		{"localhost:8081", "", false},
		{"https://x.ir/bot%s", "", false},
	}
	for _, tt := range tests {
		c := Config{Token: tgtest.Token, APIEndpoint: tt.in}
		err := c.setDefaults()
		if (err == nil) != tt.ok || (tt.ok && c.APIEndpoint != tt.want) {
			t.Errorf("APIEndpoint %q: got %q, %v; want %q, ok %v", tt.in, c.APIEndpoint, err, tt.want, tt.ok)
		}
	}
}
