package places

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/datafile"
	"github.com/peyvand/peyvand/persian"
)

//go:embed data
var embedded embed.FS

// Gazetteer is the set of known places with every spelling that names them
// and the phrases that only look like places. It is
// immutable once built and safe for concurrent use.
type Gazetteer struct {
	entries []entry
	byName  map[string]int // canonical name → entry
	// keys maps every normalised spelling (words joined by one space),
	// ambiguous ones and English names included, to its entry: what Lookup
	// and Suggest search.
	keys  map[string]keyInfo
	root  *node    // the trie Find walks: normalised word → next node
	order []string // keys in a fixed order, for Suggest
	// skel maps a skeleton (see skeleton.go) to the foreign place whose
	// spelling has it, or that spelling with one long vowel more or less,
	// with the context the match needs; or to noSkeleton when several
	// places or a word that is none share it.
	skel map[string]int32
	// glued maps a place's one-word spelling followed by its country's
	// ("شیانچین") to the two, or to noSkeleton twice when two pairs share it.
	glued map[string][2]int32
	// bloom is a filter in front of skel and glued: most words of a text
	// are in neither, and the filter says so faster than a map.
	bloom  []uint64
	shapes shapes // the shapes of the keys of skel and glued, a filter before the bloom
	halves shapes // those and the shapes of the one-word spellings
	// generic are the words (generic.txt) that follow a place word without
	// naming a place ("شهر ما", "بندر مهم"): never read as a name, nor
	// matched by skeleton.
	generic map[string]bool

	spellOnce sync.Once
	spelled   map[int][]string // entry → its Persian spellings, built on first use

	homOnce    sync.Once
	homophones map[string]int // skeleton → Iranian entry, or noSkeleton; built on first use (homophone.go)
}

// entry is one line of a place file.
type entry struct {
	place   peyvand.Place
	parent  int // index of the entry it lies in, -1 for a country
	capital bool
	in      string // the "in" field, resolved into parent
	where   string // file:line, for error messages
}

// keyInfo says which entry a spelling names and how.
type keyInfo struct {
	id        int  // entry index, or notPlace
	ambiguous bool // also a common word: needs context in running text
	generated bool // added by a folding rule, not written in the data
	english   bool // the English name: for Lookup only
	// demonym is true for a spelling that is another spelling of the same
	// place plus ی (ایرانی، عراقی، ایتالیایی): it names the place's people,
	// so it does not vouch for an ambiguous name before it.
	demonym bool
	// reads are the spelling's other readings (readings.txt), nil for most.
	reads *[]reading
}

// notPlace is the entry id of a phrase from not.txt.
const notPlace = -1

// Default returns the gazetteer built from the data embedded in the
// program, parsed once. It panics if that data is broken, which a test
// guards against.
func Default() *Gazetteer {
	return defaultGazetteer()
}

var defaultGazetteer = sync.OnceValue(func() *Gazetteer {
	sub, err := fs.Sub(embedded, "data")
	if err != nil {
		panic(err)
	}
	g, err := New(sub)
	if err != nil {
		panic("places: embedded gazetteer: " + err.Error())
	}
	return g
})

