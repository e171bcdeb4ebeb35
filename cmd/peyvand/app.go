package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/answer"
	"github.com/peyvand/peyvand/extract"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/retrieval"
	"github.com/peyvand/peyvand/sample"
	"github.com/peyvand/peyvand/store"
	"github.com/peyvand/peyvand/ties"
)

// errUsage marks a command-line mistake; its message was already printed.
var errUsage = errors.New("usage")

// Main is the program: parsed flags, then the opened database and engine.
// Tests run it with their own streams and environment.
type Main struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	Getenv         func(string) string

	cmd        string
	args       []string
	dbPath     string
	configPath string
	json       bool
	k          int
	since      string
	keepGoing  bool // ingest: exit 0 though some inputs failed

	webhookURL, listen, httpAddr, healthURL string
	pageURL, feedURL, feedsFile             string

	conf    *layers // the settings: flags, environment, config file, defaults
	db      *store.DB
	engine  *retrieval.Engine
	planner *alert.Planner // queues alerts as articles are stored

	fetchOnce sync.Once
	fetcher   *http.Client // pages and feeds; see fetchClient
}

// NewMain returns a Main wired to the process's streams and environment.
func NewMain() *Main {
	return &Main{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Getenv: os.Getenv}
}

// usage is the --help text; its Settings section comes from the settings
// table.
var usage = usageText + settingsHelp()

const usageText = `peyvand — پاسخ به پرسش‌ها دربارهٔ پیوندهای تجاری خارجی استان‌ها و شهرهای ایران از روی خبرها

Usage:
  peyvand [--db PATH] [--config FILE] COMMAND [flags] ARGS...

Commands:
  ask      [--json] [-k N] QUESTION...   answer a question, with numbered sources
  search   [--json] [-k N] QUERY...      the passages that best match a query
  ingest   [--json] [--keep-going] PATH...  add articles: .txt, .html/.htm, .jsonl files or directories;
                                         lists the lines that failed and why, and exits 1 when any did
                                         (0 with --keep-going)
  ingest   [--json] --url URL | --feed URL   fetch one news page, or poll one RSS/Atom feed once
  partners [--json] PLACE                a place's foreign partners (an Iranian place) or Iranian partners
                                         (a foreign one), each with the kind of tie and its sources
  brief    [--json] [--since D] PLACE    a dated, cited summary of a place's ties, newest first;
                                         D is 90d, 12w, 6mo, 1y or a Go duration
  chat     [--json]                      talk to the bot in the terminal: the same conversation as on
                                         Telegram; "#n" presses button n of the last reply
  serve    [--webhook-url URL --listen ADDR] [--http ADDR] [--feeds FILE]
                                         run the Telegram bot (long polling, or a webhook); --http serves
                                         /healthz, /metrics and, with PEYVAND_BACKUP_TOKEN, /backup
  health   [--health-url URL]            ask a running serve's /healthz (the container's health check)
  backup   FILE                          a consistent, verified snapshot of the database
  restore  FILE                          replace the database with a verified backup (not while it is in use)
  check    [--json]                      verify the file and that no passage, posting, vector or tie is orphaned
  delete   ARTICLE_ID...                 remove articles with their passages, postings, vectors and ties
  reindex                                rebuild passages, vectors, index and ties from the stored articles
                                         (after a normaliser or embedder change), keeping subscriptions
  feedback                               the users' 👍/👎 on answers, as JSON lines for review
  analyze  [--json] TEXT...              what the index makes of a text: display, match form, tokens, sentences
  config   [--json]                      every setting's effective value (secrets masked) and where it came
                                         from; exits 1, naming it, when one is bad

Flags:
  --db PATH      the database (default $PEYVAND_DB, else peyvand.db here). ask and search
                 create it from the embedded sample corpus when it does not exist.
  --config FILE  settings as PEYVAND_*=VALUE lines, as for docker --env-file or systemd's
                 EnvironmentFile= (default $PEYVAND_CONFIG); the environment overrides it
  --json         print JSON (a stable contract) instead of text for a person
  -k N           how many passages to retrieve
  --version      the module version and the VCS revision it was built from
  COMMAND --help that command's usage
`

