package places

import "testing"

// TestHomophone: a misspelt Iranian name written with letters of the same
// sound is that place; a spelling, a foreign name's sound, a short word or
// a common word is none.
func TestHomophone(t *testing.T) {
	g := Default()
	for word, want := range map[string]string{
		"اصفحان":   "اصفهان",
		"تبریذ":    "تبریز",
		"کرمانشاح": "کرمانشاه",
		"احواز":    "اهواز",
		"اصفهان":   "", // a spelling: Lookup's
		"کازان":    "",
		"قاذان":    "", // Kazan's sound, not an Iranian place's
		"ساری":     "",
		"صادرات":   "",
		"تجارط":    "",
	} {
		p, ok := g.Homophone(word)
		if got := map[bool]string{true: p.Name}[ok]; got != want {
			t.Errorf("Homophone(%q) = %q; want %q", word, got, want)
		}
	}
}
