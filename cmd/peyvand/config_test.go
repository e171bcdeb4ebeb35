package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/answer"
)

// writeConfig writes a config file readable by its owner only and returns
// its path.
func writeConfig(t *testing.T, text string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "peyvand.env")
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// configRows runs `peyvand config --json` and returns its rows by name.
func configRows(t *testing.T, env map[string]string, args ...string) map[string]configJSON {
	t.Helper()
	out, errOut, code := runEnv(t, t.TempDir(), env, append(args, "config", "--json")...)
	if code != 0 {
		t.Fatalf("config: exit %d: %s", code, errOut)
	}
	var rows []configJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("config --json: %v\n%s", err, out)
	}
	byName := map[string]configJSON{}
	for _, r := range rows {
		byName[r.Name] = r
	}
	return byName
}

// TestConfigPrecedence: a flag over the environment over the file over
// the default.
func TestConfigPrecedence(t *testing.T) {
	path := writeConfig(t, "PEYVAND_FEEDS=/etc/peyvand/file-feeds.txt\nPEYVAND_DB=/var/lib/peyvand/file.db\n"+
		"PEYVAND_WORKERS=3\nPEYVAND_DIGEST_HOUR=6\n")
	env := map[string]string{"PEYVAND_FEEDS": "/etc/peyvand/env-feeds.txt", "PEYVAND_WORKERS": "5"}
	rows := configRows(t, env, "--config", path, "--feeds", "/etc/peyvand/flag-feeds.txt")
	for _, tc := range []struct {
		name   string // the setting
		value  string // its effective value
		source string // where that came from
	}{
		{"PEYVAND_FEEDS", "/etc/peyvand/flag-feeds.txt", fromFlag}, // flag, environment and file
		{"PEYVAND_DB", "", fromEnv},                                // environment (runEnv's) and file
		{"PEYVAND_WORKERS", "5", fromEnv},                          // environment and file
		{"PEYVAND_DIGEST_HOUR", "6", fromFile},                     // file only
		{"PEYVAND_ALERT_RATE", "30", fromDefault},                  // nobody
		{"PEYVAND_CONFIG", path, fromFlag},
	} {
		got := rows[tc.name]
		if got.Source != tc.source || (tc.value != "" && got.Value != tc.value) {
			t.Errorf("%s = %q from %s; want %q from %s", tc.name, got.Value, got.Source, tc.value, tc.source)
		}
	}
	if rows["PEYVAND_DB"].Value == "/var/lib/peyvand/file.db" {
		t.Error("the file's PEYVAND_DB won over the environment's")
	}
}

// TestConfigReachesReaders: what the file sets is what serve and the
// answer package read, through Main.Getenv.
func TestConfigReachesReaders(t *testing.T) {
	path := writeConfig(t, `# peyvand on the staging host
export PEYVAND_TELEGRAM_TOKEN='123456:ABC-file'
PEYVAND_ALERT_RATE = 12.5
PEYVAND_DIGEST_HOUR=21
PEYVAND_ADMINS="11111111, 22222222"
PEYVAND_LLM_BASE_URL=http://localhost:11434/v1
PEYVAND_LLM_MODEL=qwen2.5:7b
`)
	m := &Main{Stdin: strings.NewReader(""), Stdout: &bytes.Buffer{}, Stderr: &bytes.Buffer{},
		Getenv: func(k string) string { return map[string]string{"PEYVAND_DIGEST_HOUR": "7"}[k] }}
	if err := m.ParseFlags(context.Background(), []string{"--config", path, "serve"}); err != nil {
		t.Fatal(err)
	}
	c, err := m.readServeConfig()
	if err != nil {
		t.Fatal(err)
	}
	if c.token != "123456:ABC-file" || c.alertRate != 12.5 || c.digestHour != 7 || c.workers != 8 ||
		len(c.admins) != 2 || c.admins[1] != 22222222 {
		t.Errorf("serve config = token %q, alertRate %v, digestHour %d, workers %d, admins %v; "+
			"want the file's token, rate and admins, the environment's hour and the default workers",
			c.token, c.alertRate, c.digestHour, c.workers, c.admins)
	}
	llm, ok, err := m.llmConfig()
	if err != nil || !ok || llm.Model != "qwen2.5:7b" {
		t.Errorf("llmConfig = %v, %v, %v; want the file's model", llm, ok, err)
	}
}

