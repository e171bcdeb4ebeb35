package places

import (
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// cldrRegions maps the English names CLDR gives countries, folded by
// foldEnglish, to their region codes.
func cldrRegions() map[string]language.Region {
	en := display.English.Regions()
	out := map[string]language.Region{}
	for a := 'A'; a <= 'Z'; a++ {
		for b := 'A'; b <= 'Z'; b++ {
			r, err := language.ParseRegion(string([]rune{a, b}))
			if err != nil || !r.IsCountry() || r.Canonicalize() != r {
				continue
			}
			if name := en.Name(r); name != "" {
				out[foldEnglish(name)] = r
			}
		}
	}
	return out
}

// foldEnglish brings the data's English names and CLDR's together:
// "St. Kitts & Nevis" and "Saint Kitts and Nevis", "Myanmar (Burma)" and
// "Myanmar".
func foldEnglish(s string) string {
	if i := strings.Index(s, " ("); i > 0 {
		s = s[:i]
	}
	s = strings.NewReplacer("&", "and", "St. ", "Saint ", "’", "'", "-", " ").Replace(s)
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// englishRegion names the region of the countries whose English name in
// the data is not CLDR's.
var englishRegion = map[string]string{
	"Czech Republic":                   "CZ",
	"Republic of the Congo":            "CG",
	"Democratic Republic of the Congo": "CD",
	"Eswatini":                         "SZ",
	"North Macedonia":                  "MK",
	"Palestine":                        "PS",
	"Saint Vincent and the Grenadines": "VC",
	"Turkey":                           "TR",
}

// cldrPersian returns CLDR's Persian name of a region without the
// qualifier some carry ("میانمار (برمه)", "هنگ‌کنگ، ناحیهٔ …").
func cldrPersian(r language.Region) string {
	name := display.Regions(language.Persian).Name(r)
	for _, sep := range []string{" (", "، "} {
		if i := strings.Index(name, sep); i > 0 {
			name = name[:i]
		}
	}
	return name
}

// TestCLDRCountryNames checks the country list against CLDR: every country
// of the data is one of CLDR's, and CLDR's Persian name of it is a known
// spelling of it. The data stays an editable file; CLDR is the check that
// no common spelling is missing from it.
func TestCLDRCountryNames(t *testing.T) {
	g := Default()
	regions := cldrRegions()
	seen := map[language.Region]string{}
	for _, p := range g.Places() {
		if p.Kind != peyvand.KindCountry {
			continue
		}
		r, ok := regions[foldEnglish(p.English)]
		if code, over := englishRegion[p.English]; over {
			r, ok = language.MustParseRegion(code), true
		}
		if !ok {
			t.Errorf("%s (%s): no CLDR region has this English name; add it to englishRegion", p.Name, p.English)
			continue
		}
		if prev, dup := seen[r]; dup {
			t.Errorf("%s and %s are both region %s", prev, p.Name, r)
		}
		seen[r] = p.Name
		fa := cldrPersian(r)
		if got, ok := g.Lookup(fa); !ok || got.Name != p.Name {
			t.Errorf("CLDR's Persian name of %s (%s) is %q, which Lookup gives as %q; add it to %s's spellings", p.English, r, fa, got.Name, p.Name)
		}
		// In running text too, unless the spelling is ambiguous there.
		if ms := g.Find("همکاری با " + fa); len(ms) != 1 || ms[0].Place.Name != p.Name {
			if ki := g.keys[normKey(fa)]; !ki.ambiguous {
				t.Errorf("Find(%q) = %v; want %s", "همکاری با "+fa, ms, p.Name)
			}
		}
	}
}
