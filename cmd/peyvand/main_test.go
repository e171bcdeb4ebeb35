package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
)

// run runs the real wiring of peyvand with args against a database in dir
// and returns its stdout, stderr and exit code.
func run(t *testing.T, dir string, args ...string) (string, string, int) {
	t.Helper()
	return runEnv(t, dir, nil, args...)
}

// runEnv is run with extra environment variables.
func runEnv(t *testing.T, dir string, env map[string]string, args ...string) (string, string, int) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	m := &Main{Stdin: strings.NewReader(""), Stdout: &stdout, Stderr: &stderr,
		Getenv: func(k string) string {
			if k == "PEYVAND_DB" {
				return filepath.Join(dir, "peyvand.db")
			}
			return env[k]
		}}
	err := m.ParseFlags(context.Background(), args)
	if err == nil {
		err = m.Run(context.Background())
	}
	if cerr := m.Close(); err == nil {
		err = cerr
	}
	code := exitCode(&stderr, err, m.Getenv("PEYVAND_DEBUG") != "")
	return stdout.String(), stderr.String(), code
}

func TestAskEmbeddedDefault(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := run(t, dir, "ask", "--json", "کدام شهرها با اصفهان همکاری دارند؟")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut, "نمونهٔ همراه") {
		t.Errorf("stderr %q does not say the sample corpus was used", errOut)
	}
	var got askJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output is not the JSON contract: %v\n%s", err, out)
	}
	if got.Abstained || (got.Mode != "extractive" && got.Mode != "graph") || len(got.Citations) == 0 {
		t.Fatalf("answer = %+v; want a cited extractive answer", got)
	}
	for _, c := range got.Citations {
		if !strings.Contains(got.Answer, "["+itoa(c.N)+"]") || c.Quote == "" || c.ArticleID == "" {
			t.Errorf("citation %+v is not used in the answer or lacks its quote", c)
		}
	}
	// The second run reuses the database and says nothing about creating it.
	_, errOut, code = run(t, dir, "ask", "اصفهان و مسقط")
	if code != 0 || strings.Contains(errOut, "نمونهٔ همراه") {
		t.Fatalf("second run: exit %d, stderr %q", code, errOut)
	}
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }

func TestAskAbstains(t *testing.T) {
	out, _, code := run(t, t.TempDir(), "ask", "--json", "نتیجه مسابقه فوتبال دیشب چه شد؟")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var got askJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if !got.Abstained || len(got.Citations) != 0 || !strings.Contains(got.Answer, "نیافتم") {
		t.Fatalf("answer = %+v; want a Persian abstention without citations", got)
	}
}

func TestAskBadInput(t *testing.T) {
	dir := t.TempDir()
	for _, q := range []string{"   ", "؟؟؟", strings.Repeat("همکاری ", 2000)} {
		_, errOut, code := run(t, dir, "ask", q)
		if code != 1 || !strings.Contains(errOut, "پرسش") {
			t.Errorf("ask %.20q: exit %d, stderr %q; want 1 and a Persian message", q, code, errOut)
		}
	}
	if _, _, code := run(t, dir, "frobnicate", "x"); code != 2 {
		t.Errorf("unknown command: exit %d; want 2", code)
	}
}

func TestIngestJSONL(t *testing.T) {
	dir := t.TempDir()
	in := filepath.Join(dir, "items.jsonl")
	lines := []string{
		`{"id":"n1","url":"https://example.ir/1","title":"امضای تفاهم‌نامه همکاری تبریز و باکو","date":"۹ مهر ۱۴۰۳","source":"example.ir","text":"استاندار آذربایجان شرقی از امضای تفاهم‌نامه همکاری تجاری میان تبریز و باکو خبر داد. این تفاهم‌نامه برای گسترش صادرات است.","extra":1}`,
		`{"id":"n2", "text": `,
		`{"id":"n3","title":"نمایشگاه","date":"not a date","text":"  "}`,
		``,
	}
	if err := os.WriteFile(in, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
	// Two lines fail: the summary names them, what could be read is
	// stored, and the exit status says so, unless --keep-going.
	out, errOut, code := run(t, dir, "ingest", "--json", in)
	if code != 1 || !strings.Contains(errOut, "۲ ورودی خوانده نشد") || !strings.Contains(errOut, "--keep-going") {
		t.Fatalf("exit %d, stderr %q; want 1 naming the two failures", code, errOut)
	}
	var got ingestJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Added != 1 || len(got.Failed) != 2 || got.Failed[0].Line != 2 || got.Failed[1].Line != 3 {
		t.Fatalf("summary = %+v; want 1 added and lines 2 and 3 failed", got)
	}
	out, _, code = run(t, dir, "ingest", "--json", "--keep-going", in)
	if err := json.Unmarshal([]byte(out), &got); err != nil || got.Unchanged != 1 || got.Added != 0 || code != 0 {
		t.Fatalf("re-ingest with --keep-going = %+v, %v, exit %d; want 1 unchanged, exit 0", got, err, code)
	}
	out, _, code = run(t, dir, "ingest", in)
	if code != 1 || !strings.Contains(out, "items.jsonl:2: ") || !strings.Contains(out, "items.jsonl:3: ") {
		t.Errorf("text summary (exit %d):\n%s\nwant the failed lines by number", code, out)
	}
	out, _, code = run(t, dir, "search", "--json", "-k", "1", "تفاهمنامه تبريز و باكو")
	var s searchJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil || code != 0 {
		t.Fatal(err, code)
	}
	if len(s.Results) != 1 || s.Results[0].ArticleID != "n1" || s.Results[0].PassageID != "n1#0" || s.Results[0].Rank != 1 {
		t.Fatalf("search = %+v; want n1 first", s)
	}
	out, _, _ = run(t, dir, "ask", "--json", "تفاهم‌نامه تبریز و باکو کی امضا شد؟")
	var a askJSON
	if err := json.Unmarshal([]byte(out), &a); err != nil {
		t.Fatal(err)
	}
	if a.Abstained || len(a.Citations) == 0 || a.Citations[0].Date != "2024-09-30" || a.Citations[0].URL != "https://example.ir/1" {
		t.Fatalf("ask = %+v; want a cited answer dated 2024-09-30 (۹ مهر ۱۴۰۳)", a)
	}
}

func TestAnalyze(t *testing.T) {
	out, _, code := run(t, t.TempDir(), "analyze", "--json", "همكاريهاي اصفهان با مسکو. ۱۴۰۳")
	if code != 0 {
		t.Fatal(code)
	}
	var got analyzeJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Tokens) == 0 || len(got.Sentences) != 2 || strings.ContainsAny(got.Normalized, "كي۱") {
		t.Fatalf("analyze = %+v", got)
	}
}

