package question

import (
	"cmp"
	"slices"
	"strings"
	"unicode"

	"github.com/peyvand/peyvand/persian"
)

// Small talk, gibberish and the courtesy around a question.

// smallTalk returns the kind of small talk a message is, "" for none: it
// must be small-talk words and little else — half of it, or a third when it
// asks what peyvand can do («با سلام، لطفاً راهنمایی بفرمایید چه پرسش‌هایی
// …»). Thanks or a goodbye that asks nothing is small talk however it is
// worded («از پاسخ‌های دقیقتان سپاسگزارم، روز خوبی داشته باشید»). Help
// goes before a greeting, a greeting before thanks.
func smallTalk(msg string, t text, hits []hit) string {
	if len(t.raw) > 14 {
		return ""
	}
	covered := make([]bool, len(t.raw))
	found := map[string]bool{}
	asks := strings.ContainsAny(msg, "؟?")
	for _, h := range hits {
		switch h.label {
		case "help", "greet", "thanks", "bye", "whatsup":
			found[h.label] = true
			for k := h.i; k < h.j && k < len(covered); k++ {
				covered[k] = true
			}
		default:
			asks = true
		}
	}
	if !asks && (found["thanks"] || found["bye"]) && !found["help"] && uncovered(t, covered) <= 4 {
		if found["bye"] && !found["thanks"] {
			return "bye"
		}
		return "thanks"
	}
	// Stop words around the phrases («خیلی», «کرد») neither add nor take:
	// half of the rest must be the phrases.
	n, words := 0, 0
	for k, c := range covered {
		switch {
		case c:
			n++
			words++
		case !persian.IsStopword(t.formal[k]):
			words++
		}
	}
	need := (words + 1) / 2
	if found["help"] {
		need = (words + 2) / 3
	}
	if found["whatsup"] && n == words {
		return "greet" // «چه خبر؟» and nothing else
	}
	delete(found, "whatsup")
	if n == 0 || n < need || len(found) == 0 {
		return ""
	}
	for _, kind := range []string{"help", "greet", "thanks", "bye"} {
		if found[kind] {
			return kind
		}
	}
	return ""
}

// uncovered counts the words of t that are not covered and no stop words.
func uncovered(t text, covered []bool) int {
	n := 0
	for k, c := range covered {
		if !c && !persian.IsStopword(t.formal[k]) {
			n++
		}
	}
	return n
}

// emojiTalk is the small talk of a message of emoji alone: «👍🙏» thanks,
// «👋» greets. Any other, «🤔» or «😂», is "" (read as nonsense).
func emojiTalk(msg string) string {
	kind := ""
	for _, c := range msg {
		switch c {
		case '👍', '🙏', '👌', '❤', '🌹', '💐', '👏', '✅', '🙂', '😊', '🌷', '💯', '🤝':
			kind = cmp.Or(kind, "thanks")
		case '👋':
			kind = "greet"
		}
	}
	return kind
}

// nonsense reports whether a message has nothing peyvand can read: no
// place, no question or tie word, and either no word that looks like a
// word of the language it is written in, or, longer, words that ask
// nothing — no question mark, no word of a question or a tie («آب انگور
// کلاغ پرید زرد», "purple tractor sings on tuesday").
func (r *Reader) nonsense(msg string, t text, hits []hit) bool {
	if len(t.raw) == 0 {
		return true
	}
	for _, h := range hits {
		if h.label != "followup" && h.label != "preamble" {
			return false
		}
	}
	if len(t.raw) > 4 {
		// A long message with no question in it is not asked of the news;
		// one with a question mark is, and retrieval abstains if need be.
		return len(hits) == 0 && !strings.ContainsAny(msg, "?؟")
	}
	if !slices.ContainsFunc(t.raw, func(w string) bool { return !isLatinWord(w) && !isNumber(w) }) {
		// Latin letters that are no English or Finglish word peyvand
		// knows («asdkjh qwpoe», "purple monkey dishwasher 42"): a short
		// message needs one it knows; a figure is none.
		return !slices.ContainsFunc(t.raw, r.knownLatin)
	}
	for _, w := range t.raw {
		if persian.IsStopword(w) || wordLike(w) {
			return false
		}
	}
	return true
}

// isNumber reports a word of digits alone.
func isNumber(w string) bool {
	return w != "" && strings.Trim(w, "0123456789۰۱۲۳۴۵۶۷۸۹") == ""
}

// trailingThanks cuts thanks or a goodbye off the end of a question
// («… خواهرخوانده هستن؟ ممنون», "… sister cities? thanks"): the question
// is read as if it ended before them, when what comes before asks
// something. A message of thanks alone is kept.
func trailingThanks(t text, hits []hit) (text, []hit) {
	end := len(t.raw)
	for again := true; again; {
		again = false
		for _, h := range hits {
			if h.j == end && h.i > 0 && h.i < end && (h.label == "thanks" || h.label == "bye") {
				end, again = h.i, true
			}
		}
	}
	asks := slices.ContainsFunc(hits, func(h hit) bool {
		switch h.label {
		case "thanks", "bye", "greet", "help", "preamble", "followup":
			return false
		}
		return h.j <= end
	})
	if end == len(t.raw) || !asks {
		return t, hits // «دیگه سوالی ندارم» is a goodbye, not «دیگه» asked
	}
	t = text{raw: t.raw[:end], formal: t.formal[:end]}
	return t, slices.DeleteFunc(slices.Clone(hits), func(h hit) bool { return h.j > end })
}

// afterGreeting is the first word after the greeting, thanks or courtesy
// a message opens with («سلام، Is Shiraz twinned …», "please tell me, is
// …»), 0 when it opens with none.
func afterGreeting(hits []hit) int {
	i := 0
	for again := true; again; {
		again = false
		for _, h := range hits {
			if h.i == i && h.j > i && (h.label == "greet" || h.label == "thanks" || h.label == "preamble") {
				i, again = h.j, true
			}
		}
	}
	return i
}

// puzzled reports a message of nothing but "what?" («چی؟»، «یعنی چی؟»):
// the reader did not follow, and asks nothing of the news. «کی؟» and
// «کجا؟» do ask.
func puzzled(t text) bool {
	for _, w := range t.formal {
		if !slices.Contains([]string{"چه", "یعنی", "what", "huh", "eh", "ها", "هان"}, w) {
			return false
		}
	}
	return len(t.formal) > 0
}

// wordLike reports whether w looks like a word: a Persian word of three or
// more letters with a vowel letter and no letter three times in a row, or
// a Latin word with a vowel, not a keyboard row.
func wordLike(w string) bool {
	rs := []rune(w)
	if len(rs) < 3 {
		return false
	}
	run := 1
	vowel := false
	for i, r := range rs {
		if i > 0 && r == rs[i-1] {
			run++
			if run >= 3 {
				return false
			}
		} else {
			run = 1
		}
		if strings.ContainsRune("اویaeiouy", r) {
			vowel = true
		}
		if unicode.IsDigit(r) {
			return false
		}
	}
	if !vowel {
		return false
	}
	for _, row := range []string{"qwertyuiop", "asdfghjkl", "zxcvbnm", "ضصثقفغعهخحجچ", "شسیبلاتنمکگ", "ظطزرذدپو"} {
		if strings.Contains(row, w) {
			return false
		}
		for i := 0; i+4 <= len(rs); i++ { // four keys in a row: a hand on the keyboard
			if strings.Contains(row, string(rs[i:i+4])) {
				return false
			}
		}
	}
	return true
}
