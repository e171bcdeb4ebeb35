package source

import (
	"strings"
	"testing"
)

func TestReadJSONLKeepsUntitledText(t *testing.T) {
	in := `{"id":"p1","text":"استاندار گلستان از گسترش صادرات به ترکمنستان خبر داد."}` + "\n" +
		`{"id":"p2","text":"نمایشگاه توانمندی‌های استان در عشق‌آباد برگزار شد.\n\nدر این نمایشگاه ۴۵ شرکت حضور داشتند."}` + "\n"
	arts, fails := ReadJSONL(strings.NewReader(in), "pooled.jsonl")
	if len(fails) > 0 || len(arts) != 2 {
		t.Fatalf("read %d articles, failures %v; want 2, none", len(arts), fails)
	}
	for _, a := range arts {
		if !strings.Contains(a.Text, "استان") || a.Title == "" {
			t.Errorf("%s: title %q, text %q; want the whole text kept and a title derived", a.ID, a.Title, a.Text)
		}
	}
	if !strings.HasPrefix(arts[1].Text, "نمایشگاه توانمندی") {
		t.Errorf("the first line left the text: %q", arts[1].Text)
	}
}

func TestReadJSONLStripsByteOrderMark(t *testing.T) {
	in := "\ufeff" + `{"id":"a","title":"تفاهم‌نامه تبریز و باکو","text":"تفاهم‌نامه همکاری تبریز و باکو امضا شد."}` + "\n"
	arts, fails := ReadJSONL(strings.NewReader(in), "bom.jsonl")
	if len(fails) > 0 || len(arts) != 1 || arts[0].ID != "a" {
		t.Fatalf("a BOM before the first record: %d articles, failures %v", len(arts), fails)
	}
}

func TestReadJSONLBoundsRecords(t *testing.T) {
	long := `{"id":"big","title":"خبر","text":"` + strings.Repeat("همکاری ", 2000) + `"}`
	in := `{"id":"a","title":"خبر یک","text":"صادرات اصفهان به کازان افزایش یافت."}` + "\n" + long + "\n" +
		`{"id":"b","title":"خبر دو","text":"هیئت تجاری شیراز به دوشنبه رفت."}` + "\n"
	arts, fails := readJSONL(strings.NewReader(in), "big.jsonl", 4096)
	if len(arts) != 2 || arts[0].ID != "a" || arts[1].ID != "b" {
		t.Errorf("read %v; want a and b around the long line", arts)
	}
	if len(fails) != 1 || fails[0].Line != 2 || !strings.Contains(fails[0].Error, "longer") {
		t.Errorf("failures %v; want line 2 reported as too long", fails)
	}
}

func FuzzReadJSONL(f *testing.F) {
	f.Add(`{"id":"a","title":"خبر","text":"صادرات اصفهان"}` + "\n")
	f.Add("\ufeff{\"text\":\"<p>سلام</p>\"}\n{bad\n")
	f.Fuzz(func(t *testing.T, in string) {
		arts, _ := readJSONL(strings.NewReader(in), "fuzz.jsonl", 1024)
		for _, a := range arts {
			if strings.TrimSpace(a.Text) == "" {
				t.Errorf("an article with no text: %+v", a)
			}
		}
	})
}
