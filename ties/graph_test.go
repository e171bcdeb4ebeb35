package ties_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand/internal/enginetest"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/ties"
)

// seedGraph ingests the embedded sample corpus with tie extraction, as the
// command line does.
func seedGraph(tb testing.TB) *ties.Graph {
	tb.Helper()
	return ties.New(enginetest.Sample(tb).Store())
}

func ingest(tb testing.TB, arts []peyvand.Article) *ties.Graph {
	tb.Helper()
	e := enginetest.New(tb)
	enginetest.Ingest(tb, e, arts)
	return ties.New(e.Store())
}

func names(ps []ties.Partner) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Place.Name)
	}
	return out
}

func TestPartnersSeeds(t *testing.T) {
	g := seedGraph(t)
	for _, tc := range []struct {
		place string   // as a user types it
		want  []string // partners that must be listed, by canonical name
	}{
		{"اصفهان", []string{"مسکو", "سن پترزبورگ", "مسقط", "بارسلونا", "فلورانس"}},
		{"گرگان", []string{"گوانگژو"}},
		{"آذربایجان شرقی", []string{"باکو"}},
	} {
		got, err := g.Partners(tc.place)
		if err != nil {
			t.Fatalf("Partners(%q): %v", tc.place, err)
		}
		t.Logf("Partners(%q) → %s: %v", tc.place, got.Resolved.Name, names(got.Partners))
		for _, w := range tc.want {
			if !slices.Contains(names(got.Partners), w) {
				t.Errorf("Partners(%q) = %v; want %s among them", tc.place, names(got.Partners), w)
			}
		}
		for _, p := range got.Partners {
			if p.Place.Iranian() {
				t.Errorf("Partners(%q) lists the Iranian place %s as a foreign partner", tc.place, p.Place.Name)
			}
			if len(p.Citations) == 0 || len(p.Relations) == 0 {
				t.Errorf("Partners(%q): %s has citations %v, relations %v; want both", tc.place, p.Place.Name, p.Citations, p.Relations)
			}
		}
	}
}

func TestPartnersForeignAndProvince(t *testing.T) {
	g := seedGraph(t)
	got, err := g.Partners("روسیه")
	if err != nil {
		t.Fatal(err)
	}
	if got.Resolved.Kind != peyvand.KindCountry || !slices.ContainsFunc(got.Partners, func(p ties.Partner) bool {
		return p.Place.Name == "اصفهان" || p.Place.Name == "استان اصفهان"
	}) {
		t.Errorf("Partners(روسیه) = %v (%v); want Isfahan among Russia's Iranian partners", names(got.Partners), got.Resolved)
	}
	for _, p := range got.Partners {
		if !p.Place.Iranian() {
			t.Errorf("Partners(روسیه) lists the foreign place %s", p.Place.Name)
		}
	}
	// Spelling variants resolve to one place: Arabic letters, no half-space.
	for _, name := range []string{"آذربايجان شرقي", "استان آذربایجان شرقی", "اذربایجان شرقی"} {
		got, err := g.Partners(name)
		if err != nil || got.Resolved.Name != "استان آذربایجان شرقی" {
			t.Errorf("Partners(%q) resolved to %q, %v; want استان آذربایجان شرقی", name, got.Resolved.Name, err)
		}
	}
	// The Republic is a country, never the Iranian province.
	rep, err := g.Partners("جمهوری آذربایجان")
	if err != nil || rep.Resolved.Kind != peyvand.KindCountry {
		t.Fatalf("Partners(جمهوری آذربایجان) = %v, %v; want the country", rep.Resolved, err)
	}
}

func TestPartnersUnknown(t *testing.T) {
	g := seedGraph(t)
	for _, tc := range []struct {
		name string
		code string
	}{
		{"اصفهن", peyvand.ENotFound}, // a typo: suggestions follow
		{"زززززز", peyvand.ENotFound},
		{"   ", peyvand.EInvalid},
		{"؟!", peyvand.EInvalid},
	} {
		_, err := g.Partners(tc.name)
		if peyvand.ErrorCode(err) != tc.code {
			t.Errorf("Partners(%q) error %v; want code %s", tc.name, err, tc.code)
		}
	}
	_, err := g.Partners("اصفهن")
	if msg := peyvand.ErrorMessage(err); !containsAll(msg, "اصفهان") {
		t.Errorf("Partners(اصفهن) message %q; want a suggestion of اصفهان", msg)
	}
}

