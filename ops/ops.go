// Package ops is peyvand's operational HTTP listener: health for the
// container runtime, Prometheus metrics, and hot backups of the live
// database.
package ops

import (
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/store"
)

// Beat records when a component last showed it was alive.
type Beat struct{ last atomic.Int64 }

// Mark records now.
func (b *Beat) Mark(now time.Time) { b.last.Store(now.UnixNano()) }

// Since is how long ago Mark was last called; ok is false before the first.
func (b *Beat) Since(now time.Time) (time.Duration, bool) {
	n := b.last.Load()
	if n == 0 {
		return 0, false
	}
	return now.Sub(time.Unix(0, n)), true
}

// Store is what the listener reads: statistics for /healthz and a
// consistent copy for /backup. *store.DB implements it.
type Store interface {
	Stats() (store.Stats, error)
	Backup(w io.Writer) (int64, error)
}

// Server serves /healthz, /metrics and /backup.
type Server struct {
	DB Store
	// Telegram is marked on every successful Bot API call; nil when the
	// bot does not run. Healthy while within TelegramWindow.
	Telegram       *Beat
	TelegramWindow time.Duration // 10 minutes when zero
	// Poller is marked by the feed poller on every round; nil when no
	// feeds are configured. Healthy while within PollerWindow.
	Poller       *Beat
	PollerWindow time.Duration // 3 poll intervals is a good choice; 30 minutes when zero
	// BackupToken, when set, enables GET /backup for requests bearing it.
	BackupToken string
	Now         func() time.Time
}

// Handler returns the listener's routes.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", s.healthz)
	mux.Handle("GET /metrics", metrics.Handler())
	mux.HandleFunc("GET /backup", s.backup)
	return mux
}

func (s *Server) now() time.Time {
	if s.Now != nil {
		return s.Now()
	}
	return time.Now()
}

// healthz reports 200 when the database is readable and the bot and poller
// (where they run) were alive recently, else 503; the body names each check.
func (s *Server) healthz(w http.ResponseWriter, _ *http.Request) {
	checks := map[string]string{}
	ok := true
	fail := func(name, why string) { checks[name], ok = why, false }
	if _, err := s.DB.Stats(); err != nil {
		fail("database", err.Error())
	} else {
		checks["database"] = "ok"
	}
	now := s.now()
	beat := func(name string, b *Beat, window, def time.Duration) {
		if b == nil {
			return
		}
		if window == 0 {
			window = def
		}
		ago, seen := b.Since(now)
		switch {
		case !seen:
			fail(name, "not yet seen")
		case ago > window:
			fail(name, fmt.Sprintf("last seen %s ago", ago.Round(time.Second)))
		default:
			checks[name] = "ok"
		}
	}
	beat("telegram", s.Telegram, s.TelegramWindow, 10*time.Minute)
	beat("feeds", s.Poller, s.PollerWindow, 30*time.Minute)
	w.Header().Set("Content-Type", "application/json")
	if !ok {
		w.WriteHeader(http.StatusServiceUnavailable)
	}
	json.NewEncoder(w).Encode(map[string]any{"ok": ok, "checks": checks})
}

// backup streams a consistent snapshot of the live database.
func (s *Server) backup(w http.ResponseWriter, r *http.Request) {
	if s.BackupToken == "" {
		http.NotFound(w, r)
		return
	}
	// Only "Bearer TOKEN": a bare token is what a misconfigured client or
	// a proxy's log leaks, and accepting it would train both.
	got, bearer := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
	if subtle.ConstantTimeCompare([]byte(got), []byte(s.BackupToken)) != 1 || !bearer {
		http.Error(w, "unauthorized", http.StatusUnauthorized)
		return
	}
	w.Header().Set("Content-Type", "application/octet-stream")
	w.Header().Set("Content-Disposition", `attachment; filename="peyvand-backup.db"`)
	// On an error the headers are gone: the truncated body fails the
	// client's verification (peyvand check).
	s.DB.Backup(w)
}
