package extract

import (
	"slices"
	"strings"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/places"
)

// relCue is a relation cue of a sentence that counts.
type relCue struct {
	rel  peyvand.Relation
	at   hit
	weak bool
}

// relations returns the cues of s that count: a weak cue only with an
// economic word of its own sentence besides its own words («هیئت» beside
// «تجاری», not beside «والیبال»).
func relations(s *sentence) []relCue {
	var out []relCue
	for _, c := range s.cues {
		label, weak := strings.CutSuffix(c.label, "?")
		rel := peyvand.Relation(label)
		if rel == relNone || weak && !econOutside(s.topics, c.i, c.j) {
			continue
		}
		out = append(out, relCue{rel: rel, at: c, weak: weak})
	}
	return out
}

// gist is what statements knows of the whole article.
type gist struct {
	headIran, headForeign []side          // the headline's sides
	main                  []side          // the Iranian place most named, for "این استان"
	sole                  []side          // the article's one Iranian place (or one group of nested ones)
	salient               map[string]bool // Iranian places named in the headline or more than once
}

// statements returns the facts the article's sentences state. A sentence
// that is not about sports, religion, history or war, nor instruction-like
// text addressed to a model (persian/instructions.txt), states a tie for each
// relation cue in it that binds both sides, each within reach of the cue:
//   - the foreign side: a foreign place that is not only the venue («در
//     بغداد برگزار شد», with a partner named beside it);
//   - the Iranian side: a province or city, never "ایران" itself, nor the
//     host city of a foreign embassy, nor a consulate's area; else the
//     headline's Iranian place (the headline read with the sentence that
//     states the deal), else the place «این استان/این شهر» stands for, else,
//     for a strong specific cue, the article's only Iranian place.
//
// Where the sentence says «دو شهر»/«طرفین» and names no foreign place, the
// headline's foreign side is taken. Each cue is its own statement, so a long
// sentence of several clauses pairs each clause's places by its own cue.
func (x *Extractor) statements(a peyvand.Article, d *document) []peyvand.Fact {
	art := x.about(d)
	var facts []peyvand.Fact
	var prev *statement // the statement of the sentence before, for a list that goes on
	var country *side   // the foreign country named last, for «این کشور»
	for i := range d.sents {
		s := &d.sents[i]
		last := prev
		prev = nil
		var before *sentence
		if i > 0 {
			before = &d.sents[i-1]
			country = lastCountry(before, country)
		}
		if s.commands || countTopics(s.topics).offTopic() {
			continue
		}
		if len(s.cues) == 0 {
			if last != nil && continues(s.toks) {
				_, fo := x.sides(s, s.places, []relCue{last.cue}, art.salient)
				facts = x.emit(facts, a, s, last.ir, fo, last.cue, last.status, min(last.conf, ConfHeadline))
			}
			continue
		}
		first := len(facts)
		strong := make(map[[2]string]bool) // pairs a strong cue of s binds
		var weak []bool                    // of facts[first:]: read from a weak cue
		for _, c := range relations(s) {
			ir, fo, conf := x.bind(s, c, art, country, before)
			if len(ir) == 0 {
				continue
			}
			st, read := statusOf(s, c.at, c.rel)
			if st == peyvand.StatusSigned && event(c.rel) && ahead(s.text, a.Date) {
				// «نمایشگاه … از ۲۰ تا ۲۳ مهر ۱۴۰۴ در عشق‌آباد» told before
				// that day is a plan. An agreement's later date is its term
				// («تا سال ۱۴۰۸ اعتبار دارد»), not its signing.
				st, read = peyvand.StatusProposed, true
			}
			if !read {
				conf -= confGuessedStatus
			}
			n := len(facts)
			facts = x.emit(facts, a, s, ir, fo, c, st, conf)
			for _, f := range facts[n:] {
				weak = append(weak, c.weak)
				if !c.weak {
					strong[[2]string{f.Iranian, f.Foreign}] = true
				}
			}
			if prev == nil || !c.weak && prev.cue.weak {
				prev = &statement{ir: ir, cue: c, status: st, conf: conf}
			}
		}
		// A weak cue beside a strong one binding the same places is the
		// strong one's context («تفاهم‌نامه … در سفر هیئت … امضا شد»),
		// not a tie of its own.
		kept := facts[:first]
		for k, f := range facts[first:] {
			if !weak[k] || !strong[[2]string{f.Iranian, f.Foreign}] {
				kept = append(kept, f)
			}
		}
		facts = kept
	}
	return x.parents(d, facts)
}

