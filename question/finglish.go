package question

import (
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
)

// finglish finds places written in Finglish: a Persian name typed in Latin
// letters as it is said in Persian, which is often far from its English
// name: «ونیز» "veniz" (Venice), «روسیه» "rusiye", «گرجستان» "gorjestan",
// «عراق» "eragh". A word is matched against the gazetteer's Persian
// spellings letter by letter (finglishMatch), after an index on the
// consonants both scripts write (hardSkeleton) narrows the candidates.
type finglish struct {
	g      *places.Gazetteer
	byHard map[string][]spelled
}

// spelled is one Persian spelling of a place, in match form.
type spelled struct {
	fa    []rune
	place peyvand.Place
}

// minFinglishLetters: a shorter Latin word, or a Persian spelling of
// fewer letters, matches too many words of what people type.
const (
	minFinglishLetters = 4
	minPersianLetters  = 3
)

func newFinglish(g *places.Gazetteer) *finglish {
	f := &finglish{g: g, byHard: map[string][]spelled{}}
	for _, p := range g.Places() {
		for _, sp := range g.Spellings(p) {
			if utf8.RuneCountInString(strings.ReplaceAll(sp, " ", "")) < minPersianLetters {
				continue
			}
			k := hardSkeleton(sp)
			if len(k) < 2 {
				continue // a name of vowels and one consonant is no evidence
			}
			f.byHard[k] = append(f.byHard[k], spelled{[]rune(sp), p})
		}
	}
	return f
}

// lookup returns the one place a Finglish word or run of words (lower case,
// space-separated) spells. A city and its namesake province give the city.
func (f *finglish) lookup(name string) (peyvand.Place, bool) {
	if len(strings.ReplaceAll(name, " ", "")) < minFinglishLetters {
		return peyvand.Place{}, false
	}
	// In a word of four letters every letter must be the name's: "qwer"
	// is no «غور» with an e typed between.
	vowels := len(strings.ReplaceAll(name, " ", "")) > minFinglishLetters
	var found []peyvand.Place
	for _, s := range f.byHard[hardSkeleton(name)] {
		if finglishMatch(s.fa, name, vowels) {
			found = appendOnce(found, s.place)
		}
	}
	switch len(found) {
	case 1:
		return found[0], true
	case 2:
		if n, ok := f.g.Namesake(found[0]); ok && n.Name == found[1].Name {
			return cityOf(found[0], found[1]), true
		}
	}
	return peyvand.Place{}, false
}

