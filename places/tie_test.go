package places

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
)

// loadSeed reads a seed the way ingest does: cleaned, split into passages.
func loadSeed(t testing.TB, prefix string) (peyvand.Article, []peyvand.Passage) {
	t.Helper()
	names, _ := filepath.Glob(filepath.Join(corpusDir, "seeds", prefix+"_*.txt"))
	if len(names) == 0 {
		t.Skipf("seed %s not found under %s", prefix, corpusDir)
	}
	raw, err := os.ReadFile(names[0])
	if err != nil {
		t.Fatal(err)
	}
	doc := persian.CleanText(string(raw))
	a, ps := article(strings.TrimSuffix(filepath.Base(names[0]), ".txt"), doc.Title, doc.Text)
	a.Date = doc.Date
	return a, ps
}

// partners returns the foreign places paired with any of the Iranian ones.
func partners(facts []peyvand.Fact, iranian ...string) []string {
	var out []string
	for _, f := range facts {
		if slices.Contains(iranian, f.Iranian) && !slices.Contains(out, f.Foreign) {
			out = append(out, f.Foreign)
		}
	}
	return out
}

func TestExtractSeeds(t *testing.T) {
	g := Default()
	tests := []struct {
		seed    string
		iranian []string // the Iranian side, any of these
		want    []string // partners it must include
	}{
		{"000", []string{"اصفهان", "استان اصفهان"}, []string{"مسکو", "سن پترزبورگ", "روسیه"}},
		{"001", []string{"اصفهان", "استان اصفهان"}, []string{"مسقط"}},
		{"002", []string{"استان آذربایجان شرقی", "تبریز"}, []string{"باکو", "جمهوری آذربایجان"}},
		{"003", []string{"گرگان", "استان گلستان"}, []string{"گوانگژو"}},
		{"004", []string{"اصفهان", "استان اصفهان"}, []string{"بارسلونا", "فلورانس"}},
	}
	for _, tt := range tests {
		t.Run(tt.seed, func(t *testing.T) {
			a, ps := loadSeed(t, tt.seed)
			facts := Extract(g, a, ps)
			got := partners(facts, tt.iranian...)
			for _, w := range tt.want {
				if !slices.Contains(got, w) {
					t.Errorf("partners of %v = %v; want %s among them", tt.iranian, got, w)
				}
			}
			checkFacts(t, g, a, ps, facts)
		})
	}
}

// checkFacts checks what every fact must satisfy.
func checkFacts(t *testing.T, g *Gazetteer, a peyvand.Article, ps []peyvand.Passage, facts []peyvand.Fact) {
	t.Helper()
	type key struct {
		ir, fo string
		rel    peyvand.Relation
	}
	seen := map[key]bool{}
	for _, f := range facts {
		ir, ok1 := g.Place(f.Iranian)
		fo, ok2 := g.Place(f.Foreign)
		switch {
		case !ok1 || !ok2:
			t.Errorf("fact with unknown place: %+v", f)
		case !ir.Iranian():
			t.Errorf("Iranian side %s is not in Iran", f.Iranian)
		case fo.Iranian():
			t.Errorf("Iranian place %s given as the foreign side of %s", f.Foreign, f.Iranian)
		}
		if f.ArticleID != a.ID || !f.Date.Equal(a.Date) {
			t.Errorf("fact %+v does not carry the article's id and date", f)
		}
		if !slices.Contains(peyvand.Relations, f.Relation) {
			t.Errorf("unknown relation %q", f.Relation)
		}
		if f.Confidence <= 0 || f.Confidence > 1 {
			t.Errorf("confidence %v out of (0, 1]", f.Confidence)
		}
		k := key{f.Iranian, f.Foreign, f.Relation}
		if seen[k] {
			t.Errorf("two facts for %v", k)
		}
		seen[k] = true
		valid := false
		for _, p := range ps {
			if f.PassageID == peyvand.PassageID(a.ID, p.Index) {
				valid = strings.Contains(p.Text, f.Evidence) || f.Evidence == strings.TrimSpace(a.Title)
			}
		}
		if !valid {
			t.Errorf("evidence %q not in passage %s", f.Evidence, f.PassageID)
		}
	}
	for k := range seen {
		if k.rel == peyvand.RelOther {
			for _, r := range peyvand.Relations[:len(peyvand.Relations)-1] {
				if seen[key{k.ir, k.fo, r}] {
					t.Errorf("%s–%s has both other and %s", k.ir, k.fo, r)
				}
			}
		}
	}
}

