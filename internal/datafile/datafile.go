// Package datafile reads the plain-text data files peyvand embeds (the
// gazetteer, cues, status and topic words): lines, "#" comments, and lists
// separated by Persian or Latin commas.
package datafile

import "strings"

// Lines calls fn for every line of txt that is not blank or a comment, with
// its 1-based number, trimmed (a byte-order mark too).
func Lines(txt string, fn func(n int, line string)) {
	for i, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(strings.TrimPrefix(line, "\ufeff"))
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		fn(i+1, line)
	}
}

// List splits a list at Persian or Latin commas, trimming each item and
// dropping empty ones.
func List(s string) []string {
	var out []string
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == '،' || r == ',' }) {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}
