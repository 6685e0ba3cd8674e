package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/netip"
	"slices"
	"sort"
	"strings"
	"syscall"
	"testing"
	"time"
)

// loadLine is one line of `agent load` output, whatever its type.
type loadLine struct {
	Type     string  `json:"type"`
	P        string  `json:"p"`
	T        int64   `json:"t"`
	V        string  `json:"v"`
	Ms       float64 `json:"ms"`
	OK       *bool   `json:"ok"`
	Detail   string  `json:"detail"`
	Started  int64   `json:"started"`
	Stopped  int64   `json:"stopped"`
	Requests int64   `json:"requests"`
	Dropped  int64   `json:"dropped"`
	raw      string
}

// loadLineKeys is the protocol: exactly these fields, per line type.
var loadLineKeys = map[string][]string{
	"started":   {"t", "type"},
	"req":       {"ms", "p", "t", "type", "v"},
	"held-open": {"ok", "p", "t", "type"},
	"held":      {"ok", "p", "t", "type"},
	"pair-done": {"dropped", "p", "requests", "started", "stopped", "type"},
	"done":      {"t", "type"},
}

// parseLoadLines parses every complete line of out, failing the test on a line
// that is not exactly one of the protocol's.
func parseLoadLines(t *testing.T, out string) []loadLine {
	t.Helper()
	if i := strings.LastIndexByte(out, '\n'); i >= 0 {
		out = out[:i+1]
	} else {
		out = ""
	}
	var lines []loadLine
	sc := bufio.NewScanner(strings.NewReader(out))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var l loadLine
		dec := json.NewDecoder(bytes.NewReader(sc.Bytes()))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&l); err != nil {
			t.Fatalf("line %q: %v", sc.Text(), err)
		}
		var fields map[string]any
		_ = json.Unmarshal(sc.Bytes(), &fields)
		var keys []string
		for k := range fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		want, known := loadLineKeys[l.Type]
		if l.OK != nil && !*l.OK {
			want = append(slices.Clone(want), "detail")
			sort.Strings(want)
		}
		if !known || !slices.Equal(keys, want) {
			t.Fatalf("line %q has fields %v, want %v", sc.Text(), keys, want)
		}
		l.raw = sc.Text()
		lines = append(lines, l)
	}
	return lines
}

// loadOutcome is a finished load's output, sorted by pair.
type loadOutcome struct {
	lines   []loadLine
	started loadLine
	done    loadLine
	reqs    map[string][]loadLine
	held    map[string][]loadLine
	opens   map[string][]loadLine
	pairs   map[string]loadLine // pair-done
}

// checkLoadOutput checks the frame of a finished load (started first, done
// last, one pair-done per pair after its last line) and sorts the lines.
func checkLoadOutput(t *testing.T, out string, ids ...string) loadOutcome {
	t.Helper()
	o := loadOutcome{lines: parseLoadLines(t, out), reqs: map[string][]loadLine{}, held: map[string][]loadLine{},
		opens: map[string][]loadLine{}, pairs: map[string]loadLine{}}
	if len(o.lines) < 2 || o.lines[0].Type != "started" || o.lines[len(o.lines)-1].Type != "done" {
		t.Fatalf("output does not open with started and end with done:\n%s", out)
	}
	o.started, o.done = o.lines[0], o.lines[len(o.lines)-1]
	for _, l := range o.lines[1 : len(o.lines)-1] {
		if _, over := o.pairs[l.P]; over {
			t.Fatalf("line %q after the pair's pair-done", l.raw)
		}
		switch l.Type {
		case "req":
			o.reqs[l.P] = append(o.reqs[l.P], l)
		case "held":
			o.held[l.P] = append(o.held[l.P], l)
		case "held-open":
			o.opens[l.P] = append(o.opens[l.P], l)
		case "pair-done":
			o.pairs[l.P] = l
		default:
			t.Fatalf("line %q in the middle", l.raw)
		}
	}
	for _, id := range ids {
		p, ok := o.pairs[id]
		if !ok {
			t.Fatalf("no pair-done for %s:\n%s", id, out)
		}
		if int64(len(o.reqs[id])) != p.Requests {
			t.Errorf("pair %s: %d req lines, pair-done says %d", id, len(o.reqs[id]), p.Requests)
		}
		if p.Stopped > o.done.T || p.Started < o.started.T {
			t.Errorf("pair %s ran %d-%d, outside the load's %d-%d", id, p.Started, p.Stopped, o.started.T, o.done.T)
		}
	}
	if len(o.pairs) != len(ids) {
		t.Errorf("pair-done lines for %d pairs, want %v", len(o.pairs), ids)
	}
	return o
}

// startTimes are a pair's request starts, sorted (requests finish out of order).
func startTimes(reqs []loadLine) []int64 {
	ts := make([]int64, len(reqs))
	for i, r := range reqs {
		ts[i] = r.T
	}
	slices.Sort(ts)
	return ts
}

