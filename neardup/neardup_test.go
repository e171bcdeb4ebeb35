package neardup

import (
	"encoding/json"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/persian"
	"github.com/peyvand/peyvand/source"
)

// devItems is the project's dev corpus, relative to this package.
const devItems = "../testdata/dev/items.jsonl"

// devArticle is a dev corpus item, cleaned as ingest cleans it, with the
// Iranian places its annotation names.
type devArticle struct {
	peyvand.Article
	iran []string
}

// readDev returns the dev corpus; a missing file fails the test.
func readDev(t *testing.T) []devArticle {
	b, err := os.ReadFile(devItems)
	if err != nil {
		t.Fatal(err)
	}
	arts, fails := source.ReadJSONL(strings.NewReader(string(b)), devItems)
	if len(fails) > 0 {
		t.Fatalf("dev corpus: %v", fails)
	}
	var out []devArticle
	for i, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		var rec struct {
			ID   string   `json:"id"`
			Iran []string `json:"iran_side"`
		}
		if err := json.Unmarshal([]byte(l), &rec); err != nil || rec.ID != arts[i].ID {
			t.Fatalf("dev corpus line %d: %v", i+1, err)
		}
		out = append(out, devArticle{arts[i], rec.Iran})
	}
	return out
}

// rewrites returns what other outlets make of a report: the same story
// with its sentences reordered, wrapped in their own boilerplate, cut
// short, respelled, all of these at once, or only its first half. Each
// comes back cleaned by persian.CleanText, as ingest cleans a page.
func rewrites(a peyvand.Article, rng *rand.Rand) map[string]string {
	var sents []string
	for _, p := range strings.Split(a.Text, "\n\n") {
		sents = append(sents, persian.Sentences(p)...)
	}
	swap := func(ss []string, n int) []string {
		ss = slices.Clone(ss)
		for i := 0; i < n && len(ss) > 2; i++ {
			j := rng.IntN(len(ss) - 1)
			ss[j], ss[j+1] = ss[j+1], ss[j]
		}
		return ss
	}
	cut := func(ss []string, n int) []string {
		if len(ss) > n+2 {
			return ss[:len(ss)-n]
		}
		return ss
	}
	respell := strings.NewReplacer("ی", "ي", "ک", "ك", "\u200c", "", "۰", "0", "۱", "1", "۲", "2", "۳", "3", "۴", "4", "۵", "5")
	raw := map[string]string{
		"reordered": strings.Join(swap(sents, 2), " "),
		"boilerplate": "خبرگزاری فارس - گروه اقتصادی: " + strings.Join(sents, " ") +
			"\n\nانتهای پیام/\nاخبار مرتبط\nکد خبر: ۴۴۵۵۶۶",
		"tail cut":  strings.Join(cut(sents, 2), " "),
		"respelled": respell.Replace(strings.Join(sents, " ")),
		"all at once": "به گزارش ایرنا از مرکز استان، " + strings.Join(swap(cut(sents, 1), 1), "\n\n") +
			"\n\nاین خبر در حال تکمیل است.\n\nانتهای پیام/\nبرچسب‌ها: اقتصاد، تجارت\nنظر شما",
		"first half": strings.Join(sents[:(len(sents)+1)/2], " "),
	}
	out := map[string]string{}
	for k, v := range raw {
		out[k] = persian.CleanText(a.Title + "\n\n" + v).Text
	}
	return out
}

