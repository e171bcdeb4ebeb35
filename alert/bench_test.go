package alert_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/peyvand/peyvand"
	"github.com/peyvand/peyvand/internal/tgtest"
)

// BenchmarkFanOut sends one alert to 10,000 subscribers through the real
// Telegram adapter and the fake Bot API, with the limiter raised to rate
// messages a second. It reports the delivered rate as a share of the
// limit (from the first accepted message to the last), the planning time
// (the ingest transaction that queues 10,000 deliveries), and fails if a
// subscriber got the alert other than once.
//
//	go test ./alert/ -run '^$' -bench FanOut -benchtime 1x
func BenchmarkFanOut(b *testing.B) {
	// Telegram's own 30/s would take five and a half minutes a run; the
	// limiter is the same at any rate.
	for _, rate := range []float64{300, 1000} {
		b.Run(fmt.Sprintf("rate=%g", rate), func(b *testing.B) {
			const subscribers = 10_000
			var ratio, planMS float64
			for range b.N {
				b.StopTimer()
				c := newClock(today)
				e := newEnv(b, "", c.Now)
				api := tgtest.New(b)
				api.KeepCalls(false)
				s := newSender(e, newBot(b, api), c)
				s.Rate, s.Workers = rate, 32
				for id := int64(1); id <= subscribers; id++ {
					e.subscribe(b, id, peyvand.AllPlaces, false)
				}
				b.StartTimer()
				start := time.Now()
				e.ingest(b, dated(kazanIRNA, today))
				planMS += float64(time.Since(start).Microseconds()) / 1000
				drain(b, s)
				b.StopTimer()

				first, last, total := time.Time{}, time.Time{}, 0
				for id := int64(1); id <= subscribers; id++ {
					sent := api.Sent(id)
					if len(sent) != 1 {
						b.Fatalf("chat %d got %d alerts, want 1", id, len(sent))
					}
					at := sent[0].At
					if first.IsZero() || at.Before(first) {
						first = at
					}
					if at.After(last) {
						last = at
					}
					total++
				}
				got := float64(total-1) / last.Sub(first).Seconds()
				ratio += got / rate
				e.close(b)
			}
			ratio /= float64(b.N)
			b.ReportMetric(ratio, "delivered/limit")
			b.ReportMetric(planMS/float64(b.N), "plan-ms")
			if ratio < 0.95 || ratio > 1.05 {
				b.Errorf("delivered at %.3f of the %g/s limit, want within 5%%", ratio, rate)
			}
		})
	}
}
