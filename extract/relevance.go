package extract

import (
	"strconv"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
)

// Topics of topics.txt.
const (
	topicEcon     = "econ"
	topicSport    = "sport"
	topicReligion = "religion"
	topicHistory  = "history"
	topicWar      = "war"
)

var topicNames = []string{topicEcon, topicSport, topicReligion, topicHistory, topicWar}

// topicCount counts the topic words of a sentence: econ, and the rest
// (off-topic) together.
type topicCount struct {
	econ, off int
}

func countTopics(hits []hit) topicCount {
	var c topicCount
	for _, h := range hits {
		if h.label == topicEcon {
			c.econ++
		} else {
			c.off++
		}
	}
	return c
}

// econOutside reports whether an economic word of hits lies outside
// [i, j): a weak cue needs one besides its own words.
func econOutside(hits []hit, i, j int) bool {
	for _, h := range hits {
		if h.label == topicEcon && (h.j <= i || h.i >= j) {
			return true
		}
	}
	return false
}

// offTopic reports whether a sentence is about something else: more
// sports, religion, history or war words than economic ones.
func (c topicCount) offTopic() bool { return c.off > 0 && c.off >= c.econ }

// Relevance says whether an article is about foreign economic, trade or
// municipal ties, and why.
type Relevance struct {
	Relevant bool
	Econ     int // economic words in the article
	Off      int // sports, religion, history and war words
	// Old is true when every year the article names is from before the
	// twentieth century: history told, not news («در سال ۱۱۷۷»).
	Old bool
}

// minEcon is how many economic words an article needs: one can be chance
// ("بازار" in a sermon), two in a short item already set the topic.
const minEcon = 2

// relevance decides by the article's vocabulary: it is relevant when it has
// at least minEcon economic words, no more off-topic words than economic
// ones, and is not history (Old). Rules rather than a trained classifier: the words are
// editable data (topics.txt), every decision can be explained by the counts,
// and the statement rules after it carry most of the precision.
func (d *document) relevance() Relevance {
	var r Relevance
	old, recent := 0, 0
	for _, s := range d.sents {
		o, n := years(s.toks)
		old, recent = old+o, recent+n
	}
	r.Old = old > 0 && recent == 0
	for _, s := range d.sents {
		w := 1
		if s.title {
			w = 2 // the headline states the topic
		}
		c := countTopics(s.topics)
		r.Econ += w * c.econ
		r.Off += w * c.off
	}
	// A one-sentence item («پیمان خواهرخواندگی شیراز و زنگبار امضا شد.»)
	// has room for one economic word only.
	r.Relevant = r.Econ >= min(minEcon, len(d.sents)) && r.Off <= r.Econ && !r.Old
	return r
}

// Relevance returns whether the article is about foreign economic, trade or
// municipal ties: what decides whether Extract reads it at all. Unrelated
// news stays searchable; it only feeds neither the graph nor alerts.
func (x *Extractor) Relevance(a peyvand.Article, passages []peyvand.Passage) Relevance {
	return x.read(a, passages).relevance()
}

// yearWords mark a number as a year: «سال ۱۳۹۸»، «۱۱۷۷ هجری»، «2024 میلادی».
var yearWords = map[string]bool{"میلادی": true, "هجری": true, "قمری": true, "شمسی": true, "خورشیدی": true, "ق": true, "م": true}

// years counts the years toks name: old ones (before about 1900 in any
// calendar) and recent ones. A number is a year after «سال» or before a
// calendar's name. 1300–1405 is a Jalali year of the last century, or a
// Hijri one of about the same time; 1000–1299 and 1406–1899 are centuries
// ago in every calendar used in Persian news.
func years(toks []places.Token) (old, recent int) {
	for k, t := range toks {
		if len(t.Word) != 4 || t.Word[0] < '1' || t.Word[0] > '2' {
			continue // not a four-digit number: most words, cheaply
		}
		n, err := strconv.Atoi(t.Word)
		if err != nil || n < 1000 || n > 2100 {
			continue
		}
		isYear := k > 0 && toks[k-1].Word == "سال" || k+1 < len(toks) && yearWords[toks[k+1].Word]
		if !isYear {
			continue
		}
		if n < 1300 || n > 1405 && n < 1900 {
			old++
		} else {
			recent++
		}
	}
	return old, recent
}
