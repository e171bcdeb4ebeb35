package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/alert"
	"github.com/peyvand/peyvand/bot"
	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/feed"
	"github.com/peyvand/peyvand/ops"
)

// serveConfig is what `serve` reads from its flags and the settings.
type serveConfig struct {
	token, api, webhookURL, listen, secret string
	httpAddr, backupToken, feeds           string
	admins                                 []int64
	rate, commandRate, workers             int
	alertRate                              float64 // PEYVAND_ALERT_RATE: alert messages a second, all chats together
	digestHour                             int     // PEYVAND_DIGEST_HOUR: the hour, Iran time, daily digests go out
}

// readServeConfig validates serve's settings, naming the bad one.
func (m *Main) readServeConfig() (serveConfig, error) {
	c := serveConfig{webhookURL: m.webhookURL, listen: m.listen, httpAddr: m.httpAddr,
		backupToken: m.setting("PEYVAND_BACKUP_TOKEN"), feeds: m.setting("PEYVAND_FEEDS")}
	bad := func(name, format string, args ...any) error {
		return peyvand.Errorf(peyvand.EInvalid, "تنظیم %s نادرست است: %s", name, fmt.Sprintf(format, args...))
	}
	var err error
	if c.token, err = m.checked("PEYVAND_TELEGRAM_TOKEN"); err != nil {
		return c, err
	}
	if c.token == "" {
		return c, bad("PEYVAND_TELEGRAM_TOKEN", "توکن ربات از @BotFather لازم است")
	}
	if c.api, err = m.checked("PEYVAND_TELEGRAM_API"); err != nil {
		return c, err
	}
	if c.secret, err = m.checked("PEYVAND_WEBHOOK_SECRET"); err != nil {
		return c, err
	}
	admins, err := m.checked("PEYVAND_ADMINS")
	if err != nil {
		return c, err
	}
	c.admins, _ = parseAdmins(admins) // checked
	if c.rate, err = m.intSetting("PEYVAND_RATE_PER_MINUTE"); err != nil {
		return c, err
	}
	if c.commandRate, err = m.intSetting("PEYVAND_COMMANDS_PER_MINUTE"); err != nil {
		return c, err
	}
	if c.workers, err = m.intSetting("PEYVAND_WORKERS"); err != nil {
		return c, err
	}
	if c.alertRate, err = m.floatSetting("PEYVAND_ALERT_RATE"); err != nil {
		return c, err
	}
	if c.digestHour, err = m.intSetting("PEYVAND_DIGEST_HOUR"); err != nil {
		return c, err
	}
	for name, addr := range map[string]string{"--http": c.httpAddr, "--listen": c.listen} {
		if addr == "" {
			continue
		}
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return c, bad(name, "نشانی شنود به شکل :8080 یا 127.0.0.1:8080 است")
		}
	}
	if c.feeds != "" {
		if _, err := readFeeds(c.feeds); err != nil {
			return c, err
		}
	}
	if c.webhookURL != "" && !strings.HasPrefix(c.webhookURL, "https://") {
		return c, bad("--webhook-url", "تلگرام فقط نشانی https می‌پذیرد")
	}
	return c, nil
}

