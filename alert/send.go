package alert

import (
	"container/heap"
	"context"
	"errors"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/peyvand/peyvand/metrics"
	"github.com/peyvand/peyvand/places"
	"github.com/peyvand/peyvand/reply"
	"github.com/peyvand/peyvand/store"
)

// Defaults of a Sender, from Telegram's published limits: about 30
// messages a second overall, one a second to a chat, 20 a minute to a
// group.
const (
	DefaultRate          = 30
	DefaultChatInterval  = time.Second
	DefaultGroupInterval = 3 * time.Second
	DefaultWorkers       = 16
	DefaultMaxAttempts   = 10
	DefaultRetryBase     = 30 * time.Second
	DefaultMaxBackoff    = time.Hour
	DefaultRetain        = 30 * 24 * time.Hour
	// DefaultDigestSize keeps a digest within one Telegram message: five
	// events of at most maxDigestCites outlets each.
	DefaultDigestSize = 5
)

// The Send function's errors say what to do next through these methods;
// the Telegram adapter's errors have them.
type (
	rateLimited interface{ RetryIn() time.Duration } // 429: wait this long
	refused     interface{ Gone() bool }             // the chat refused the bot
	temporary   interface{ Temporary() bool }        // 5xx, network, timeout
)

// Outbox is the transactional outbox the sender drains: events and their
// deliveries, written in one transaction with the article that raised them.
// *store.DB implements it.
type Outbox interface {
	Outbox(fn func(store.Delivery) error) error
	Event(id uint64) ([]byte, error)
	Sent(ds ...store.Delivery) error
	Drop(ds ...store.Delivery) error
	Reschedule(ds ...store.Delivery) error
	Gone(chatID int64) (int, error)
	Events(fn func(id uint64, data []byte) error) error
	DeleteEvent(id uint64) error
}

// Sender sends queued deliveries. Run it once per database.
type Sender struct {
	DB Outbox
	// Send delivers one message to a chat (the Telegram adapter's
	// Bot.Send); it is called concurrently.
	Send   func(ctx context.Context, chatID int64, r reply.Message) error
	Places *places.Gazetteer // places.Default() when nil

	Rate          float64       // messages a second, all chats together; DefaultRate when zero
	ChatInterval  time.Duration // least time between messages to one private chat
	GroupInterval time.Duration // least time between messages to one group
	Workers       int           // sends in flight at once
	MaxAttempts   int           // failed sends (5xx, network) before a delivery is dropped
	RetryBase     time.Duration // wait after the first failed send, doubled per failure
	MaxBackoff    time.Duration // longest wait between attempts
	Retain        time.Duration // events older than this are pruned with their records
	DigestSize    int           // events per digest message

	Now  func() time.Time // time.Now when nil
	Log  *slog.Logger     // slog.Default() when nil
	once sync.Once
	wake chan struct{}

	// The limiter's state outlives a Drain: a new round must not send to
	// a chat sooner than the last round allows. One Drain runs at a time.
	drainMu  sync.Mutex
	slot     time.Time           // the next send the global rate allows
	chatNext map[int64]time.Time // the next send each chat allows
}

func (s *Sender) init() {
	s.once.Do(func() {
		s.wake = make(chan struct{}, 1)
		s.chatNext = map[int64]time.Time{}
		if s.Rate <= 0 {
			s.Rate = DefaultRate
		}
		if s.ChatInterval == 0 {
			s.ChatInterval = DefaultChatInterval
		}
		if s.GroupInterval == 0 {
			s.GroupInterval = DefaultGroupInterval
		}
		if s.Workers <= 0 {
			s.Workers = DefaultWorkers
		}
		if s.MaxAttempts <= 0 {
			s.MaxAttempts = DefaultMaxAttempts
		}
		if s.RetryBase <= 0 {
			s.RetryBase = DefaultRetryBase
		}
		if s.MaxBackoff <= 0 {
			s.MaxBackoff = DefaultMaxBackoff
		}
		if s.Retain <= 0 {
			s.Retain = DefaultRetain
		}
		if s.DigestSize <= 0 {
			s.DigestSize = DefaultDigestSize
		}
		if s.Now == nil {
			s.Now = time.Now
		}
		if s.Log == nil {
			s.Log = slog.Default()
		}
		if s.Places == nil {
			s.Places = places.Default()
		}
	})
}

