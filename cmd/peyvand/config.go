package main

import (
	"cmp"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"math"
	"net/url"
	"os"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/redact"
)

// A setting is one PEYVAND_* variable the program reads. Every one is in
// settings, so that start-up checks them all, `peyvand config` shows them
// all and a config file may name only them.
type setting struct {
	name   string // the environment variable
	flag   string // the flag that overrides it, "" for none
	def    string // the value when nobody sets one; "" for none
	secret bool   // `peyvand config` shows only that it is set
	url    bool   // a URL: shown with any key or token in it masked
	usage  string // one line of English for --help and `peyvand config`
	// check says, in Persian, what is wrong with a non-empty value, or
	// returns nil. Rules between settings are in (*layers).check.
	check func(string) error
}

// settings is every PEYVAND_* setting, in the order --help and `peyvand
// config` list them.
var settings = []setting{
	{name: "PEYVAND_CONFIG", flag: "--config", usage: "a file of PEYVAND_*=VALUE lines, under the environment"},
	{name: "PEYVAND_DB", flag: "--db", def: "peyvand.db", usage: "the database file"},
	{name: "PEYVAND_EMBED_BASE_URL", check: httpURL, url: true,
		usage: "an OpenAI-compatible embeddings server (default: the offline embedder)"},
	{name: "PEYVAND_EMBED_MODEL", usage: "the embeddings model"},
	{name: "PEYVAND_EMBED_DIM", check: intIn(1, math.MaxInt, msgEmbedDim),
		usage: "the model's vector size, required with PEYVAND_EMBED_BASE_URL"},
	{name: "PEYVAND_EMBED_API_KEY", secret: true, usage: "the embeddings server's key (default: PEYVAND_LLM_API_KEY)"},
	{name: "PEYVAND_EMBED_DENSE_WEIGHT", check: floatIn(0, 100, true, "عددی از 0 تا 100 لازم است"),
		usage: "with PEYVAND_EMBED_BASE_URL, how much the model's cosine counts in a hybrid search against the best keyword match (default 1; choose it with bench, see bench/README.md); recorded in the database"},
	{name: envLLMBaseURL, check: httpURL, url: true,
		usage: "an OpenAI-compatible chat server: answers written by the model, then checked"},
	{name: envLLMModel, usage: "the chat model, required with PEYVAND_LLM_BASE_URL"},
	{name: envLLMAPIKey, secret: true, usage: "the chat server's key"},
	{name: envLLMTimeout, def: "30s", check: seconds, usage: "the longest an answer by the model may take, retries included"},
	{name: envLLMMaxRetries, def: "2", check: intIn(math.MinInt, math.MaxInt, "عدد صحیح لازم است"),
		usage: "retries of a failed model call (0: the default; negative: none)"},
	{name: envLLMTemperature, def: "0", check: floatIn(0, 2, true, "عددی از 0 تا 2 لازم است"),
		usage: "the model's sampling temperature, 0 to 2"},
	{name: EnvLLMExtract, def: "0", check: intIn(0, 1, "0 یا 1 لازم است"),
		usage: "1: ingest also asks the chat model for each article's ties, kept only where the text bears them out"},
	{name: "PEYVAND_TELEGRAM_TOKEN", secret: true, check: telegramToken, usage: "the bot's token from @BotFather; serve needs it"},
	{name: "PEYVAND_TELEGRAM_API", def: "https://api.telegram.org", check: botAPI, url: true, usage: "the Bot API server, for a self-hosted one"},
	{name: "PEYVAND_WEBHOOK_SECRET", secret: true, check: webhookSecret, usage: "the webhook's secret token (default: a random one)"},
	{name: "PEYVAND_BACKUP_TOKEN", secret: true, usage: `enables GET /backup on --http for "Authorization: Bearer TOKEN"`},
	{name: EnvAllowPrivateFetch, def: "0", check: intIn(0, 1, "0 یا 1 لازم است"),
		usage: "1: pages and feeds may be fetched from loopback and private addresses (default: public addresses only)"},
	{name: "PEYVAND_FEEDS", flag: "--feeds", usage: `serve: a file of RSS/Atom feeds to poll, "URL [outlet]" a line`},
	{name: "PEYVAND_ADMINS", check: func(v string) error { _, err := parseAdmins(v); return err },
		usage: "user ids allowed /ingest and /stats, comma-separated"},
	{name: "PEYVAND_RATE_PER_MINUTE", def: "6", check: intIn(math.MinInt, math.MaxInt, "عدد صحیح لازم است؛ منفی یعنی بی‌حد"),
		usage: "questions per user per minute (those that run retrieval or the model); negative: unlimited"},
	{name: "PEYVAND_COMMANDS_PER_MINUTE", def: "30", check: intIn(math.MinInt, math.MaxInt, "عدد صحیح لازم است؛ منفی یعنی بی‌حد"),
		usage: "commands and button presses per user per minute, apart from questions; negative: unlimited"},
	{name: "PEYVAND_WORKERS", def: "8", check: intIn(1, math.MaxInt, "عددی مثبت لازم است"), usage: "Telegram updates handled at once"},
	{name: "PEYVAND_ALERT_RATE", def: "30", check: floatIn(0, 1000, false, "عددی بیشتر از 0 و تا 1000 (پیام در ثانیه) لازم است"),
		usage: "alert messages per second, all chats together"},
	{name: "PEYVAND_DIGEST_HOUR", def: "8", check: intIn(0, 23, "ساعتی از 0 تا 23 (به وقت ایران) لازم است"),
		usage: "the hour (0-23, Iran time) daily digests go out"},
	{name: "PEYVAND_LOG_LEVEL", def: "info", check: logLevelName, usage: "serve's log level: debug, info, warn or error"},
	{name: "PEYVAND_DEBUG", usage: "when set, an error message is followed by its internal cause"},
}

