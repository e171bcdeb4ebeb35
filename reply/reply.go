// Package reply is the transport-free shape of what peyvand sends: a message
// with its citations and inline buttons, and the callback data those buttons
// carry. The conversation core (chat) and the alert sender (alert) both
// produce replies and a transport (bot, the terminal) renders them, so this
// package sits below all of them and imports only the root nouns and
// persian (for the digits of citation numbers).
package reply

import "github.com/peyvand/peyvand"

// Button is an inline button under a message.
type Button struct {
	Text string
	Data string // at most MaxData bytes: Telegram's callback_data limit
}

// Message is one message to send, or an edit of one already sent.
type Message struct {
	// Text is plain Persian text. Answer sentences end with [n] markers
	// naming Citations; a transport may link them to the citations' URLs.
	Text      string
	Citations []peyvand.Citation
	// Sources, when set, asks the transport to append the citations as a
	// numbered list after Text.
	Sources bool
	Buttons [][]Button
	// ReplyTo is the message id this one answers; zero for none.
	ReplyTo int
	// Edit, when non-zero, replaces the text and buttons of that earlier
	// message instead of sending a new one (the pages of long lists).
	Edit int
	// KeyboardOnly, with Edit, replaces only the buttons of that message:
	// a vote shown as chosen.
	KeyboardOnly bool
	// Notice is a short toast acknowledging a button press; empty otherwise.
	Notice string
	// English is set for the answer to an English question: a transport
	// writes its own words around it (the sources heading) in English.
	English bool
}

// PlaceLabel shows a subscription's place: its name, or "all places".
func PlaceLabel(place string) string {
	if place == peyvand.AllPlaces {
		return "همهٔ مکان‌ها"
	}
	return place
}

// Article is one result of an inline query: a message the user may send
// into any chat, shown in the list by its title and description.
type Article struct {
	ID          string // unique among the results, at most 64 bytes
	Title       string
	Description string
	Message     Message
}

// Inline is the answer to an inline query.
type Inline struct {
	Results []Article
	// Wait, when set, says why there are no results (a rate limit); the
	// transport shows it above the empty list.
	Wait string
	// Personal results may differ per user and are not shared from
	// Telegram's cache.
	Personal bool
}