func TestExtractRules(t *testing.T) {
	g := Default()
	type want struct {
		ir, fo string
		rel    peyvand.Relation
	}
	tests := []struct {
		name  string
		title string
		text  string
		want  []want // facts, in order
		// higher: the first fact must be more confident than the second
		higher bool
	}{
		{
			name:  "same sentence with a cue",
			title: "",
			text:  "پیمان خواهرخواندگی شیراز و زنگبار امضا شد.",
			want:  []want{{"شیراز", "زنگبار", peyvand.RelSisterCity}},
		},
		{
			name:  "default side from the headline",
			title: "هیئت تجاری ۲۰ نفره سمنان راهی تاجیکستان می‌شود",
			text:  "رئیس اتاق بازرگانی استان گفت: سفر هیئت تجاری به دوشنبه پایتخت تاجیکستان در اسفند انجام می‌شود.\n\nوی افزود: صادرات به ازبکستان نیز بررسی شد.",
			want: []want{
				{"سمنان", "تاجیکستان", peyvand.RelTradeDelegation},
				{"سمنان", "دوشنبه", peyvand.RelTradeDelegation},
				{"سمنان", "ازبکستان", peyvand.RelOther},
			},
		},
		{
			name:   "cue in the sentence beats the default side",
			title:  "گفت‌وگوی رایزن فرهنگی ایران و شهردار زنگبار درباره خواهرخواندگی با شیراز",
			text:   "شهردار زنگبار از خواهرخواندگی با شیراز استقبال کرد.\n\nوی از روابط ایران و تانزانیا گفت.",
			want:   []want{{"شیراز", "زنگبار", peyvand.RelSisterCity}, {"شیراز", "تانزانیا", peyvand.RelOther}},
			higher: true,
		},
		{
			name:  "Iran only when no province or city is named",
			title: "گسترش تجارت ایران و عراق",
			text:  "تفاهم‌نامه همکاری ایران و عراق امضا شد.",
			want:  []want{{"ایران", "عراق", peyvand.RelMOU}},
		},
		{
			name:  "two Iranian places make no tie",
			title: "",
			text:  "پیوند خواهرخواندگی شیراز و رامسر برقرار شد.",
			want:  nil,
		},
		{
			name:  "a place named once in passing gives way",
			title: "ورود هیئت بازرگانان عراقی به اهواز",
			text:  "هیئتی از تجار عراقی برای گسترش همکاری‌های تهران و بغداد به اهواز سفر کرد.",
			want:  []want{{"اهواز", "عراق", peyvand.RelTradeDelegation}, {"اهواز", "بغداد", peyvand.RelTradeDelegation}},
		},
		{
			name:  "the Republic, not the province",
			title: "سفر هیأت اقتصادی آذربایجان شرقی به باکو",
			text:  "نمایشگاه توانمندی‌های آذربایجان شرقی در جمهوری آذربایجان برپا می‌شود.",
			want: []want{
				{"استان آذربایجان شرقی", "باکو", peyvand.RelTradeDelegation},
				{"استان آذربایجان شرقی", "جمهوری آذربایجان", peyvand.RelExhibition},
			},
		},
		{
			name:  "no foreign place",
			title: "نمایشگاه صنایع دستی در اصفهان",
			text:  "نمایشگاه در اصفهان برپا شد.",
			want:  nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a, ps := article("x", tt.title, tt.text)
			a.Date = time.Date(2025, 1, 2, 0, 0, 0, 0, time.UTC)
			facts := Extract(g, a, ps)
			var got, exp []want
			for _, f := range facts {
				got = append(got, want{f.Iranian, f.Foreign, f.Relation})
			}
			exp = tt.want
			if !slices.Equal(got, exp) {
				t.Errorf("Extract =\n  %v\nwant\n  %v", got, exp)
			}
			if tt.higher && len(facts) >= 2 && facts[0].Confidence <= facts[1].Confidence {
				t.Errorf("confidence %v (same sentence, cue) not above %v (default side)", facts[0].Confidence, facts[1].Confidence)
			}
			checkFacts(t, g, a, ps, facts)
		})
	}
}

