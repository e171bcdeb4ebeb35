package bot

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/reply"
)

// fakeClock moves only when a pacer sleeps on it.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) sleep(_ context.Context, d time.Duration) error {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
	return nil
}

func TestPacerLimits(t *testing.T) {
	clk := &fakeClock{t: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}
	ctx := context.Background()

	// Over all chats: 30 a second.
	p := newPacer(30, clk.now, clk.sleep)
	start := clk.now()
	for i := range 90 {
		if err := p.wait(ctx, int64(1000+i), replyLane); err != nil {
			t.Fatal(err)
		}
	}
	if d := clk.now().Sub(start); d < 2900*time.Millisecond || d > 3100*time.Millisecond {
		t.Errorf("90 sends to 90 chats took %s; want about 3s at 30 a second", d)
	}

	// One private chat: a burst of three, then one a second; a group one
	// each three seconds.
	for _, tc := range []struct {
		chat int64
		want time.Duration
	}{{7, 3 * time.Second}, {-100, 9 * time.Second}} {
		p = newPacer(30, clk.now, clk.sleep)
		start = clk.now()
		for range 6 {
			p.wait(ctx, tc.chat, replyLane)
		}
		if d := clk.now().Sub(start); d < tc.want-100*time.Millisecond || d > tc.want+100*time.Millisecond {
			t.Errorf("six sends to chat %d took %s; want about %s", tc.chat, d, tc.want)
		}
	}

	// A 429's retry_after holds every chat.
	p = newPacer(30, clk.now, clk.sleep)
	p.holdFor(5 * time.Second)
	start = clk.now()
	p.wait(ctx, 42, alertLane)
	if d := clk.now().Sub(start); d < 5*time.Second {
		t.Errorf("a send after a 5s hold waited %s", d)
	}

	// An alert waits while a reply waits.
	p = newPacer(30, clk.now, clk.sleep)
	p.replies = 1
	if d, _ := p.take(42, alertLane); d == 0 {
		t.Error("an alert took a slot while a reply was waiting")
	}
	if d, _ := p.take(43, replyLane); d != 0 {
		t.Errorf("the reply waited %s", d)
	}

	// A reply held by its own group's allowance holds back no alert.
	p = newPacer(30, clk.now, clk.sleep)
	for range chatBurst {
		p.wait(ctx, -100, replyLane)
	}
	clk.sleep(ctx, 100*time.Millisecond) // past the global step
	if d, global := p.take(-100, replyLane); d == 0 || global {
		t.Errorf("the group's fourth reply: wait %s, global %v; want its own allowance to hold it", d, global)
	}
	clk.sleep(ctx, time.Second)
	if d, _ := p.take(42, alertLane); d != 0 {
		t.Errorf("an alert to another chat waited %s behind a reply held by its group", d)
	}
}

// TestSendsStayUnderTelegramsRate: alerts fanned out to 120 chats through
// Send against a Bot API that refuses more than 30 messages a second are
// all delivered, none refused.
func TestSendsStayUnderTelegramsRate(t *testing.T) {
	if testing.Short() {
		t.Skip("takes four seconds")
	}
	api := tgtest.New(t)
	var mu sync.Mutex
	var window []time.Time
	var refused atomic.Int32
	api.Decide(func(c tgtest.Call) tgtest.Answer {
		if c.Method != "sendMessage" {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		now := time.Now()
		for len(window) > 0 && now.Sub(window[0]) >= time.Second {
			window = window[1:]
		}
		if len(window) >= 32 { // 30 a second, with a little slack for the clock
			refused.Add(1)
			return tgtest.Refuse(429, "Too Many Requests: retry after 1", 1)
		}
		window = append(window, now)
		return nil
	})
	b, err := New(context.Background(), Config{Token: tgtest.Token, APIEndpoint: api.Endpoint(), Logger: slog.New(slog.DiscardHandler)}, &echo{})
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	var failed atomic.Int32
	for i := range 120 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := b.Send(context.Background(), int64(5000+i), reply.Message{Text: "تفاهم‌نامه تازه"}); err != nil {
				failed.Add(1)
			}
		}()
	}
	wg.Wait()
	if refused.Load() > 0 || failed.Load() > 0 {
		t.Errorf("%d sends refused with 429, %d failed; want none", refused.Load(), failed.Load())
	}
}