func TestParseConfig(t *testing.T) {
	for _, tc := range []struct {
		name string
		text string            // the file
		want map[string]string // its settings
	}{
		{"comments and blanks", "# پیکربندی پیوند\n\n  # indented comment\nPEYVAND_WORKERS=4\n", map[string]string{"PEYVAND_WORKERS": "4"}},
		{"quotes", "PEYVAND_ADMINS=\"1, 2\"\nPEYVAND_FEEDS='/srv/خبرها.txt'\n",
			map[string]string{"PEYVAND_ADMINS": "1, 2", "PEYVAND_FEEDS": "/srv/خبرها.txt"}},
		{"export", "export PEYVAND_LOG_LEVEL=debug\n", map[string]string{"PEYVAND_LOG_LEVEL": "debug"}},
		{"spaces and CRLF", "PEYVAND_DB = /data/peyvand.db \r\nPEYVAND_DIGEST_HOUR=9\r\n",
			map[string]string{"PEYVAND_DB": "/data/peyvand.db", "PEYVAND_DIGEST_HOUR": "9"}},
		{"a # inside a value is kept", "PEYVAND_BACKUP_TOKEN=abc#def\n", map[string]string{"PEYVAND_BACKUP_TOKEN": "abc#def"}},
		{"empty value", "PEYVAND_ADMINS=\n", map[string]string{"PEYVAND_ADMINS": ""}},
		{"later wins", "PEYVAND_WORKERS=2\nPEYVAND_WORKERS=6\n", map[string]string{"PEYVAND_WORKERS": "6"}},
		{"byte order mark", "\uFEFFPEYVAND_WORKERS=2", map[string]string{"PEYVAND_WORKERS": "2"}},
	} {
		got, err := parseConfig("peyvand.env", []byte(tc.text))
		if err != nil {
			t.Errorf("%s: parseConfig(%q): %v", tc.name, tc.text, err)
			continue
		}
		if len(got) != len(tc.want) {
			t.Errorf("%s: parseConfig(%q) = %v; want %v", tc.name, tc.text, got, tc.want)
		}
		for k, v := range tc.want {
			if got[k].value != v {
				t.Errorf("%s: parseConfig(%q)[%s] = %q; want %q", tc.name, tc.text, k, got[k].value, v)
			}
		}
	}
}

// TestParseConfigErrors: a bad line is named by file and number, an
// unknown key by name, and no value is ever quoted back.
func TestParseConfigErrors(t *testing.T) {
	for _, tc := range []struct {
		text string // the file
		line int    // the line the error names
		key  string // the key it names too, if any
	}{
		{"PEYVAND_WORKERS=2\n# ok\nPEYVAND_TELEGRAM_TOKEN 123:SECRET\n", 3, ""},
		{"=SECRET\n", 1, ""},
		{"PEYVAND WORKERS=SECRET\n", 1, ""},
		{"\n\nPEYVAND_WORKER=SECRET\n", 3, "PEYVAND_WORKER"},
		{"HOME=/root/SECRET\n", 1, "HOME"},
		{"PEYVAND_CONFIG=/etc/other-SECRET.env\n", 1, "PEYVAND_CONFIG"},
		{"PEYVAND_TELEGRAM_TOKEN=\"123:SECRET\n", 1, "PEYVAND_TELEGRAM_TOKEN"},
		{"PEYVAND_TELEGRAM_TOKEN='\n", 1, "PEYVAND_TELEGRAM_TOKEN"},
	} {
		_, err := parseConfig("/etc/peyvand.env", []byte(tc.text))
		msg := peyvand.ErrorMessage(err)
		if peyvand.ErrorCode(err) != peyvand.EInvalid || !strings.Contains(msg, "/etc/peyvand.env") ||
			!strings.Contains(msg, "سطر "+strconv.Itoa(tc.line)+":") || !strings.Contains(msg, tc.key) {
			t.Errorf("parseConfig(%q) = %v; want EInvalid naming the file, line %d and %q", tc.text, err, tc.line, tc.key)
		}
		if strings.Contains(msg, "SECRET") {
			t.Errorf("parseConfig(%q): the message quotes a value: %s", tc.text, msg)
		}
	}
}

