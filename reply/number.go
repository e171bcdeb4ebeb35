package reply

import (
	"regexp"
	"strconv"

	"github.com/peyvand/peyvand/persian"
)

// Number writes a citation number as a reply shows it: in Persian digits,
// or ASCII ones in an English reply, alike inline and in the source list.
func Number(n int, english bool) string {
	if english {
		return strconv.Itoa(n)
	}
	return persian.Digits(strconv.Itoa(n))
}

// asciiMarker is a citation marker as answers carry it: "[n]", ASCII.
var asciiMarker = regexp.MustCompile(`\[([0-9]{1,4})\]`)

// ShowMarkers writes the [n] markers of a plain-text reply in its digits
// (see Number), for transports without links: the terminal, the command
// line. The Telegram adapter does the same while it links them.
func ShowMarkers(text string, english bool) string {
	if english {
		return text
	}
	return asciiMarker.ReplaceAllStringFunc(text, func(m string) string {
		return "[" + persian.Digits(m[1:len(m)-1]) + "]"
	})
}