// bind returns the sides cue c of s binds, and how surely. country is the
// foreign country named last before s, for «این کشور»; before is the
// sentence before s, for «این شهرها».
func (x *Extractor) bind(s *sentence, c relCue, art gist, country *side, before *sentence) (ir, fo []side, conf float64) {
	cues := []relCue{c}
	ir, fo = x.sides(s, near(s, cues), cues, art.salient)
	conf = ConfStatement
	if c.weak {
		conf = ConfWeakCue
	}
	if len(ir) == 0 && len(fo) == 0 && !c.weak && before != nil && !before.title && anaphora(s.toks, listAnaphora) {
		// «افزایش سرمایه‌گذاری میان این شهرها»: the places of the
		// sentence before, both sides of them.
		if ir, fo = x.sides(before, before.places, cues, art.salient); len(ir) > 0 && len(fo) > 0 {
			return ir, fo, ConfAnaphora
		}
		ir, fo = nil, nil
	}
	national := slices.ContainsFunc(s.places, func(m places.Match) bool {
		return m.Place.Name == peyvand.Iran && !venue(s.toks, m) // «در ایران» is where, not who
	})
	// A foreign mission in Iran («سفیر روسیه در تهران») makes the sentence
	// the mission's: the article's only province is not its party.
	mission := slices.ContainsFunc(s.places, func(m places.Match) bool { return inIran(s.toks, m) })
	if len(ir) == 0 && !national {
		// A sentence whose Iranian party is Iran itself («واردات کالاهای
		// ایرانی»، «همکاری‌های ایران و ترکمنستان») speaks for the country,
		// not for the headline's province.
		switch {
		case !s.title && len(art.headIran) > 0:
			ir, conf = art.headIran, min(conf, ConfHeadline)
		case (anaphora(s.toks, iranAnaphora) || bareProvince(s)) && len(art.main) > 0:
			ir, conf = art.main, min(conf, ConfAnaphora)
		case len(art.sole) > 0 && !c.weak && c.rel != peyvand.RelOther && !mission:
			ir, conf = art.sole, ConfSole
		}
	}
	if len(fo) == 0 && !s.title && len(ir) > 0 && anaphora(s.toks, pairAnaphora) {
		fo, conf = art.headForeign, min(conf, ConfAnaphora)
	}
	if len(fo) == 0 && len(ir) > 0 && country != nil && anaphora(s.toks, countryAnaphora) {
		fo, conf = []side{*country}, min(conf, ConfAnaphora)
	}
	return ir, fo, conf
}

// statement is what a sentence stated, for a list in the next sentence
// that goes on with it («… خواهرخوانده شده است. این شهرها عبارت‌اند از …»).
type statement struct {
	ir     []side
	cue    relCue
	status peyvand.Status
	conf   float64
}

// emit appends a fact for every Iranian and foreign side.
func (x *Extractor) emit(facts []peyvand.Fact, a peyvand.Article, s *sentence, ir, fo []side,
	c relCue, status peyvand.Status, conf float64) []peyvand.Fact {
	for _, p := range ir {
		for _, f := range fo {
			fact := peyvand.Fact{ArticleID: a.ID, PassageID: s.passage, Iranian: p.Name, Foreign: f.Name,
				Relation: c.rel, Date: a.Date, Confidence: conf, Evidence: s.text, Status: status}
			if f.read {
				fact.ForeignCountry, fact.ForeignRead = f.Country, true
			}
			facts = append(facts, fact)
		}
	}
	return facts
}

// continuers open a sentence that goes on with the list of the one before.
var continuers = [][]string{{"این", "شهرها"}, {"این", "کشورها"}, {"این", "استانها"}, {"این", "مناطق"}, {"این", "شهرهای"}, {"این", "کشورهای"}}

// continues reports whether a sentence goes on with the list of the sentence
// before: it opens with «این شهرها …» or says «عبارت‌اند از» / «شامل».
func continues(toks []places.Token) bool {
	if len(toks) >= 2 && anaphora(toks[:2], continuers) {
		return true
	}
	for i := 0; i+1 < len(toks) && i < 8; i++ {
		if (toks[i].Word == "عبارتند" || toks[i].Word == "عبارت") && (toks[i+1].Word == "از" || i+2 < len(toks) && toks[i+2].Word == "از") {
			return true
		}
	}
	return false
}

