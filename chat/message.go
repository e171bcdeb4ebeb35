// Package chat is peyvand's conversation core: it takes messages and button
// presses from any transport (Telegram, the terminal, tests) and returns
// replies. It knows nothing of Telegram; package bot adapts it.
package chat

// Kind is the kind of conversation a message arrives in.
type Kind string

// Chat kinds, as Telegram names them.
const (
	Private    Kind = "private"
	Group      Kind = "group"
	Supergroup Kind = "supergroup"
	Channel    Kind = "channel"
)

// Message is one incoming message.
type Message struct {
	ChatID    int64
	UserID    int64
	ChatKind  Kind
	MessageID int    // the transport's id of this message; replies refer to it
	Text      string // empty for stickers, photos and other non-text messages
	Lang      string // the user's language code, e.g. "fa"; may be empty
	// Addressed reports, in a group, that the bot was mentioned, replied to
	// or given a command; the transport decides, since only it knows the
	// bot's username. In a private chat every message is addressed.
	Addressed bool
	// Mention is the bot's @username, stripped from Text by the core.
	Mention string
}

// Callback is a press of one of the core's buttons.
type Callback struct {
	ID        string // the transport's id, to acknowledge the press
	ChatID    int64
	UserID    int64
	MessageID int    // the message the button is under
	Data      string // the button's callback data (see reply.Decode)
	Mention   string // the bot's @username, for the links a page carries
}