func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{"PEYVAND_WORKERS=4\n", "# x\nexport PEYVAND_ADMINS='1,2'\n", "PEYVAND_DB=\"a\"b\"\n",
		"PEYVAND_FEEDS='", "export =\n", "\uFEFF\r\n\xff=1"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		got, err := parseConfig("f.env", data)
		if err != nil {
			if peyvand.ErrorCode(err) != peyvand.EInvalid {
				t.Fatalf("error %v is not EInvalid", err)
			}
			return
		}
		for k, v := range got {
			if _, ok := lookupSetting(k); !ok || k == "PEYVAND_CONFIG" || strings.ContainsAny(v.value, "\n") || v.line < 1 {
				t.Fatalf("parseConfig(%q) gave %s=%q at line %d", data, k, v.value, v.line)
			}
		}
	})
}

// TestConfigFileErrors: a config file named but missing, or bad, stops
// every command with a message naming it.
func TestConfigFileErrors(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "nowhere.env")
	bad := writeConfig(t, "PEYVAND_WORKERS=2\nPEYVAND_TELEGRAM_TOKN=123:abc\n")
	for _, tc := range []struct {
		env  map[string]string
		args []string
		want []string // what the message names
	}{
		{nil, []string{"--config", missing}, []string{"--config", missing}},
		{map[string]string{"PEYVAND_CONFIG": missing}, nil, []string{"PEYVAND_CONFIG", missing}},
		{nil, []string{"--config", bad}, []string{bad, "سطر 2", "PEYVAND_TELEGRAM_TOKN"}},
	} {
		for _, cmd := range [][]string{{"analyze", "همکاری"}, {"config"}} {
			_, errOut, code := runEnv(t, t.TempDir(), tc.env, append(tc.args, cmd...)...)
			if code != 1 {
				t.Errorf("%v %v: exit %d; want 1", tc.args, cmd, code)
			}
			for _, w := range tc.want {
				if !strings.Contains(errOut, w) {
					t.Errorf("%v %v: stderr %q does not name %q", tc.args, cmd, errOut, w)
				}
			}
		}
	}
}

// TestEverySettingNamesItself: a bad value of any setting stops any
// command at start-up, naming the setting; `config` prints the table
// first.
func TestEverySettingNamesItself(t *testing.T) {
	bad := map[string]map[string]string{
		"PEYVAND_EMBED_BASE_URL":      {"PEYVAND_EMBED_BASE_URL": "localhost:11434", "PEYVAND_EMBED_DIM": "768"},
		"PEYVAND_EMBED_DIM":           {"PEYVAND_EMBED_BASE_URL": "http://localhost:11434/v1", "PEYVAND_EMBED_DIM": "-3"},
		"PEYVAND_EMBED_DENSE_WEIGHT":  {"PEYVAND_EMBED_DENSE_WEIGHT": "زیاد"},
		"PEYVAND_LLM_BASE_URL":        {"PEYVAND_LLM_BASE_URL": "ftp://llm.example.ir", "PEYVAND_LLM_MODEL": "m"},
		"PEYVAND_LLM_TIMEOUT":         {"PEYVAND_LLM_TIMEOUT": "سی ثانیه"},
		"PEYVAND_LLM_MAX_RETRIES":     {"PEYVAND_LLM_MAX_RETRIES": "some"},
		"PEYVAND_LLM_TEMPERATURE":     {"PEYVAND_LLM_TEMPERATURE": "3"},
		"PEYVAND_LLM_EXTRACT":         {"PEYVAND_LLM_EXTRACT": "yes"},
		"PEYVAND_ALLOW_PRIVATE_FETCH": {"PEYVAND_ALLOW_PRIVATE_FETCH": "true"},
		"PEYVAND_TELEGRAM_TOKEN":      {"PEYVAND_TELEGRAM_TOKEN": "nocolon"},
		"PEYVAND_TELEGRAM_API":        {"PEYVAND_TELEGRAM_API": "api.telegram.org"},
		"PEYVAND_WEBHOOK_SECRET":      {"PEYVAND_WEBHOOK_SECRET": "has spaces"},
		"PEYVAND_ADMINS":              {"PEYVAND_ADMINS": "12,علی"},
		"PEYVAND_RATE_PER_MINUTE":     {"PEYVAND_RATE_PER_MINUTE": "۶"},
		"PEYVAND_COMMANDS_PER_MINUTE": {"PEYVAND_COMMANDS_PER_MINUTE": "many"},
		"PEYVAND_WORKERS":             {"PEYVAND_WORKERS": "0"},
		"PEYVAND_ALERT_RATE":          {"PEYVAND_ALERT_RATE": "1001"},
		"PEYVAND_DIGEST_HOUR":         {"PEYVAND_DIGEST_HOUR": "24"},
		"PEYVAND_LOG_LEVEL":           {"PEYVAND_LOG_LEVEL": "loud"},
	}
	// Rules between settings.
	between := map[string]map[string]string{
		"PEYVAND_EMBED_DIM":    {"PEYVAND_EMBED_BASE_URL": "http://localhost:11434/v1"},
		"PEYVAND_LLM_BASE_URL": {"PEYVAND_LLM_TIMEOUT": "60s"},
		"PEYVAND_LLM_MODEL":    {"PEYVAND_LLM_BASE_URL": "http://localhost:11434/v1"},
	}
	for _, s := range settings {
		if _, ok := bad[s.name]; s.check != nil && !ok {
			t.Errorf("%s has a check but no bad value in this test", s.name)
		}
	}
	for _, cases := range []map[string]map[string]string{bad, between} {
		for name, env := range cases {
			_, errOut, code := runEnv(t, t.TempDir(), env, "analyze", "همکاری")
			if code != 1 || !strings.Contains(errOut, "تنظیم "+name+" نادرست است") {
				t.Errorf("analyze with %v: exit %d, stderr %q; want 1 naming %s", env, code, errOut, name)
			}
			out, errOut, code := runEnv(t, t.TempDir(), env, "config")
			if code != 1 || !strings.Contains(errOut, name) || !strings.Contains(out, "PEYVAND_DIGEST_HOUR") {
				t.Errorf("config with %v: exit %d, stdout %q, stderr %q; want the table, then 1 naming %s", env, code, out, errOut, name)
			}
		}
	}
}