// TestDedupSeparation measures MinHash distances between copies of one
// report and between different reports, and checks that MaxDistance
// falls in the gap. Measured (dev corpus of 57 items and the 4 fixtures,
// 6 rewrites each): copies at most 39 slots of 64 apart (first halves; a
// cut tail 32, all rewrites at once 28, reordered or boilerplate 10,
// respelled 4), different reports at least 59 (the same city's 60);
// reports of one event in other words (n091/n093, the Birjand fair) are
// with the different ones.
func TestDedupSeparation(t *testing.T) {
	var arts []devArticle
	for _, n := range []string{"tabriz-delegation", "tabriz-fair", "bushehr-qatar", "mashhad-herat"} {
		s := readStory(t, n)
		arts = append(arts, devArticle{peyvand.Article{ID: n, Title: s.Title, Text: s.Text()}, []string{strings.SplitN(n, "-", 2)[0]}})
	}
	arts = append(arts, readDev(t)...)
	fps := make([]MinHash, len(arts))
	for i, a := range arts {
		fps[i] = Fingerprint(a.Article)
	}

	rng := rand.New(rand.NewPCG(7, 1404))
	maxCopy, maxCopyHow := 0, ""
	byHow := map[string]int{}
	for i, a := range arts {
		for how, text := range rewrites(a.Article, rng) {
			d := fps[i].Distance(Fingerprint(peyvand.Article{Title: a.Title, Text: text}))
			byHow[how] = max(byHow[how], d)
			if d > maxCopy || d == maxCopy && a.ID+" "+how < maxCopyHow {
				maxCopy, maxCopyHow = d, a.ID+" "+how
			}
		}
	}
	t.Logf("copies, the farthest by kind: %v", byHow)
	minOther, minSamePlace, closest := SketchSize, SketchSize, ""
	for i := range arts {
		for j := i + 1; j < len(arts); j++ {
			d := fps[i].Distance(fps[j])
			if d < minOther {
				minOther, closest = d, arts[i].ID+" "+arts[j].ID
			}
			if sharePlace(arts[i].iran, arts[j].iran) {
				minSamePlace = min(minSamePlace, d)
			}
		}
	}
	t.Logf("copies: at most %d (%s); different reports: at least %d (%s), of the same city %d; MaxDistance %d",
		maxCopy, maxCopyHow, minOther, closest, minSamePlace, MaxDistance)
	if maxCopy > MaxDistance || minOther <= MaxDistance {
		t.Errorf("MaxDistance %d is not in the gap between copies (≤ %d) and different reports (≥ %d)", MaxDistance, maxCopy, minOther)
	}
	if minOther-maxCopy < 15 {
		t.Errorf("the gap between copies (≤ %d) and different reports (≥ %d) shrank below 15", maxCopy, minOther)
	}

	// one event told twice in other words is not a copy
	for _, pair := range [][2]string{{"n091", "n093"}} {
		var a, b MinHash
		found := 0
		for i, x := range arts {
			switch x.ID {
			case pair[0]:
				a, found = fps[i], found+1
			case pair[1]:
				b, found = fps[i], found+1
			}
		}
		if found == 2 {
			t.Logf("%s and %s, one event in other words: %d", pair[0], pair[1], a.Distance(b))
		}
		if found == 2 && a.Distance(b) <= MaxDistance {
			t.Errorf("%s and %s are near (%d): the fingerprint took retelling for copying", pair[0], pair[1], a.Distance(b))
		}
	}
}

func sharePlace(a, b []string) bool {
	for _, x := range a {
		for _, y := range b {
			if persian.Normalize(x) == persian.Normalize(y) {
				return true
			}
		}
	}
	return false
}