// New builds a gazetteer from data laid out as the embedded one: every file
// under places/ in the place format, and not.txt, readings.txt and
// generic.txt when present (see data/README.txt). The error lists every
// line it could not understand.
func New(fsys fs.FS) (*Gazetteer, error) {
	g := &Gazetteer{
		byName: make(map[string]int, 1024),
		keys:   make(map[string]keyInfo, 4096),
		root:   &node{},
	}
	var errs []error
	names, err := fs.Glob(fsys, "places/*.txt")
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, errors.New("no place files under places/")
	}
	sort.Strings(names)
	spellings := make(map[int][]spelling, 1024)
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		errs = append(errs, g.parsePlaces(path.Base(name), string(b), spellings)...)
	}
	if len(errs) == 0 {
		errs = g.link()
	}
	if len(errs) == 0 {
		errs = g.index(spellings)
	}
	if b, err := fs.ReadFile(fsys, "not.txt"); err == nil {
		errs = append(errs, g.parseNot(string(b))...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if len(errs) == 0 {
		if b, err := fs.ReadFile(fsys, "readings.txt"); err == nil {
			errs = append(errs, g.parseReadings(string(b))...)
		} else if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	if b, err := fs.ReadFile(fsys, "generic.txt"); err == nil {
		g.generic = loadWords(string(b))
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	g.indexSkeletons()
	g.order = make([]string, 0, len(g.keys))
	for k := range g.keys {
		g.order = append(g.order, k)
	}
	sort.Strings(g.order)
	return g, nil
}

// spelling is one written form of an entry, before indexing.
type spelling struct {
	text      string
	ambiguous bool
}

// parsePlaces reads one place file, adding its entries to g and their
// spellings to ps (indexed once every file is read).
func (g *Gazetteer) parsePlaces(file, txt string, ps map[int][]spelling) []error {
	var errs []error
	datafile.Lines(txt, func(n int, line string) {
		where := fmt.Sprintf("%s:%d", file, n)
		f := strings.Split(line, "|")
		if len(f) == 4 {
			f = append(f, "")
		}
		if len(f) != 5 {
			errs = append(errs, fmt.Errorf("%s: want 5 fields separated by |, got %d", where, len(f)))
			return
		}
		for i := range f {
			f[i] = strings.TrimSpace(f[i])
		}
		kind, name, english, in := f[0], f[1], f[2], f[3]
		e := entry{where: where, in: in, parent: -1}
		switch kind {
		case "country":
			e.place.Kind = peyvand.KindCountry
			if in != "" {
				errs = append(errs, fmt.Errorf("%s: a country lies in nothing, got %q", where, in))
			}
		case "province":
			e.place.Kind = peyvand.KindProvince
		case "capital":
			e.place.Kind, e.capital = peyvand.KindCity, true
		case "city":
			e.place.Kind = peyvand.KindCity
		default:
			errs = append(errs, fmt.Errorf("%s: unknown kind %q (want country, province, capital or city)", where, kind))
			return
		}
		if e.place.Kind != peyvand.KindCountry && in == "" {
			errs = append(errs, fmt.Errorf("%s: %s needs the place it lies in", where, name))
		}
		if name == "" || english == "" {
			errs = append(errs, fmt.Errorf("%s: the Persian and English names are required", where))
			return
		}
		if strings.HasPrefix(name, "?") {
			errs = append(errs, fmt.Errorf("%s: a name cannot be ambiguous; list it again with ? among the spellings", where))
			return
		}
		if prev, ok := g.byName[name]; ok {
			errs = append(errs, fmt.Errorf("%s: name %s already used at %s", where, name, g.entries[prev].where))
			return
		}
		e.place.Name, e.place.English = name, english
		id := len(g.entries)
		g.entries = append(g.entries, e)
		g.byName[name] = id
		sp := []spelling{{text: name}}
		for _, s := range datafile.List(f[4]) {
			amb := strings.HasPrefix(s, "?")
			s = strings.TrimSpace(strings.TrimPrefix(s, "?"))
			if s != "" {
				sp = append(sp, spelling{text: s, ambiguous: amb})
			}
		}
		ps[id] = sp
	})
	return errs
}

// link resolves every "in" field and fills Province and Country.
func (g *Gazetteer) link() []error {
	var errs []error
	for i := range g.entries {
		e := &g.entries[i]
		if e.in == "" {
			continue
		}
		p, ok := g.byName[e.in]
		if !ok {
			errs = append(errs, fmt.Errorf("%s: %s lies in %q, which is no place's name", e.where, e.place.Name, e.in))
			continue
		}
		pk := g.entries[p].place.Kind
		switch {
		case e.place.Kind == peyvand.KindProvince && pk != peyvand.KindCountry,
			e.place.Kind == peyvand.KindCity && pk == peyvand.KindCity:
			errs = append(errs, fmt.Errorf("%s: a %s cannot lie in the %s %s", e.where, e.place.Kind, pk, e.in))
			continue
		}
		e.parent = p
	}
	if len(errs) > 0 {
		return errs
	}
	for i := range g.entries {
		e := &g.entries[i]
		switch e.place.Kind {
		case peyvand.KindCountry:
			e.place.Country = e.place.Name
		case peyvand.KindProvince:
			e.place.Country = g.entries[e.parent].place.Name
		case peyvand.KindCity:
			p := g.entries[e.parent]
			if p.place.Kind == peyvand.KindProvince {
				e.place.Province = p.place.Name
				e.place.Country = g.entries[p.parent].place.Name
			} else {
				e.place.Country = p.place.Name
			}
		}
	}
	return nil
}

// normKey returns the key of a spelling: its normalised words joined by one
// space, as Find sees them in running text.
func normKey(s string) string {
	return strings.Join(persian.Words(s), " ")
}

// index adds every spelling of every entry, with the variants the folding
// rules generate, to the lookup map and the trie.
func (g *Gazetteer) index(ps map[int][]spelling) []error {
	var errs []error
	english := make(map[string]int, len(g.entries))
	// Written spellings first, so that a generated variant never takes a
	// key some line wrote out.
	for pass := 0; pass < 2; pass++ {
		for id := range g.entries {
			e := g.entries[id]
			for _, sp := range ps[id] {
				key := normKey(sp.text)
				if key == "" {
					errs = append(errs, fmt.Errorf("%s: spelling %q has no letters", e.where, sp.text))
					continue
				}
				if pass == 0 {
					if err := g.addKey(key, keyInfo{id: id, ambiguous: sp.ambiguous}); err != nil {
						errs = append(errs, fmt.Errorf("%s: %w", e.where, err))
					}
					continue
				}
				for _, v := range variants(key, e.place) {
					g.addGenerated(v, keyInfo{id: id, ambiguous: sp.ambiguous, generated: true})
				}
			}
		}
	}
	g.markDemonyms()
	for id, e := range g.entries {
		k := strings.ToLower(e.place.English)
		if prev, ok := english[k]; ok {
			errs = append(errs, fmt.Errorf("%s: English name %q already used at %s", e.where, e.place.English, g.entries[prev].where))
			continue
		}
		english[k] = id
		key := normKey(e.place.English)
		if _, taken := g.keys[key]; !taken && key != "" {
			g.keys[key] = keyInfo{id: id, english: true}
		}
	}
	return errs
}

// markDemonyms flags the spellings that are another spelling of the same
// place with ی or یی added, in the map and in the trie.
func (g *Gazetteer) markDemonyms() {
	for key, ki := range g.keys {
		if ki.id == notPlace || strings.Contains(key, " ") {
			continue
		}
		base, ok := strings.CutSuffix(key, "ی")
		if !ok {
			continue
		}
		b, ok := g.keys[base]
		if !ok || b.id != ki.id {
			if b2, ok2 := g.keys[strings.TrimSuffix(base, "ی")]; ok2 && b2.id == ki.id && strings.HasSuffix(base, "ی") {
				b, ok = b2, true
			}
		}
		if !ok || b.id != ki.id {
			continue
		}
		ki.demonym = true
		g.keys[key] = ki
		g.root.insert([]string{key}, ki)
	}
}

// addKey adds a written spelling. The same spelling written twice for one
// entry is fine (with "?" it marks the entry's own name ambiguous); for two
// entries it is an error.
func (g *Gazetteer) addKey(key string, ki keyInfo) error {
	if prev, ok := g.keys[key]; ok {
		if prev.id != ki.id {
			return fmt.Errorf("spelling %q also names %s (%s)", key, g.describe(prev.id), g.whereOf(prev.id))
		}
		ki.ambiguous = ki.ambiguous || prev.ambiguous
	}
	g.keys[key] = ki
	g.root.insert(strings.Split(key, " "), ki)
	return nil
}

// addGenerated adds a variant a folding rule made, unless the key is taken.
func (g *Gazetteer) addGenerated(key string, ki keyInfo) {
	if _, ok := g.keys[key]; ok {
		return
	}
	g.keys[key] = ki
	g.root.insert(strings.Split(key, " "), ki)
}

func (g *Gazetteer) describe(id int) string {
	if id == notPlace {
		return "a phrase of not.txt"
	}
	return g.entries[id].place.Name
}

func (g *Gazetteer) whereOf(id int) string {
	if id == notPlace {
		return "not.txt"
	}
	return g.entries[id].where
}

// variants returns the forms of a key that the data need not list: the
// words written as one ("عشق آباد" → "عشقآباد"), "و" joined to the next word
// ("سیستان وبلوچستان"), and "استان X" for an Iranian province.
func variants(key string, p peyvand.Place) []string {
	var out []string
	words := strings.Split(key, " ")
	if len(words) > 1 {
		out = append(out, strings.Join(words, ""))
		for i := 1; i < len(words)-1; i++ {
			if words[i] == "و" {
				w := append(append(append([]string{}, words[:i]...), "و"+words[i+1]), words[i+2:]...)
				out = append(out, strings.Join(w, " "))
			}
		}
	}
	if p.Kind == peyvand.KindProvince && p.Country == peyvand.Iran && words[0] != "استان" {
		out = append(out, "استان "+key)
	}
	return out
}

func (g *Gazetteer) parseNot(txt string) []error {
	var errs []error
	datafile.Lines(txt, func(n int, line string) {
		for _, s := range datafile.List(line) {
			key := normKey(s)
			if key == "" {
				continue
			}
			if prev, ok := g.keys[key]; ok && prev.id != notPlace && !prev.generated {
				errs = append(errs, fmt.Errorf("not.txt:%d: %q is a spelling of %s (%s)", n, s, g.describe(prev.id), g.whereOf(prev.id)))
				continue
			}
			ki := keyInfo{id: notPlace}
			g.keys[key] = ki
			g.root.insert(strings.Split(key, " "), ki)
			if j := strings.ReplaceAll(key, " ", ""); j != key {
				g.addGenerated(j, keyInfo{id: notPlace, generated: true})
			}
		}
	})
	return errs
}

// Lookup returns the place a name (any known spelling, the canonical name or
// the English name, in any case or letter variant) refers to. A name
// starting with a place word ("شهر کازان", "کشور مالی", "ایالت پنجاب") is
// also tried without it.
func (g *Gazetteer) Lookup(name string) (peyvand.Place, bool) {
	if id, ok := g.byName[strings.TrimSpace(name)]; ok {
		return g.entries[id].place, true
	}
	key := normKey(name)
	for key != "" {
		if ki, ok := g.keys[key]; ok && ki.id != notPlace {
			return g.entries[ki.id].place, true
		}
		if ki, ok := g.keys[strings.ReplaceAll(key, " ", "")]; ok && ki.id != notPlace {
			return g.entries[ki.id].place, true
		}
		first, rest, ok := strings.Cut(key, " ")
		if !ok || !placeWords[first] {
			break
		}
		key = rest
	}
	return peyvand.Place{}, false
}

// Place returns the place with exactly this canonical name.
func (g *Gazetteer) Place(name string) (peyvand.Place, bool) {
	id, ok := g.byName[name]
	if !ok {
		return peyvand.Place{}, false
	}
	return g.entries[id].place, true
}

// Named returns the place with this canonical name, or a Place with only
// the name when the gazetteer does not know it (a stored fact from an
// older gazetteer): callers compare places either way.
func (g *Gazetteer) Named(name string) peyvand.Place {
	if p, ok := g.Place(name); ok {
		return p
	}
	return peyvand.Place{Name: name}
}

// Places returns every place of the gazetteer, in the order of its files.
func (g *Gazetteer) Places() []peyvand.Place {
	out := make([]peyvand.Place, len(g.entries))
	for i, e := range g.entries {
		out[i] = e.place
	}
	return out
}

// Parent returns the place p lies in directly: a city's province or region
// (or its country when it has none), a province's country. A country, or a
// place the gazetteer does not know, has none.
func (g *Gazetteer) Parent(p peyvand.Place) (peyvand.Place, bool) {
	id, ok := g.byName[p.Name]
	if !ok || g.entries[id].parent < 0 {
		return peyvand.Place{}, false
	}
	return g.entries[g.entries[id].parent].place, true
}

// Within reports whether p is region or lies inside it: a city in its
// province or country, a province in its country. Places are compared by
// canonical name; a place the gazetteer does not know is judged by its
// Province and Country fields.
func (g *Gazetteer) Within(p, region peyvand.Place) bool {
	if p.Name == region.Name {
		return p.Name != ""
	}
	id, ok := g.byName[p.Name]
	if !ok {
		return region.Name != "" && (p.Province == region.Name || p.Country == region.Name)
	}
	for id = g.entries[id].parent; id >= 0; id = g.entries[id].parent {
		if g.entries[id].place.Name == region.Name {
			return true
		}
	}
	return false
}

// within is Within on entry ids.
func (g *Gazetteer) within(id, region int) bool {
	for ; id >= 0; id = g.entries[id].parent {
		if id == region {
			return true
		}
	}
	return false
}

// Cities returns the cities that lie in the named province, region or
// country (any spelling Lookup understands): its capital first, then by name.
// It returns nil for an unknown name or one that names a city.
func (g *Gazetteer) Cities(province string) []peyvand.Place {
	p, ok := g.Lookup(province)
	if !ok || p.Kind == peyvand.KindCity {
		return nil
	}
	region := g.byName[p.Name]
	var ids []int
	for id, e := range g.entries {
		if e.place.Kind == peyvand.KindCity && g.within(id, region) {
			ids = append(ids, id)
		}
	}
	first := func(id int) bool { return g.entries[id].capital && g.entries[id].parent == region }
	sort.SliceStable(ids, func(i, j int) bool {
		if fi, fj := first(ids[i]), first(ids[j]); fi != fj {
			return fi
		}
		return g.entries[ids[i]].place.Name < g.entries[ids[j]].place.Name
	})
	out := make([]peyvand.Place, len(ids))
	for i, id := range ids {
		out[i] = g.entries[id].place
	}
	return out
}

// Namesake returns the Iranian province that shares a city's name
// ("اصفهان" → "استان اصفهان"), or the city that shares a province's name.
// News write "اصفهان" for either, so a question about one usually wants
// the other's ties too.
func (g *Gazetteer) Namesake(p peyvand.Place) (peyvand.Place, bool) {
	id, ok := g.byName[p.Name]
	if !ok || !p.Iranian() {
		return peyvand.Place{}, false
	}
	e := g.entries[id]
	switch e.place.Kind {
	case peyvand.KindCity:
		if ki, ok := g.keys["استان "+normKey(e.place.Name)]; ok && ki.id == e.parent {
			return g.entries[ki.id].place, true
		}
	case peyvand.KindProvince:
		bare := strings.TrimPrefix(e.place.Name, "استان ")
		if c, ok := g.byName[bare]; ok && g.entries[c].parent == id {
			return g.entries[c].place, true
		}
	}
	return peyvand.Place{}, false
}

// Capital returns the capital of a province, region or country, when the
// data names one.
func (g *Gazetteer) Capital(p peyvand.Place) (peyvand.Place, bool) {
	region, ok := g.byName[p.Name]
	if !ok {
		return peyvand.Place{}, false
	}
	for _, e := range g.entries {
		if e.capital && e.parent == region {
			return e.place, true
		}
	}
	return peyvand.Place{}, false
}

// Spellings returns the Persian spellings the gazetteer knows for p, in
// match form, its name first: «تاشکنت» for Tashkent as well as «تاشکند».
// Neither English names nor demonyms («عراقی») are spellings here, nor a
// spelling that is also a common word.
func (g *Gazetteer) Spellings(p peyvand.Place) []string {
	id, ok := g.byName[p.Name]
	if !ok {
		return nil
	}
	g.spellOnce.Do(func() {
		g.spelled = make(map[int][]string)
		for _, k := range g.order {
			ki := g.keys[k]
			if ki.id >= 0 && !ki.english && !ki.demonym && !ki.ambiguous && !ki.generated && !isLatin(k) {
				g.spelled[ki.id] = append(g.spelled[ki.id], k)
			}
		}
	})
	name := normKey(p.Name)
	out := []string{name}
	for _, k := range g.spelled[id] {
		if k != name {
			out = append(out, k)
		}
	}
	return out
}

// CapitalOf returns the province, region or country whose capital p is:
// «استان خراسان رضوی» for «مشهد». News name a province by its capital and
// the other way round.
func (g *Gazetteer) CapitalOf(p peyvand.Place) (peyvand.Place, bool) {
	id, ok := g.byName[p.Name]
	if !ok || !g.entries[id].capital || g.entries[id].parent < 0 {
		return peyvand.Place{}, false
	}
	return g.entries[g.entries[id].parent].place, true
}

// Suggest returns up to n places whose spellings are closest to name, by
// edit distance on the normalised form, closest first: what to offer when
// Lookup does not know a name. Names too far from every spelling (more than
// half their letters changed) get no suggestion.
func (g *Gazetteer) Suggest(name string, n int) []peyvand.Place {
	key := normKey(name)
	if n <= 0 || key == "" {
		return nil
	}
	q := []rune(key)
	limit := max(1, len(q)/2)
	latin := isLatin(key)
	best := make(map[int]int) // entry → distance
	for _, k := range g.order {
		ki := g.keys[k]
		if ki.id == notPlace || ki.english != latin {
			continue
		}
		if d := abs(utf8.RuneCountInString(k) - len(q)); d > limit {
			continue
		}
		d := EditDistance(q, []rune(k), limit)
		if d > limit {
			continue
		}
		if prev, ok := best[ki.id]; !ok || d < prev {
			best[ki.id] = d
		}
	}
	ids := make([]int, 0, len(best))
	for id := range best {
		ids = append(ids, id)
	}
	sort.Slice(ids, func(i, j int) bool {
		a, b := ids[i], ids[j]
		if best[a] != best[b] {
			return best[a] < best[b]
		}
		// Prefer the bigger place, then a stable order.
		if ra, rb := kindRank(g.entries[a].place.Kind), kindRank(g.entries[b].place.Kind); ra != rb {
			return ra < rb
		}
		return a < b
	})
	if len(ids) > n {
		ids = ids[:n]
	}
	out := make([]peyvand.Place, len(ids))
	for i, id := range ids {
		out[i] = g.entries[id].place
	}
	return out
}

func kindRank(k peyvand.PlaceKind) int {
	switch k {
	case peyvand.KindCountry:
		return 0
	case peyvand.KindProvince:
		return 1
	}
	return 2
}

func isLatin(s string) bool {
	for _, r := range s {
		if r >= 'a' && r <= 'z' {
			return true
		}
	}
	return false
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// EditDistance is the Levenshtein distance between a and b, or any value
// above limit once it is sure to exceed it.
func EditDistance(a, b []rune, limit int) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			c = min(c, prev[j]+1, cur[j-1]+1)
			cur[j] = c
			rowMin = min(rowMin, c)
		}
		if rowMin > limit {
			return limit + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