// Wake tells the sender that deliveries were queued. It never blocks.
func (s *Sender) Wake() {
	s.init()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run sends deliveries as they fall due until ctx ends, then returns
// nil. Database failures are logged and retried; they do not stop it.
func (s *Sender) Run(ctx context.Context) error {
	s.init()
	pruned := time.Time{}
	for {
		if now := s.Now(); now.Sub(pruned) > time.Hour {
			s.prune(now)
			pruned = now
		}
		next, err := s.Drain(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if err != nil {
			s.Log.Error("alert sender", "err", err)
			next = s.Now().Add(30 * time.Second)
		}
		wait := time.Hour
		if !next.IsZero() {
			wait = min(wait, next.Sub(s.Now()))
		}
		t := time.NewTimer(max(wait, 0))
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-s.wake:
		case <-t.C:
		}
		t.Stop()
	}
}

// job is one message: an alert, or a digest of several events.
type job struct {
	chatID int64
	ds     []store.Delivery
	ready  time.Time
	seq    int
}

type result struct {
	j   *job
	err error
}

// round is the state of one Drain.
type round struct {
	s      *Sender
	q      jobQueue
	queued map[[2]int64]bool // (event, chat) held by a job of this round
	gone   map[int64]bool
	busy   map[int64]bool // a send to the chat is in flight
	next   time.Time      // the earliest due time left for a later round
	seq    int
	events sync.Map // event id → Story, read once a round
}

// Drain sends every delivery that is due, and those queued while it
// runs, within the rate limits, and returns when none is left to send
// now. It returns the earliest due time of what is left (zero if
// nothing is).
func (s *Sender) Drain(ctx context.Context) (time.Time, error) {
	s.init()
	s.drainMu.Lock()
	defer s.drainMu.Unlock()
	now := s.Now()
	for id, t := range s.chatNext {
		if t.Before(now) {
			delete(s.chatNext, id)
		}
	}
	r := &round{s: s, queued: map[[2]int64]bool{}, gone: map[int64]bool{}, busy: map[int64]bool{}}
	if err := r.load(); err != nil {
		return time.Time{}, err
	}
	work := make(chan *job)
	results := make(chan result)
	var wg sync.WaitGroup
	for range s.Workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range work {
				// A send in flight when ctx ends is let finish: cut off, it
				// may have reached the chat and would be sent again.
				sctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), sendGrace)
				err := r.send(sctx, j)
				cancel()
				if err != nil && ctx.Err() != nil {
					err = errStopped
				}
				results <- result{j, err}
			}
		}()
	}
	defer func() {
		close(work)
		wg.Wait()
	}()
	inflight := 0
	timer := time.NewTimer(0)
	defer timer.Stop()
	for r.q.Len() > 0 || inflight > 0 {
		if ctx.Err() != nil && inflight == 0 {
			break
		}
		if r.dispatch(ctx, work, inflight, timer) {
			inflight++
			continue
		}
		done := ctx.Done()
		if ctx.Err() != nil {
			done = nil // only the sends in flight are awaited now
		}
		select {
		case res := <-results:
			inflight--
			r.busy[res.j.chatID] = false
			r.done(res)
		case <-s.wake:
			r.events.Clear() // an outlet may have joined an event: cite it
			if err := r.load(); err != nil {
				s.Log.Error("alert sender: reload", "err", err)
			}
		case <-timer.C:
		case <-done:
		}
	}
	return r.next, ctx.Err()
}