const msgEmbedDim = "بُعد بردارهای مدل لازم است، مثلاً 1536"

// lookupSetting returns the setting called name.
func lookupSetting(name string) (setting, bool) {
	for _, s := range settings {
		if s.name == name {
			return s, true
		}
	}
	return setting{}, false
}

func mustSetting(name string) setting {
	s, ok := lookupSetting(name)
	if !ok {
		panic("peyvand: no setting " + name + " in the settings table")
	}
	return s
}

func intIn(lo, hi int, msg string) func(string) error {
	return func(v string) error {
		if n, err := strconv.Atoi(v); err != nil || n < lo || n > hi {
			return errors.New(msg)
		}
		return nil
	}
}

// floatIn accepts lo < v ≤ hi, or lo ≤ v ≤ hi with withLo.
func floatIn(lo, hi float64, withLo bool, msg string) func(string) error {
	return func(v string) error {
		f, err := strconv.ParseFloat(v, 64)
		if err != nil || !(f > lo || withLo && f == lo) || !(f <= hi) {
			return errors.New(msg)
		}
		return nil
	}
}

func httpURL(v string) error {
	if u, err := url.Parse(v); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("نشانی‌ای که با http:// یا https:// آغاز شود لازم است")
	}
	return nil
}

// botAPI accepts what bot.Config.APIEndpoint does: a base URL, or a format
// with the token's and the method's %s.
func botAPI(v string) error {
	if strings.Count(v, "%s") == 2 {
		v = strings.ReplaceAll(v, "%s", "x")
	}
	return httpURL(v)
}

// seconds accepts what llmConfig reads: a Go duration or a
// number of seconds, above zero.
func seconds(v string) error {
	d, err := time.ParseDuration(v)
	if s, err2 := strconv.Atoi(v); err2 == nil {
		d, err = time.Duration(s)*time.Second, nil
	}
	if err != nil || d <= 0 {
		return errors.New("مدتی مانند 30s یا عدد ثانیه‌ها لازم است")
	}
	return nil
}

func telegramToken(v string) error {
	if !strings.Contains(v, ":") {
		return errors.New("توکن به شکل 123456:ABC… است")
	}
	return nil
}

