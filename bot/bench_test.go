package bot

import (
	"context"
	"io"
	"log/slog"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/peyvand/peyvand/chat"
	"github.com/peyvand/peyvand/internal/tgtest"
	"github.com/peyvand/peyvand/reply"
)

// BenchmarkUpdates measures updates handled per second end to end: the
// fake Bot API serves b.N private text updates across 200 chats through
// getUpdates, a trivial handler echoes each with a linked citation, and the
// bot sends the answer back as HTML. Latency runs from getUpdates
// returning an update to its answer arriving at the fake API.
//
// "flood" pushes all b.N at once: the rate is the adapter's ceiling, and
// the latency mostly time spent queued behind the others. "500/s" pushes
// them at the target rate, one every 2ms: the latency is a reply's own.
func BenchmarkUpdates(b *testing.B) {
	h := &echo{handle: func(_ context.Context, m chat.Message, _ func(string)) []reply.Message {
		return []reply.Message{{Text: "پاسخ: " + m.Text + " [1]", Citations: testCites, ReplyTo: m.MessageID}}
	}}
	b.Run("flood", func(b *testing.B) { benchUpdates(b, h, 0, nil) })
	b.Run("500/s", func(b *testing.B) { benchUpdates(b, h, 2*time.Millisecond, nil) })
}

// benchUpdates pushes b.N updates, one every every (all at once when
// zero), with texts taken in turn from texts (a fixed question when nil).
func benchUpdates(b *testing.B, h Handler, every time.Duration, texts []string) {
	f := tgtest.New(b)
	var (
		mu       sync.Mutex
		served   = map[int]time.Time{} // message id → when getUpdates returned it
		answered = map[int]bool{}
		latency  []time.Duration
		done     = make(chan struct{})
		want     int
	)
	f.KeepCalls(false)
	f.OnServe(func(ids []int) {
		now := time.Now()
		mu.Lock()
		for _, id := range ids {
			if _, ok := served[id]; !ok {
				served[id] = now
			}
		}
		mu.Unlock()
	})
	f.OnSend(func(c tgtest.Call) {
		id := c.Int("reply_to_message_id")
		mu.Lock()
		t, ok := served[id]
		if !ok || answered[id] { // a later part of a split answer
			mu.Unlock()
			return
		}
		answered[id] = true
		latency = append(latency, time.Since(t))
		if len(latency) == want {
			close(done)
		}
		mu.Unlock()
	})

	cfg := testConfig(f, &logBuf{}, &sleeps{})
	cfg.Logger = slog.New(slog.NewTextHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	cfg.Workers = 8
	bot, err := New(context.Background(), cfg, h)
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	stopped := make(chan error, 1)
	go func() { stopped <- bot.Run(ctx) }()
	defer func() { cancel(); <-stopped }()

	ups := make([]map[string]any, b.N)
	for i := range ups {
		// The update id doubles as the message id, to find it again.
		text := "شریکان تجاری تبریز کدام کشورها هستند؟"
		if len(texts) > 0 {
			text = texts[i%len(texts)]
		}
		u := messageUpdate(tgMsg{chat: int64(1 + i%200), id: 0, text: text})
		id := u["update_id"].(int)
		u["message"].(map[string]any)["message_id"] = id
		ups[i] = u
	}
	mu.Lock()
	want = b.N
	mu.Unlock()
	b.ResetTimer()
	start := time.Now()
	if every == 0 {
		f.Push(ups...)
	} else {
		next := start
		for _, u := range ups {
			f.Push(u)
			next = next.Add(every)
			time.Sleep(time.Until(next))
		}
	}
	<-done
	elapsed := time.Since(start)
	b.StopTimer()

	mu.Lock()
	slices.Sort(latency)
	p := func(q float64) float64 {
		return float64(latency[int(q*float64(len(latency)-1))]) / float64(time.Millisecond)
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "updates/s")
	b.ReportMetric(p(0.50), "p50-ms")
	b.ReportMetric(p(0.99), "p99-ms")
	mu.Unlock()
}
