package main

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
	"time"
)

// About a second of load at 200/s against the agent's own TCP and UDP servers:
// the asked rate is reached, every request connects, each request's t is its
// start, and pair-done counts what was written.
func TestLoadReachesTheRateAgainstTheServers(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", TCP, UDP)
	p := startLoadCommand(t, loadConfigLine(500, 60_000, 100,
		pairTo("tcp", loopback(ports[TCP]), TCP, 200),
		pairTo("udp", loopback(ports[UDP]), UDP, 200)))
	time.Sleep(time.Second) // the load's length, not an assertion
	p.stdin.Close()
	code, out := p.waitExit(t, 10*time.Second)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, p.stderr.String())
	}
	o := checkLoadOutput(t, out, "tcp", "udp")
	for _, id := range []string{"tcp", "udp"} {
		pd, reqs := o.pairs[id], o.reqs[id]
		ran := float64(pd.Stopped-pd.Started) / 1e6
		if ran < 0.9 || ran > 3 {
			t.Errorf("%s ran %.3f s", id, ran)
		}
		assertAtLeast(t, id+" requests", pd.Requests, 0.8*200*ran)
		if float64(pd.Requests) > 200*ran+2 {
			t.Errorf("%s: %d requests in %.3f s: faster than asked", id, pd.Requests, ran)
		}
		if pd.Dropped != 0 {
			t.Errorf("%s dropped %d", id, pd.Dropped)
		}
		if pd.Started != o.started.T {
			t.Errorf("%s started %d, want the load's start %d (no delay)", id, pd.Started, o.started.T)
		}
		for _, r := range reqs {
			if r.V != "connected" {
				t.Fatalf("%s: %s", id, r.raw)
			}
			if r.Ms <= 0 || r.Ms > 100 {
				t.Errorf("%s: latency %v ms", id, r.Ms)
			}
		}
		ts := startTimes(reqs)
		// Output is in order of completion; the starts of distinct requests
		// are distinct times except when a late pacer catches up back to back.
		if dup := len(ts) - len(slices.Compact(slices.Clone(ts))); dup > len(ts)/10 {
			t.Errorf("%s: %d of %d requests share a start time", id, dup, len(ts))
		}
		if ts[0] < pd.Started || ts[len(ts)-1] > pd.Stopped {
			t.Errorf("%s: requests from %d to %d, outside %d-%d", id, ts[0], ts[len(ts)-1], pd.Started, pd.Stopped)
		}
		// Open loop on a fixed schedule: the median gap is the interval, 5 ms.
		gaps := make([]int64, 0, len(ts))
		for i := 1; i < len(ts); i++ {
			gaps = append(gaps, ts[i]-ts[i-1])
		}
		if med := median(gaps); med < 4000 || med > 6000 {
			t.Errorf("%s: median gap %d µs, want about 5000", id, med)
		}
	}
	if o.done.T < o.pairs["tcp"].Stopped || o.done.T < o.pairs["udp"].Stopped {
		t.Errorf("done at %d before a pair stopped", o.done.T)
	}
}

func median(xs []int64) int64 {
	s := append([]int64(nil), xs...)
	for i := range s { // insertion sort: a few hundred values
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s[len(s)/2]
}

// A stop line stops its pair and no other; EOF then stops the rest.
func TestLoadStopLineStopsOnePair(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", TCP, UDP)
	p := startLoadCommand(t, loadConfigLine(500, 60_000, 100,
		pairTo("a", loopback(ports[TCP]), TCP, 100),
		pairTo("b", loopback(ports[UDP]), UDP, 100)))
	p.waitLine(t, "a request of a", func(l loadLine) bool { return l.Type == "req" && l.P == "a" })
	p.send(t, `{"stop":"a"}`+"\n")
	p.send(t, `{"stop":"nobody"}`+"\n")
	p.send(t, "not json\n")
	p.send(t, `{"stop":"b","now":true}`+"\n")
	doneA := p.waitLine(t, "pair-done of a", func(l loadLine) bool { return l.Type == "pair-done" && l.P == "a" })
	// b goes on: a request of b that started well after a stopped.
	p.waitLine(t, "b still running", func(l loadLine) bool { return l.Type == "req" && l.P == "b" && l.T > doneA.Stopped+100_000 })
	p.stdin.Close()
	code, out := p.waitExit(t, 10*time.Second)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	o := checkLoadOutput(t, out, "a", "b")
	for _, r := range o.reqs["a"] {
		if r.T > o.pairs["a"].Stopped {
			t.Errorf("a request of a started after its stop: %s", r.raw)
		}
	}
	if o.pairs["b"].Stopped < o.pairs["a"].Stopped+100_000 {
		t.Errorf("b stopped at %d, a at %d: the stop line stopped both", o.pairs["b"].Stopped, o.pairs["a"].Stopped)
	}
	stderr := p.stderr.String()
	for _, want := range []string{`stdin line 3 ignored: no pair "nobody"`, "stdin line 4 ignored: want {\"stop\":\"ID\"}", `stdin line 5 ignored: want {"stop":"ID"}: json: unknown field "now"`} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr %q lacks %q", stderr, want)
		}
	}
}