// TestConfigHidesSecrets: no secret reaches the output of `config`, in
// text or JSON, from the environment or the file.
func TestConfigHidesSecrets(t *testing.T) {
	secrets := map[string]string{
		"PEYVAND_TELEGRAM_TOKEN": "123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw",
		"PEYVAND_WEBHOOK_SECRET": "hook_s3cret",
		"PEYVAND_EMBED_API_KEY":  "sk-embed-0123456789abcdef",
	}
	path := writeConfig(t, "PEYVAND_LLM_API_KEY=sk-file-llm-key-9876543210\nPEYVAND_BACKUP_TOKEN=bk-2b7e151628aed2a6abf71588\n"+
		"PEYVAND_LLM_BASE_URL=http://localhost:11434/v1\nPEYVAND_LLM_MODEL=qwen2.5:7b\n")
	all := []string{"sk-file-llm-key-9876543210", "bk-2b7e151628aed2a6abf71588"}
	for _, v := range secrets {
		all = append(all, v)
	}
	for _, args := range [][]string{{"--config", path, "config"}, {"--config", path, "config", "--json"}} {
		out, errOut, code := runEnv(t, t.TempDir(), secrets, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errOut)
		}
		for _, s := range all {
			if strings.Contains(out+errOut, s) {
				t.Errorf("%v prints the secret %q:\n%s", args, s, out)
			}
		}
		if !strings.Contains(out, "***") {
			t.Errorf("%v: no masked secret in\n%s", args, out)
		}
	}
	rows := configRows(t, secrets, "--config", path)
	for _, s := range settings {
		r := rows[s.name]
		if r.Secret != s.secret || (s.secret && !strings.HasPrefix(r.Value, "***")) {
			t.Errorf("%s: %+v; want secret %v and a masked value", s.name, r, s.secret)
		}
	}
}

