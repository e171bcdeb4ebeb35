package persian

import (
	_ "embed"
	"strings"
)

// InstructionsText is instructions.txt: phrases of text addressed to an
// assistant or a model («دستورهای قبلی را نادیده بگیر»، "ignore previous
// instructions", role markers). Package extract reads it too.
//
//go:embed instructions.txt
var InstructionsText string

// instructionPhrases are the phrases of instructions.txt in match form: a
// few words, or a marker matched as written ("<|im_start|>", "system:").
var instructionPhrases, instructionMarkers = parseInstructions(InstructionsText)

func parseInstructions(txt string) (phrases [][]string, markers []string) {
	for _, line := range strings.Split(txt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		_, list, ok := strings.Cut(line, "|")
		if !ok {
			continue
		}
		for _, p := range strings.FieldsFunc(list, func(r rune) bool { return r == '،' || r == ',' }) {
			p = strings.ToLower(strings.TrimSpace(p))
			if ws := glued(p); len(ws) > 0 && !strings.ContainsAny(p, "<|[]#:") {
				phrases = append(phrases, ws)
			} else if p != "" {
				markers = append(markers, p)
			}
		}
	}
	return phrases, markers
}

// glued is a text's words with a plural or pronoun suffix written apart
// («دستور‌های») glued back, so that both spellings compare equal.
func glued(s string) []string {
	var out []string
	for _, w := range Words(Normalize(s)) {
		switch w {
		case "ها", "های", "هایی", "ای", "ی", "ات", "ت", "تان":
			if len(out) > 0 {
				out[len(out)-1] += w
				continue
			}
		}
		out = append(out, w)
	}
	return out
}

// Instruction reports whether a sentence is addressed to an assistant or a
// model rather than to a reader: article text that tries to command
// («دستورهای قبلی را نادیده بگیر …»). Such text is data, never a command:
// it is kept in the stored article, blanked out of what is searched and
// quoted, and read for no tie.
func Instruction(sentence string) bool {
	low := strings.ToLower(sentence)
	// A chat transcript's role at the start of a line («system: …»);
	// "operating system: …" is no role.
	for _, role := range []string{"system:", "assistant:", "[system]"} {
		if strings.HasPrefix(strings.TrimSpace(low), role) {
			return true
		}
	}
	for _, m := range instructionMarkers {
		if strings.Contains(low, m) {
			return true
		}
	}
	ws := glued(sentence)
	for _, p := range instructionPhrases {
		for i := 0; i+len(p) <= len(ws); i++ {
			if phraseAt(ws[i:], p) {
				return true
			}
		}
	}
	return false
}

// phraseAt reports whether ws starts with phrase p, its last word possibly
// carrying a suffix («بگیرید» for «بگیر»).
func phraseAt(ws, p []string) bool {
	for k, w := range p {
		if ws[k] != w && !(k == len(p)-1 && len([]rune(w)) >= 3 && strings.HasPrefix(ws[k], w)) {
			return false
		}
	}
	return true
}

// ellipsis opens a blanked sentence.
const ellipsis = "…"

// BlankInstructions returns text with its instruction-like sentences
// (Instruction) replaced by «…» and spaces of the same byte length, so that
// every offset into it still holds, and how many there were.
func BlankInstructions(text string) (string, int) {
	n := 0
	var b []byte
	for _, sp := range SentenceSpans(text) {
		if !Instruction(text[sp.Start:sp.End]) {
			continue
		}
		if b == nil {
			b = []byte(text)
		}
		i := sp.Start
		if sp.End-sp.Start >= len(ellipsis) {
			i += copy(b[i:], ellipsis) // marks the cut for CollapseBlanks
		}
		for ; i < sp.End; i++ {
			b[i] = ' '
		}
		n++
	}
	if b == nil {
		return text, 0
	}
	return string(b), n
}

// CollapseBlanks shows a sentence BlankInstructions blanked as one «…»:
// what is quoted says something was left out. Other spaces stay as written.
func CollapseBlanks(s string) string {
	if !strings.Contains(s, ellipsis+" ") {
		return s
	}
	var b strings.Builder
	for {
		i := strings.Index(s, ellipsis+" ")
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i] + ellipsis)
		s = strings.TrimLeft(s[i+len(ellipsis):], " ")
		if s != "" {
			b.WriteByte(' ')
		}
	}
}