// parents adds, for every fact with a foreign city or region, the same fact
// for the region or country it lies in when the article names that too:
// «کازان، مرکز تاتارستان روسیه» makes Tatarstan and Russia partners as
// well. A country the article does not name is left to the graph, which
// knows where the city is.
func (x *Extractor) parents(d *document, facts []peyvand.Fact) []peyvand.Fact {
	var named []peyvand.Place
	for i := range d.sents {
		for _, m := range d.sents[i].places {
			if !m.Place.Iranian() && !m.Read && !slices.ContainsFunc(named, func(p peyvand.Place) bool { return p.Name == m.Place.Name }) {
				named = append(named, m.Place)
			}
		}
	}
	g := x.places
	out := facts
	for _, f := range facts {
		fp, ok := g.Place(f.Foreign)
		if !ok || fp.Kind == peyvand.KindCountry {
			continue
		}
		for _, p := range named {
			if p.Name != fp.Name && g.Within(fp, p) {
				c := f
				c.Foreign = p.Name
				out = append(out, c)
			}
		}
	}
	return out
}

// side is a place on one side of a statement.
type side struct {
	peyvand.Place
	read bool // read from the text's patterns, not known to the gazetteer
}

func addSide(ss []side, m places.Match) []side {
	if slices.ContainsFunc(ss, func(o side) bool { return o.Name == m.Place.Name }) {
		return ss
	}
	return append(ss, side{Place: m.Place, read: m.Read})
}

// Anaphora: words that stand for a place named elsewhere in the article.
var (
	// iranAnaphora stand for the article's Iranian place.
	iranAnaphora = [][]string{{"این", "استان"}, {"این", "شهر"}, {"این", "کلانشهر"}, {"این", "شهرستان"}, {"استان", "ما"}, {"شهر", "ما"}}
	// countryAnaphora stand for the foreign country named last.
	countryAnaphora = [][]string{{"این", "کشور"}, {"آن", "کشور"}, {"کشور", "همسایه"}}
	// pairAnaphora stand for both sides of the headline. Not «دو کشور»:
	// the two countries are Iran and its partner, not a province.
	pairAnaphora = [][]string{{"دو", "شهر"}, {"دو", "استان"}, {"دو", "منطقه"}, {"طرفین"}, {"دو", "طرف"}}
	// listAnaphora stand for the places the sentence before named, Iranian
	// and foreign: «مسئولان کرمان با مسئولان نجف و کربلا … همکاری این
	// شهرها»، then «سرمایه‌گذاری میان این شهرها».
	listAnaphora = [][]string{{"این", "شهرها"}, {"این", "استانها"}, {"این", "مناطق"}, {"این", "دو", "شهر"}, {"این", "سه", "شهر"}}
)

// bareProvince reports whether s says «استان» with no name after it
// («اعزام هیئت‌های تجاری استان به …»): the province the article is about.
func bareProvince(s *sentence) bool {
	for k, t := range s.toks {
		if t.Word == "استان" && !slices.ContainsFunc(s.places, func(m places.Match) bool { return m.I <= k+1 && k < m.J }) {
			return true
		}
	}
	return false
}

// lastCountry returns the last foreign country s names, else prev.
func lastCountry(s *sentence, prev *side) *side {
	for k := len(s.places) - 1; k >= 0; k-- {
		if m := s.places[k]; m.Place.Kind == peyvand.KindCountry && !m.Place.Iranian() {
			return &side{Place: m.Place}
		}
	}
	return prev
}

// anaphora reports whether toks contain one of the phrases.
func anaphora(toks []places.Token, phrases [][]string) bool {
	for i := range toks {
		for _, p := range phrases {
			if i+len(p) > len(toks) {
				continue
			}
			ok := true
			for k, w := range p {
				ok = ok && wordIs(toks[i+k].Word, w)
			}
			if ok {
				return true
			}
		}
	}
	return false
}

