package places

import (
	"slices"
	"testing"
	"testing/fstest"

	"github.com/peyvand/peyvand"
)

// TestDefault guards the embedded data: Default panics if it is broken, and
// the counts catch a file that went missing.
func TestDefault(t *testing.T) {
	g := Default()
	kinds := map[peyvand.PlaceKind]int{}
	iranProvinces := 0
	for _, p := range g.Places() {
		kinds[p.Kind]++
		if p.Kind == peyvand.KindProvince && p.Iranian() {
			iranProvinces++
			if c, ok := g.Capital(p); !ok || !g.Within(c, p) {
				t.Errorf("province %s has no capital in it (got %v)", p.Name, c)
			}
		}
		if p.Country == "" {
			t.Errorf("%s has no country", p.Name)
		}
		if p.Iranian() && p.Kind == peyvand.KindCity && p.Province == "" {
			t.Errorf("Iranian city %s has no province", p.Name)
		}
	}
	if iranProvinces != 31 {
		t.Errorf("Iranian provinces = %d; want 31", iranProvinces)
	}
	if kinds[peyvand.KindCountry] < 195 {
		t.Errorf("countries = %d; want at least 195", kinds[peyvand.KindCountry])
	}
	t.Logf("%d countries, %d provinces and regions, %d cities", kinds[peyvand.KindCountry], kinds[peyvand.KindProvince], kinds[peyvand.KindCity])
}

// TestNewRejectsBrokenData checks that each kind of mistake an editor can
// make is reported rather than silently indexed.
func TestNewRejectsBrokenData(t *testing.T) {
	const iran = "country | ایران | Iran | |\nprovince | استان گلستان | Golestan Province | ایران | گلستان\n"
	tests := []struct {
		name   string
		places string // appended to a valid Iran and Golestan
	}{
		{"too few fields", "city | گرگان | Gorgan\n"},
		{"unknown kind", "town | گرگان | Gorgan | استان گلستان |\n"},
		{"unknown parent", "city | گرگان | Gorgan | گلستانک |\n"},
		{"city without parent", "city | گرگان | Gorgan | |\n"},
		{"country in something", "country | عراق | Iraq | ایران |\n"},
		{"province in a province", "province | بالکان | Balkan | استان گلستان |\n"},
		{"duplicate name", "city | گرگان | Gorgan | استان گلستان |\ncity | گرگان | Gorgan 2 | استان گلستان |\n"},
		{"duplicate English", "city | گرگان | Golestan Province | استان گلستان |\n"},
		{"spelling of two places", "city | گرگان | Gorgan | استان گلستان | گلستان\n"},
		{"ambiguous name", "city | ?گرگان | Gorgan | استان گلستان |\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{
				"places/iran.txt": {Data: []byte(iran + tt.places)},
			}
			if _, err := New(fsys); err == nil {
				t.Errorf("New accepted %q", tt.places)
			} else {
				t.Log(err)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		fsys := fstest.MapFS{
			"places/iran.txt": {Data: []byte(iran + "capital | گرگان | Gorgan | استان گلستان | گرگان\n")},
		}
		g, err := New(fsys)
		if err != nil {
			t.Fatal(err)
		}
		if p, ok := g.Lookup("استان گلستان"); !ok || p.Kind != peyvand.KindProvince {
			t.Errorf("Lookup(استان گلستان) = %v, %v", p, ok)
		}
	})
}