// TestConfigJSONShape pins the contract of `peyvand config --json`: one
// line, an array of {name, value, source, secret} in the table's order.
func TestConfigJSONShape(t *testing.T) {
	out, errOut, code := runEnv(t, t.TempDir(), map[string]string{"PEYVAND_WORKERS": "4"}, "config", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if strings.Count(out, "\n") != 1 || !strings.HasPrefix(out, "[{") {
		t.Errorf("output is not one line of a JSON array: %q", out)
	}
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	var rows []configJSON
	if err := dec.Decode(&rows); err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(settings) {
		t.Fatalf("%d rows; want %d", len(rows), len(settings))
	}
	for i, r := range rows {
		ok := map[string]bool{fromFlag: true, fromEnv: true, fromFile: true, fromDefault: true}[r.Source]
		if r.Name != settings[i].name || !ok {
			t.Errorf("row %d = %+v; want %s with a known source", i, r, settings[i].name)
		}
	}
	var raw []map[string]any
	json.Unmarshal([]byte(out), &raw)
	for _, key := range []string{"name", "value", "source", "secret"} {
		if _, ok := raw[0][key]; !ok || len(raw[0]) != 4 {
			t.Errorf("row %v lacks %q or has other keys", raw[0], key)
		}
	}
}

// TestConfigText: one aligned row a setting under an English header.
func TestConfigText(t *testing.T) {
	out, _, code := runEnv(t, t.TempDir(), map[string]string{"PEYVAND_WORKERS": "4"}, "config")
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if code != 0 || len(lines) != len(settings)+1 || !strings.HasPrefix(lines[0], "SETTING") {
		t.Fatalf("exit %d, output\n%s", code, out)
	}
	col := strings.Index(lines[0], "SOURCE")
	for i, l := range lines[1:] {
		want := fromDefault
		if name := settings[i].name; name == "PEYVAND_WORKERS" || name == "PEYVAND_DB" { // runEnv sets PEYVAND_DB
			want = fromEnv
		}
		if !strings.HasPrefix(l, settings[i].name+" ") || len(l) < col || !strings.HasPrefix(l[col:], want+" ") {
			t.Errorf("line %q: want %s with %q under SOURCE", l, settings[i].name, want)
		}
	}
}

// TestConfigWarnsReadableSecret: a config file with a secret that others
// may read is used, with a warning.
func TestConfigWarnsReadableSecret(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix permissions")
	}
	for _, tc := range []struct {
		text string      // the file
		perm os.FileMode // its permissions
		warn bool        // whether peyvand warns
	}{
		{"PEYVAND_TELEGRAM_TOKEN=123:abc\n", 0o644, true},
		{"PEYVAND_TELEGRAM_TOKEN=123:abc\n", 0o640, true},
		{"PEYVAND_TELEGRAM_TOKEN=123:abc\n", 0o600, false},
		{"PEYVAND_WORKERS=4\n", 0o644, false},
	} {
		path := writeConfig(t, tc.text)
		if err := os.Chmod(path, tc.perm); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := runEnv(t, t.TempDir(), nil, "--config", path, "config")
		if code != 0 || strings.Contains(errOut, "chmod 600") != tc.warn {
			t.Errorf("%q mode %o: exit %d, stderr %q; want 0 and a warning %v", tc.text, tc.perm, code, errOut, tc.warn)
		}
	}
}

// TestSettingsTable: the table is consistent with itself, the flags and
// the README.
func TestSettingsTable(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, s := range settings {
		if !strings.HasPrefix(s.name, "PEYVAND_") || seen[s.name] || s.usage == "" {
			t.Errorf("%s: a duplicate, or not PEYVAND_*, or undescribed", s.name)
		}
		seen[s.name] = true
		if s.def != "" && s.check != nil && s.check(s.def) != nil {
			t.Errorf("%s: the default %q fails its own check", s.name, s.def)
		}
		if !bytes.Contains(readme, []byte(s.name)) {
			t.Errorf("the README does not mention %s", s.name)
		}
		if s.flag == "" {
			continue
		}
		val := writeConfig(t, "")
		rows := configRows(t, nil, s.flag, val)
		if r := rows[s.name]; r.Value != val || r.Source != fromFlag {
			t.Errorf("%s %s: %+v; want the flag's value", s.flag, val, r)
		}
	}
}

