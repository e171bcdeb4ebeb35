package reply

import (
	"slices"
	"strings"
	"testing"

	"github.com/peyvand/peyvand"
)

func TestEncodeDecode(t *testing.T) {
	for _, c := range []struct {
		a      Action
		fields []string
	}{
		{Example, []string{"2"}},
		{Sources, []string{"17"}},
		{Feedback, []string{"0", "17"}},
		{More, []string{"17", "10"}},
		{Unsubscribe, []string{"اصفهان"}},
		{Unsubscribe, []string{peyvand.AllPlaces}},
		// A place name's colon stays inside its field.
		{Unsubscribe, []string{"کازان: تاتارستان"}},
		{Page, []string{"10", "3", "آذربایجان شرقی"}},
		{Details, []string{"0", "3", "0", "اصفهان"}},
		{Summary, []string{"3", "jj5", "اصفهان"}},
		{Reason, []string{"incomplete", "17"}},
		{Subscribe, []string{string(peyvand.RelSisterCity), "اصفهان"}},
		{Mute, []string{"1"}},
	} {
		data, ok := Encode(c.a, c.fields...)
		if !ok {
			t.Fatalf("Encode(%s, %q) refused", c.a, c.fields)
		}
		a, f, ok := Decode(data)
		if !ok || a != c.a || !slices.Equal(f, c.fields) {
			t.Errorf("Decode(%q) = %s %q %v, want %s %q", data, a, f, ok, c.a, c.fields)
		}
	}
}

func TestEncodeRefuses(t *testing.T) {
	// 30 Persian letters are 60 bytes: with "unsub:" the data is over 64.
	long := strings.Repeat("ش", 30)
	for name, c := range map[string]struct {
		a      Action
		fields []string
	}{
		"over Telegram's 64 bytes": {Unsubscribe, []string{long}},
		"unknown action":           {Action("del"), []string{"1"}},
		"missing field":            {Feedback, []string{"17"}},
		"colon in a leading field": {More, []string{"1:7", "10"}},
		"an empty place":           {Unsubscribe, []string{""}},
	} {
		if data, ok := Encode(c.a, c.fields...); ok {
			t.Errorf("%s: Encode gave %q, want a refusal", name, data)
		}
	}
	if _, ok := NewButton("لغو", Unsubscribe, long); ok {
		t.Error("NewButton accepted data Telegram would refuse")
	}
}

func TestDecodeRefuses(t *testing.T) {
	for _, data := range []string{"", "fb", "fb:1", "drop:1", "unsub", "unsub:", "fb::17", "src:", strings.Repeat("x", 65), "more:" + strings.Repeat("۱", 40)} {
		if a, f, ok := Decode(data); ok {
			t.Errorf("Decode(%q) = %s %q, want a refusal", data, a, f)
		}
	}
}

func TestPlaceLabel(t *testing.T) {
	if got := PlaceLabel(peyvand.AllPlaces); got != "همهٔ مکان‌ها" {
		t.Errorf("PlaceLabel(all) = %q", got)
	}
	if got := PlaceLabel("تبریز"); got != "تبریز" {
		t.Errorf("PlaceLabel(تبریز) = %q", got)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []string{"fb:1:17", "unsub:اصفهان", "more:3:10", "ex:0", "src:4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, data string) {
		a, fields, ok := Decode(data)
		if !ok {
			return
		}
		again, ok := Encode(a, fields...)
		if !ok || again != data {
			t.Fatalf("Decode(%q) gave %s %q, which encodes to %q %v", data, a, fields, again, ok)
		}
	})
}

func TestShowMarkers(t *testing.T) {
	if got := ShowMarkers("مسقط (عمان): خواهرخواندگی [1]، مسکو [12]. [12345] نشانه نیست.", false); got != "مسقط (عمان): خواهرخواندگی [۱]، مسکو [۱۲]. [12345] نشانه نیست." {
		t.Errorf("Persian: %q", got)
	}
	if got := ShowMarkers("Muscat (Oman): sister city [1]", true); got != "Muscat (Oman): sister city [1]" {
		t.Errorf("English: %q", got)
	}
	if Number(11, false) != "۱۱" || Number(11, true) != "11" {
		t.Errorf("Number: %q %q", Number(11, false), Number(11, true))
	}
}
