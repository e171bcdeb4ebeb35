package chat

import (
	"sync"
	"time"
)

// limiter allows each user n requests in any window: a sliding log, so a
// burst is allowed and the wait is exact.
type limiter struct {
	n      int
	window time.Duration

	mu    sync.Mutex
	users map[int64][]time.Time
}

func newLimiter(n int, window time.Duration) *limiter {
	return &limiter{n: n, window: window, users: make(map[int64][]time.Time)}
}

// allow records a request by user at now, or returns how long to wait.
func (l *limiter) allow(user int64, now time.Time) (wait time.Duration, ok bool) {
	if l.n <= 0 {
		return 0, true
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	log := l.users[user]
	cut := 0
	for cut < len(log) && now.Sub(log[cut]) >= l.window {
		cut++
	}
	log = log[cut:]
	if len(log) >= l.n {
		l.users[user] = log
		return log[0].Add(l.window).Sub(now), false
	}
	l.users[user] = append(log, now)
	if len(l.users) > 100_000 {
		l.sweep(now)
	}
	return 0, true
}

// sweep forgets users with no request in the window, bounding memory.
func (l *limiter) sweep(now time.Time) {
	for u, log := range l.users {
		if len(log) == 0 || now.Sub(log[len(log)-1]) >= l.window {
			delete(l.users, u)
		}
	}
}