// secretTokenRE is what Telegram allows in a webhook's secret_token.
var secretTokenRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func webhookSecret(v string) error {
	if !secretTokenRE.MatchString(v) {
		return errors.New("1 تا 256 نویسه از A-Z a-z 0-9 _ - لازم است")
	}
	return nil
}

func logLevelName(v string) error {
	var l slog.Level
	if l.UnmarshalText([]byte(v)) != nil {
		return errors.New("یکی از debug، info، warn یا error لازم است")
	}
	return nil
}

// parseAdmins reads PEYVAND_ADMINS: user ids separated by commas or spaces.
func parseAdmins(v string) ([]int64, error) {
	var ids []int64
	for _, f := range strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ' ' }) {
		id, err := strconv.ParseInt(f, 10, 64)
		if err != nil {
			return nil, fmt.Errorf("«%s» شناسهٔ عددی کاربر نیست", f)
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// Where a setting's value came from, as `peyvand config` says it.
const (
	fromFlag    = "flag"
	fromEnv     = "env"
	fromFile    = "file"
	fromDefault = "default"
)

// layers finds a setting's value: a flag over the environment over the
// config file over the table's default. An empty value counts as unset.
type layers struct {
	flags map[string]string    // setting → its flag's value, when the flag was given
	env   func(string) string  // the process's environment (a map in tests)
	file  map[string]fileValue // the config file's settings
	path  string               // the config file, "" when none
}

// fileValue is one setting in a config file.
type fileValue struct {
	value string
	line  int
}

// lookup returns a setting's effective value and where it came from.
func (l *layers) lookup(name string) (value, source string) {
	if v := l.flags[name]; v != "" {
		return v, fromFlag
	}
	if v := strings.TrimSpace(l.env(name)); v != "" {
		return v, fromEnv
	}
	if fv := l.file[name]; fv.value != "" {
		return fv.value, fromFile
	}
	s, _ := lookupSetting(name)
	return s.def, fromDefault
}

// getenv is Main.Getenv once the flags and the file are read, so every
// reader (llmConfig too) sees them. It leaves the defaults
// out: "" still means that nobody set the setting.
func (l *layers) getenv(name string) string {
	v, source := l.lookup(name)
	if source == fromDefault {
		return ""
	}
	return v
}

// bad is the error for a setting's wrong value, in the form every such
// error takes; a value from the config file also names the file and line.
func (l *layers) bad(name, detail string) *peyvand.Error {
	if _, source := l.lookup(name); source == fromFile {
		return peyvand.Errorf(peyvand.EInvalid, "تنظیم %s نادرست است: %s (پروندهٔ %s، سطر %d)",
			name, detail, l.path, l.file[name].line)
	}
	return peyvand.Errorf(peyvand.EInvalid, "تنظیم %s نادرست است: %s", name, detail)
}

// checked returns a setting's effective value once its check passed.
func (l *layers) checked(name string) (string, error) {
	s := mustSetting(name)
	v, _ := l.lookup(name)
	if v != "" && s.check != nil {
		if err := s.check(v); err != nil {
			return "", l.bad(name, err.Error())
		}
	}
	return v, nil
}

// check checks every setting, then the rules between settings. Its error
// names every bad setting, one a line. That the token is set is serve's
// rule, not this one's: the other commands need no token.
func (l *layers) check() error {
	var msgs []string
	for _, s := range settings {
		if _, err := l.checked(s.name); err != nil {
			msgs = append(msgs, peyvand.ErrorMessage(err))
		}
	}
	if l.getenv("PEYVAND_EMBED_BASE_URL") != "" && l.getenv("PEYVAND_EMBED_DIM") == "" {
		msgs = append(msgs, l.bad("PEYVAND_EMBED_DIM", "با PEYVAND_EMBED_BASE_URL، "+msgEmbedDim).Message)
	}
	llm := false
	for _, name := range []string{envLLMBaseURL, envLLMModel, envLLMAPIKey,
		envLLMTimeout, envLLMMaxRetries, envLLMTemperature} {
		llm = llm || l.getenv(name) != ""
	}
	for _, name := range []string{envLLMBaseURL, envLLMModel} {
		if llm && l.getenv(name) == "" {
			msgs = append(msgs, l.bad(name, "با دیگر تنظیمات PEYVAND_LLM_* لازم است").Message)
		}
	}
	if len(msgs) == 0 {
		return nil
	}
	return peyvand.Errorf(peyvand.EInvalid, "%s", strings.Join(msgs, "\n"))
}

// loadConfig layers Main.Getenv: the flags given, then the environment,
// then the config file named by --config or PEYVAND_CONFIG.
func (m *Main) loadConfig(flags *flag.FlagSet) error {
	given := map[string]string{}
	flags.Visit(func(f *flag.Flag) { given["--"+f.Name] = f.Value.String() })
	l := &layers{env: m.Getenv, flags: map[string]string{}}
	for _, s := range settings {
		if v := given[s.flag]; s.flag != "" && v != "" {
			l.flags[s.name] = v
		}
	}
	if path, source := l.lookup("PEYVAND_CONFIG"); path != "" {
		name := "PEYVAND_CONFIG"
		if source == fromFlag {
			name = "--config"
		}
		data, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			return &peyvand.Error{Code: peyvand.EInvalid, Message: fmt.Sprintf("تنظیم %s نادرست است: پروندهٔ %s نیست.", name, path), Err: err}
		}
		if err != nil {
			return &peyvand.Error{Code: peyvand.EInvalid, Message: fmt.Sprintf("تنظیم %s نادرست است: پروندهٔ %s را نمی‌توانم بخوانم.", name, path), Err: err}
		}
		if l.file, err = parseConfig(path, data); err != nil {
			return err
		}
		l.path = path
		m.warnReadable(path, l.file)
	}
	m.conf, m.Getenv = l, l.getenv
	return nil
}

// warnReadable warns when a config file that holds a secret may be read by
// other users. It does not refuse: the file's owner may know better.
func (m *Main) warnReadable(path string, file map[string]fileValue) {
	fi, err := os.Stat(path)
	if err != nil || runtime.GOOS == "windows" || fi.Mode().Perm()&0o044 == 0 {
		return
	}
	for _, s := range settings {
		if s.secret && file[s.name].value != "" {
			fmt.Fprintf(m.Stderr, "peyvand: هشدار: پروندهٔ تنظیمات %s رازِ %s را دارد و دیگران هم می‌توانند آن را بخوانند؛ chmod 600 %s\n",
				path, s.name, path)
			return
		}
	}
}

var envKeyRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// parseConfig reads a config file: KEY=VALUE lines, the format of docker's
// --env-file and systemd's EnvironmentFile=. Blank lines and lines starting
// with # are skipped; a line may start with "export "; a value may be in
// single or double quotes, which are removed (no escapes, no line
// continuation). A later line overrides an earlier one. Keys are the
// settings' names; an unknown key or a malformed line is an error naming
// the file and the line, which never quotes a value.
func parseConfig(path string, data []byte) (map[string]fileValue, error) {
	bad := func(n int, format string, args ...any) error {
		return peyvand.Errorf(peyvand.EInvalid, "پروندهٔ تنظیمات %s، سطر %d: %s", path, n, fmt.Sprintf(format, args...))
	}
	out := map[string]fileValue{}
	text := strings.TrimPrefix(string(data), "\uFEFF")
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if !utf8.ValidString(line) {
			return nil, bad(n, "متن UTF-8 نیست")
		}
		if rest, ok := strings.CutPrefix(line, "export "); ok {
			line = strings.TrimSpace(rest)
		}
		key, value, ok := strings.Cut(line, "=")
		key = strings.TrimSpace(key)
		if !ok || !envKeyRE.MatchString(key) {
			return nil, bad(n, "به شکل KEY=VALUE نیست")
		}
		if _, known := lookupSetting(key); !known {
			return nil, bad(n, "تنظیم %s را نمی‌شناسم (peyvand --help همه را فهرست می‌کند)", key)
		}
		if key == "PEYVAND_CONFIG" {
			return nil, bad(n, "PEYVAND_CONFIG در خود پروندهٔ تنظیمات معنا ندارد")
		}
		value = strings.TrimSpace(value)
		if value != "" && (value[0] == '"' || value[0] == '\'') {
			if len(value) < 2 || value[len(value)-1] != value[0] {
				return nil, bad(n, "گیومهٔ مقدار %s بسته نشده است", key)
			}
			value = value[1 : len(value)-1]
		}
		out[key] = fileValue{value: value, line: n}
	}
	return out, nil
}

