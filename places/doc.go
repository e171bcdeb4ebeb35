// Package places knows where things are: a gazetteer of Iran's provinces and
// cities and of the world's countries and the foreign regions and cities that
// Iranian trade news names, and recognition of those places in Persian text.
// Reading ties from articles is package extract's job; merging them, package
// ties'.
//
// The gazetteer is data, not code: plain text files under data/, embedded at
// build time and editable by anyone (data/README.txt says how). Default
// parses them once. Every spelling is matched in the same normalised form the
// search index uses (persian.Normalize), word by word, so half-spaces, Arabic
// ي/ك, diacritics and kashida do not matter, and a name written as several
// words also matches written as one. Names are matched longest first, which
// is what keeps "آذربایجان شرقی" (an Iranian province) apart from
// "آذربایجان" (the Republic); phrases that only look like places
// ("خلیج فارس") are listed so that they yield nothing; and names that are
// also common words ("دوشنبه", Monday and Dushanbe) count only where the text
// makes them places. A name that is something else in some contexts carries
// those readings in data/readings.txt with the words that select them: «فارس»
// after «به گزارش خبرنگار اقتصادی» is the news agency, «قطر» before «۲ متر» a
// diameter.
//
// A foreign name reaches Persian in several transliterations (قازان، غازان،
// کازان). Rather than list them all, a word no spelling matches is looked up
// by its skeleton (skeleton.go), trusted only where it names one place and
// no Iranian name or common word; a city glued to its country ("شیانچین")
// is split. Read goes further, to foreign places the gazetteer does not
// know, read from the patterns news name them in ("شهر X در کشور Y",
// "ایالت X Y", "X (Y)"), conservatively.
//
// The country list is checked against CLDR's Persian country names
// (golang.org/x/text), so that no common spelling is missing from it.
//
// Canonical names are unique, so a Fact can carry a place as a plain string:
// Iranian provinces are named "استان اصفهان", leaving "اصفهان" to the city.
package places