// about reads what statements needs of the whole article: the headline's
// sides, the Iranian places it is about, and its main and only ones.
func (x *Extractor) about(d *document) gist {
	art := gist{salient: make(map[string]bool)}
	count := make(map[string]int)
	var all []side // Iranian places by first mention
	for i := range d.sents {
		s := &d.sents[i]
		for _, m := range s.places {
			switch {
			case m.Place.Name == peyvand.Iran:
			case m.Place.Iranian():
				count[m.Place.Name]++
				if s.title || count[m.Place.Name] > 1 {
					art.salient[m.Place.Name] = true
				}
				all = addSide(all, m)
			}
		}
	}
	for i := 0; i < len(d.sents) && d.sents[i].title; i++ {
		ir, fo := x.sides(&d.sents[i], d.sents[i].places, nil, nil)
		for _, p := range ir {
			art.headIran = addSide(art.headIran, places.Match{Place: p.Place, Read: p.read})
		}
		for _, p := range fo {
			art.headForeign = addSide(art.headForeign, places.Match{Place: p.Place, Read: p.read})
		}
	}
	if len(art.headIran) > 0 {
		art.main = art.headIran[:1]
	} else if len(all) > 0 {
		best := all[0]
		for _, p := range all[1:] {
			if count[p.Name] > count[best.Name] {
				best = p
			}
		}
		art.main = []side{best}
		if x.nested(all) {
			art.sole = art.main
		}
	}
	return art
}

// nested reports whether the places are one place or nested in each other
// (مشهد in خراسان رضوی, or a city and its namesake province).
func (x *Extractor) nested(ps []side) bool {
	g := x.places
	for i, p := range ps {
		for _, q := range ps[i+1:] {
			n, _ := g.Namesake(p.Place)
			if !g.Within(p.Place, q.Place) && !g.Within(q.Place, p.Place) && n.Name != q.Name {
				return false
			}
		}
	}
	return true
}

// Words around a place that say it is not a party to the tie.
var (
	// embassyWords: «سفارت روسیه در تهران» — the Iranian city after «در» hosts
	// the mission; it is not the partner.
	embassyWords = []string{"سفارت", "سفیر", "سرکنسولگری", "کنسولگری", "سرکنسول", "کنسول", "نمایندگی", "دفتر", "رایزن", "رایزنی"}
	// areaWords: «حوزه کنسولی/ماموریت» — the places listed after are an
	// area, not partners.
	areaWords = []string{"کنسولی", "ماموریت", "نمایندگی"}
	// inPlaceRelations happen in the foreign place: «نمایشگاه … در بغداد»
	// names the partner, not only a venue.
	inPlaceRelations = []peyvand.Relation{peyvand.RelExhibition, peyvand.RelTradeOffice, peyvand.RelInvestment, peyvand.RelTradeDelegation}
)

// sides returns the Iranian and foreign sides s names, salient Iranian
// places first: where a sentence names both a place the article is about
// and one named only in passing (a surname, "تهران" for the government),
// only the former. rels are the sentence's cues (nil for the headline).
func (x *Extractor) sides(s *sentence, ms []places.Match, rels []relCue, salient map[string]bool) (ir, fo []side) {
	var venues []side
	area := areaStart(s.toks)
	for _, m := range ms {
		switch {
		case m.Place.Name == peyvand.Iran:
		case m.Place.Iranian():
			if hosted(s.toks, m) || area >= 0 && m.I > area {
				continue
			}
			ir = addSide(ir, m)
		case venue(s.toks, m) && !x.located(s, m) && !slices.ContainsFunc(rels, func(c relCue) bool { return slices.Contains(inPlaceRelations, c.rel) }):
			venues = addSide(venues, m)
		default:
			fo = addSide(fo, m)
		}
	}
	for _, v := range venues {
		// A venue is the partner when no other foreign place is named
		// («تفاهم‌نامه … در بغداد امضا شد» with an Iraqi party), or when it
		// lies in the partner: a meeting in Ashgabat with Turkmenistan's
		// officials is a visit to Turkmenistan.
		if len(fo) == 0 || slices.ContainsFunc(fo, func(f side) bool { return x.places.Within(v.Place, f.Place) }) {
			fo = append(fo, v)
		}
	}
	if salient != nil && slices.ContainsFunc(ir, func(p side) bool { return salient[p.Name] }) {
		ir = slices.DeleteFunc(ir, func(p side) bool { return !salient[p.Name] })
	}
	return ir, fo
}