func later(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

// dispatch hands the first job that may go now to a worker and reports
// whether it did; otherwise it sets the timer for when one may.
func (r *round) dispatch(ctx context.Context, work chan<- *job, inflight int, timer *time.Timer) bool {
	s := r.s
	for r.q.Len() > 0 && inflight < s.Workers && ctx.Err() == nil {
		now := s.Now()
		j := r.q[0]
		if at := later(j.ready, s.slot); at.After(now) {
			timer.Reset(at.Sub(now))
			return false
		}
		heap.Pop(&r.q)
		if r.gone[j.chatID] {
			r.forget(j)
			continue
		}
		// A chat not free yet (its interval, or a send in flight) puts its
		// job back; other chats' jobs behind it go first.
		if t := s.chatNext[j.chatID]; t.After(now) || r.busy[j.chatID] {
			j.ready = later(t, now.Add(s.interval(j.chatID)/4))
			heap.Push(&r.q, j)
			continue
		}
		s.slot = r.nextSlot(now)
		s.chatNext[j.chatID] = now.Add(s.interval(j.chatID))
		r.busy[j.chatID] = true
		work <- j
		return true
	}
	return false
}

// nextSlot is the earliest time the send after one made now may go: one
// step after this send's slot. A send that went a little late (timer
// slack, a busy machine: up to a step or lateTolerance) keeps the
// schedule, so the sends after it catch up and the delivered rate does
// not fall short of Rate; after a longer idle spell the step counts from
// now, so no burst follows it.
func (r *round) nextSlot(now time.Time) time.Time {
	step := time.Duration(float64(time.Second) / r.s.Rate)
	if r.s.slot.Before(now.Add(-max(step, lateTolerance))) {
		return now.Add(step)
	}
	return r.s.slot.Add(step)
}

// lateTolerance is how late a send may go and still keep the schedule.
const lateTolerance = 20 * time.Millisecond

// interval is the least time between two messages to a chat: groups
// (negative ids) have the stricter limit.
func (s *Sender) interval(chatID int64) time.Duration {
	if chatID < 0 {
		return s.GroupInterval
	}
	return s.ChatInterval
}

// load adds the due deliveries not yet held to the queue: one job per
// per-event delivery, and a chat's due digest lines in jobs of
// DigestSize. What is not due yet sets next.
func (r *round) load() error {
	now := r.s.Now()
	digests := map[int64][]store.Delivery{}
	var order []int64
	err := r.s.DB.Outbox(func(d store.Delivery) error {
		key := [2]int64{int64(d.EventID), d.ChatID}
		if r.queued[key] || r.gone[d.ChatID] {
			return nil
		}
		if d.Due.After(now) {
			if r.next.IsZero() || d.Due.Before(r.next) {
				r.next = d.Due
			}
			return nil
		}
		r.queued[key] = true
		if d.Digest {
			if digests[d.ChatID] == nil {
				order = append(order, d.ChatID)
			}
			digests[d.ChatID] = append(digests[d.ChatID], d)
			return nil
		}
		r.push(&job{chatID: d.ChatID, ds: []store.Delivery{d}, ready: now})
		return nil
	})
	for _, chatID := range order {
		ds := digests[chatID]
		for len(ds) > 0 {
			n := min(len(ds), r.s.DigestSize)
			r.push(&job{chatID: chatID, ds: ds[:n:n], ready: now})
			ds = ds[n:]
		}
	}
	return err
}

func (r *round) push(j *job) {
	r.seq++
	j.seq = r.seq
	heap.Push(&r.q, j)
}

func (r *round) forget(j *job) {
	for _, d := range j.ds {
		delete(r.queued, [2]int64{int64(d.EventID), d.ChatID})
	}
}

// send renders a job and sends it; once Telegram has accepted it, the
// deliveries are recorded as sent (in a commit shared with the other
// workers').
func (r *round) send(ctx context.Context, j *job) error {
	reply, err := r.render(j)
	if err != nil {
		return err
	}
	if err := r.s.Send(ctx, j.chatID, reply); err != nil {
		return err
	}
	if err := r.s.DB.Sent(j.ds...); err != nil {
		// Sent, but not recorded: it will be sent again. Say so loudly.
		r.s.Log.Error("alert sent but not recorded; it may be repeated", "event", j.ds[0].EventID, "err", err)
	}
	return nil
}

// sendGrace is how long a send in flight may finish after the sender
// is stopped.
const sendGrace = 10 * time.Second

var (
	errNoEvent = errors.New("the delivery's event is gone")
	errStopped = errors.New("sender stopped")
)

// readError is a failure to read an event: worth another try later.
type readError struct{ err error }

func (e readError) Error() string   { return "read alert event: " + e.err.Error() }
func (e readError) Unwrap() error   { return e.err }
func (e readError) Temporary() bool { return true }

// render is a job's message. A missing event (pruned, or a record this
// code cannot decode) is errNoEvent: its deliveries are dropped.
func (r *round) render(j *job) (reply.Message, error) {
	var evs []Story
	var subPlaces []string
	for _, d := range j.ds {
		ev, err := r.event(d.EventID)
		if errors.Is(err, errNoEvent) {
			continue
		}
		if err != nil {
			return reply.Message{}, err
		}
		evs = append(evs, ev)
		subPlaces = append(subPlaces, d.Place)
	}
	switch {
	case len(evs) == 0:
		return reply.Message{}, errNoEvent
	case !j.ds[0].Digest:
		return Render(r.s.Places, evs[0], subPlaces[0]), nil
	}
	return RenderDigest(r.s.Places, evs, subPlaces), nil
}

func (r *round) event(id uint64) (Story, error) {
	if v, ok := r.events.Load(id); ok {
		return v.(Story), nil
	}
	data, err := r.s.DB.Event(id)
	if err != nil {
		return Story{}, readError{err}
	}
	if data == nil {
		return Story{}, errNoEvent
	}
	ev, err := DecodeStory(id, data)
	if err != nil {
		r.s.Log.Error("alert event unreadable", "event", id, "err", err)
		return Story{}, errNoEvent
	}
	r.events.Store(id, ev)
	return ev, nil
}

// done acts on a send's outcome: recorded, retried after the time
// Telegram asked for, retried later with backoff, or given up.
func (r *round) done(res result) {
	s, j, err := r.s, res.j, res.err
	log := s.Log.With("event", j.ds[0].EventID, "deliveries", len(j.ds))
	var (
		ra   rateLimited
		gone refused
		tmp  temporary
	)
	switch {
	case err == nil:
		r.forget(j)
		metrics.Alerts.WithLabelValues("sent").Add(float64(len(j.ds)))
	case errors.Is(err, errStopped):
		r.forget(j) // shutting down: still queued in the store
	case errors.As(err, &ra) && ra.RetryIn() > 0:
		// Flood control: everything waits, this job first in line after.
		now := s.Now()
		s.slot = later(s.slot, now.Add(ra.RetryIn()))
		j.ready = now.Add(ra.RetryIn())
		heap.Push(&r.q, j)
		metrics.Alerts.WithLabelValues("throttled").Inc()
		log.Warn("alert throttled by Telegram", "retry_after", ra.RetryIn())
	case errors.As(err, &gone) && gone.Gone():
		r.gone[j.chatID] = true
		r.forget(j)
		n, derr := s.DB.Gone(j.chatID)
		if derr != nil {
			log.Error("pause a chat that refused the bot", "err", derr)
		}
		metrics.Alerts.WithLabelValues("dropped").Add(float64(n))
		log.Info("chat refused the bot; its subscriptions are paused", "dropped", n)
	case errors.As(err, &tmp) && tmp.Temporary():
		r.retryLater(j, err, log)
	default:
		r.forget(j)
		if derr := s.DB.Drop(j.ds...); derr != nil {
			log.Error("drop an alert", "err", derr)
		}
		metrics.Alerts.WithLabelValues("failed").Add(float64(len(j.ds)))
		log.Error("alert not sent; dropped", "err", err)
	}
}

// retryLater reschedules a job's deliveries after a failed send, with
// exponential backoff, or drops them after MaxAttempts.
func (r *round) retryLater(j *job, err error, log *slog.Logger) {
	s := r.s
	r.forget(j)
	ds := make([]store.Delivery, len(j.ds))
	copy(ds, j.ds)
	var drop []store.Delivery
	keep := ds[:0]
	now := s.Now()
	for _, d := range ds {
		d.Attempts++
		d.LastError = err.Error()
		if d.Attempts >= s.MaxAttempts {
			drop = append(drop, d)
			continue
		}
		wait := min(s.RetryBase<<min(d.Attempts-1, 20), s.MaxBackoff)
		d.Due = now.Add(wait/2 + rand.N(wait/2+1))
		if r.next.IsZero() || d.Due.Before(r.next) {
			r.next = d.Due
		}
		keep = append(keep, d)
	}
	if derr := s.DB.Reschedule(keep...); derr != nil {
		log.Error("reschedule an alert", "err", derr)
	}
	if len(drop) > 0 {
		if derr := s.DB.Drop(drop...); derr != nil {
			log.Error("drop an alert", "err", derr)
		}
		metrics.Alerts.WithLabelValues("failed").Add(float64(len(drop)))
		log.Error("alert dropped after repeated failures", "attempts", s.MaxAttempts, "err", err)
		return
	}
	log.Warn("alert send failed; retrying later", "err", err)
}

// prune drops events older than Retain with their records: no report
// can join them any more, so their idempotency keys are not needed.
func (s *Sender) prune(now time.Time) {
	var old []uint64
	err := s.DB.Events(func(id uint64, data []byte) error {
		ev, err := DecodeStory(id, data)
		if err == nil && now.Sub(ev.Created) > s.Retain {
			old = append(old, id)
		}
		return nil
	})
	for _, id := range old {
		if err == nil {
			err = s.DB.DeleteEvent(id)
		}
	}
	if err != nil {
		s.Log.Error("prune alert events", "err", err)
	}
}

// jobQueue is a heap of jobs by ready time, then queue order.
type jobQueue []*job

func (q jobQueue) Len() int { return len(q) }
func (q jobQueue) Less(i, j int) bool {
	if !q[i].ready.Equal(q[j].ready) {
		return q[i].ready.Before(q[j].ready)
	}
	return q[i].seq < q[j].seq
}
func (q jobQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *jobQueue) Push(x any)   { *q = append(*q, x.(*job)) }
func (q *jobQueue) Pop() any {
	old := *q
	j := old[len(old)-1]
	*q = old[:len(old)-1]
	return j
}
