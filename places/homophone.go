package places

import (
	"strings"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
)

// People who type a name they have only heard write one letter for another
// that sounds the same: «اصفحان» for اصفهان, «تبریذ» for تبریز. News spell
// Iranian names one way, so the text search never folds them (skeleton.go
// folds foreign names only); a question may, through Homophone.

// minHomophoneLetters is the fewest letters a word needs to be read as a
// misspelt name: shorter ones fold into too many words.
const minHomophoneLetters = 4

// Homophone returns the one Iranian place whose plain spelling (not
// ambiguous, not a demonym, minHomophoneLetters letters or more) sounds
// like word, written with other letters for the same sound (ح ه، ذ ز ض ظ،
// ث س ص، ط ت، غ ق), letter for letter: what a user meant by «اصفحان». A word that is itself a
// spelling, or that sounds like two places or a common word, names none.
func (g *Gazetteer) Homophone(word string) (peyvand.Place, bool) {
	key := normKey(word)
	if _, known := g.keys[key]; known || g.generic[key] || utf8.RuneCountInString(key) < minHomophoneLetters {
		return peyvand.Place{}, false
	}
	g.homOnce.Do(g.indexHomophones)
	id, ok := g.homophones[homophoneKey(key)]
	if !ok || id == noSkeleton {
		return peyvand.Place{}, false
	}
	return g.entries[id].place, true
}

// indexHomophones fills g.homophones from the Iranian places' plain
// spellings; a skeleton two places, an ambiguous spelling or a common word
// share is noSkeleton.
func (g *Gazetteer) indexHomophones() {
	m := make(map[string]int, len(g.keys)/2)
	for key, ki := range g.keys {
		if ki.english || ki.id == notPlace || utf8.RuneCountInString(key) < minHomophoneLetters || strings.Contains(key, " ") {
			continue
		}
		sk := homophoneKey(key)
		id := ki.id
		if ki.ambiguous || ki.demonym || !g.entries[ki.id].place.Iranian() {
			id = noSkeleton // a foreign place or a word sounds the same
		}
		if prev, ok := m[sk]; ok && prev != id {
			id = noSkeleton
		}
		m[sk] = id
	}
	for w := range g.generic {
		m[homophoneKey(w)] = noSkeleton
	}
	g.homophones = m
}

// homophoneKey writes each letter of a normalised word as the one that
// stands for its sound.
func homophoneKey(w string) string {
	return homophoneFold.Replace(w)
}

var homophoneFold = strings.NewReplacer("ح", "ه", "ذ", "ز", "ض", "ز", "ظ", "ز", "ث", "س", "ص", "س", "ط", "ت", "غ", "ق")