// serve runs the Telegram bot, and the ops listener when --http is given,
// until ctx ends.
func (m *Main) serve(ctx context.Context) error {
	cfg, err := m.readServeConfig()
	if err != nil {
		return err
	}
	if err := m.open(ctx, true); err != nil {
		return err
	}
	core, err := m.core()
	if err != nil {
		return err
	}
	core.Admins, core.RatePerMinute, core.CommandsPerMinute = cfg.admins, cfg.rate, cfg.commandRate
	log := slog.New(slog.NewJSONHandler(m.Stderr, &slog.HandlerOptions{Level: logLevel(m.Getenv("PEYVAND_LOG_LEVEL"))}))
	core.Log = log
	telegram := &ops.Beat{}
	b, err := bot.New(ctx, bot.Config{Token: cfg.token, APIEndpoint: cfg.api, Logger: log, Workers: cfg.workers,
		WebhookURL: cfg.webhookURL, ListenAddr: cfg.listen, SecretToken: cfg.secret,
		OnAPISuccess: func() { telegram.Mark(time.Now()) }}, core)
	if err != nil {
		return err
	}
	log.Info("serving", "bot", b.Username(), "webhook", cfg.webhookURL != "", "http", cfg.httpAddr)
	sender := &alert.Sender{DB: m.db, Send: b.Send, Places: m.planner.Places, Rate: cfg.alertRate, Log: log}
	m.planner.Wake, m.planner.Log = sender.Wake, log
	// Everything that can fail is built before any goroutine starts: a
	// return after one started would close the database under it.
	var pollerBeat *ops.Beat
	var p *feed.Poller
	if cfg.feeds != "" {
		pollerBeat = &ops.Beat{}
		if p, err = m.poller(cfg.feeds, log, pollerBeat); err != nil {
			return err
		}
	}
	g, ctx := errgroup.WithContext(ctx)
	g.Go(func() error { return b.Run(ctx) })
	g.Go(func() error { return sender.Run(ctx) })
	if p != nil {
		p.OnDisable = notifyAdmins(ctx, b, cfg.admins, log, p.OnDisable)
		g.Go(func() error { return p.Run(ctx) })
	}
	if cfg.httpAddr != "" {
		srv := &http.Server{Addr: cfg.httpAddr, ReadHeaderTimeout: 10 * time.Second,
			Handler: (&ops.Server{DB: m.db, Telegram: telegram, Poller: pollerBeat, BackupToken: cfg.backupToken}).Handler()}
		g.Go(func() error {
			if err := srv.ListenAndServe(); !errors.Is(err, http.ErrServerClosed) {
				return fmt.Errorf("http %s: %w", cfg.httpAddr, err)
			}
			return nil
		})
		g.Go(func() error {
			<-ctx.Done()
			sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			defer cancel()
			return srv.Shutdown(sctx)
		})
	}
	err = g.Wait()
	if errors.Is(err, context.Canceled) {
		return nil
	}
	return err
}

// notifyAdmins wraps a feed's OnDisable so the admins also hear of it on
// Telegram: a disabled feed needs a person.
func notifyAdmins(ctx context.Context, b *bot.Bot, admins []int64, log *slog.Logger, next func(feed.Feed, feed.Record)) func(feed.Feed, feed.Record) {
	return func(f feed.Feed, st feed.Record) {
		if next != nil {
			next(f, st)
		}
		notice := chat.FeedDisabledNotice(f.URL, st.Failures, st.LastError)
		for _, id := range admins {
			if err := b.Send(ctx, id, notice); err != nil {
				log.Error("notify an admin of a disabled feed", "err", err)
			}
		}
	}
}

func logLevel(s string) slog.Level {
	var l slog.Level
	if l.UnmarshalText([]byte(s)) != nil {
		return slog.LevelInfo
	}
	return l
}

// health asks a running peyvand's /healthz: the container's HEALTHCHECK,
// since the runtime image has no curl.
func (m *Main) health(ctx context.Context) error {
	url := m.healthURL
	if url == "" {
		url = "http://127.0.0.1:8080/healthz"
	}
	ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return peyvand.Errorf(peyvand.EInvalid, "نشانی --health-url نادرست است: %s", url).Wrap(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return peyvand.Errorf(peyvand.EUnavailable, "peyvand در %s پاسخ نمی‌دهد؛ آیا peyvand serve با --http در حال اجراست؟", url).Wrap(err)
	}
	defer resp.Body.Close()
	body := make([]byte, 4096)
	n, _ := resp.Body.Read(body)
	fmt.Fprintln(m.Stdout, strings.TrimSpace(string(body[:n])))
	if resp.StatusCode != http.StatusOK {
		return peyvand.Errorf(peyvand.EUnavailable, "peyvand ناسالم است (%d).", resp.StatusCode)
	}
	return nil
}
