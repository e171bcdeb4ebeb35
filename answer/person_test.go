package answer

import (
	"context"
	"strings"
	"testing"

	"github.com/peyvand/peyvand/question"
)

func TestRoleName(t *testing.T) {
	for _, tc := range []struct {
		text string
		r    role
		want string
	}{
		{"به گزارش ایرنا، محمد رضایی، شهردار کرمانشاه، در این نشست گفت: همکاری ادامه دارد.", role{"شهردار", "کرمانشاه"}, "محمد رضایی"},
		{"استاندار یزد، مهران فاطمی، گفت: هیئت تجاری به دبی می‌رود.", role{"استاندار", "یزد"}, "مهران فاطمی"},
		{"سفیر ايران در عمان، علی نجفی، نیز حضور داشت. در ادامه، سفیر ایران از صادرات گفت.", role{"سفیر", "ایران"}, "علی نجفی"},
		// What names nobody.
		{"در پایان، استاندار یزد تشکیل کارگروه را اعلام کرد.", role{"استاندار", "یزد"}, ""},
		{"روز گذشته، استاندار یزد به دبی رفت.", role{"استاندار", "یزد"}, ""},
		{"هیئت ۱۲ نفره، استاندار یزد را همراهی کرد.", role{"استاندار", "یزد"}, ""},
	} {
		if got := roleName(tc.text, tc.r); got != tc.want {
			t.Errorf("roleName(%q, %s) = %q, want %q", tc.text, tc.r, got, tc.want)
		}
	}
}

// TestExtractiveNamesTheRole: a sentence that answers «چه کسی» with a role
// gets the name the report gives it, once, with its citation.
func TestExtractiveNamesTheRole(t *testing.T) {
	report := "به گزارش ایرنا، مهران فاطمی، استاندار یزد، در دیدار با هیئت تجاری امارات از گسترش همکاری‌ها گفت. " +
		"در پایان نشست، استاندار یزد تشکیل کارگروه مشترک یزد و دبی را اعلام کرد."
	q := "چه کسی تشکیل کارگروه مشترک یزد و دبی را اعلام کرد؟"
	rq := question.Default().Read(q, nil)
	if rq.Want != question.WantPerson {
		t.Fatalf("%q read as wanting %v; want a person", q, rq.Want)
	}
	req := Request{Question: q, Places: []string{"یزد", "دبی"}, Want: rq.Want, Wants: rq.Wants,
		Relations: rq.Relations, Words: rq.Words, Evidence: evidenceOf(2, report)}
	ans, _ := Extractive{}.Compose(context.Background(), req)
	lines := strings.Split(ans.Text, "\n")
	if ans.Abstained || len(lines) < 2 || !strings.Contains(lines[0], "تشکیل کارگروه") ||
		lines[1] != "نام استاندار یزد در همین خبر: مهران فاطمی [1]" {
		t.Errorf("answer:\n%s\nwant the sentence, then «نام استاندار یزد در همین خبر: مهران فاطمی [1]»", ans.Text)
	}
}

// TestWrittenIn: a name or a role is shown as the report writes it, not
// in match form.
func TestWrittenIn(t *testing.T) {
	text := "در ادامه، وجه‌الله رضایی، قائم‌مقام وزارت صنعت تاجیکستان، گفت: همکاری ادامه دارد."
	r := role{"قایم", "مقام"}
	if got := r.written(text); got != "قائم‌مقام" {
		t.Errorf("role written %q, want «قائم‌مقام»", got)
	}
	name := roleName(text, r)
	if got := writtenIn(text, strings.Fields(name)); got != "وجه‌الله رضایی" {
		t.Errorf("name written %q (match form %q), want «وجه‌الله رضایی»", got, name)
	}
}

// TestRoleNameIsAName: what stands beside a role in brackets, quotes or
// a dateline is no name, nor a place.
func TestRoleNameIsAName(t *testing.T) {
	for _, text := range []string{
		"سمنان (ایرنا)، استاندار سمنان گفت: صادرات افزایش یافت.",
		"«توسعه روابط»، استاندار سمنان گفت: صادرات افزایش یافت.",
		"در مرز مهران، استاندار ایلام گفت: بازارچه باز شد.",
		"ایرنا\nاستاندار سمنان، گفت: صادرات افزایش یافت.",
		"به گزارش ایرنا، استاندار سمنان گفت: صادرات افزایش یافت.",
		"ایرنا، استاندار سمنان گفت: صادرات افزایش یافت.",
		"سمنان، استاندار سمنان گفت: صادرات افزایش یافت.",
	} {
		for _, r := range []role{{"استاندار", "سمنان"}, {"استاندار", "ایلام"}} {
			if got := roleName(text, r); got != "" {
				t.Errorf("roleName(%q, %s) = %q; want none", text, r, got)
			}
		}
	}
	if got := writtenIn("متن", nil); got != "" {
		t.Errorf("writtenIn of no words = %q", got)
	}
}
