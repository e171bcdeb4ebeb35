package reply

import (
	"slices"
	"strings"
)

// MaxData is Telegram's limit on a button's callback_data, in bytes.
const MaxData = 64

// Action names what a button press asks for; it is the first field of the
// callback data.
type Action string

// The actions peyvand's buttons carry, with the fields each takes.
const (
	Example     Action = "ex"    // index of a /start example
	Sources     Action = "src"   // turn id
	Feedback    Action = "fb"    // "1" or "0", turn id
	More        Action = "more"  // turn id, offset into the partner list (older messages)
	Unsubscribe Action = "unsub" // place name: an alert's button, answered with a toast
	// UnsubscribeList is the button of the /subscriptions list, which
	// edits the list to show what is left.
	UnsubscribeList Action = "unsl" // place name
	// Page, Details and Summary carry the place they show besides the turn,
	// so that a button on an old message works after the turn is forgotten
	// or the bot restarted: the page is made again from the graph.
	Page      Action = "pg"   // offset into the partner list, turn id, place name
	Details   Action = "bd"   // offset into a brief's full list, turn id, period start, place name
	Summary   Action = "bs"   // turn id, period start, place name: back from the details to the brief
	Reason    Action = "why"  // reason code, turn id: why an answer was unhelpful
	Subscribe Action = "sub"  // relation code or "any", place name
	Mute      Action = "mute" // "1" to pause a chat's alerts, "0" to resume
)

// arity is how many fields each action carries; the last field takes the
// rest of the data, so a place name may itself hold a colon.
var arity = map[Action]int{Example: 1, Sources: 1, Feedback: 2, More: 2, Unsubscribe: 1,
	Page: 3, Details: 4, Summary: 3, Reason: 2, Subscribe: 2, Mute: 1, UnsubscribeList: 1}

// Encode writes callback data for an action. It reports false when the
// action is unknown, the field count is wrong, a field is empty, or the
// data would exceed MaxData: Telegram refuses such a button, so the caller
// leaves it out.
func Encode(a Action, fields ...string) (string, bool) {
	n, ok := arity[a]
	if !ok || len(fields) != n || slices.Contains(fields, "") {
		return "", false
	}
	for _, f := range fields[:n-1] {
		if strings.Contains(f, ":") {
			return "", false
		}
	}
	data := string(a) + ":" + strings.Join(fields, ":")
	if len(data) > MaxData {
		return "", false
	}
	return data, true
}

// Decode reads callback data back into its action and fields. Data that no
// peyvand button could have carried (an old layout, a forged press, an
// empty field such as "unsub:", which would name every place) reports
// false.
func Decode(data string) (Action, []string, bool) {
	if len(data) > MaxData {
		return "", nil, false
	}
	kind, rest, ok := strings.Cut(data, ":")
	n, known := arity[Action(kind)]
	if !ok || !known {
		return "", nil, false
	}
	fields := strings.SplitN(rest, ":", n)
	if len(fields) != n || slices.Contains(fields, "") {
		return "", nil, false
	}
	return Action(kind), fields, true
}

// NewButton is a button for an action, or false when its data would not fit.
func NewButton(text string, a Action, fields ...string) (Button, bool) {
	data, ok := Encode(a, fields...)
	return Button{Text: text, Data: data}, ok
}