func TestExtractNilGazetteerAndNoPassages(t *testing.T) {
	a := peyvand.Article{ID: "t", Title: "خواهرخواندگی اصفهان و کازان"}
	facts := Extract(nil, a, nil)
	if len(facts) != 1 || facts[0].PassageID != "t#0" || facts[0].Relation != peyvand.RelSisterCity {
		t.Errorf("Extract(headline only) = %+v; want one sister-city fact cited to t#0", facts)
	}
}

func TestMerge(t *testing.T) {
	day := func(d int) time.Time { return time.Date(2025, 1, d, 0, 0, 0, 0, time.UTC) }
	facts := []peyvand.Fact{
		{ArticleID: "a1", PassageID: "a1#0", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelOther, Date: day(5), Confidence: 0.7},
		{ArticleID: "a2", PassageID: "a2#1", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelSisterCity, Date: day(9), Confidence: 0.9},
		{ArticleID: "a3", PassageID: "a3#0", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelMOU, Date: day(2), Confidence: 0.6},
		{ArticleID: "a2", PassageID: "a2#1", Iranian: "اصفهان", Foreign: "کازان", Relation: peyvand.RelSisterCity, Date: day(9), Confidence: 0.9},
		{ArticleID: "a4", PassageID: "a4#0", Iranian: "اصفهان", Foreign: "مسقط", Relation: peyvand.RelOther, Confidence: 0.45},
		{ArticleID: "a5", PassageID: "a5#0", Iranian: "استان گلستان", Foreign: "بالکان", Relation: peyvand.RelMOU, Date: day(1), Confidence: 0.9},
		{ArticleID: "a6", PassageID: "a6#0", Iranian: "روستای نو", Foreign: "جایی دور", Relation: peyvand.RelOther, Confidence: 0.45},
	}
	ties := Merge(nil, facts)
	tests := []struct {
		ir, fo      string
		rels        []peyvand.Relation
		first, last time.Time
		articles    []string // facts' articles, newest first
		foKind      peyvand.PlaceKind
	}{
		// By Iranian name (byte order), then newest last seen.
		{"استان گلستان", "بالکان", []peyvand.Relation{peyvand.RelMOU}, day(1), day(1), []string{"a5"}, peyvand.KindProvince},
		{"اصفهان", "کازان", []peyvand.Relation{peyvand.RelSisterCity, peyvand.RelMOU}, day(2), day(9), []string{"a2", "a1", "a3"}, peyvand.KindCity},
		{"اصفهان", "مسقط", []peyvand.Relation{peyvand.RelOther}, time.Time{}, time.Time{}, []string{"a4"}, peyvand.KindCity},
		{"روستای نو", "جایی دور", []peyvand.Relation{peyvand.RelOther}, time.Time{}, time.Time{}, []string{"a6"}, ""},
	}
	if len(ties) != len(tests) {
		t.Fatalf("Merge made %d ties; want %d: %+v", len(ties), len(tests), ties)
	}
	for i, tt := range tests {
		tie := ties[i]
		var arts []string
		for _, f := range tie.Facts {
			arts = append(arts, f.ArticleID)
		}
		if tie.Iranian.Name != tt.ir || tie.Foreign.Name != tt.fo || !slices.Equal(tie.Relations, tt.rels) ||
			!tie.FirstSeen.Equal(tt.first) || !tie.LastSeen.Equal(tt.last) || !slices.Equal(arts, tt.articles) ||
			tie.Foreign.Kind != tt.foKind {
			t.Errorf("tie %d = %s→%s %v %v..%v %v %s; want %s→%s %v %v..%v %v %s", i,
				tie.Iranian.Name, tie.Foreign.Name, tie.Relations, tie.FirstSeen, tie.LastSeen, arts, tie.Foreign.Kind,
				tt.ir, tt.fo, tt.rels, tt.first, tt.last, tt.articles, tt.foKind)
		}
		if !tie.Iranian.Iranian() {
			t.Errorf("tie %d: Iranian side %+v not in Iran", i, tie.Iranian)
		}
	}
}

func BenchmarkExtract(b *testing.B) {
	g := Default()
	items := loadDev(b)
	type doc struct {
		a  peyvand.Article
		ps []peyvand.Passage
	}
	var docs []doc
	for _, it := range items {
		a, ps := article(it.ID, it.Title, it.Text)
		docs = append(docs, doc{a, ps})
	}
	b.ResetTimer()
	for b.Loop() {
		for _, d := range docs {
			Extract(g, d.a, d.ps)
		}
	}
	b.ReportMetric(float64(b.N*len(docs))/b.Elapsed().Seconds(), "articles/s")
}