// hardSkeleton is the consonants a Persian spelling and its Finglish share,
// each folded to one class: the letters that are also vowels (ا و ی ع ه)
// and Latin vowels, v, w, y and h are dropped, as Persian writes the long
// vowels and Finglish the short ones. «ونیز» and "veniz" are both "nz".
func hardSkeleton(s string) string {
	var b strings.Builder
	if isLatinWord(strings.ReplaceAll(s, " ", "")) {
		s = latinDigraphs.Replace(s)
		for i := 0; i < len(s); i++ {
			if c := latinClass[s[i]]; c != 0 && (b.Len() == 0 || b.String()[b.Len()-1] != c) {
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	for _, r := range s {
		if c := persianClass[r]; c != 0 && (b.Len() == 0 || b.String()[b.Len()-1] != c) {
			b.WriteByte(c)
		}
	}
	return b.String()
}

// latinDigraphs are written as one letter before a skeleton is taken; the
// capitals stand for sounds one Latin letter does not spell.
var latinDigraphs = strings.NewReplacer("kh", "X", "sh", "S", "ch", "C", "zh", "z", "gh", "k")

// latinClass and persianClass fold the consonants of both scripts into the
// same classes: k for ک ق غ گ (Kazan, Qazan, Ghazan), s for س ص ث, z for
// ز ذ ض ظ ژ, t for ت ط. 0 is a letter the skeleton drops.
var (
	latinClass = map[byte]byte{
		'b': 'b', 'p': 'p', 't': 't', 's': 's', 'j': 'j', 'C': 'C', 'X': 'X', 'x': 'X', 'd': 'd', 'z': 'z',
		'r': 'r', 'S': 'S', 'f': 'f', 'k': 'k', 'q': 'k', 'g': 'k', 'l': 'l', 'm': 'm', 'n': 'n',
	}
	persianClass = map[rune]byte{
		'ب': 'b', 'پ': 'p', 'ت': 't', 'ط': 't', 'ث': 's', 'س': 's', 'ص': 's', 'ج': 'j', 'چ': 'C', 'خ': 'X',
		'د': 'd', 'ذ': 'z', 'ز': 'z', 'ض': 'z', 'ظ': 'z', 'ژ': 'z', 'ر': 'r', 'ش': 'S', 'ف': 'f',
		'ق': 'k', 'غ': 'k', 'ک': 'k', 'گ': 'k', 'ل': 'l', 'م': 'm', 'ن': 'n',
	}
)

// finglishMatch reports whether Latin word w spells Persian fa: each
// Persian letter written as one of its Latin spellings (latinOf), a short
// vowel typed between two letters (Persian does not write it), a Latin
// consonant doubled (Persian writes it once). A long vowel (medial ا) is
// never left out: "rabete" is no «رباط». vowels allows the short ones.
func finglishMatch(fa []rune, w string, vowels bool) bool {
	// seen: fa[:i] was tried against w[:j] and led nowhere; inserted: the
	// last Latin letter was a short vowel typed between, and another may
	// not follow.
	type state struct{ i, j int }
	seen := map[state]bool{}
	var walk func(i, j int, inserted bool) bool
	walk = func(i, j int, inserted bool) bool {
		if i == len(fa) {
			return j == len(w)
		}
		if s := (state{i, j}); !inserted {
			if seen[s] {
				return false
			}
			seen[s] = true
		}
		for _, l := range latinOf(fa, i) {
			if strings.HasPrefix(w[j:], l) && walk(i+1, j+len(l), false) {
				return true
			}
		}
		if vowels && j < len(w) && i > 0 && !inserted && strings.IndexByte("aeiou", w[j]) >= 0 && fa[i-1] != ' ' {
			if walk(i, j+1, true) {
				return true
			}
		}
		if j > 0 && j < len(w) && w[j] == w[j-1] && strings.IndexByte("aeiouy ", w[j]) < 0 {
			return walk(i, j+1, inserted)
		}
		return false
	}
	return walk(0, 0, false)
}

// latinOf are the ways Finglish writes fa[i]; where in the word it stands
// matters for the letters that are vowels.
func latinOf(fa []rune, i int) []string {
	r := fa[i]
	first := i == 0 || fa[i-1] == ' '
	last := i == len(fa)-1 || fa[i+1] == ' '
	switch {
	case r == 'ا' && first:
		return []string{"a", "e", "o", "i", "u"} // the vowel it carries: Esfahan, Ormiye
	case r == 'ه' && last && !first:
		return []string{"eh", "e", "a", "h", ""}
	}
	return finglishLetters[r]
}

// finglishLetters are the Latin spellings of each Persian letter, each
// of the consonant class hardSkeleton gives the letter: «خ» typed "h" or
// «ژ» typed "j" would never be a candidate.
var finglishLetters = map[rune][]string{
	'ا': {"aa", "a"}, 'آ': {"aa", "a"}, 'ب': {"b"}, 'پ': {"p"}, 'ت': {"t"}, 'ط': {"t"}, 'ث': {"s"}, 'س': {"s"}, 'ص': {"s"},
	'ج': {"j"}, 'چ': {"ch"}, 'ح': {"h", ""}, 'خ': {"kh", "x"}, 'د': {"d"}, 'ذ': {"z"}, 'ز': {"z"}, 'ض': {"z"}, 'ظ': {"z"},
	'ژ': {"zh", "z"}, 'ر': {"r"}, 'ش': {"sh"}, 'ع': {"a", "e", "o", "i", "'", ""}, 'غ': {"gh", "q", "g", "k"}, 'ق': {"gh", "q", "g", "k"},
	'ف': {"f"}, 'ک': {"k"}, 'گ': {"g"}, 'ل': {"l"}, 'م': {"m"}, 'ن': {"n"}, 'ه': {"h", "e"},
	'و': {"ou", "oo", "ow", "v", "w", "u", "o"}, 'ی': {"iy", "ey", "ei", "ee", "y", "i", "e"}, 'ئ': {"y", "e", "i", ""},
	'ء': {""}, 'أ': {"a", ""}, 'ؤ': {"o", ""}, ' ': {" ", ""},
}