// TestFingerprintSpelling: the ways keyboards write one text give one
// fingerprint.
func TestFingerprintSpelling(t *testing.T) {
	const text = "تفاهم‌نامه همکاری اتاق‌های بازرگانی مشهد و هرات با ۱۰ ماده امضا شد و دفتر نمایندگی گشایش می‌یابد."
	tests := []struct {
		name, text string
	}{
		{"Arabic yeh and kaf", "تفاهم‌نامه همكاري اتاق‌هاي بازرگاني مشهد و هرات با ۱۰ ماده امضا شد و دفتر نمايندگي گشايش مي‌يابد."},
		{"spaces for half-spaces", "تفاهم نامه همکاری اتاق های بازرگانی مشهد و هرات با ۱۰ ماده امضا شد و دفتر نمایندگی گشایش می یابد."},
		{"no half-spaces", "تفاهمنامه همکاری اتاقهای بازرگانی مشهد و هرات با ۱۰ ماده امضا شد و دفتر نمایندگی گشایش مییابد."},
		{"Latin digits", "تفاهم‌نامه همکاری اتاق‌های بازرگانی مشهد و هرات با 10 ماده امضا شد و دفتر نمایندگی گشایش می‌یابد."},
		{"diacritics and tatweel", "تفاهم‌نامه همکاریِ اتاق‌های بازرگانـی مشهد و هرات با ۱۰ ماده امضا شد و دفتر نمایندگی گشایش می‌یابد."},
	}
	want := FingerprintText(text)
	for _, tt := range tests {
		if d := FingerprintText(tt.text).Distance(want); d != 0 {
			t.Errorf("%s: distance %d; want 0", tt.name, d)
		}
	}
}

// TestDedup checks the index: nearest first, the earlier first among
// equals, replacement, removal, and the empty sketch near nothing.
func TestDedup(t *testing.T) {
	tabriz := readStory(t, "tabriz-delegation")
	fair := readStory(t, "tabriz-fair")
	irna := Fingerprint(peyvand.Article{Title: tabriz.Title, Text: tabriz.Text()})
	copy1 := FingerprintText(tabriz.Title + "\n" + strings.Join(append([]string{"به گزارش ایسنا،"}, tabriz.Body...), "\n\n"))
	copy2 := FingerprintText(tabriz.Title + "\n" + tabriz.Text())
	other := Fingerprint(peyvand.Article{Title: fair.Title, Text: fair.Text()})

	d := NewIndex()
	d.Add("irna", irna)
	d.Add("fair", other)
	d.Add("isna", copy1)
	d.Add("tasnim", copy2)
	got := d.Near(irna, MaxDistance)
	var gotIDs []string
	for _, m := range got {
		gotIDs = append(gotIDs, m.ID)
	}
	if want := []string{"irna", "tasnim", "isna"}; !slices.Equal(gotIDs, want) || got[0].Distance != 0 || got[2].Distance == 0 {
		t.Errorf("Near = %+v; want %q, nearest first", got, want)
	}
	d.Remove("tasnim")
	d.Remove("nonesuch")
	d.Add("isna", other) // replaced: isna now carries the fair story
	if got := d.Near(irna, MaxDistance); len(got) != 1 || got[0].ID != "irna" || d.Len() != 3 {
		t.Errorf("after Remove and replace: Near = %+v, Len %d; want irna only, 3", got, d.Len())
	}
	if got := d.Near(other, 0); len(got) != 2 || got[0].ID != "fair" || got[1].ID != "isna" {
		t.Errorf("Near(fair, 0) = %+v; want fair then isna", got)
	}
	empty := FingerprintText("و از به")
	d.Add("empty", empty)
	if !empty.Empty() || d.Near(empty, SketchSize) != nil || len(d.Near(irna, SketchSize)) != 3 {
		t.Errorf("the empty sketch is near something")
	}
}

// TestMinHashBinary round-trips a sketch through its binary form.
func TestMinHashBinary(t *testing.T) {
	s := readStory(t, "bushehr-qatar")
	m := FingerprintText(s.Title + "\n" + s.Text())
	b, err := m.MarshalBinary()
	if err != nil || len(b) != 4*SketchSize {
		t.Fatalf("MarshalBinary = %d bytes, %v", len(b), err)
	}
	var back MinHash
	if err := back.UnmarshalBinary(b); err != nil || back != m {
		t.Errorf("round trip = %v, %v; want the sketch", back == m, err)
	}
	if err := back.UnmarshalBinary(b[1:]); err == nil {
		t.Errorf("UnmarshalBinary of %d bytes succeeded", len(b)-1)
	}
}
