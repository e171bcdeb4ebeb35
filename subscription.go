package peyvand

import "time"

// AllPlaces is the Subscription.Place of a subscriber who follows every
// agreement reported.
const AllPlaces = "all"

// Subscription is a chat following a place: it is alerted when a new tie
// of the place (or of a place inside it) is reported.
type Subscription struct {
	ChatID int64
	Place  string // canonical name of a city, province or country, or AllPlaces
	Digest bool   // one message a day instead of one per event
	Paused bool   // the chat blocked the bot: nothing is sent until it writes again
	// Muted is the chat's own pause (/pause): unlike Paused, writing to the
	// bot does not end it; /resume does.
	Muted bool
	// Relations, when set, are the only kinds of tie alerted (a subscriber
	// who wants sister cities only); none means every alert-worthy tie.
	Relations []Relation
	Created   time.Time
}

// Feedback is a user's 👍 or 👎 on an answer, kept for review.
type Feedback struct {
	Time      time.Time `json:"time"`
	ChatID    int64     `json:"chat_id"`
	Helpful   bool      `json:"helpful"`
	Question  string    `json:"question"`
	Answer    string    `json:"answer"`
	Mode      string    `json:"mode"`
	Citations []string  `json:"citations"` // the cited article ids, in marker order
	// MessageID is the message judged: a second press on it changes this
	// record instead of adding one. Zero in records from before it.
	MessageID int `json:"message_id,omitempty"`
	// Reason is why an answer was unhelpful: one of FeedbackReasons.
	Reason string `json:"reason,omitempty"`
}

// FeedbackReasons are the reasons a 👎 offers.
var FeedbackReasons = []string{"wrong", "incomplete", "outdated", "off_topic"}