// maxDurationMs stops every pair with stdin still open; a delayed pair
// starts delayMs after the load, and a pair whose start never came ran not at all.
func TestLoadMaxDurationStopsWithoutEOF(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", TCP, UDP)
	late := pairTo("late", loopback(ports[UDP]), UDP, 50)
	late.DelayMs = 100
	never := pairTo("never", loopback(ports[TCP]), TCP, 50)
	never.DelayMs = 5000
	never.Hold = true
	p := startLoadCommand(t, loadConfigLine(500, 300, 100, pairTo("now", loopback(ports[TCP]), TCP, 50), late, never))
	code, out := p.waitExit(t, 10*time.Second) // stdin stays open
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, p.stderr.String())
	}
	o := checkLoadOutput(t, out, "now", "late", "never")
	t0 := o.started.T
	for _, c := range []struct {
		id               string
		started, stopped int64
	}{{"now", t0, t0 + 300_000}, {"late", t0 + 100_000, t0 + 300_000}, {"never", t0 + 300_000, t0 + 300_000}} {
		pd := o.pairs[c.id]
		if pd.Started != c.started || pd.Stopped != c.stopped {
			t.Errorf("%s ran %d-%d, want %d-%d (µs after start: %d-%d)", c.id, pd.Started, pd.Stopped, c.started, c.stopped,
				pd.Started-t0, pd.Stopped-t0)
		}
	}
	if n := o.pairs["never"].Requests; n != 0 || len(o.opens["never"]) != 0 {
		t.Errorf("a pair stopped before its start made %d requests and %d held connections", n, len(o.opens["never"]))
	}
	if ts := startTimes(o.reqs["late"]); len(ts) == 0 || ts[0] < t0+100_000 {
		t.Errorf("late pair's first request at %v, want after %d", ts, t0+100_000)
	}
	assertAtLeast(t, "now requests", o.pairs["now"].Requests, 0.8*50*0.3)
}

// Against destinations that never answer, each request's t is still its
// start, each lasts its timeout, and the load waits for them before pair-done.
func TestLoadAgainstABlackHole(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	p := startLoadCommand(t, loadConfigLine(200, 60_000, 100,
		pairTo("udp", hole.addr(), UDP, 100),
		pairTo("tcp", tcpBlackHole(t), TCP, 100),
		// TEST-NET-1: dropped, no route, or whatever this sandbox's network does; never connected.
		pairTo("test-net", netip.MustParseAddrPort("192.0.2.1:80"), TCP, 20)))
	time.Sleep(500 * time.Millisecond) // the load's length
	p.stdin.Close()
	code, out := p.waitExit(t, 10*time.Second)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	o := checkLoadOutput(t, out, "udp", "tcp", "test-net")
	for _, id := range []string{"udp", "tcp"} {
		for _, r := range o.reqs[id] {
			if r.V != "dropped" || r.Ms < 200 || r.Ms > 500 {
				t.Fatalf("%s: %s, want dropped after about 200 ms", id, r.raw)
			}
		}
		ts := startTimes(o.reqs[id])
		pd := o.pairs[id]
		assertAtLeast(t, id+" requests", pd.Requests, 0.8*100*float64(pd.Stopped-pd.Started)/1e6)
		// t is the start: the first request is at the pair's start, not a timeout later.
		if first := ts[0] - pd.Started; first > 50_000 {
			t.Errorf("%s: first request's t is %d µs after the start", id, first)
		}
		if o.done.T < ts[len(ts)-1]+200_000 {
			t.Errorf("done at %d, before the last request (started %d) waited out its 200 ms", o.done.T, ts[len(ts)-1])
		}
	}
	for _, r := range o.reqs["test-net"] {
		if r.V == "connected" {
			t.Fatalf("test-net: %s", r.raw)
		}
	}
	if got := len(hole.received()); int64(got) < o.pairs["udp"].Requests {
		t.Errorf("the black hole saw %d datagrams for %d requests", got, o.pairs["udp"].Requests)
	}
}