func containsAll(s string, subs ...string) bool {
	for _, sub := range subs {
		if !strings.Contains(s, sub) {
			return false
		}
	}
	return true
}

// dated builds a short report of one tie.
func dated(id, date, text string) peyvand.Article {
	d, err := time.Parse("2006-01-02", date)
	if err != nil {
		panic(err)
	}
	return peyvand.Article{ID: id, URL: "https://example.ir/news/" + id, Title: strings.SplitN(text, ".", 2)[0],
		Date: d, Source: "example.ir", Text: text}
}

func briefCorpus() []peyvand.Article {
	return []peyvand.Article{
		dated("a1", "2023-03-01", "تفاهم‌نامه همکاری تبریز و باکو امضا شد. استاندار آذربایجان شرقی گفت تفاهم‌نامه همکاری میان تبریز و باکو در زمینه گردشگری امضا شد."),
		dated("a2", "2024-10-01", "هیئت تجاری تبریز به ترکیه سفر کرد. یک هیئت تجاری از تبریز برای گسترش صادرات به استانبول سفر کرد."),
		dated("a3", "2024-05-15", "نمایشگاه محصولات آذربایجان شرقی در باکو برگزار شد. نمایشگاه اختصاصی کالاهای تبریز در باکو گشایش یافت."),
		dated("a4", "2024-06-20", "خواهرخواندگی اصفهان و کازان. شورای شهر اصفهان خواهرخواندگی اصفهان و کازان روسیه را تصویب کرد."),
	}
}

