package alert_test

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/bot"
	"github.com/peyvand/peyvand/internal/tgtest"
)

const killChats = 5

// TestKilledBeforeDelivery kills the process (SIGKILL: nothing runs on
// the way out) after the article and its alerts committed: once before
// the sender started, once while every send was in flight and
// unanswered. After a restart each subscriber gets the alert exactly
// once, and a second restart sends nothing more.
func TestKilledBeforeDelivery(t *testing.T) {
	if os.Getenv("PEYVAND_ALERT_KILL") != "" {
		t.Skip("running as the child")
	}
	if testing.Short() {
		t.Skip("spawns a subprocess")
	}
	for _, mode := range []string{"committed", "sending"} {
		t.Run(mode, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "alerts.db")
			api := tgtest.New(t)
			release := make(chan struct{})
			defer close(release)
			api.Decide(func(c tgtest.Call) tgtest.Answer {
				if c.Method == "sendMessage" {
					return tgtest.Hang(release) // the child dies waiting
				}
				return nil
			})
			cmd := exec.Command(os.Args[0], "-test.run=^TestKillChild$", "-test.v")
			cmd.Env = append(os.Environ(), "PEYVAND_ALERT_KILL="+mode, "PEYVAND_ALERT_DB="+path, "PEYVAND_ALERT_API="+api.Endpoint())
			out, err := cmd.StdoutPipe()
			if err != nil {
				t.Fatal(err)
			}
			cmd.Stderr = os.Stderr
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			sc := bufio.NewScanner(out)
			for sc.Scan() && sc.Text() != "committed" {
			}
			if mode == "sending" {
				deadline := time.Now().Add(10 * time.Second)
				for countSends(api) < killChats && time.Now().Before(deadline) {
					time.Sleep(5 * time.Millisecond)
				}
				if n := countSends(api); n < killChats {
					t.Fatalf("the child started %d sends, want %d in flight before the kill", n, killChats)
				}
			}
			cmd.Process.Kill()
			cmd.Wait()
			if api.Total() != 0 {
				t.Fatalf("the child had sends accepted: %v", api.Chats())
			}

			api.Decide(nil) // Telegram answers again
			for restart := 1; restart <= 2; restart++ {
				c := newClock(today.Add(time.Duration(restart) * time.Minute)) // the restart comes later
				e := newEnv(t, path, c.Now)
				s := newSender(e, newBot(t, api), c)
				drain(t, s)
				e.close(t)
				for id := int64(1); id <= killChats; id++ {
					if n := len(api.Sent(id)); n != 1 {
						t.Errorf("after restart %d: chat %d got %d alerts, want 1", restart, id, n)
					}
				}
			}
		})
	}
}

func countSends(api *tgtest.Server) int {
	n := 0
	for _, c := range api.Calls() {
		if c.Method == "sendMessage" {
			n++
		}
	}
	return n
}

// TestKillChild is the process TestKilledBeforeDelivery kills: it stores
// an alert-worthy article for killChats subscribers, says "committed",
// and then either waits or starts sending.
func TestKillChild(t *testing.T) {
	mode := os.Getenv("PEYVAND_ALERT_KILL")
	if mode == "" {
		t.Skip("run by TestKilledBeforeDelivery")
	}
	c := newClock(today)
	e := newEnv(t, os.Getenv("PEYVAND_ALERT_DB"), c.Now)
	for id := int64(1); id <= killChats; id++ {
		e.subscribe(t, id, peyvand.AllPlaces, false)
	}
	e.ingest(t, dated(kazanIRNA, today))
	os.Stdout.WriteString("committed\n")
	if mode == "committed" {
		time.Sleep(time.Minute)
		return
	}
	b, err := bot.New(context.Background(), bot.Config{Token: tgtest.Token, APIEndpoint: os.Getenv("PEYVAND_ALERT_API"), Logger: quiet,
		RequestTimeout: time.Minute}, idle{})
	if err != nil {
		t.Fatal(err)
	}
	s := newSender(e, b, c)
	s.Drain(context.Background())
}
