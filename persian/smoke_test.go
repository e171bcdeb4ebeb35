package persian

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestSmoke(t *testing.T) {
	for _, s := range []string{"همکاری‌های", "همکاری های", "همکاریهای", "می‌شود", "می شود", "میشود", "تسهیل&not;گر روابط", "كرمان  ۱۲۳ ٤٥ يزد", "  الف\u200f\u064eب  ", "کرمانشاه کرمان ایران تهران اصفهان گرگان آبادان تبریزی"} {
		fmt.Printf("%q -> N=%q D=%q T=%q\n", s, Normalize(s), Display(s), Tokens(s))
	}
	files, _ := filepath.Glob("../../shared/corpus/seeds/*.txt")
	for _, f := range files {
		b, _ := os.ReadFile(f)
		d := CleanText(string(b))
		fmt.Printf("=== %s\nTITLE: %s\nCODE: %s DATE: %v\n%s\n", f, d.Title, d.NewsCode, d.Date, d.Text)
	}
}