// layered returns the layers ParseFlags set up or, for a Main whose flags
// were never parsed, the environment and the flag fields alone.
func (m *Main) layered() *layers {
	if m.conf != nil {
		return m.conf
	}
	l := &layers{env: m.Getenv, flags: map[string]string{}}
	if m.feedsFile != "" {
		l.flags["PEYVAND_FEEDS"] = m.feedsFile
	}
	return l
}

// setting returns a setting's effective value, its default included.
func (m *Main) setting(name string) string {
	mustSetting(name)
	v, _ := m.layered().lookup(name)
	return v
}

// checked returns a setting's effective value once its check passed; its
// error names the setting.
func (m *Main) checked(name string) (string, error) { return m.layered().checked(name) }

// intSetting returns a checked integer setting; 0 when it is unset and has
// no default.
func (m *Main) intSetting(name string) (int, error) {
	v, err := m.checked(name)
	if err != nil || v == "" {
		return 0, err
	}
	n, err := strconv.Atoi(v)
	if err != nil { // the setting's check let a non-integer through
		return 0, fmt.Errorf("setting %s: %w", name, err)
	}
	return n, nil
}

// floatSetting returns a checked number setting; 0 when it is unset and
// has no default.
func (m *Main) floatSetting(name string) (float64, error) {
	v, err := m.checked(name)
	if err != nil || v == "" {
		return 0, err
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil { // the setting's check let a non-number through
		return 0, fmt.Errorf("setting %s: %w", name, err)
	}
	return f, nil
}

// configJSON is one element of the contract of `peyvand config --json`.
type configJSON struct {
	Name   string `json:"name"`
	Value  string `json:"value"` // "" when unset; a secret's is masked
	Source string `json:"source"`
	Secret bool   `json:"secret"`
}

// config prints every setting's effective value, secrets masked, and where
// it came from; then it checks them, so a bad one is named after the table.
func (m *Main) config() error {
	l := m.layered()
	rows := make([]configJSON, 0, len(settings))
	for _, s := range settings {
		v, source := l.lookup(s.name)
		switch {
		case s.secret:
			v = mask(v)
		case s.url:
			v = redact.URL(v)
		}
		rows = append(rows, configJSON{Name: s.name, Value: v, Source: source, Secret: s.secret})
	}
	if m.json {
		if err := writeJSON(m.Stdout, rows); err != nil {
			return err
		}
	} else {
		tw := tabwriter.NewWriter(m.Stdout, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "SETTING\tVALUE\tSOURCE\tDESCRIPTION")
		for i, r := range rows {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", r.Name, cmp.Or(r.Value, "-"), r.Source, settings[i].usage)
		}
		if err := tw.Flush(); err != nil {
			return err
		}
	}
	return l.check()
}

// mask hides a secret: "***", and the last four characters of a long one,
// so that an operator can tell which token is deployed.
func mask(v string) string {
	if v == "" {
		return ""
	}
	if r := []rune(v); len(r) >= 20 {
		return "***" + string(r[len(r)-4:])
	}
	return "***"
}

// settingsHelp is the Settings section of --help, from the table.
func settingsHelp() string {
	var b strings.Builder
	b.WriteString("\nSettings: a flag over the environment over the --config file over the default;\n" +
		"`peyvand config` shows the effective ones.\n")
	for _, s := range settings {
		var notes []string
		if s.flag != "" {
			notes = append(notes, "flag "+s.flag)
		}
		if s.def != "" {
			notes = append(notes, "default "+s.def)
		}
		line := s.usage
		if len(notes) > 0 {
			line += " [" + strings.Join(notes, "; ") + "]"
		}
		fmt.Fprintf(&b, "  %-24s %s\n", s.name, line)
	}
	return b.String()
}