func TestLookup(t *testing.T) {
	g := Default()
	tests := []struct {
		name string // as a user or a text may write it
		want string // canonical name, "" for unknown
		kind peyvand.PlaceKind
	}{
		{"اصفهان", "اصفهان", peyvand.KindCity},
		{"استان اصفهان", "استان اصفهان", peyvand.KindProvince},
		{"Isfahan", "اصفهان", peyvand.KindCity},
		{"آذربایجان شرقی", "استان آذربایجان شرقی", peyvand.KindProvince},
		{"آذربایجان‌شرقی", "استان آذربایجان شرقی", peyvand.KindProvince},
		{"آذربایجانشرقی", "استان آذربایجان شرقی", peyvand.KindProvince},
		{"آذربايجان غربي", "استان آذربایجان غربی", peyvand.KindProvince},
		{"آذربایجان", "جمهوری آذربایجان", peyvand.KindCountry},
		{"جمهوری آذربایجان", "جمهوری آذربایجان", peyvand.KindCountry},
		{"آذری‌ها", "جمهوری آذربایجان", peyvand.KindCountry},
		{"آذریها", "جمهوری آذربایجان", peyvand.KindCountry},
		{"باکو", "باکو", peyvand.KindCity},
		{"عشق‌آباد", "عشق‌آباد", peyvand.KindCity},
		{"عشق آباد", "عشق‌آباد", peyvand.KindCity},
		{"عشقآباد", "عشق‌آباد", peyvand.KindCity},
		{"تربتحیدریه", "تربت حیدریه", peyvand.KindCity},
		{"تربت‌حیدریه", "تربت حیدریه", peyvand.KindCity},
		{"گوانگجو", "گوانگژو", peyvand.KindCity},
		{"گوانجو", "گوانگژو", peyvand.KindCity},
		{"سنت پترزبورگ", "سن پترزبورگ", peyvand.KindCity},
		{"سن‌پترزبورگ", "سن پترزبورگ", peyvand.KindCity},
		{"سـن پتـرزبـورگ", "سن پترزبورگ", peyvand.KindCity}, // kashida
		{"بارسلون", "بارسلونا", peyvand.KindCity},
		{"فلورانـس", "فلورانس", peyvand.KindCity},
		{"كوالالامپور", "کوالالامپور", peyvand.KindCity}, // Arabic kaf
		{"نانجينگ", "نانجینگ", peyvand.KindCity},         // Arabic yeh
		{"ترکیا", "ترکیه", peyvand.KindCountry},
		{"امارات", "امارات متحده عربی", peyvand.KindCountry},
		{"فدراسیون روسیه", "روسیه", peyvand.KindCountry},
		{"اینچه برون", "اینچه‌برون", peyvand.KindCity},
		{"بالکانآباد", "بالکان‌آباد", peyvand.KindCity},
		{"مسندام", "مسندم", peyvand.KindProvince},
		{"سیستان وبلوچستان", "استان سیستان و بلوچستان", peyvand.KindProvince},
		{"شهر کازان", "کازان", peyvand.KindCity},
		{"ایالت پنجاب", "پنجاب", peyvand.KindProvince},
		{"کشور مالی", "مالی", peyvand.KindCountry},
		{"دوشنبه", "دوشنبه", peyvand.KindCity}, // ambiguous in text, not when asked
		{"گلستان", "استان گلستان", peyvand.KindProvince},
		{"مشهدالرضا", "مشهد", peyvand.KindCity},
		{"خلیج فارس", "", ""},
		{"ناکجاآباد", "", ""},
		{"", "", ""},
	}
	for _, tt := range tests {
		p, ok := g.Lookup(tt.name)
		if p.Name != tt.want || ok != (tt.want != "") || p.Kind != tt.kind {
			t.Errorf("Lookup(%q) = %q %s, %v; want %q %s", tt.name, p.Name, p.Kind, ok, tt.want, tt.kind)
		}
	}
}

func TestLookupFields(t *testing.T) {
	g := Default()
	tests := []struct {
		name     string
		province string
		country  string
		english  string
	}{
		{"اصفهان", "استان اصفهان", peyvand.Iran, "Isfahan"},
		{"کازان", "تاتارستان", "روسیه", "Kazan"},
		{"تاتارستان", "", "روسیه", "Tatarstan"},
		{"عشق آباد", "", "ترکمنستان", "Ashgabat"},
		{"خصب", "مسندم", "عمان", "Khasab"},
		{"روسیه", "", "روسیه", "Russia"},
		{"ایران", "", peyvand.Iran, "Iran"},
	}
	for _, tt := range tests {
		p, ok := g.Lookup(tt.name)
		if !ok || p.Province != tt.province || p.Country != tt.country || p.English != tt.english {
			t.Errorf("Lookup(%q) = %+v; want province %q, country %q, English %q", tt.name, p, tt.province, tt.country, tt.english)
		}
	}
}