type pairJSON struct {
	ID       string  `json:"id"`
	Host     string  `json:"host"`
	Port     int     `json:"port"`
	Protocol string  `json:"protocol"`
	Rate     float64 `json:"rate"`
	DelayMs  int     `json:"delayMs"`
	Hold     bool    `json:"hold"`
}

func pairTo(id string, addr netip.AddrPort, proto Protocol, rate float64) pairJSON {
	return pairJSON{ID: id, Host: addr.Addr().String(), Port: int(addr.Port()), Protocol: string(proto), Rate: rate}
}

func loadConfigLine(timeoutMs, maxDurationMs, holdIntervalMs int, pairs ...pairJSON) string {
	b, err := json.Marshal(struct {
		TimeoutMs      int        `json:"timeoutMs"`
		MaxDurationMs  int        `json:"maxDurationMs"`
		HoldIntervalMs int        `json:"holdIntervalMs"`
		Pairs          []pairJSON `json:"pairs"`
	}{timeoutMs, maxDurationMs, holdIntervalMs, pairs})
	if err != nil {
		panic(err)
	}
	return string(b) + "\n"
}

// loadProc is `agent load` running in the test, stdin a pipe the test writes.
type loadProc struct {
	stdin          *io.PipeWriter
	stdout, stderr *syncBuffer
	exited         chan int
}

func startLoadCommand(t *testing.T, config string) *loadProc {
	t.Helper()
	pr, pw := io.Pipe()
	p := &loadProc{stdin: pw, stdout: &syncBuffer{}, stderr: &syncBuffer{}, exited: make(chan int, 1)}
	go func() { p.exited <- run([]string{"load"}, pr, p.stdout, p.stderr) }()
	t.Cleanup(func() { pw.Close() })
	p.send(t, config)
	return p
}

func (p *loadProc) send(t *testing.T, line string) {
	t.Helper()
	if _, err := io.WriteString(p.stdin, line); err != nil {
		t.Fatalf("writing %q to stdin: %v", line, err)
	}
}

// waitExit waits for the command and returns its exit code and stdout.
func (p *loadProc) waitExit(t *testing.T, timeout time.Duration) (int, string) {
	t.Helper()
	select {
	case code := <-p.exited:
		return code, p.stdout.String()
	case <-time.After(timeout):
		t.Fatalf("agent load still running after %s; stderr %q", timeout, p.stderr.String())
		return 0, ""
	}
}

// waitLine polls the streamed output until a line satisfies cond.
func (p *loadProc) waitLine(t *testing.T, what string, cond func(loadLine) bool) loadLine {
	t.Helper()
	var found loadLine
	waitFor(t, 10*time.Second, what, func() bool {
		for _, l := range parseLoadLines(t, p.stdout.String()) {
			if cond(l) {
				found = l
				return true
			}
		}
		return false
	})
	return found
}

// runLoadFor runs a load in-process with test options for d, then stops every pair.
func runLoadFor(t *testing.T, config string, opts loadOptions, d time.Duration) string {
	t.Helper()
	cfg, err := parseLoadConfig([]byte(config))
	if err != nil {
		t.Fatal(err)
	}
	var buf syncBuffer
	out := newLoadOutput(&buf)
	r := startLoad(cfg, out, opts)
	time.Sleep(d) // how long the load runs, not an assertion
	r.stopAll(time.Time{})
	r.wait()
	if err := out.close(); err != nil {
		t.Fatal(err)
	}
	return buf.String()
}

func assertAtLeast(t *testing.T, what string, got int64, want float64) {
	t.Helper()
	if float64(got) < want {
		t.Errorf("%s: %d, want at least %.0f", what, got, want)
	}
}

func describeVerdicts(reqs []loadLine) string {
	n := map[string]int{}
	for _, r := range reqs {
		n[r.V]++
	}
	return fmt.Sprint(n)
}

// tcpBlackHole is a listening TCP port on loopback that drops every SYN: its
// accept queue (backlog 0, so one connection) is full and never accepted
// from, and Linux drops a SYN for a full queue. A deterministic TCP drop
// without a firewall.
func tcpBlackHole(t *testing.T) netip.AddrPort {
	t.Helper()
	fd, err := syscall.Socket(syscall.AF_INET, syscall.SOCK_STREAM|syscall.SOCK_CLOEXEC, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Close(fd) })
	if err := syscall.Bind(fd, &syscall.SockaddrInet4{Addr: [4]byte{127, 0, 0, 1}}); err != nil {
		t.Fatal(err)
	}
	if err := syscall.Listen(fd, 0); err != nil {
		t.Fatal(err)
	}
	sa, err := syscall.Getsockname(fd)
	if err != nil {
		t.Fatal(err)
	}
	addr := loopback(sa.(*syscall.SockaddrInet4).Port)
	// Fill the queue until a connect no longer completes.
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp4", addr.String(), 200*time.Millisecond)
		if err != nil {
			break
		}
		t.Cleanup(func() { c.Close() })
		if i > 8 {
			t.Fatal("the accept queue does not fill")
		}
	}
	return addr
}
