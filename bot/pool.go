package bot

import (
	"context"
	"errors"
	"sync"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"
)

// errClosed is returned by pool.submit when the pool is not taking updates:
// before Run or once shutdown has begun.
var errClosed = errors.New("bot: not taking updates")

// job is one update on its way to the handler.
type job struct {
	key      int64 // the chat it belongs to; the order is kept per key
	update   tgbotapi.Update
	received time.Time
}

// pool runs jobs on at most workers goroutines at once, in order within a
// key and concurrently across keys. Each key with work has one goroutine,
// which takes a worker slot for each job in turn, so a slow chat holds one
// slot and the others go on. At most limit jobs are held; submit waits for
// room beyond that.
type pool struct {
	run   func(ctx context.Context, j job)
	sem   chan struct{} // one per job running
	slots chan struct{} // one per job held

	mu         sync.Mutex
	ctx        context.Context
	open       bool
	queues     map[int64][]job   // keys with jobs queued or running
	unfinished map[int]time.Time // update ids held, to know where to stop confirming
	wg         sync.WaitGroup
}

func newPool(workers, limit int, run func(context.Context, job)) *pool {
	return &pool{
		run:        run,
		sem:        make(chan struct{}, workers),
		slots:      make(chan struct{}, limit),
		queues:     make(map[int64][]job),
		unfinished: make(map[int]time.Time),
	}
}

// start opens the pool; jobs run with ctx.
func (p *pool) start(ctx context.Context) {
	p.mu.Lock()
	p.ctx, p.open = ctx, true
	p.mu.Unlock()
}

// submit queues j behind the earlier jobs of its key. It waits while the
// pool is full, until ctx ends.
func (p *pool) submit(ctx context.Context, j job) error {
	select {
	case p.slots <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	p.mu.Lock()
	if !p.open {
		p.mu.Unlock()
		<-p.slots
		return errClosed
	}
	p.unfinished[j.update.UpdateID] = j.received
	q, busy := p.queues[j.key]
	p.queues[j.key] = append(q, j)
	if !busy {
		p.wg.Add(1)
		go p.drain(j.key)
	}
	p.mu.Unlock()
	return nil
}

// drain runs the jobs of key, one after the other, until none is left.
func (p *pool) drain(key int64) {
	defer p.wg.Done()
	for {
		p.mu.Lock()
		q := p.queues[key]
		if len(q) == 0 {
			delete(p.queues, key)
			p.mu.Unlock()
			return
		}
		j := q[0]
		q[0] = job{}
		p.queues[key] = q[1:]
		ctx := p.ctx
		p.mu.Unlock()

		p.sem <- struct{}{}
		p.run(ctx, j)
		<-p.sem

		p.mu.Lock()
		delete(p.unfinished, j.update.UpdateID)
		p.mu.Unlock()
		<-p.slots
	}
}

// close stops taking jobs and waits for those held to finish.
func (p *pool) close() {
	p.mu.Lock()
	p.open = false
	p.mu.Unlock()
	p.wg.Wait()
}

// held is how many jobs are queued or running.
func (p *pool) held() int { return len(p.slots) }

// firstUnfinished is the lowest update id still held.
func (p *pool) firstUnfinished() (int, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	first, ok := 0, false
	for id := range p.unfinished {
		if !ok || id < first {
			first, ok = id, true
		}
	}
	return first, ok
}
