package redact

import (
	"strings"
	"testing"
)

func TestURL(t *testing.T) {
	for _, tc := range []struct{ in, want, secret string }{
		{"http://peyvand:sk-inline-0123456789abcdef@llm.internal:8080/v1", "http://***@llm.internal:8080/v1", "sk-inline"},
		{"https://embed.example/v1?api_key=ek-0123456789abcdef0123", "https://embed.example/v1?api_key=***", "ek-0123"},
		{"https://tg.example/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/%s", "https://tg.example/***/%s", "AAHdq"},
		{"https://api.telegram.org", "https://api.telegram.org", ""},
		{"http://localhost:11434/v1", "http://localhost:11434/v1", ""},
		{"not a url with sk-0123456789", "***", "sk-"},
	} {
		got := URL(tc.in)
		if got != tc.want || tc.secret != "" && strings.Contains(got, tc.secret) {
			t.Errorf("URL(%q) = %q; want %q", tc.in, got, tc.want)
		}
	}
}
