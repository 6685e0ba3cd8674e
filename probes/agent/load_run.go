package main

import (
	"sync"
	"sync/atomic"
	"time"
)

// loadRun is one `agent load`: its pairs, each running on its own, and the
// bound they all stop by.
type loadRun struct {
	cfg      *LoadConfig
	out      *loadOutput
	pairs    []*loadPair
	byID     map[string]*loadPair
	t0       time.Time // the start, with its monotonic reading: pairs are scheduled from it
	deadline time.Time // t0 + maxDuration
	opts     loadOptions
	running  sync.WaitGroup
	bound    *time.Timer
}

// loadOptions are knobs for tests only; the zero value is the real agent.
type loadOptions struct {
	// lateBy is added to every sleep: a scheduler that wakes late.
	lateBy time.Duration
	// inflightCap replaces the computed cap when above zero.
	inflightCap int64
}

// loadPair is one pair while it runs. Only its pacer goroutine touches
// requests and dropped; the requests it starts only touch inflight and work.
type loadPair struct {
	LoadPair
	idJSON []byte // the id as a JSON string, encoded once
	cap    int64
	start  time.Time // t0 + Delay: request i is due at start + i/Rate

	inflight          atomic.Int64
	requests, dropped int64
	work              sync.WaitGroup // the requests in flight and the held connection

	// mu orders stopping against starting a request or a ping: what starts
	// does so before stoppedAt, so no line's t is after its pair's stop.
	mu        sync.Mutex
	stopped   bool
	stoppedAt time.Time
	stopCh    chan struct{} // closed on stop, to wake the sleepers
}

// startLoad schedules every pair from now, writes "started", and returns at
// once; wait returns when every pair has stopped and written its pair-done.
func startLoad(cfg *LoadConfig, out *loadOutput, opts loadOptions) *loadRun {
	t0 := time.Now()
	r := &loadRun{cfg: cfg, out: out, byID: map[string]*loadPair{}, t0: t0, deadline: t0.Add(cfg.MaxDuration), opts: opts}
	for _, lp := range cfg.Pairs {
		p := &loadPair{
			LoadPair: lp,
			idJSON:   appendJSONString(nil, lp.ID),
			cap:      inflightCap(lp.Rate, cfg.Timeout),
			start:    t0.Add(lp.Delay),
			stopCh:   make(chan struct{}),
		}
		if opts.inflightCap > 0 {
			p.cap = opts.inflightCap
		}
		r.pairs = append(r.pairs, p)
		r.byID[lp.ID] = p
	}
	out.send(loadEvent{kind: evStarted, t: t0.UnixMicro()})
	for _, p := range r.pairs {
		r.running.Add(1)
		go r.runPair(p)
	}
	// The pacers stop themselves at the deadline; this stops the ones asleep
	// (a pair not started yet, a held connection between pings).
	r.bound = time.AfterFunc(cfg.MaxDuration, func() { r.stopAll(r.deadline) })
	return r
}

// stop stops one pair now; false if no pair has that id.
func (r *loadRun) stop(id string) bool {
	p, ok := r.byID[id]
	if ok {
		p.stop(time.Time{})
	}
	return ok
}

// stopAll stops every pair still running, as of at (the zero time: now).
func (r *loadRun) stopAll(at time.Time) {
	for _, p := range r.pairs {
		p.stop(at)
	}
}

// wait waits for every pair and writes "done".
func (r *loadRun) wait() {
	r.running.Wait()
	r.bound.Stop()
	r.out.send(loadEvent{kind: evDone, t: time.Now().UnixMicro()})
}

func (r *loadRun) runPair(p *loadPair) {
	defer r.running.Done()
	if newSleeper(r.opts.lateBy).until(p.start, p.stopCh) {
		if p.Hold {
			p.work.Add(1)
			go p.hold(r)
		}
		p.pace(r)
	}
	p.work.Wait()
	p.mu.Lock()
	stopped := p.stoppedAt
	p.mu.Unlock()
	started := p.start
	if stopped.Before(started) {
		started = stopped // stopped before it began: it never ran
	}
	r.out.send(loadEvent{kind: evPairDone, pair: p, started: started.UnixMicro(), stopped: stopped.UnixMicro(),
		requests: p.requests, dropped: p.dropped})
}

// stop records when the pair was told to stop, at (the zero time: now, read
// under the lock); later calls change nothing.
func (p *loadPair) stop(at time.Time) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.stopLocked(at)
}

func (p *loadPair) stopLocked(at time.Time) {
	if p.stopped {
		return
	}
	if at.IsZero() {
		at = time.Now()
	}
	p.stopped, p.stoppedAt = true, at
	close(p.stopCh)
}

// begin returns the start time of a request or ping about to start, or false
// if the pair has stopped: told to, or now past the deadline (it then stops).
func (p *loadPair) begin(deadline time.Time) (time.Time, bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.stopped {
		return time.Time{}, false
	}
	now := time.Now()
	if !now.Before(deadline) {
		p.stopLocked(deadline)
		return time.Time{}, false
	}
	return now, true
}

// sleeper sleeps until a due time unless stopped first, on one reused timer.
type sleeper struct {
	timer  *time.Timer
	lateBy time.Duration
}

func newSleeper(lateBy time.Duration) *sleeper {
	t := time.NewTimer(time.Hour)
	t.Stop()
	return &sleeper{timer: t, lateBy: lateBy}
}

// until returns true at due (at once if due has passed), false once stop is
// closed. The time left is taken on the monotonic clock (time.Until).
func (s *sleeper) until(due time.Time, stop <-chan struct{}) bool {
	select {
	case <-stop:
		return false
	default:
	}
	d := time.Until(due)
	if d <= 0 {
		return true
	}
	s.timer.Reset(d + s.lateBy)
	select {
	case <-s.timer.C:
		return true
	case <-stop:
		s.timer.Stop()
		return false
	}
}
