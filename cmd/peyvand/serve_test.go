package main

import (
	"bytes"
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestServeConfigErrors: every bad setting is refused at start-up with a
// message that names it.
func TestServeConfigErrors(t *testing.T) {
	good := map[string]string{"PEYVAND_TELEGRAM_TOKEN": "123456:ABC-def"}
	for _, tc := range []struct {
		setting string
		env     map[string]string
		args    []string
		file    string // a config file's text, passed with --config
	}{
		{"PEYVAND_TELEGRAM_TOKEN", map[string]string{}, nil, ""},
		{"PEYVAND_TELEGRAM_TOKEN", map[string]string{"PEYVAND_TELEGRAM_TOKEN": "nocolon"}, nil, ""},
		{"PEYVAND_ADMINS", map[string]string{"PEYVAND_ADMINS": "12,abc"}, nil, ""},
		{"PEYVAND_RATE_PER_MINUTE", map[string]string{"PEYVAND_RATE_PER_MINUTE": "many"}, nil, ""},
		{"PEYVAND_WORKERS", map[string]string{"PEYVAND_WORKERS": "0"}, nil, ""},
		{"--http", nil, []string{"--http", "8080"}, ""},
		{"--listen", nil, []string{"--listen", "nowhere"}, ""},
		{"--webhook-url", nil, []string{"--webhook-url", "http://example.ir/hook"}, ""},
		{"PEYVAND_EMBED_DIM", map[string]string{"PEYVAND_EMBED_BASE_URL": "http://localhost:11434/v1", "PEYVAND_EMBED_DIM": "x"}, nil, ""},
		{"PEYVAND_ALERT_RATE", map[string]string{"PEYVAND_ALERT_RATE": "0"}, nil, ""},
		{"PEYVAND_ALERT_RATE", map[string]string{"PEYVAND_ALERT_RATE": "1000.5"}, nil, ""},
		{"PEYVAND_ALERT_RATE", map[string]string{"PEYVAND_ALERT_RATE": "NaN"}, nil, ""},
		{"PEYVAND_DIGEST_HOUR", map[string]string{"PEYVAND_DIGEST_HOUR": "24"}, nil, ""},
		{"PEYVAND_DIGEST_HOUR", map[string]string{"PEYVAND_DIGEST_HOUR": "8am"}, nil, ""},
		{"PEYVAND_WORKERS", nil, nil, "# from the file\nPEYVAND_WORKERS=0\n"},
		{"PEYVAND_DIGEST_HOUR", nil, nil, "PEYVAND_DIGEST_HOUR=-1\n"},
		{"PEYVAND_TELEGRAM_TOKEN", map[string]string{}, nil, "PEYVAND_TELEGRAM_TOKEN=nocolon\n"},
	} {
		env := map[string]string{}
		for k, v := range good {
			env[k] = v
		}
		for k, v := range tc.env {
			env[k] = v
		}
		if tc.env != nil && len(tc.env) == 0 {
			delete(env, "PEYVAND_TELEGRAM_TOKEN")
		}
		args := append([]string{"serve"}, tc.args...)
		if tc.file != "" {
			args = append(args, "--config", writeConfig(t, tc.file))
		}
		_, errOut, code := runEnv(t, t.TempDir(), env, args...)
		if code != 1 || !strings.Contains(errOut, tc.setting) || (tc.file != "" && !strings.Contains(errOut, "peyvand.env")) {
			t.Errorf("%s: exit %d, stderr %q; want 1 naming the setting", tc.setting, code, errOut)
		}
	}
}

// fakeBotAPI speaks enough of the Bot API for one conversation: one
// update, then empty long polls; it records what the bot sends.
type fakeBotAPI struct {
	mu     sync.Mutex
	served bool
	sent   []url.Values
	got    chan url.Values
}

func (f *fakeBotAPI) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	r.ParseMultipartForm(1 << 20)
	method := r.URL.Path[strings.LastIndex(r.URL.Path, "/")+1:]
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "getMe":
		io.WriteString(w, `{"ok":true,"result":{"id":99,"is_bot":true,"first_name":"پیوند","username":"peyvand_bot"}}`)
	case "getUpdates":
		f.mu.Lock()
		first := !f.served
		f.served = true
		f.mu.Unlock()
		if first {
			io.WriteString(w, `{"ok":true,"result":[{"update_id":500,"message":{"message_id":3,"date":1700000000,`+
				`"from":{"id":42,"is_bot":false,"first_name":"Ali","language_code":"fa"},`+
				`"chat":{"id":42,"type":"private"},"text":"/partners اصفهان","entities":[{"type":"bot_command","offset":0,"length":9}]}}]}`)
			return
		}
		select {
		case <-r.Context().Done():
		case <-time.After(200 * time.Millisecond):
		}
		io.WriteString(w, `{"ok":true,"result":[]}`)
	case "sendMessage":
		f.mu.Lock()
		f.sent = append(f.sent, r.Form)
		f.mu.Unlock()
		f.got <- r.Form
		io.WriteString(w, `{"ok":true,"result":{"message_id":77,"date":1700000001,"chat":{"id":42,"type":"private"},"text":"x"}}`)
	default:
		io.WriteString(w, `{"ok":true,"result":true}`)
	}
}

