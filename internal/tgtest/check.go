package tgtest

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// MaxMessageLen is Telegram's limit on a message's text after entities are
// parsed, in UTF-16 units.
const MaxMessageLen = 4096

// errBad is a Bad Request refusal, worded as Telegram words it.
func errBad(what string) error { return errors.New("Bad Request: " + what) }

// CheckText applies Telegram's checks to a message text: with parse_mode
// HTML its markup parses, and what it shows is 1–4096 UTF-16 units. It
// returns the text shown.
func CheckText(text, parseMode string) (string, error) {
	if parseMode == "HTML" {
		v, err := ParseHTML(text)
		if err != nil {
			return "", errBad("can't parse entities: " + err.Error())
		}
		text = v
	}
	switch n := len(utf16.Encode([]rune(strings.TrimSpace(text)))); {
	case n == 0:
		return "", errBad("message text is empty")
	case n > MaxMessageLen:
		return "", errBad("message is too long")
	}
	return text, nil
}

// ParseHTML parses s as Telegram's HTML parse mode does, strictly: only
// its tags, properly nested, an href on every <a>, only &lt; &gt; &amp;
// &quot; and numeric entities, valid UTF-8. It returns the text shown.
func ParseHTML(s string) (string, error) {
	var (
		out   strings.Builder
		stack []string
	)
	for i := 0; i < len(s); {
		switch s[i] {
		case '<':
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				return "", fmt.Errorf("unclosed start tag at byte offset %d", i)
			}
			if err := tag(s[i+1:i+j], &stack); err != nil {
				return "", fmt.Errorf("%v at byte offset %d", err, i)
			}
			i += j + 1
		case '&':
			r, n, err := entity(s[i:])
			if err != nil {
				return "", fmt.Errorf("%v at byte offset %d", err, i)
			}
			out.WriteRune(r)
			i += n
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if r == utf8.RuneError && size == 1 {
				return "", fmt.Errorf("invalid UTF-8 at byte offset %d", i)
			}
			out.WriteRune(r)
			i += size
		}
	}
	if len(stack) > 0 {
		return "", fmt.Errorf("can't find end tag corresponding to start tag %q", stack[len(stack)-1])
	}
	return out.String(), nil
}

// allowedTags are the tags Telegram's HTML parse mode knows.
var allowedTags = map[string]bool{
	"b": true, "strong": true, "i": true, "em": true, "u": true, "ins": true, "s": true,
	"strike": true, "del": true, "span": true, "tg-spoiler": true, "a": true, "code": true,
	"pre": true, "blockquote": true, "tg-emoji": true,
}

// tag reads one tag's inside (between < and >), pushing or popping stack.
func tag(inside string, stack *[]string) error {
	if name, ok := strings.CutPrefix(inside, "/"); ok {
		if len(*stack) == 0 || (*stack)[len(*stack)-1] != name {
			return fmt.Errorf("unexpected end tag %q", name)
		}
		*stack = (*stack)[:len(*stack)-1]
		return nil
	}
	name, attrs, _ := strings.Cut(inside, " ")
	if !allowedTags[name] {
		return fmt.Errorf("unsupported start tag %q", name)
	}
	if name == "a" {
		href, ok := strings.CutPrefix(attrs, `href="`)
		if !ok || !strings.HasSuffix(href, `"`) || strings.ContainsAny(href[:len(href)-1], `"<>`) {
			return fmt.Errorf("bad <a> attributes %q", attrs)
		}
		if _, err := ParseHTML(href[:len(href)-1]); err != nil {
			return fmt.Errorf("bad href: %v", err)
		}
	}
	*stack = append(*stack, name)
	return nil
}

// entity reads one character entity at the start of s.
func entity(s string) (rune, int, error) {
	j := strings.IndexByte(s, ';')
	if j < 0 || j > 10 {
		return 0, 0, errors.New("bad entity")
	}
	ent := s[:j+1]
	switch {
	case ent == "&lt;":
		return '<', j + 1, nil
	case ent == "&gt;":
		return '>', j + 1, nil
	case ent == "&amp;":
		return '&', j + 1, nil
	case ent == "&quot;":
		return '"', j + 1, nil
	}
	base, digits := 10, ""
	switch {
	case strings.HasPrefix(ent, "&#x"):
		base, digits = 16, ent[3:j]
	case strings.HasPrefix(ent, "&#"):
		digits = ent[2:j]
	default:
		return 0, 0, fmt.Errorf("unsupported entity %q", ent)
	}
	n, err := strconv.ParseUint(digits, base, 32)
	if err != nil {
		return 0, 0, fmt.Errorf("bad entity %q", ent)
	}
	return rune(n), j + 1, nil
}

// Button is one inline keyboard button as the bot sent it.
type Button struct {
	Text         string  `json:"text"`
	CallbackData string  `json:"callback_data,omitempty"`
	URL          string  `json:"url,omitempty"`
	SwitchInline *string `json:"switch_inline_query,omitempty"`
}