// venue reports whether the place at m is introduced as where something
// happens: «در X» or «در شهر X».
func venue(toks []places.Token, m places.Match) bool {
	k := m.I - 1
	if k >= 0 && placeWord(toks[k].Word) {
		k--
	}
	return k >= 0 && toks[k].Word == "در"
}

// located reports whether «در Y» at m says where the place named right
// before lies («شیان در چین»): a location, not a venue.
func (x *Extractor) located(s *sentence, m places.Match) bool {
	for _, o := range s.places {
		if o.J == m.I-1 && !o.Place.Iranian() && x.places.Within(o.Place, m.Place) {
			return true
		}
	}
	return false
}

func placeWord(w string) bool {
	switch w {
	case "شهر", "کشور", "استان", "بندر", "ایالت", "ولایت", "پایتخت", "منطقه":
		return true
	}
	return false
}

// hosted reports whether the Iranian place at m hosts a foreign mission:
// «سفارت روسیه در تهران», «سرکنسولگری ترکیه در تبریز».
func hosted(toks []places.Token, m places.Match) bool {
	if !venue(toks, m) {
		return false
	}
	for k := m.I - 2; k >= 0 && k >= m.I-5; k-- {
		if slices.ContainsFunc(embassyWords, func(w string) bool { return wordIs(toks[k].Word, w) }) {
			return true
		}
	}
	return false
}

// inIran reports whether the foreign place at m names a mission in Iran:
// an embassy word before it and «در» after («سفیر روسیه در تهران»،
// «سرکنسولگری ترکیه در تبریز»), whether or not the city is still a side.
func inIran(toks []places.Token, m places.Match) bool {
	if m.Place.Iranian() || m.I == 0 || m.J >= len(toks) || toks[m.J].Word != "در" {
		return false
	}
	return slices.ContainsFunc(embassyWords, func(w string) bool { return wordIs(toks[m.I-1].Word, w) })
}

// areaStart returns the index of a «حوزه کنسولی/ماموریت» phrase, -1 when
// there is none.
func areaStart(toks []places.Token) int {
	for i := 0; i+1 < len(toks); i++ {
		if wordIs(toks[i].Word, "حوزه") && slices.ContainsFunc(areaWords, func(w string) bool { return wordIs(toks[i+1].Word, w) }) {
			return i
		}
	}
	return -1
}

// dropPeople removes the Iranian places of d that are people's names: a
// city right after a given name («منصور بیجار») or after «به گفته»; and then
// every mention of that name in the article («بیجار ادامه داد»), unless a
// place word or an official's title says it is the place («شهرستان بیجار»،
// «فرماندار بیجار»). A city right before a speech verb is no sign: Persian
// puts the verb last, so «… در بازدید از بندر چابهار گفت» is common.
func (x *Extractor) dropPeople(d *document) {
	people := make(map[string]bool)
	for i := range d.sents {
		s := &d.sents[i]
		for _, m := range s.places {
			if !m.Place.Iranian() || m.Place.Kind != peyvand.KindCity || placeBefore(s.toks, m) {
				continue
			}
			given := m.I > 0 && slices.ContainsFunc(s.names, func(h hit) bool { return h.ns == nsName && h.i == m.I-1 && h.j == m.I })
			said := m.I >= 2 && s.toks[m.I-2].Word == "به" && s.toks[m.I-1].Word == "گفته"
			if given || said {
				people[m.Place.Name] = true
			}
		}
	}
	if len(people) == 0 {
		return
	}
	for i := range d.sents {
		s := &d.sents[i]
		s.places = slices.DeleteFunc(s.places, func(m places.Match) bool {
			return people[m.Place.Name] && !placeBefore(s.toks, m)
		})
	}
}

// officialWords, right before a name, say it is the place: its officials.
var officialWords = []string{"استاندار", "استانداری", "فرماندار", "فرمانداری", "شهردار", "شهرداری", "شورای", "اتاق", "مردم", "امام", "نماینده", "مرکز"}

// placeBefore reports whether a place word or an official's title stands
// right before m.
func placeBefore(toks []places.Token, m places.Match) bool {
	if m.I == 0 {
		return false
	}
	w := toks[m.I-1].Word
	return placeWord(w) || slices.Contains(officialWords, w)
}