func TestBriefNewestFirst(t *testing.T) {
	g := ingest(t, briefCorpus())
	b, err := g.Brief("آذربایجان شرقی", time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var groups []string
	for _, gr := range b.Groups {
		groups = append(groups, gr.Name)
		for i := 1; i < len(gr.Events); i++ {
			if gr.Events[i].Date.After(gr.Events[i-1].Date) {
				t.Errorf("group %s: event %d (%v) is newer than event %d (%v)", gr.Name, i, gr.Events[i].Date, i-1, gr.Events[i-1].Date)
			}
		}
	}
	if !slices.Equal(groups, []string{"ترکیه", "جمهوری آذربایجان"}) {
		t.Fatalf("groups %v; want [ترکیه جمهوری آذربایجان] (newest event first)", groups)
	}
	if n := len(b.Groups[1].Events); n != 2 {
		t.Errorf("جمهوری آذربایجان has %d events; want 2 (a3, a1)", n)
	}
	for _, gr := range b.Groups {
		for _, e := range gr.Events {
			if e.Citation.N == 0 || e.Citation.URL == "" || e.Evidence == "" {
				t.Errorf("event %+v lacks its citation or evidence", e)
			}
			if e.Iranian.Name == "استان اصفهان" || e.Iranian.Name == "اصفهان" {
				t.Errorf("Isfahan's tie leaked into East Azerbaijan's brief: %+v", e)
			}
		}
	}
	// --since drops the older reports.
	b, err = g.Brief("آذربایجان شرقی", time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	for _, gr := range b.Groups {
		for _, e := range gr.Events {
			if e.Date.Year() < 2024 {
				t.Errorf("since 2024 still lists %v: %s", e.Date, e.Evidence)
			}
		}
	}
}

// TestBriefKeepsTiesOfNestedPlacesApart: a province's trade office in
// Herat and trucks crossing at one of its border towns, told in one
// article, are two events: the office is not the town's. A capital's
// province asked for by name brings its own ties, not its other cities'.
func TestBriefKeepsTiesOfNestedPlacesApart(t *testing.T) {
	g := ingest(t, []peyvand.Article{dated("h1", "2024-02-12",
		"دفتر تجاری خراسان رضوی در هرات گشایش یافت. با حضور استاندار خراسان رضوی و والی هرات، دفتر تجاری خراسان رضوی در شهر هرات افتتاح شد تا صادرات استان افزایش یابد. "+
			"وی افزود: روزانه بیش از ۸۰۰ کامیون از پایانه مرزی دوغارون در تایباد به سمت اسلام‌قلعه تردد می‌کنند و صادرات استان به افغانستان از این مسیر انجام می‌شود.")})
	mashhad, herat := place(t, "مشهد"), place(t, "هرات")
	province := place(t, "خراسان رضوی")
	b, err := g.BriefOf(ties.Query{Iranian: []peyvand.Place{mashhad}, AlsoIranian: []peyvand.Place{province},
		Foreign: []peyvand.Place{herat}}, false)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, gr := range b.Groups {
		for _, e := range gr.Events {
			lines = append(lines, e.Iranian.Name+"|"+e.Foreign.Name+"|"+string(e.Relations[0]))
		}
	}
	if !slices.Contains(lines, "استان خراسان رضوی|هرات|trade_office") {
		t.Errorf("the province's office in Herat is missing: %v", lines)
	}
	for _, l := range lines {
		if strings.HasPrefix(l, "تایباد") || strings.HasPrefix(l, "دوغارون") {
			t.Errorf("a border town of the province answers for Mashhad: %v", lines)
		}
	}
	// The whole province: the office stays the province's.
	b, err = g.BriefOf(ties.Query{Iranian: []peyvand.Place{province}}, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, gr := range b.Groups {
		for _, e := range gr.Events {
			if slices.Contains(e.Relations, peyvand.RelTradeOffice) && e.Iranian.Name != "استان خراسان رضوی" {
				t.Errorf("the office is shown as %s's: %+v", e.Iranian.Name, e)
			}
		}
	}
}

func place(t *testing.T, name string) peyvand.Place {
	t.Helper()
	p, ok := places.Default().Lookup(name)
	if !ok {
		t.Fatalf("%s is not in the gazetteer", name)
	}
	return p
}

// TestPartnersKeepARegionsOwnTie: Armenia's joint chamber is no
// delegation from Yerevan, so Armenia stays listed with it alone.
func TestPartnersKeepARegionsOwnTie(t *testing.T) {
	g := ingest(t, []peyvand.Article{dated("g1", "2024-09-17",
		"اتاق بازرگانی رشت میزبان هیئت تجاری ایروان شد. هیئتی ۱۲ نفره از بازرگانان ایروان برای گسترش صادرات با اعضای اتاق بازرگانی گیلان دیدار کردند. "+
			"اتاق مشترک بازرگانی گیلان و ارمنستان سال گذشته با حضور فعالان اقتصادی دو طرف تأسیس شد.")})
	p, err := g.Partners("گیلان")
	if err != nil {
		t.Fatal(err)
	}
	rels := map[string][]peyvand.Relation{}
	for _, pt := range p.Partners {
		rels[pt.Place.Name] = pt.Relations
	}
	if !slices.Contains(rels["ایروان"], peyvand.RelTradeDelegation) {
		t.Errorf("Yerevan's delegation is missing: %v", rels)
	}
	if got := rels["ارمنستان"]; !slices.Equal(got, []peyvand.Relation{peyvand.RelJointChamber}) {
		t.Errorf("Armenia lists %v; want its joint chamber alone (the delegation is Yerevan's line)", got)
	}
}

// TestReadPlaceLiesInItsCountry: a port the gazetteer lacks, read from
// the text with its country, is found by «کدام بندرهای قطر».
func TestReadPlaceLiesInItsCountry(t *testing.T) {
	g := ingest(t, []peyvand.Article{dated("q1", "2024-05-22",
		"خط کشتیرانی بوشهر و قطر. مدیرکل بنادر و دریانوردی استان بوشهر گفت: خط منظم کشتیرانی کالا میان بندر بوشهر و بندر الوکره در دوحه هفته‌ای دو سفر دارد و صادرات استان افزایش یافت.")})
	p, err := g.PartnersOf(ties.Query{Iranian: []peyvand.Place{place(t, "بوشهر")}, Foreign: []peyvand.Place{place(t, "قطر")}}, false)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(names(p.Partners), "بندر الوکره") {
		t.Errorf("partners in Qatar %v; want «بندر الوکره», read from the text", names(p.Partners))
	}
}
