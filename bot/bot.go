package bot

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"github.com/peyvand/peyvand/chat"
	redactURL "github.com/peyvand/peyvand/internal/redact"
	"github.com/peyvand/peyvand/reply"
)

// Handler is what the adapter needs from the conversation core
// (chat.Core implements it). Its methods are called concurrently for
// different chats, and one at a time, in order, for any one chat.
type Handler interface {
	// Handle answers one message. The core may call stream with the whole
	// text composed so far (not a delta) while it works; the adapter shows
	// it as a message edited at most once a second, which the first of the
	// returned replies then replaces.
	Handle(ctx context.Context, m chat.Message, stream func(partial string)) []reply.Message
	// Press answers a press of one of the core's buttons. The Notice of
	// the replies is shown as the press's toast.
	Press(ctx context.Context, cb chat.Callback) []reply.Message
	// Inline answers an inline query ("@bot اصفهان" in any chat).
	Inline(ctx context.Context, q chat.InlineQuery) reply.Inline
	// Blocked tells the core that the bot may not write to the chat any
	// more (the user blocked it, or the bot was removed from the group):
	// its subscriptions should be paused.
	Blocked(ctx context.Context, chatID int64)
}

// Config configures a Bot. Only Token is required.
type Config struct {
	Token string // from @BotFather
	// APIEndpoint is the Bot API server: a base URL such as
	// "http://localhost:8081" for a self-hosted server, or a format with
	// the token and method as two %s, like tgbotapi.APIEndpoint, the
	// default.
	APIEndpoint string
	// HTTPClient makes the Bot API calls. The default keeps enough idle
	// connections for Workers concurrent calls. Its Timeout, if set, must
	// exceed PollTimeout.
	HTTPClient *http.Client
	Logger     *slog.Logger // slog.Default() when nil

	// Workers is how many updates are handled at once, across chats;
	// 8 when zero.
	Workers int
	// QueueLimit is how many updates may be held (queued or being
	// handled) before the bot stops taking more; 1000 when zero.
	QueueLimit int

	// PollTimeout is getUpdates' long-poll timeout, in whole seconds;
	// 30s when zero.
	PollTimeout time.Duration
	// WebhookURL, when set, selects webhook mode: Run calls setWebhook
	// with this URL and serves updates on every path of ListenAddr (TLS
	// is left to a proxy in front; the secret token authenticates).
	// Otherwise Run long-polls.
	WebhookURL string
	ListenAddr string // ":8080" when empty
	// SecretToken is the webhook's X-Telegram-Bot-Api-Secret-Token:
	// 1–256 of A–Z a–z 0–9 _ -. A random one when empty.
	SecretToken string

	RequestTimeout time.Duration // one Bot API call, beyond the long poll; 30s when zero
	MaxRetries     int           // retries of a failed send; 5 when zero, none when negative
	RetryBase      time.Duration // first backoff after a 5xx or network error; 500ms when zero
	MaxBackoff     time.Duration // longest backoff; 30s when zero
	// MaxRetryWait is the longest retry_after a 429 is waited for; a send
	// told to wait longer is dropped. 2m when zero.
	MaxRetryWait time.Duration

	// SendRate bounds the messages sent (replies, edits and alerts
	// together) a second over all chats; 30 when zero; negative turns all
	// pacing off (benchmarks of the core).
	// A chat also gets at most about one a second (a group one each three),
	// after a burst of three, and a 429 holds every send for its retry_after.
	SendRate float64

	TypingInterval  time.Duration // between "typing…" actions; 4s when zero
	EditInterval    time.Duration // least time between edits of a streamed answer; 1s when zero
	ShutdownTimeout time.Duration // how long Run waits for held updates after ctx ends; 30s when zero

	// OnAPISuccess, when set, is called after every Bot API call that
	// succeeded, getUpdates included: a health check's sign that Telegram
	// answers. It must be quick and safe for concurrent use.
	OnAPISuccess func()

	// Sleep waits for d or until ctx ends, before a retry; tests replace
	// it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// LogValue keeps the token and the webhook secret out of logs that print
// a Config.
func (c Config) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("api", redactURL.URL(redact(c.APIEndpoint, c.Token))),
		slog.Bool("webhook", c.WebhookURL != ""),
		slog.String("listen", c.ListenAddr),
		slog.Int("workers", c.Workers),
		slog.Duration("poll_timeout", c.PollTimeout),
	)
}

// typingDelay is how long a handler may work before "typing…" is shown:
// most answers come sooner, and the action would only cost a call.
const typingDelay = 300 * time.Millisecond

