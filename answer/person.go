package answer

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// A person question's answering sentence often names a role, not the
// person: «در پایان، استاندار سمنان … اعلام کرد». Persian news name the
// person once, in apposition beside the role: «کولیوند، استاندار سمنان،
// …» or «استاندار سمنان، کولیوند، گفت». roleName finds that name in the
// report, so that the answer can give it.

// role is a title word and the word after it: «استاندار سمنان».
type role [2]string

func (r role) String() string { return r[0] + " " + r[1] }

// rolesIn returns the roles a sentence names, those the question names
// first («والی فراه … کیه؟»).
func rolesIn(sentence, question string) []role {
	words := persian.Words(sentence)
	qw := persian.Words(question)
	var asked, other []role
	for i := 0; i+1 < len(words); i++ {
		if !personWords[words[i]] || !nameWord(words[i+1]) && !personWords[words[i+1]] {
			continue
		}
		r := role{words[i], words[i+1]}
		if slices.Contains(qw, r[0]) {
			asked = append(asked, r)
		} else {
			other = append(other, r)
		}
	}
	return append(asked, other...)
}

// roleName returns the name text gives the holder of r, or "". The name
// stands between commas beside the role; a bracket, a quote or a line
// break around it makes it something else («سمنان (ایرنا)، استاندار …»).
func roleName(text string, r role) string {
	clauses := clausesOf(text)
	for i, c := range clauses {
		if len(c.words) < 2 || c.words[0] != r[0] || c.words[1] != r[1] {
			continue
		}
		// «…، NAME، ROLE …»
		if i > 0 && comma(clauses[i-1].end) && (i == 1 || !strings.ContainsRune("()«»\"[]", clauses[i-2].end)) &&
			isName(clauses[i-1].words) {
			return strings.Join(clauses[i-1].words, " ")
		}
		// «ROLE، NAME، …»: the role stands alone in its clause.
		if len(c.words) <= 4 && comma(c.end) && i+1 < len(clauses) && comma(clauses[i+1].end) && isName(clauses[i+1].words) {
			return strings.Join(clauses[i+1].words, " ")
		}
	}
	return ""
}

// clause is a piece of a text between marks: its words in match form and
// the mark that ends it (0 at the end of the text).
type clause struct {
	words []string
	end   rune
}

const clauseMarks = "،,:؛;.!؟?\n()«»\"[]"

// clausesOf splits a text at its punctuation and line breaks.
func clausesOf(text string) []clause {
	var out []clause
	start := 0
	for i, r := range text {
		if strings.ContainsRune(clauseMarks, r) {
			out = append(out, clause{persian.Words(text[start:i]), r})
			start = i + utf8.RuneLen(r)
		}
	}
	return append(out, clause{persian.Words(text[start:]), 0})
}

func comma(r rune) bool { return r == '،' || r == ',' }

// isName reports whether a clause is a person's name and nothing else: one
// to three words, none a common word, a title, a time, a number, a place
// noun or a news agency's name, and not a place's name as a whole («مرز
// مهران»، «سمنان»; «مهران فاطمی» is a man).
func isName(ws []string) bool {
	if len(ws) == 0 || len(ws) > 3 {
		return false
	}
	for _, w := range ws {
		if !nameWord(w) || personWords[w] || agencies[w] || siteWords[w] {
			return false
		}
	}
	_, place := places.Default().Lookup(strings.Join(ws, " "))
	return !place
}

// agencies are the news agencies a dateline names beside a role.
var agencies = set(`ایرنا ایسنا ایلنا تسنیم مهر فارس برنا میزان دانا شانا ایبنا خبرگزاری صداوسیما باشگاه`)

// nameWord reports whether w may be a word of a name, a person's or a
// place's: a word of letters that is no stop word, time or count.
func nameWord(w string) bool {
	if persian.IsStopword(w) || timeWords[w] || countWords[w] || orgWords[w] || len([]rune(w)) < 2 {
		return false
	}
	for _, r := range w {
		if r < 0x0600 || r > 0x06FF {
			return false
		}
	}
	return true
}

// written is r as sentence writes it («قائم مقام», not the match form
// «قایم مقام»).
func (r role) written(sentence string) string { return writtenIn(sentence, r[:]) }

// writtenIn is the words ws (in match form) as text writes them, half-
// spaces and all («وجه‌الله»), or ws joined when the words of text do not
// line up with them.
func writtenIn(text string, ws []string) string {
	if len(ws) == 0 {
		return ""
	}
	d := persian.Display(text)
	type span struct{ i, j int }
	var spans []span
	start := -1
	for i, c := range d + " " {
		sep := c == ' ' || c == '\u200c' || strings.ContainsRune(clauseMarks, c)
		switch {
		case sep && start >= 0:
			spans = append(spans, span{start, i})
			start = -1
		case !sep && start < 0:
			start = i
		}
	}
	for i := 0; i+len(ws) <= len(spans); i++ {
		same := true
		for k, w := range ws {
			sp := spans[i+k]
			same = same && persian.Normalize(d[sp.i:sp.j]) == w
		}
		if same {
			return d[spans[i].i:spans[i+len(ws)-1].j]
		}
	}
	return persian.Display(strings.Join(ws, " "))
}

// namedRole is the note an answer adds when its sentence names a role the
// report names the holder of: the first role the question asks of, or else
// the first the sentence names, whose holder the sentence does not name.
func namedRole(text, sentence, question string) (role, string, bool) {
	have := persian.Normalize(sentence)
	for _, r := range rolesIn(sentence, question) {
		if name := roleName(text, r); name != "" && !strings.Contains(have, name) {
			return r, writtenIn(text, strings.Fields(name)), true
		}
	}
	return role{}, "", false
}
