package tgtest

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestParseHTML(t *testing.T) {
	good := map[string]string{
		`اصفهان و <b>کازان</b> [<a href="https://irna.ir/1?a=1&amp;b=2">۱</a>]`: "اصفهان و کازان [۱]",
		"&lt;تگ&gt; &#1589; &#x635;": "<تگ> ص ص",
	}
	for in, want := range good {
		if got, err := ParseHTML(in); err != nil || got != want {
			t.Errorf("ParseHTML(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"<b>تبریز", "<div>باکو</div>", "<b><i>x</b></i>", "a & b", `<a href=x>y</a>`, "\xff"} {
		if _, err := ParseHTML(in); err == nil {
			t.Errorf("ParseHTML(%q) accepted what Telegram refuses", in)
		}
	}
}

func TestCheckCitations(t *testing.T) {
	for in, ok := range map[string]bool{
		"الف [۱] ب [۲][۱] ج [3]": true,
		"بدون منبع":              true,
		"الف [۲] ب [۱]":          false,
		"الف [۱] ب [۳]":          false,
	} {
		if _, err := CheckCitations(in); (err == nil) != ok {
			t.Errorf("CheckCitations(%q) = %v", in, err)
		}
	}
}

func TestEdits(t *testing.T) {
	s := New(t)
	post := func(method string, p url.Values) int {
		res, err := http.PostForm(s.URL()+"/bot"+Token+"/"+method, p)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res.StatusCode
	}
	s.Seed(7, 55, "فهرست شریکان اصفهان")
	edit := url.Values{"chat_id": {"7"}, "message_id": {"55"}, "text": {"صفحهٔ ۲"}}
	if code := post("editMessageText", edit); code != 200 {
		t.Fatalf("edit of a seeded message = %d", code)
	}
	if code := post("editMessageText", edit); code != 400 {
		t.Errorf("an edit changing nothing = %d, want 400 not modified", code)
	}
	if text, _, _ := s.Message(7, 55); text != "صفحهٔ ۲" {
		t.Errorf("message now %q", text)
	}
	kb := url.Values{"chat_id": {"7"}, "message_id": {"55"}, "reply_markup": {`{"inline_keyboard":[[{"text":"👍 ✓","callback_data":"fb:1:3"}]]}`}}
	if code := post("editMessageReplyMarkup", kb); code != 200 {
		t.Errorf("markup edit = %d", code)
	}
	if _, markup, _ := s.Message(7, 55); !strings.Contains(markup, "👍 ✓") {
		t.Errorf("markup now %q", markup)
	}
	if code := post("editMessageText", url.Values{"chat_id": {"7"}, "message_id": {"99"}, "text": {"x"}}); code != 400 {
		t.Errorf("edit of an unknown message = %d", code)
	}
	if n := s.Answered("editMessageText"); n != 3 {
		t.Errorf("Answered(editMessageText) = %d, want 3 (refused ones too)", n)
	}
	long := `{"inline_keyboard":[[{"text":"x","callback_data":"` + strings.Repeat("a", 65) + `"}]]}`
	if code := post("sendMessage", url.Values{"chat_id": {"7"}, "text": {"x"}, "reply_markup": {long}}); code != 400 {
		t.Errorf("callback data over 64 bytes = %d", code)
	}
	inline := url.Values{"inline_query_id": {"q1"}, "results": {`[{"type":"article","id":"a","title":"اصفهان","input_message_content":{"message_text":"<b>x","parse_mode":"HTML"}}]`}}
	if code := post("answerInlineQuery", inline); code != 400 {
		t.Errorf("inline result with broken HTML = %d", code)
	}
}