// When the in-flight cap is full, due requests are counted as dropped, not
// started, and not delayed: requests + dropped keep to the schedule.
func TestLoadInflightCapDrops(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	out := runLoadFor(t, loadConfigLine(1000, 60_000, 100, pairTo("p", hole.addr(), UDP, 2000)),
		loadOptions{inflightCap: 10}, 300*time.Millisecond)
	o := checkLoadOutput(t, out, "p")
	pd := o.pairs["p"]
	if pd.Requests != 10 || pd.Dropped == 0 {
		t.Fatalf("%d requests, %d dropped, want 10 (the cap: none finishes within the 1 s timeout) and the rest dropped", pd.Requests, pd.Dropped)
	}
	ran := float64(pd.Stopped-pd.Started) / 1e6
	assertAtLeast(t, "requests + dropped", pd.Requests+pd.Dropped, 0.8*2000*ran)
}

// With the real cap, a whole timeout of denied requests fits: a black hole
// at 2000/s with a 1 s timeout for 300 ms (600 in flight, cap 2508) drops none.
func TestLoadRealCapFitsATimeoutOfDeniedRequests(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	out := runLoadFor(t, loadConfigLine(1000, 60_000, 100, pairTo("p", hole.addr(), UDP, 2000)),
		loadOptions{}, 300*time.Millisecond)
	o := checkLoadOutput(t, out, "p")
	pd := o.pairs["p"]
	ran := float64(pd.Stopped-pd.Started) / 1e6
	if pd.Dropped != 0 {
		t.Errorf("dropped %d of %d", pd.Dropped, pd.Requests+pd.Dropped)
	}
	assertAtLeast(t, "requests", pd.Requests, 0.8*2000*ran)
	for _, r := range o.reqs["p"] {
		if r.V != "dropped" {
			t.Fatalf("%s", r.raw)
		}
	}
}

// A pacer that wakes 30 ms late every time still starts every due request,
// back to back: the rate is kept, nothing is skipped.
func TestLoadCatchesUpAfterLateWakeups(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", UDP)
	out := runLoadFor(t, loadConfigLine(500, 60_000, 100, pairTo("p", loopback(ports[UDP]), UDP, 1000)),
		loadOptions{lateBy: 30 * time.Millisecond}, 400*time.Millisecond)
	o := checkLoadOutput(t, out, "p")
	pd := o.pairs["p"]
	ran := float64(pd.Stopped-pd.Started) / 1e6
	// Late by 30 ms at the end too: up to 30 due requests had not been reached yet.
	assertAtLeast(t, "requests", pd.Requests, 0.8*(1000*ran-30))
	if pd.Dropped != 0 {
		t.Errorf("dropped %d", pd.Dropped)
	}
}

// 10 000 requests per second on one pair are not capped by the pacer: not by
// the timers' resolution (about 1 ms when the runtime sleeps in epoll, which
// would cap a pacer that sleeps once per request at 1000/s), not by a
// goroutine per wakeup. The bound is loose because this process is also the
// server, on as few as two CPUs shared with other tests.
func TestLoadHighRate(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("a rate measurement: not with -short or -race")
	}
	ports := startServe(t, "y-b", TCP, UDP)
	for _, proto := range []Protocol{UDP, TCP} {
		out := runLoadFor(t, loadConfigLine(1000, 60_000, 100, pairTo("p", loopback(ports[proto]), proto, 10_000)),
			loadOptions{}, 300*time.Millisecond)
		o := checkLoadOutput(t, out, "p")
		pd := o.pairs["p"]
		ran := float64(pd.Stopped-pd.Started) / 1e6
		t.Logf("%s: %d requests in %.3f s (%.0f/s), %d dropped, %s", proto, pd.Requests, ran, float64(pd.Requests)/ran, pd.Dropped, describeVerdicts(o.reqs["p"]))
		assertAtLeast(t, string(proto)+" requests", pd.Requests+pd.Dropped, 0.6*10_000*ran)
		connected := 0
		for _, r := range o.reqs["p"] {
			if r.V == "connected" {
				connected++
			}
		}
		if float64(connected) < 0.95*float64(pd.Requests) {
			t.Errorf("%s: %s", proto, describeVerdicts(o.reqs["p"]))
		}
		if float64(pd.Requests) > 10_000*ran+2 {
			t.Errorf("%s: %d requests in %.3f s: faster than asked", proto, pd.Requests, ran)
		}
	}
}

// A load TCP request means what a probe means: the same verdicts.
func TestLoadTCPRequestJudgesAsAProbe(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", TCP)
	closed := closedPort(t, TCP)
	for _, port := range []int{ports[TCP], closed} {
		probe := probeTCP(loopback(port), time.Second)
		load := loadRequest(TCP, loopback(port), time.Now(), time.Second)
		if probe.verdict != load.verdict || probe.answeredBy != load.answeredBy || probe.detail != load.detail {
			t.Errorf("port %d: probe %+v, load %+v", port, probe, load)
		}
	}
}