// reach is how many words may stand between a cue and a side it binds. A
// long sentence often strings clauses together («… در کنفرانس سرمایه‌گذاری
// … و ایران … به ترکیه اعتماد کرد»); the sides of one statement stand near
// its cue. A list of places counts as one: its nearest member decides.
const reach = 14

// near returns the places of s within reach of one of its cues, a list of
// places («A کشور P، B کشور Q و C») taken whole.
func near(s *sentence, rels []relCue) []places.Match {
	var out []places.Match
	ms := s.places
	for i := 0; i < len(ms); {
		j := i + 1 // ms[i:j] is one list
		for j < len(ms) && listGap(s.toks, ms[j-1].J, ms[j].I) {
			j++
		}
		lo, hi := ms[i].I, ms[j-1].J
		if slices.ContainsFunc(rels, func(c relCue) bool {
			return words(s.toks, ms, hi, c.at.i) <= reach && words(s.toks, ms, c.at.j, lo) <= reach
		}) {
			out = append(out, ms[i:j]...)
		}
		i = j
	}
	return out
}

// words counts the tokens of toks[i:j] that are neither a place nor a
// list's joining word: the distance between a side and a cue, where a list
// of partners between them («شیراز پیش از این با دوشنبه (تاجیکستان)،
// نیکوزیا (قبرس) … پیوند خواهرخواندگی برقرار کرده بود») does not count.
func words(toks []places.Token, ms []places.Match, i, j int) int {
	n := 0
	for k := i; k < j; k++ {
		if !slices.ContainsFunc(ms, func(m places.Match) bool { return m.I <= k && k < m.J }) && !listGap(toks, k, k+1) {
			n++
		}
	}
	return n
}

// listGap reports whether toks[i:j], between two places, only joins a list:
// nothing, «و», a place word, «در» or a word or two of apposition.
func listGap(toks []places.Token, i, j int) bool {
	if j-i > 3 {
		return false
	}
	for _, t := range toks[i:j] {
		if t.Word != "و" && t.Word != "در" && !placeWord(t.Word) && t.Word != "از" && t.Word != "تا" {
			return false
		}
	}
	return true
}

// dropDatelines removes the places of an outlet's dateline: «به گزارش
// خبرگزاری فارس از تبریز», «خبرگزاری صداوسیما از خراسان شمالی»: where the
// report was filed, not a party.
func (x *Extractor) dropDatelines(d *document) {
	for i := range d.sents {
		s := &d.sents[i]
		for k := range s.toks {
			if !wordIs(s.toks[k].Word, "گزارش") && !wordIs(s.toks[k].Word, "خبرگزاری") {
				continue
			}
			for e := k + 1; e < len(s.toks) && e <= k+6; e++ {
				if s.toks[e].Word != "از" || e+1 >= len(s.toks) {
					continue
				}
				s.places = slices.DeleteFunc(s.places, func(m places.Match) bool {
					return m.I == e+1 || m.I == e+2 && placeWord(s.toks[e+1].Word)
				})
				break
			}
		}
	}
}

// dropMetonyms removes the mentions of places that stand for a government
// (metonyms.txt) unless their sentence makes them the place.
func (x *Extractor) dropMetonyms(d *document) {
	for i := range d.sents {
		s := &d.sents[i]
		var met []hit
		municipal := false
		for _, h := range s.names {
			if h.ns != nsMetonym {
				continue
			}
			if h.label == "metonym" {
				met = append(met, h)
			} else {
				municipal = true
			}
		}
		if len(met) == 0 || municipal || slices.ContainsFunc(s.cues, func(c hit) bool { return c.label == string(peyvand.RelSisterCity) }) {
			continue
		}
		s.places = slices.DeleteFunc(s.places, func(m places.Match) bool {
			return slices.ContainsFunc(met, func(h hit) bool { return h.i == m.I }) && !placeBefore(s.toks, m)
		})
	}
}

// event reports whether a tie of relation r happens on a day: a fair or a
// visit, which a later date puts in the future.
func event(r peyvand.Relation) bool {
	return r == peyvand.RelExhibition || r == peyvand.RelTradeDelegation
}

// ahead reports whether text names a date after the article's own day: an
// event still to come. Undated articles cannot tell.
func ahead(text string, date time.Time) bool {
	if date.IsZero() {
		return false
	}
	d, ok := persian.FindDate(text)
	return ok && d.After(date.Add(24*time.Hour))
}