// allowedUpdates are the update kinds the bot asks for.
var allowedUpdates = []string{"message", "callback_query", "my_chat_member", "channel_post", "inline_query"}

var secretTokenRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,256}$`)

func (c *Config) setDefaults() error {
	if c.Token == "" {
		return errors.New("bot: no token")
	}
	switch {
	case c.APIEndpoint == "":
		c.APIEndpoint = tgbotapi.APIEndpoint
	case strings.Count(c.APIEndpoint, "%s") == 2:
	case strings.Contains(c.APIEndpoint, "%"):
		return fmt.Errorf("bot: API endpoint %q: want a base URL or a format with two %%s", c.APIEndpoint)
	default:
		u, err := url.Parse(c.APIEndpoint)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return fmt.Errorf("bot: API endpoint %q is not an http(s) URL", c.APIEndpoint)
		}
		c.APIEndpoint = strings.TrimRight(c.APIEndpoint, "/") + "/bot%s/%s"
	}
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	if c.Workers <= 0 {
		c.Workers = 8
	}
	if c.QueueLimit <= 0 {
		c.QueueLimit = 1000
	}
	if c.HTTPClient == nil {
		t := http.DefaultTransport.(*http.Transport).Clone()
		t.MaxIdleConnsPerHost = c.Workers + 4
		c.HTTPClient = &http.Client{Transport: t}
	}
	def(&c.PollTimeout, 30*time.Second)
	if c.PollTimeout < time.Second {
		c.PollTimeout = time.Second
	}
	if c.WebhookURL != "" {
		u, err := url.Parse(c.WebhookURL)
		if err != nil || u.Host == "" || (u.Scheme != "http" && u.Scheme != "https") {
			return errors.New("bot: the webhook URL is not an http(s) URL")
		}
		if c.ListenAddr == "" {
			c.ListenAddr = ":8080"
		}
		if c.SecretToken == "" {
			var b [24]byte
			rand.Read(b[:])
			c.SecretToken = hex.EncodeToString(b[:])
		}
		if !secretTokenRE.MatchString(c.SecretToken) {
			return errors.New("bot: the webhook secret token must be 1–256 of A-Z a-z 0-9 _ -")
		}
	}
	def(&c.RequestTimeout, 30*time.Second)
	switch {
	case c.MaxRetries == 0:
		c.MaxRetries = 5
	case c.MaxRetries < 0:
		c.MaxRetries = 0
	}
	def(&c.RetryBase, 500*time.Millisecond)
	def(&c.MaxBackoff, 30*time.Second)
	def(&c.MaxRetryWait, 2*time.Minute)
	def(&c.TypingInterval, 4*time.Second)
	def(&c.EditInterval, time.Second)
	def(&c.ShutdownTimeout, 30*time.Second)
	if c.Sleep == nil {
		c.Sleep = sleep
	}
	return nil
}

// Bot receives Telegram updates and answers them through a Handler.
type Bot struct {
	cfg    Config
	h      Handler
	api    *tgbotapi.BotAPI
	client *http.Client
	log    *slog.Logger
	self   tgbotapi.User

	pace    *pacer // nil: no pacing
	pool    *pool
	running atomic.Bool
	serving atomic.Bool // the webhook takes updates
	offset  atomic.Int64

	// onListen, when set, is told the webhook's listening address; tests
	// use it to find a port chosen by the system.
	onListen func(net.Addr)
}

// New checks the token with getMe and returns a Bot ready to Run. ctx ends
// the check and its retries early (Ctrl-C during start-up).
func New(ctx context.Context, cfg Config, h Handler) (*Bot, error) {
	if h == nil {
		return nil, errors.New("bot: no handler")
	}
	if err := cfg.setDefaults(); err != nil {
		return nil, err
	}
	b := &Bot{cfg: cfg, h: h, client: cfg.HTTPClient, log: cfg.Logger}
	if rate := cfg.SendRate; rate >= 0 {
		if rate == 0 {
			rate = defaultSendRate
		}
		b.pace = newPacer(rate, time.Now, sleep)
	}
	b.pool = newPool(cfg.Workers, cfg.QueueLimit, b.handle)
	for attempt := 0; ; attempt++ {
		cctx, cancel := context.WithTimeout(ctx, cfg.RequestTimeout)
		d := &doer{ctx: cctx, client: b.client, token: cfg.Token}
		api, err := tgbotapi.NewBotAPIWithClient(cfg.Token, cfg.APIEndpoint, d)
		cancel()
		if ctx.Err() != nil {
			return nil, fmt.Errorf("bot: getMe: %w", ctx.Err())
		}
		if err == nil {
			api.Client = b.client // every call gives itself a doer; this is a fallback
			b.api, b.self = api, api.Self
			break
		}
		err = b.classify("getMe", d.status, err)
		var e *apiError
		if errors.As(err, &e) && e.Code == http.StatusUnauthorized {
			return nil, fmt.Errorf("bot: %w", ErrUnauthorized)
		}
		if !errors.As(err, &e) || !e.Transient || attempt >= cfg.MaxRetries {
			return nil, fmt.Errorf("bot: %w", err)
		}
		wait := b.backoff(attempt)
		if e.RetryAfter > 0 && e.RetryAfter <= cfg.MaxRetryWait {
			wait = e.RetryAfter
		}
		if err := cfg.Sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
	if b.self.UserName == "" {
		return nil, errors.New("bot: getMe returned no username")
	}
	return b, nil
}

// Username is the bot's @username, without the @.
func (b *Bot) Username() string { return b.self.UserName }

// Run takes updates until ctx ends, by long polling or, with a WebhookURL,
// by serving the webhook. Then it stops taking updates, waits up to
// ShutdownTimeout for those it holds to be handled and answered, and, when
// polling, confirms the offset so they are not delivered again. It returns
// nil after a shutdown asked for by ctx, ErrUnauthorized when the token is
// refused, or the webhook's serving error.
func (b *Bot) Run(ctx context.Context) error {
	if !b.running.CompareAndSwap(false, true) {
		return errors.New("bot: Run called twice")
	}
	work, abort := context.WithCancel(context.WithoutCancel(ctx))
	defer abort()
	b.pool.start(work)

	b.setCommands(ctx)
	var err error
	if b.cfg.WebhookURL != "" {
		err = b.serveWebhook(ctx)
	} else {
		err = b.poll(ctx)
	}

	start := time.Now()
	held := b.pool.held()
	drained := make(chan struct{})
	go func() { b.pool.close(); close(drained) }()
	offset := b.offset.Load()
	select {
	case <-drained:
	case <-time.After(b.cfg.ShutdownTimeout):
		b.log.Warn("shutdown: gave up waiting for updates in hand", "left", b.pool.held(), "waited_ms", ms(b.cfg.ShutdownTimeout))
		// Those cut short will come again: better answered twice than
		// never.
		if first, ok := b.pool.firstUnfinished(); ok && int64(first) < offset {
			offset = int64(first)
		}
		abort()
		<-drained
	}
	if b.cfg.WebhookURL == "" {
		b.commitOffset(offset)
	}
	b.log.Info("stopped", "held", held, "drain_ms", ms(time.Since(start)))
	return err
}

// setCommands advertises chat.Commands in the command menu.
func (b *Bot) setCommands(ctx context.Context) {
	cmds := make([]tgbotapi.BotCommand, len(chat.Commands))
	for i, c := range chat.Commands {
		cmds[i] = tgbotapi.BotCommand{Command: c.Name, Description: c.Description}
	}
	if _, err := b.request(ctx, tgbotapi.NewSetMyCommands(cmds...)); err != nil {
		b.log.Error("setMyCommands failed; the command menu may be stale", "err", err)
	}
}

// poll long-polls getUpdates until ctx ends, handing every update to the
// pool. Failures are retried forever with backoff, except a refused token.
func (b *Bot) poll(ctx context.Context) error {
	if _, err := b.request(ctx, tgbotapi.DeleteWebhookConfig{}); err != nil {
		if unauthorized(err) {
			return ErrUnauthorized
		}
		b.log.Warn("deleteWebhook failed", "err", err)
	}
	b.log.Info("polling", "bot", b.self.UserName, "workers", b.cfg.Workers)
	failures := 0
	for ctx.Err() == nil {
		cfg := tgbotapi.UpdateConfig{
			Offset:         int(b.offset.Load()),
			Timeout:        int(b.cfg.PollTimeout / time.Second),
			AllowedUpdates: allowedUpdates,
		}
		begun := time.Now()
		res, err := b.call(ctx, cfg)
		var updates []tgbotapi.Update
		if err == nil {
			if err = json.Unmarshal(res, &updates); err != nil {
				err = &apiError{Method: "getUpdates", Code: http.StatusOK, Description: "malformed updates", Err: err}
			}
		}
		if err != nil {
			if ctx.Err() != nil {
				break
			}
			if unauthorized(err) {
				b.log.Error("getUpdates: the token was refused", "err", err)
				return ErrUnauthorized
			}
			wait := b.backoff(failures)
			var e *apiError
			switch {
			case errors.As(err, &e) && e.Code == http.StatusConflict:
				b.log.Error("getUpdates conflict: another instance is polling with this token, or a webhook is set; only one may take updates", "err", err)
			case errors.As(err, &e) && e.RetryAfter > 0:
				wait = e.RetryAfter
				b.log.Warn("getUpdates: flood control", "retry_after_s", e.RetryAfter.Seconds())
			default:
				b.log.Warn("getUpdates failed", "err", err, "failures", failures+1, "wait_ms", ms(wait))
			}
			failures++
			if b.cfg.Sleep(ctx, wait) != nil {
				break
			}
			continue
		}
		failures = 0
		for _, u := range updates {
			if int64(u.UpdateID) < b.offset.Load() {
				continue // already taken
			}
			if err := b.dispatch(ctx, u); err != nil {
				return nil // ctx ended while waiting for room; the update stays unconfirmed
			}
			b.offset.Store(int64(u.UpdateID) + 1)
		}
		if len(updates) == 0 && time.Since(begun) < 50*time.Millisecond {
			// A server that does not hold the long poll: do not spin.
			b.cfg.Sleep(ctx, 200*time.Millisecond)
		}
	}
	return nil
}

func unauthorized(err error) bool {
	var e *apiError
	return errors.As(err, &e) && e.Code == http.StatusUnauthorized
}

// commitOffset confirms to Telegram every update below off, so a restart
// does not see them again: a getUpdates with that offset, no wait, one
// update at most (which stays unconfirmed).
func (b *Bot) commitOffset(off int64) {
	if off == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), b.cfg.RequestTimeout)
	defer cancel()
	cfg := tgbotapi.UpdateConfig{Offset: int(off), Limit: 1, Timeout: 0}
	var err error
	for attempt := 0; attempt < 3; attempt++ {
		if _, err = b.call(ctx, cfg); err == nil {
			b.log.Info("update offset confirmed", "offset", off)
			return
		}
		var e *apiError
		if !errors.As(err, &e) || !e.Transient {
			break
		}
		if b.cfg.Sleep(ctx, b.backoff(attempt)) != nil {
			break
		}
	}
	b.log.Error("could not confirm the update offset; some updates may come again", "offset", off, "err", err)
}

// serveWebhook sets the webhook and serves it on ListenAddr until ctx
// ends.
func (b *Bot) serveWebhook(ctx context.Context) error {
	params := tgbotapi.Params{
		"url":          b.cfg.WebhookURL,
		"secret_token": b.cfg.SecretToken,
	}
	params.AddNonZero("max_connections", min(max(b.cfg.Workers*2, 10), 100))
	if err := params.AddInterface("allowed_updates", allowedUpdates); err != nil {
		return err
	}
	ln, err := net.Listen("tcp", b.cfg.ListenAddr)
	if err != nil {
		return fmt.Errorf("bot: webhook: %w", err)
	}
	if b.onListen != nil {
		b.onListen(ln.Addr())
	}
	srv := &http.Server{
		Handler:           b,
		ReadHeaderTimeout: 10 * time.Second,
		ErrorLog:          slog.NewLogLogger(b.log.Handler(), slog.LevelWarn),
	}
	b.serving.Store(true)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()

	if err := b.setWebhook(ctx, params); err != nil {
		b.serving.Store(false)
		srv.Close()
		<-served
		if ctx.Err() != nil {
			return nil // stopped before it started
		}
		return err
	}
	b.log.Info("serving the webhook", "bot", b.self.UserName, "addr", ln.Addr().String(), "workers", b.cfg.Workers)
	select {
	case <-ctx.Done():
	case err = <-served:
		b.serving.Store(false)
		return fmt.Errorf("bot: webhook: %w", err)
	}
	sctx, cancel := context.WithTimeout(context.Background(), b.cfg.ShutdownTimeout)
	defer cancel()
	serr := srv.Shutdown(sctx) // lets requests in progress hand over their updates
	b.serving.Store(false)
	<-served
	if serr != nil {
		b.log.Warn("webhook shutdown", "err", serr)
	}
	return nil
}

func (b *Bot) setWebhook(ctx context.Context, params tgbotapi.Params) error {
	var err error
	for attempt := 0; attempt <= b.cfg.MaxRetries; attempt++ {
		if _, err = b.callRaw(ctx, nil, "setWebhook", params); err == nil {
			return nil
		}
		var e *apiError
		if unauthorized(err) {
			return ErrUnauthorized
		}
		if !errors.As(err, &e) || !e.Transient {
			break
		}
		wait := b.backoff(attempt)
		if e.RetryAfter > 0 {
			wait = e.RetryAfter
		}
		if b.cfg.Sleep(ctx, wait) != nil {
			break
		}
	}
	return fmt.Errorf("bot: setWebhook: %w", err)
}