// Keyboard reads a reply_markup's inline keyboard; nil for none.
func Keyboard(markup string) ([][]Button, error) {
	if markup == "" {
		return nil, nil
	}
	var kb struct {
		InlineKeyboard [][]Button `json:"inline_keyboard"`
	}
	if err := json.Unmarshal([]byte(markup), &kb); err != nil {
		return nil, err
	}
	return kb.InlineKeyboard, nil
}

// checkMarkup refuses a reply_markup Telegram would refuse: bad JSON, a
// button without text, or without exactly one action, or with callback
// data outside 1–64 bytes.
func checkMarkup(markup string) error {
	kb, err := Keyboard(markup)
	if err != nil {
		return errBad("can't parse reply keyboard markup JSON object")
	}
	for _, row := range kb {
		for _, b := range row {
			actions := 0
			for _, set := range []bool{b.CallbackData != "", b.URL != "", b.SwitchInline != nil} {
				if set {
					actions++
				}
			}
			switch {
			case strings.TrimSpace(b.Text) == "":
				return errBad("text buttons are unallowed in the inline keyboard")
			case actions != 1:
				return errBad("can't find field \"callback_data\"")
			case len(b.CallbackData) > 64:
				return errBad("BUTTON_DATA_INVALID")
			case b.URL != "" && !validURL(b.URL):
				return errBad("inline keyboard button URL '" + b.URL + "' is invalid: Wrong HTTP URL")
			}
		}
	}
	return nil
}

func validURL(s string) bool {
	u, err := url.Parse(s)
	return err == nil && (u.Scheme == "https" || u.Scheme == "http" || u.Scheme == "tg") && (u.Host != "" || u.Scheme == "tg")
}

// checkCallbackAnswer checks answerCallbackQuery: an id, a toast of at
// most 200 characters.
func checkCallbackAnswer(p url.Values) error {
	if p.Get("callback_query_id") == "" {
		return errBad("query is too old and response timeout expired or query ID is invalid")
	}
	if utf8.RuneCountInString(p.Get("text")) > 200 {
		return errBad("MESSAGE_TOO_LONG")
	}
	return nil
}

// InlineResult is one result of an answerInlineQuery call.
type InlineResult struct {
	Type        string `json:"type"`
	ID          string `json:"id"`
	Title       string `json:"title"`
	Description string `json:"description"`
	Content     struct {
		Text      string `json:"message_text"`
		ParseMode string `json:"parse_mode"`
	} `json:"input_message_content"`
	ReplyMarkup json.RawMessage `json:"reply_markup"`
}

// InlineResults reads an answerInlineQuery call's results.
func InlineResults(c Call) ([]InlineResult, error) {
	var rs []InlineResult
	err := json.Unmarshal([]byte(c.Params.Get("results")), &rs)
	return rs, err
}

// checkInlineAnswer checks answerInlineQuery: an id, at most 50 results
// with distinct ids of 1–64 bytes, each article titled with a message
// Telegram would accept.
func checkInlineAnswer(p url.Values) error {
	if p.Get("inline_query_id") == "" {
		return errBad("query is too old and response timeout expired or query ID is invalid")
	}
	rs, err := InlineResults(Call{Params: p})
	if err != nil {
		return errBad("can't parse inline query results JSON object")
	}
	if len(rs) > 50 {
		return errBad("RESULTS_TOO_MUCH")
	}
	seen := map[string]bool{}
	for _, r := range rs {
		switch {
		case r.ID == "" || len(r.ID) > 64 || seen[r.ID]:
			return errBad("RESULT_ID_INVALID")
		case r.Type != "article":
			return errBad("RESULT_TYPE_INVALID")
		case strings.TrimSpace(r.Title) == "":
			return errBad("RESULT_TITLE_EMPTY")
		}
		seen[r.ID] = true
		if _, err := CheckText(r.Content.Text, r.Content.ParseMode); err != nil {
			return err
		}
		if len(r.ReplyMarkup) > 0 {
			if err := checkMarkup(string(r.ReplyMarkup)); err != nil {
				return err
			}
		}
	}
	return nil
}

// CheckCitations checks the citation markers of a text as shown: every
// [n] (ASCII or Persian digits) is one of 1..k, first mentioned in order
// 1, 2, …, k, none skipped. It returns k.
func CheckCitations(shown string) (int, error) {
	next := 1
	for i := 0; i < len(shown); i++ {
		if shown[i] != '[' {
			continue
		}
		n, ok := markerAt(shown[i+1:])
		if !ok {
			continue
		}
		switch {
		case n == next:
			next++
		case n > next:
			return next - 1, fmt.Errorf("citation [%d] before [%d]: numbers skip or come out of order", n, next)
		}
	}
	return next - 1, nil
}

// markerAt reads "n]" in ASCII or Persian digits.
func markerAt(s string) (int, bool) {
	n, digits := 0, 0
	for s != "" {
		r, size := utf8.DecodeRuneInString(s)
		switch {
		case r >= '0' && r <= '9':
			n = n*10 + int(r-'0')
		case r >= '۰' && r <= '۹':
			n = n*10 + int(r-'۰')
		case r == ']' && digits > 0:
			return n, true
		default:
			return 0, false
		}
		digits++
		s = s[size:]
	}
	return 0, false
}