// ParseFlags reads the command line: global flags, the command, and the
// command's flags and arguments, in any order.
func (m *Main) ParseFlags(_ context.Context, args []string) error {
	fs := flag.NewFlagSet("peyvand", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&m.dbPath, "db", "", "database path")
	fs.StringVar(&m.configPath, "config", "", "a file of settings")
	fs.BoolVar(&m.json, "json", false, "print JSON")
	fs.IntVar(&m.k, "k", 0, "passages to retrieve")
	fs.StringVar(&m.since, "since", "", "brief: how far back, e.g. 90d")
	fs.StringVar(&m.webhookURL, "webhook-url", "", "serve: webhook mode with this public https URL")
	fs.StringVar(&m.listen, "listen", "", "serve: the webhook's listen address")
	fs.StringVar(&m.httpAddr, "http", "", "serve: the ops listener (/healthz, /metrics, /backup)")
	fs.StringVar(&m.healthURL, "health-url", "", "health: the /healthz URL to ask")
	fs.StringVar(&m.pageURL, "url", "", "ingest: one news page")
	fs.StringVar(&m.feedURL, "feed", "", "ingest: one poll of an RSS/Atom feed")
	fs.StringVar(&m.feedsFile, "feeds", "", "serve: a file of feeds to poll")
	fs.BoolVar(&m.keepGoing, "keep-going", false, "ingest: exit 0 even when some inputs failed")
	help := fs.Bool("help", false, "")
	fs.BoolVar(help, "h", false, "")
	version := fs.Bool("version", false, "")
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			fmt.Fprintf(m.Stderr, "peyvand: %v\n\n%s", err, usage)
			return errUsage
		}
		args = fs.Args()
		if len(args) == 0 {
			break
		}
		if args[0] == "--" {
			pos = append(pos, args[1:]...)
			break
		}
		pos, args = append(pos, args[0]), args[1:]
	}
	if *version {
		fmt.Fprintln(m.Stdout, versionText())
		return flag.ErrHelp // done, exit 0
	}
	if *help && len(pos) > 0 {
		if text, ok := commandHelp(pos[0]); ok {
			fmt.Fprint(m.Stdout, text)
			return flag.ErrHelp
		}
	}
	if *help || len(pos) == 0 {
		fmt.Fprint(m.Stdout, usage)
		if *help {
			return flag.ErrHelp
		}
		return errUsage
	}
	m.cmd, m.args = pos[0], pos[1:]
	if m.k < 0 || m.k > 100 {
		fmt.Fprintln(m.Stderr, "peyvand: -k must be between 1 and 100")
		return errUsage
	}
	switch m.cmd {
	case "ask", "search", "ingest", "analyze", "partners", "brief", "chat",
		"backup", "restore", "check", "delete", "reindex", "feedback", "serve", "health", "config":
	default:
		fmt.Fprintf(m.Stderr, "peyvand: unknown command %q\n\n%s", m.cmd, usage)
		return errUsage
	}
	noArgs := map[string]bool{"chat": true, "check": true, "reindex": true, "feedback": true, "serve": true, "health": true, "config": true}
	if m.cmd == "ingest" && (m.pageURL != "" || m.feedURL != "") {
		noArgs["ingest"] = true
	}
	if len(m.args) == 0 && !noArgs[m.cmd] {
		fmt.Fprintf(m.Stderr, "peyvand %s: missing arguments\n\n%s", m.cmd, usage)
		return errUsage
	}
	if err := m.loadConfig(fs); err != nil {
		return err
	}
	m.dbPath = m.setting("PEYVAND_DB")
	if m.cmd == "config" { // it shows the settings first, then checks them
		return nil
	}
	return m.conf.check()
}

// Run executes the parsed command.
func (m *Main) Run(ctx context.Context) error {
	switch m.cmd {
	case "analyze":
		return m.analyze()
	case "ingest":
		if err := m.open(ctx, false); err != nil {
			return err
		}
		return m.ingest(ctx)
	case "search":
		if err := m.open(ctx, true); err != nil {
			return err
		}
		return m.search(ctx)
	case "ask":
		if err := m.open(ctx, true); err != nil {
			return err
		}
		return m.ask(ctx)
	case "serve":
		return m.serve(ctx)
	case "health":
		return m.health(ctx)
	case "config":
		return m.config()
	case "backup":
		return m.backup()
	case "restore":
		return m.restore()
	case "check":
		return m.check()
	case "delete":
		return m.deleteArticles()
	case "feedback":
		return m.feedback()
	case "reindex":
		return m.reindex(ctx)
	case "chat":
		if err := m.open(ctx, true); err != nil {
			return err
		}
		return m.chat(ctx)
	case "partners":
		if err := m.open(ctx, true); err != nil {
			return err
		}
		return m.partners()
	case "brief":
		since, err := sinceTime(m.since, time.Now())
		if err != nil {
			return err
		}
		if err := m.open(ctx, true); err != nil {
			return err
		}
		return m.brief(ctx, since)
	}
	return errUsage
}

// Close releases the database.
func (m *Main) Close() error {
	if m.db != nil {
		return m.db.Close()
	}
	return nil
}