// TestServeAnswersTelegram runs `peyvand serve` against an httptest Bot
// API: the update is answered in HTML, with links and buttons, and the
// ops listener reports healthy.
func TestServeAnswersTelegram(t *testing.T) {
	api := &fakeBotAPI{got: make(chan url.Values, 4)}
	srv := httptest.NewServer(api)
	defer srv.Close()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	dir := t.TempDir()
	var stdout, stderr syncBuffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr, Getenv: func(k string) string {
		return map[string]string{"PEYVAND_DB": filepath.Join(dir, "peyvand.db"), "PEYVAND_TELEGRAM_TOKEN": "123:SECRET-token",
			"PEYVAND_TELEGRAM_API": srv.URL}[k]
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		err := m.ParseFlags(ctx, []string{"serve", "--http", addr})
		if err == nil {
			err = m.Run(ctx)
		}
		m.Close()
		done <- err
	}()
	var msg url.Values
	select {
	case msg = <-api.got:
	case err := <-done:
		t.Fatalf("serve stopped: %v\n%s", err, stderr.String())
	case <-time.After(20 * time.Second):
		t.Fatalf("no sendMessage; log:\n%s", stderr.String())
	}
	if msg.Get("chat_id") != "42" || msg.Get("parse_mode") != "HTML" || !strings.Contains(msg.Get("text"), "مسکو") ||
		!strings.Contains(msg.Get("reply_markup"), "fb:1:") {
		t.Errorf("sendMessage %v", msg)
	}
	var health string
	for i := 0; i < 50; i++ {
		resp, err := http.Get("http://" + addr + "/healthz")
		if err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			health = string(b)
			if resp.StatusCode == 200 {
				break
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(health, `"ok":true`) {
		t.Errorf("healthz: %s", health)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve: %v", err)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop on cancel")
	}
	if strings.Contains(stderr.String(), "SECRET-token") {
		t.Error("the token appears in the logs")
	}
	if strings.Contains(stderr.String(), "اصفهان") {
		t.Error("message text appears in the info logs")
	}
}

// syncBuffer is a bytes.Buffer safe for the server's goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}
func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// TestHealthErrors names the flag the operator wrote, and keeps Go's
// English error text out of the Persian line unless PEYVAND_DEBUG asks.
func TestHealthErrors(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := run(t, dir, "health", "--health-url", "http://[::1")
	if code != 1 || !strings.Contains(stderr, "--health-url") || strings.Contains(stderr, "missing ']'") {
		t.Errorf("bad URL: exit %d, stderr %q", code, stderr)
	}
	// A port nothing listens on: refused at once.
	_, stderr, code = run(t, dir, "health", "--health-url", "http://127.0.0.1:1/healthz")
	if code != 1 || !strings.Contains(stderr, "پاسخ نمی‌دهد") || strings.Contains(stderr, "connection refused") {
		t.Errorf("no listener: exit %d, stderr %q", code, stderr)
	}
	_, stderr, _ = runEnv(t, dir, map[string]string{"PEYVAND_DEBUG": "1"}, "health", "--health-url", "http://127.0.0.1:1/healthz")
	if !strings.Contains(stderr, "connection refused") {
		t.Errorf("PEYVAND_DEBUG=1 does not show the cause: %q", stderr)
	}
}
