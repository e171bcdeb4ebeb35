package places

import (
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
)

// TestTransliteration checks that a known foreign name written in another
// of Persian's usual transliterations is still found.
func TestTransliteration(t *testing.T) {
	g := Default()
	tests := []struct {
		name string
		text string
		want []string // "surface=canonical name", in order
	}{
		{"ق as in the data", "سفر هیئت تجاری به قازان", []string{"قازان=کازان"}},
		{"غ for ق", "هیئت اقتصادی غازان به تبریز آمد", []string{"غازان=کازان", "تبریز=تبریز"}},
		{"ک for ق", "توسعه روابط با کازان", []string{"کازان=کازان"}},
		{"ت for د (a spelling of the data)", "نمایشگاه تاشکنت و تاشکند", []string{"تاشکنت=تاشکند", "تاشکند=تاشکند"}},
		{"doubled letter", "بندر ولادیووستوک و ولادی‌وستوک", []string{"ولادیووستوک=ولادی‌وستوک", "ولادی‌وستوک=ولادی‌وستوک"}},
		{"Alma-Ata", "آلما آتا و آلماتی", []string{"آلما آتا=آلماتی", "آلماتی=آلماتی"}},
		{"tatweel and ezafe", "هیئتی از مسکـوی روسیه", []string{"مسکـوی=مسکو", "روسیه=روسیه"}},
		{"ط for ت in a two-word name", "سنت پطرزبورگ و سن پطرزبورگ", []string{"سنت پطرزبورگ=سن پترزبورگ", "سن پطرزبورگ=سن پترزبورگ"}},
		{"a vowel less, before its country", "هیئتی از خرطوم سودان", []string{"خرطوم=خارطوم", "سودان=سودان"}},
		{"ح for ه", "شهر حکاری ترکیه", []string{"حکاری=هکاری", "ترکیه=ترکیه"}},
		{"ZWNJ inside a one-word name", "هیئتی از ولادیو‌ستوک", []string{"ولادیو‌ستوک=ولادی‌وستوک"}},
		{"glued to its country", "همکاری با شیانچین", []string{"شیانچین=شیان", "شیانچین=چین"}},
		// What must not match.
		{"ezafe not before its country", "کشورهای آمریکای لاتین", nil},
		{"a vowel less, alone", "خرطوم", nil},
		{"a common word like a name", "ترمز قطار و سیاره و کوتاه", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, m := range g.Find(tt.text) {
				got = append(got, m.Surface+"="+m.Place.Name)
			}
			if strings.Join(got, " | ") != strings.Join(tt.want, " | ") {
				t.Errorf("Find(%q) =\n  %q\nwant\n  %q", tt.text, got, tt.want)
			}
		})
	}
}

// TestSkeletonCollisions checks that no skeleton silently names one of
// several places: every skeleton the spellings of two entries (or of a
// foreign entry and an Iranian, ambiguous or not.txt spelling) share
// matches nothing, and every other foreign spelling's skeleton names its
// own entry.
func TestSkeletonCollisions(t *testing.T) {
	g := Default()
	owners := map[string]map[int]bool{}
	weak := map[string]bool{}
	for key, ki := range g.keys {
		if ki.english {
			continue
		}
		sk, n, _ := skeleton(nil, key)
		s := string(sk)
		if owners[s] == nil {
			owners[s] = map[int]bool{}
		}
		owners[s][ki.id] = true
		if ki.id == notPlace || ki.ambiguous || ki.demonym || n < minSkeletonLetters || g.entries[ki.id].place.Iranian() {
			weak[s] = true
		}
	}
	shared := 0
	for s, ids := range owners {
		v, ok := g.skel[s]
		switch {
		case len(ids) > 1 || weak[s]:
			if ok && v != noSkeleton {
				var names []string
				for id := range ids {
					names = append(names, g.describe(id))
				}
				t.Errorf("skeleton %q names %s, though %v share it", s, g.describe(int(v>>2)), names)
			}
			if len(ids) > 1 {
				shared++
			}
		case ok && v != noSkeleton:
			for id := range ids {
				if int(v>>2) != id {
					t.Errorf("skeleton %q of %s names %s", s, g.describe(id), g.describe(int(v>>2)))
				}
			}
		}
	}
	t.Logf("%d skeletons shared by several entries match nothing", shared)
}

// TestCommonWordsNoSkeleton checks that frequent Persian words, and their
// variants, are never read as a foreign name by skeleton.
func TestCommonWordsNoSkeleton(t *testing.T) {
	g := Default()
	words := []string{
		"است", "کشور", "شهر", "همکاری", "بازار", "اقتصادی", "تجاری", "صادرات", "واردات", "توسعه",
		"سرمایه‌گذاری", "استان", "ریاست", "جمهوری", "وزیر", "سفیر", "هیئت", "هیئتی", "نمایشگاه", "تفاهم‌نامه",
		"خواهرخواندگی", "قرارداد", "امضا", "دیدار", "گفت‌وگو", "مذاکره", "روابط", "دوجانبه", "منطقه", "مرزی",
		"گمرک", "ترانزیت", "کالا", "محصولات", "کشاورزی", "صنعتی", "فرهنگی", "گردشگری", "دانشگاه", "شرکت",
		"میلیون", "میلیارد", "دلار", "درصد", "افزایش", "کاهش", "امسال", "گذشته", "آینده", "بیشتر",
		"مسئولان", "مدیرکل", "معاون", "رئیس", "اتاق", "بازرگانی", "میلادی", "سیاره", "کوتاه", "قالب",
		"بحران", "بانوان", "بنیان", "بیرونی", "فوریه", "سوره", "نیرو", "دانه", "کرسی", "پارس",
		"تاخیر", "سیما", "حیاتی", "پروتکل", "شیرجه", "مجاور", "جنگجو", "صعودی", "صوری", "ترمز",
	}
	for _, w := range words {
		// Alone, and where a place word or a country would vouch for it.
		for _, text := range []string{w, "شهر " + w, w + " روسیه"} {
			for _, m := range g.Find(text) {
				if m.Surface != "روسیه" {
					t.Errorf("Find(%q) found %s in %q", text, m.Place.Name, m.Surface)
				}
			}
		}
	}
}

// TestGluedNeedsItsCountry checks that a word is split into a place and
// its country only when the country contains the place and both are known.
func TestGluedNeedsItsCountry(t *testing.T) {
	g := Default()
	for _, text := range []string{"شیانروسیه", "تهرانچین", "کابلچین"} {
		if ms := g.Find(text); len(ms) != 0 {
			t.Errorf("Find(%q) = %v; want nothing", text, ms)
		}
	}
	ms := g.Find("نمایشگاه شیانچین")
	if len(ms) != 2 || ms[0].Place.Kind != peyvand.KindCity || ms[1].Place.Kind != peyvand.KindCountry {
		t.Errorf("Find(نمایشگاه شیانچین) = %v; want Xi'an and China", ms)
	}
}