// embedder returns the configured embedder: an OpenAI-compatible server when
// PEYVAND_EMBED_BASE_URL is set, else the offline one.
func (m *Main) embedder() (retrieval.Embedder, error) {
	base := m.Getenv("PEYVAND_EMBED_BASE_URL")
	if base == "" {
		return retrieval.NewHashEmbedder(256), nil
	}
	dim, err := m.intSetting("PEYVAND_EMBED_DIM")
	if err != nil {
		return nil, err
	}
	if dim == 0 {
		return nil, m.layered().bad("PEYVAND_EMBED_DIM", "با PEYVAND_EMBED_BASE_URL، "+msgEmbedDim)
	}
	key := m.Getenv("PEYVAND_EMBED_API_KEY")
	if key == "" {
		key = m.Getenv("PEYVAND_LLM_API_KEY")
	}
	weight, err := m.floatSetting("PEYVAND_EMBED_DENSE_WEIGHT")
	if err != nil {
		return nil, err
	}
	return retrieval.NewOpenAIEmbedder(retrieval.OpenAIConfig{BaseURL: base, APIKey: key,
		Model: m.Getenv("PEYVAND_EMBED_MODEL"), Dim: dim, DenseWeight: weight})
}

// open opens the database and loads the engine. With seed set, a missing
// database is created from the embedded sample corpus.
// open opens the database for a command, checked whole first (store.Options.
// Verify): a damaged file is refused, never written, and every command says
// so in Persian.
func (m *Main) open(ctx context.Context, seed bool) error {
	emb, err := m.embedder()
	if err != nil {
		return err
	}
	fresh := !store.Exists(m.dbPath)
	db, err := store.Open(m.dbPath, store.Options{Embedder: emb.Name(), Dim: emb.Dim(), Ranking: retrieval.DefaultFusion(emb).String(),
		Timeout: 2 * time.Second, Verify: true})
	if err != nil {
		return err
	}
	m.db = db
	m.engine, err = retrieval.Open(db, emb)
	if err != nil {
		return err
	}
	gz := places.Default()
	if m.engine.Extract, err = m.extractor(gz); err != nil {
		return err
	}
	if fresh && seed {
		arts, err := sample.Articles()
		if err != nil {
			return err
		}
		if _, err := m.engine.Ingest(ctx, arts, nil); err != nil {
			return fmt.Errorf("ingest the sample corpus: %w", err)
		}
		fmt.Fprintf(m.Stderr, "peyvand: پایگاه داده %s نبود؛ از نمونهٔ همراه (%d خبر) ساخته شد.\n", m.dbPath, len(arts))
	}
	// From here on, an agreement reported in what is stored queues its
	// alerts in the same transaction; serve's sender delivers them (a
	// one-off ingest leaves them for the next serve).
	hour, err := m.intSetting("PEYVAND_DIGEST_HOUR")
	if err != nil {
		return err
	}
	m.planner = &alert.Planner{Places: gz, DigestHour: hour}
	db.SetPutHook(m.planner.Hook)
	return nil
}

// EnvLLMExtract turns on tie extraction by the chat model.
const EnvLLMExtract = "PEYVAND_LLM_EXTRACT"

// extractor returns the ingest's tie extraction: the offline rules, and
// with PEYVAND_LLM_EXTRACT=1 and a model configured, the model's ties the
// rules can check as well.
func (m *Main) extractor(gz *places.Gazetteer) (func(peyvand.Article, []peyvand.Passage) []peyvand.Fact, error) {
	rules := extract.New(gz)
	on, err := m.intSetting(EnvLLMExtract)
	if err != nil || on == 0 {
		return rules.Func(), err
	}
	cfg, ok, err := m.llmConfig()
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, peyvand.Errorf(peyvand.EInvalid, "%s=1 به مدل زبانی نیاز دارد: %s و %s را تنظیم کنید.",
			EnvLLMExtract, envLLMBaseURL, envLLMModel)
	}
	model := &extract.Model{Client: answer.NewChatClient(cfg), Model: cfg.Model, Rules: rules, Timeout: 2 * cfg.Timeout}
	return model.Func(), nil
}

// service returns the question service: the LLM composer when
// PEYVAND_LLM_* configure a model, else the extractive one.
func (m *Main) service() (*answer.Service, error) {
	svc := &answer.Service{Engine: m.engine, Graph: ties.New(m.db)}
	cfg, ok, err := m.llmConfig()
	if err != nil {
		return nil, err
	}
	if ok {
		llm, err := answer.NewLLM(cfg)
		if err != nil {
			return nil, err
		}
		llm.Places = svc.Graph.Places // briefs are checked against the graph's places
		svc.Composer = llm
	}
	return svc, nil
}

func (m *Main) text() string { return strings.Join(m.args, " ") }

func answerOptions(k int) answer.AskOptions { return answer.AskOptions{K: k} }
