package main

import "time"

// pace starts the pair's requests at a constant arrival rate, open loop:
// request i is due at start + i/Rate whether or not the ones before it have
// finished, as k6's constant-arrival-rate executor does, so a denied request
// waiting out its timeout does not slow the load down. Each request runs in
// its own goroutine. A pacer that wakes late (the timer's resolution at high
// rates, a stalled scheduler) starts every request already due back to back:
// the schedule is kept, nothing is skipped. A due request that finds the
// pair's in-flight cap reached is counted as dropped instead.
func (p *loadPair) pace(r *loadRun) {
	interval := float64(time.Second) / p.Rate
	s := newSleeper(r.opts.lateBy)
	for i := int64(0); ; i++ {
		due := p.start.Add(time.Duration(float64(i) * interval))
		if !due.Before(r.deadline) {
			p.stop(r.deadline)
			return
		}
		if !s.until(due, p.stopCh) {
			return
		}
		start, ok := p.begin(r.deadline)
		if !ok {
			return
		}
		if p.inflight.Load() >= p.cap {
			p.dropped++
			continue
		}
		p.inflight.Add(1)
		p.work.Add(1)
		p.requests++
		go p.request(r, start)
	}
}

// request makes one attempt and reports it with t = its start.
func (p *loadPair) request(r *loadRun, start time.Time) {
	o := loadRequest(p.Protocol, p.Addr, start, r.cfg.Timeout)
	r.out.send(loadEvent{kind: evReq, pair: p, t: start.UnixMicro(), verdict: o.verdict, ms: latencyMs(o.latency)})
	p.inflight.Add(-1)
	p.work.Done()
}