// TestConfigHidesSecretsInURLs: a key in a URL's userinfo, or a token in
// its path (a self-hosted Bot API's format), is masked like any secret.
func TestConfigHidesSecretsInURLs(t *testing.T) {
	env := map[string]string{
		"PEYVAND_LLM_BASE_URL":   "http://peyvand:sk-inline-0123456789abcdef@llm.internal:8080/v1",
		"PEYVAND_LLM_MODEL":      "qwen2.5:7b",
		"PEYVAND_EMBED_BASE_URL": "https://embed.example/v1?api_key=ek-0123456789abcdef0123",
		"PEYVAND_EMBED_DIM":      "256",
		"PEYVAND_TELEGRAM_API":   "https://tg.example/bot123456:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw/%s",
	}
	for _, args := range [][]string{{"config"}, {"config", "--json"}} {
		out, errOut, _ := runEnv(t, t.TempDir(), env, args...)
		for _, s := range []string{"sk-inline-0123456789abcdef", "ek-0123456789abcdef0123", "AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw"} {
			if strings.Contains(out+errOut, s) {
				t.Errorf("%v prints the secret %q:\n%s", args, s, out)
			}
		}
		if !strings.Contains(out, "llm.internal:8080") || !strings.Contains(out, "tg.example") {
			t.Errorf("%v: the hosts should still show:\n%s", args, out)
		}
	}
}

// TestLLMSettings reads the chat model's settings as the program does: from
// the one settings table, checked, with the key never in an error.
func TestLLMSettings(t *testing.T) {
	const key = "sk-test-0123456789abcdef"
	for _, tt := range []struct {
		name string
		env  map[string]string
		ok   bool
		code string // peyvand error code, "" for none
		want answer.LLMConfig
	}{
		{name: "not configured", env: map[string]string{}},
		{name: "Ollama", env: map[string]string{envLLMBaseURL: "http://localhost:11434/v1", envLLMModel: "qwen2.5:7b"},
			ok: true, want: answer.LLMConfig{BaseURL: "http://localhost:11434/v1", Model: "qwen2.5:7b", Timeout: 30 * time.Second, MaxRetries: 2}},
		{name: "OpenAI", env: map[string]string{envLLMBaseURL: "https://api.openai.com/v1", envLLMAPIKey: key, envLLMModel: "gpt-4o-mini",
			envLLMTimeout: "45s", envLLMMaxRetries: "3", envLLMTemperature: "0.2"},
			ok: true, want: answer.LLMConfig{BaseURL: "https://api.openai.com/v1", APIKey: key, Model: "gpt-4o-mini", Timeout: 45 * time.Second, MaxRetries: 3, Temperature: 0.2}},
		{name: "timeout in seconds", env: map[string]string{envLLMBaseURL: "http://vllm:8000/v1", envLLMModel: "m", envLLMTimeout: "20"},
			ok: true, want: answer.LLMConfig{BaseURL: "http://vllm:8000/v1", Model: "m", Timeout: 20 * time.Second, MaxRetries: 2}},
		{name: "key only", env: map[string]string{envLLMAPIKey: key}, code: peyvand.EInvalid},
		{name: "no scheme", env: map[string]string{envLLMBaseURL: "localhost:11434", envLLMModel: "m", envLLMAPIKey: key}, code: peyvand.EInvalid},
		{name: "bad timeout", env: map[string]string{envLLMBaseURL: "http://x/v1", envLLMModel: "m", envLLMAPIKey: key, envLLMTimeout: "soon"}, code: peyvand.EInvalid},
		{name: "bad temperature", env: map[string]string{envLLMBaseURL: "http://x/v1", envLLMModel: "m", envLLMTemperature: "9"}, code: peyvand.EInvalid},
	} {
		t.Run(tt.name, func(t *testing.T) {
			m := &Main{Getenv: func(k string) string { return tt.env[k] }}
			cfg, ok, err := m.llmConfig()
			if ok != tt.ok || peyvand.ErrorCode(err) != tt.code {
				t.Fatalf("ok %v, error %v; want %v, code %q", ok, err, tt.ok, tt.code)
			}
			if err != nil && (strings.Contains(err.Error(), key) || !strings.Contains(peyvand.ErrorMessage(err), "PEYVAND_LLM_")) {
				t.Errorf("error %v: it shows the key or names no setting", err)
			}
			if cfg.BaseURL != tt.want.BaseURL || cfg.APIKey != tt.want.APIKey || cfg.Model != tt.want.Model || cfg.Timeout != tt.want.Timeout ||
				cfg.MaxRetries != tt.want.MaxRetries || cfg.Temperature != tt.want.Temperature {
				t.Errorf("config %v; want %v", cfg, tt.want)
			}
		})
	}
}