// TestAskLLM runs ask against an OpenAI-compatible chat server: a verified
// answer is reported as mode llm; a failing server falls back to the
// extractive answer with the reason.
func TestAskLLM(t *testing.T) {
	var status atomic.Int32
	status.Store(200)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/chat/completions" {
			http.NotFound(w, r)
			return
		}
		if s := int(status.Load()); s != 200 {
			w.WriteHeader(s)
			fmt.Fprint(w, "<html>down</html>")
			return
		}
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"id":"c1","object":"chat.completion","created":1,"model":"m","choices":[{"index":0,"message":{"role":"assistant","content":"شهرداری گرگان اتاق گوانگژو را راه اندازی می کند. [1]"},"finish_reason":"stop"}]}`)
	}))
	defer srv.Close()
	env := map[string]string{"PEYVAND_LLM_BASE_URL": srv.URL + "/v1", "PEYVAND_LLM_MODEL": "m",
		"PEYVAND_LLM_API_KEY": "sk-secret", "PEYVAND_LLM_MAX_RETRIES": "0"}
	dir := t.TempDir()
	out, errOut, code := runEnv(t, dir, env, "ask", "--json", "اتاق گوانگژو در شهرداری گرگان")
	var got askJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil || code != 0 {
		t.Fatalf("exit %d, %v: %s %s", code, err, out, errOut)
	}
	if got.Mode != "llm" || len(got.Citations) != 1 || !strings.Contains(got.Citations[0].ArticleID, "003") {
		t.Fatalf("answer = %+v; want a verified llm answer citing the Gorgan article", got)
	}
	status.Store(503)
	out, _, _ = runEnv(t, dir, env, "ask", "--json", "اتاق گوانگژو در شهرداری گرگان")
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if got.Mode != "extractive" || got.FallbackReason == "" || len(got.Citations) == 0 || strings.Contains(out, "sk-secret") {
		t.Fatalf("answer = %+v; want an extractive fallback with its reason", got)
	}
}

// TestAskReadsTheQuestion: `ask --json` says how the question was read
// (added fields), answers English in English over the embedded sample,
// and greets without citations.
func TestAskReadsTheQuestion(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		q, intent, want string
		english         bool
	}{
		{"Which cities are twinned with Isfahan?", "partners", "sister city", true},
		{"کدوم شهرا با اصفهان خواهرخونده‌ان؟", "partners", "خواهرخواندگی", false},
		{"سلام", "smalltalk", "برای نمونه بپرسید", false},
	} {
		out, errOut, code := run(t, dir, "ask", "--json", tc.q)
		var a askJSON
		if err := json.Unmarshal([]byte(out), &a); err != nil || code != 0 {
			t.Fatalf("ask %q: exit %d, %v: %s", tc.q, code, err, errOut)
		}
		if a.Intent != tc.intent || a.English != tc.english || !strings.Contains(a.Answer, tc.want) {
			t.Errorf("ask %q = intent %q, English %v, %q; want %s, %v, %q in it", tc.q, a.Intent, a.English, a.Answer, tc.intent, tc.english, tc.want)
		}
		if tc.intent == "smalltalk" && (len(a.Citations) > 0 || a.Mode != "chat") {
			t.Errorf("ask %q: mode %s with %d citations; want chat, none", tc.q, a.Mode, len(a.Citations))
		}
	}
}

func TestVersionAndCommandHelp(t *testing.T) {
	dir := t.TempDir()
	out, _, code := run(t, dir, "--version")
	if code != 0 || !strings.HasPrefix(out, "peyvand ") || !strings.Contains(out, "go1.") {
		t.Errorf("--version: exit %d, %q", code, out)
	}
	out, _, code = run(t, dir, "ingest", "--help")
	if code != 0 || !strings.Contains(out, "--keep-going") || !strings.Contains(out, "--feed URL") || strings.Contains(out, "partners") {
		t.Errorf("ingest --help: exit %d:\n%s\nwant ingest's two forms and nothing of other commands", code, out)
	}
	out, _, code = run(t, dir, "brief", "-h")
	if code != 0 || !strings.Contains(out, "--since D") || strings.Contains(out, "reindex") {
		t.Errorf("brief -h: exit %d:\n%s", code, out)
	}
}