func TestSuggest(t *testing.T) {
	g := Default()
	tests := []struct {
		name  string
		first string // "" when no suggestion is expected
	}{
		{"اسفهان", "اصفهان"},
		{"گوانگزو", "گوانگژو"},
		{"تبریر", "تبریز"},
		{"Isfahn", "اصفهان"},
		{"qqqqqqqqqq", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got := g.Suggest(tt.name, 3)
		switch {
		case tt.first == "" && len(got) > 0:
			t.Errorf("Suggest(%q) = %v; want none", tt.name, got)
		case tt.first != "" && (len(got) == 0 || got[0].Name != tt.first):
			t.Errorf("Suggest(%q) = %v; want %s first", tt.name, got, tt.first)
		case len(got) > 3:
			t.Errorf("Suggest(%q, 3) returned %d places", tt.name, len(got))
		}
	}
	if got := g.Suggest("اصفهان", 0); got != nil {
		t.Errorf("Suggest(n=0) = %v; want nil", got)
	}
}

func TestWithin(t *testing.T) {
	g := Default()
	tests := []struct {
		place, region string
		want          bool
	}{
		{"اصفهان", "استان اصفهان", true},
		{"اصفهان", "ایران", true},
		{"اصفهان", "اصفهان", true},
		{"استان اصفهان", "اصفهان", false},
		{"کازان", "روسیه", true},
		{"کازان", "تاتارستان", true},
		{"باکو", "جمهوری آذربایجان", true},
		{"باکو", "ایران", false},
		{"تبریز", "استان آذربایجان شرقی", true},
		{"تبریز", "جمهوری آذربایجان", false},
		{"استان آذربایجان شرقی", "جمهوری آذربایجان", false},
		{"خصب", "عمان", true},
		{"مسقط", "مسندم", false},
	}
	for _, tt := range tests {
		p, _ := g.Place(tt.place)
		r, _ := g.Place(tt.region)
		if got := g.Within(p, r); got != tt.want {
			t.Errorf("Within(%s, %s) = %v; want %v", tt.place, tt.region, got, tt.want)
		}
	}
	unknown := peyvand.Place{Name: "روستای ناشناخته", Province: "استان گلستان", Country: peyvand.Iran}
	if r, _ := g.Place("استان گلستان"); !g.Within(unknown, r) {
		t.Errorf("Within(unknown village of Golestan, Golestan) = false")
	}
}

func TestCities(t *testing.T) {
	g := Default()
	tests := []struct {
		province string
		first    string   // the capital, listed first; "" not to check
		include  []string // some of the cities
	}{
		{"گلستان", "گرگان", []string{"بندر ترکمن", "اینچه‌برون", "گنبد کاووس"}},
		{"استان خراسان شمالی", "بجنورد", []string{"شیروان"}},
		{"تاتارستان", "کازان", nil},
		{"روسیه", "مسکو", []string{"کازان", "سن پترزبورگ"}},
		{"ایران", "", []string{"چابهار", "بانه", "مریوان", "سرخس", "جلفا", "آستارا", "تهران"}},
	}
	for _, tt := range tests {
		got := g.Cities(tt.province)
		if len(got) == 0 || tt.first != "" && got[0].Name != tt.first {
			t.Errorf("Cities(%q) starts %v; want %s", tt.province, got[:min(3, len(got))], tt.first)
			continue
		}
		for _, c := range tt.include {
			found := false
			for _, p := range got {
				found = found || p.Name == c
			}
			if !found {
				t.Errorf("Cities(%q) lacks %s", tt.province, c)
			}
		}
	}
	for _, name := range []string{"اصفهان", "ناکجاآباد"} {
		if got := g.Cities(name); got != nil {
			t.Errorf("Cities(%q) = %v; want nil", name, got)
		}
	}
}

func TestParentNamesakeCapital(t *testing.T) {
	g := Default()
	tests := []struct {
		place, parent, namesake, capital string
	}{
		{"اصفهان", "استان اصفهان", "استان اصفهان", ""},
		{"استان اصفهان", "ایران", "اصفهان", "اصفهان"},
		{"گرگان", "استان گلستان", "", ""},
		{"استان گلستان", "ایران", "", "گرگان"},
		{"کازان", "تاتارستان", "", ""},
		{"ایران", "", "", ""}, // تهران is the capital of its province
		{"روسیه", "", "", "مسکو"},
	}
	for _, tt := range tests {
		p, ok := g.Place(tt.place)
		if !ok {
			t.Fatalf("Place(%q) unknown", tt.place)
		}
		if got, _ := g.Parent(p); got.Name != tt.parent {
			t.Errorf("Parent(%s) = %q; want %q", tt.place, got.Name, tt.parent)
		}
		if got, _ := g.Namesake(p); got.Name != tt.namesake {
			t.Errorf("Namesake(%s) = %q; want %q", tt.place, got.Name, tt.namesake)
		}
		if got, _ := g.Capital(p); got.Name != tt.capital {
			t.Errorf("Capital(%s) = %q; want %q", tt.place, got.Name, tt.capital)
		}
	}
}

func TestSpellings(t *testing.T) {
	g := Default()
	tashkent, _ := g.Lookup("Tashkent")
	got := g.Spellings(tashkent)
	if len(got) == 0 || got[0] != "تاشکند" || !slices.Contains(got, "تاشکنت") {
		t.Errorf("Spellings(Tashkent) = %q; want «تاشکند» first, «تاشکنت» too", got)
	}
	for _, s := range got {
		if isLatin(s) {
			t.Errorf("Spellings(Tashkent) has the English %q", s)
		}
	}
	iraq, _ := g.Lookup("عراق")
	if slices.Contains(g.Spellings(iraq), "عراقی") {
		t.Errorf("a demonym is among Iraq's spellings: %q", g.Spellings(iraq))
	}
	if g.Spellings(peyvand.Place{Name: "ناکجاآباد"}) != nil {
		t.Error("an unknown place has spellings")
	}
}
