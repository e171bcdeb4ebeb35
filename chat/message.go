// Package chat is peyvand's conversation core: it takes messages and button
// presses from any transport (Telegram, the terminal, tests) and returns
// replies. It knows nothing of Telegram; package bot adapts it.
package chat

import "github.com/peyvand/peyvand"

// ChatKind is the kind of conversation a message arrives in.
type ChatKind string

// Chat kinds, as Telegram names them.
const (
	Private    ChatKind = "private"
	Group      ChatKind = "group"
	Supergroup ChatKind = "supergroup"
	Channel    ChatKind = "channel"
)

// Message is one incoming message.
type Message struct {
	ChatID    int64
	UserID    int64
	ChatKind  ChatKind
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
	Data      string // the Button's Data
}

// Button is an inline button under a reply.
type Button struct {
	Text string
	Data string // at most 64 bytes: Telegram's callback_data limit
}

// Reply is one message to send, or an edit of one already sent.
type Reply struct {
	// Text is plain Persian text. Answer sentences end with [n] markers
	// naming Citations; a transport may link them to the citations' URLs.
	Text      string
	Citations []peyvand.Citation
	// Sources, when set, asks the transport to append the citations as a
	// numbered list after Text.
	Sources bool
	Buttons [][]Button
	// ReplyTo is the message id this reply answers; zero for none.
	ReplyTo int
	// Edit, when non-zero, replaces the text of that earlier message
	// instead of sending a new one (the "more" button of long lists).
	Edit int
	// Notice is a short toast acknowledging a Callback; empty otherwise.
	Notice string
	// English is set for the answer to an English question: a transport
	// writes its own words around it (the sources heading) in English.
	English bool
}
