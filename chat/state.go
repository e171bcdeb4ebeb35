package chat

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"strconv"
	"sync"
	"time"

	"github.com/peyvand/peyvand/question"
)

// remember records a turn for a chat's buttons and follow-ups and gives it
// its id. asked, when set, becomes the question a follow-up builds on;
// small talk and nonsense leave the last question in place.
func (c *Core) remember(chatID int64, t *turn, asked *question.Question) *turn {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.stateOf(chatID)
	if st.nextID == 0 {
		st.nextID = firstTurnID()
	}
	st.nextID++
	t.id = st.nextID
	st.turns = append(st.turns, t)
	if len(st.turns) > turnsKept {
		st.turns = slices.Delete(st.turns, 0, len(st.turns)-turnsKept)
	}
	if asked != nil && asked.Intent != question.SmallTalk && asked.Intent != question.Nonsense {
		st.last = asked
	}
	st.used = c.Now()
	return t
}

// stateOf returns a chat's state, made (and an old chat's forgotten) when
// it has none. c.mu is held.
func (c *Core) stateOf(chatID int64) *chatState {
	st := c.chats[chatID]
	if st == nil {
		if len(c.chats) >= maxChats {
			c.evict()
		}
		st = &chatState{}
		c.chats[chatID] = st
	}
	return st
}

// evict forgets the least recently used tenth of the chats.
func (c *Core) evict() {
	type aged struct {
		id   int64
		used time.Time
	}
	all := make([]aged, 0, len(c.chats))
	for id, st := range c.chats {
		all = append(all, aged{id, st.used})
	}
	sort.Slice(all, func(i, j int) bool { return all[i].used.Before(all[j].used) })
	for _, a := range all[:max(1, len(all)/10)] {
		delete(c.chats, a.id)
	}
}

// lastQuestion is the question a follow-up in the chat builds on, or nil.
func (c *Core) lastQuestion(chatID int64) *question.Question {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.chats[chatID]; st != nil {
		return st.last
	}
	return nil
}

// setExamples keeps the examples /start offered, for their buttons.
func (c *Core) setExamples(chatID int64, ex []string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	st := c.stateOf(chatID)
	st.examples, st.used = ex, c.Now()
}

// example is the i-th example /start offered the chat, "" when gone.
func (c *Core) example(chatID int64, i int) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.chats[chatID]; st != nil && i >= 0 && i < len(st.examples) {
		return st.examples[i]
	}
	return ""
}

// lastTurn is the chat's latest answer, or nil.
func (c *Core) lastTurn(chatID int64) *turn {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.chats[chatID]; st != nil && len(st.turns) > 0 {
		return st.turns[len(st.turns)-1]
	}
	return nil
}

// firstTurnID starts a chat's turn ids at a random point, so that the
// buttons of a message from before a restart (or before the chat was
// forgotten) name no turn of the new process: ids are written in base 36,
// four or five letters, and a chat makes a few hundred turns a day at most.
func firstTurnID() int {
	const lo, hi = 36 * 36 * 36, 36*36*36*36 - 1000
	return lo + rand.IntN(hi-lo)
}

// turnKey is how a button writes a turn's id.
func turnKey(id int) string { return strconv.FormatInt(int64(id), 36) }

// turnByID finds a recent turn by the id a button carries.
func (c *Core) turnByID(chatID int64, id string) *turn {
	n64, err := strconv.ParseInt(id, 36, 64)
	if err != nil || n64 <= 0 || n64 > math.MaxInt32 {
		return nil
	}
	n := int(n64)
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.chats[chatID]; st != nil {
		for _, t := range st.turns {
			if t.id == n {
				return t
			}
		}
	}
	return nil
}

// latencies keeps the last answer latencies for /stats.
type latencies struct {
	mu   sync.Mutex
	ring [1000]time.Duration
	n    int // total recorded
}

func (l *latencies) add(d time.Duration) {
	l.mu.Lock()
	l.ring[l.n%len(l.ring)] = d
	l.n++
	l.mu.Unlock()
}

// percentiles returns p50, p90, p99 over the kept latencies and how many
// there are.
func (l *latencies) percentiles() (p50, p90, p99 time.Duration, n int) {
	l.mu.Lock()
	n = min(l.n, len(l.ring))
	ds := slices.Clone(l.ring[:n])
	l.mu.Unlock()
	if n == 0 {
		return 0, 0, 0, 0
	}
	slices.Sort(ds)
	at := func(p float64) time.Duration { return ds[min(n-1, int(p*float64(n)))] }
	return at(0.5), at(0.9), at(0.99), n
}
