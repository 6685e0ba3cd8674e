package main

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

// The lines as the TypeScript side parses them, byte for byte.
func TestLoadEventLines(t *testing.T) {
	t.Parallel()
	p := &loadPair{idJSON: appendJSONString(nil, "p0")}
	odd := &loadPair{idJSON: appendJSONString(nil, `x/a->"y"/b:80/TCP`)}
	for _, c := range []struct {
		ev   loadEvent
		want string
	}{
		{loadEvent{kind: evStarted, t: 1764650000000001}, `{"type":"started","t":1764650000000001}`},
		{loadEvent{kind: evReq, pair: p, t: 1764650000000002, verdict: Connected, ms: 0.412}, `{"type":"req","p":"p0","t":1764650000000002,"v":"connected","ms":0.412}`},
		{loadEvent{kind: evReq, pair: p, t: 3, verdict: Dropped, ms: 500}, `{"type":"req","p":"p0","t":3,"v":"dropped","ms":500}`},
		{loadEvent{kind: evReq, pair: odd, t: 4, verdict: Refused, ms: 0.05}, `{"type":"req","p":"x/a-\u003e\"y\"/b:80/TCP","t":4,"v":"refused","ms":0.05}`},
		{loadEvent{kind: evHeldOpen, pair: p, t: 5, ok: true}, `{"type":"held-open","p":"p0","t":5,"ok":true}`},
		{loadEvent{kind: evHeldOpen, pair: p, t: 6, detail: "refused: ECONNREFUSED"}, `{"type":"held-open","p":"p0","t":6,"ok":false,"detail":"refused: ECONNREFUSED"}`},
		{loadEvent{kind: evHeld, pair: p, t: 7, ok: true}, `{"type":"held","p":"p0","t":7,"ok":true}`},
		{loadEvent{kind: evHeld, pair: p, t: 8, detail: "no pong within 500 ms"}, `{"type":"held","p":"p0","t":8,"ok":false,"detail":"no pong within 500 ms"}`},
		{loadEvent{kind: evPairDone, pair: p, started: 9, stopped: 10, requests: 11, dropped: 12}, `{"type":"pair-done","p":"p0","started":9,"stopped":10,"requests":11,"dropped":12}`},
		{loadEvent{kind: evDone, t: 13}, `{"type":"done","t":13}`},
	} {
		got := string(appendLoadEvent(nil, c.ev))
		if got != c.want+"\n" {
			t.Errorf("got  %s want %s", got, c.want)
		}
		if !json.Valid([]byte(got)) {
			t.Errorf("not JSON: %s", got)
		}
	}
}

// A line written while the load goes on reaches the reader within the flush
// interval, without waiting for the buffer to fill or the end.
func TestLoadOutputFlushesWhileRunning(t *testing.T) {
	t.Parallel()
	var buf syncBuffer
	out := newLoadOutput(&buf)
	out.send(loadEvent{kind: evStarted, t: 1})
	waitFor(t, 2*time.Second, "flushed", func() bool { return strings.Contains(buf.String(), `"started"`) })
	out.send(loadEvent{kind: evDone, t: 2})
	if err := out.close(); err != nil {
		t.Fatal(err)
	}
	if got := buf.String(); got != "{\"type\":\"started\",\"t\":1}\n{\"type\":\"done\",\"t\":2}\n" {
		t.Fatalf("output %q", got)
	}
}

// Writing a request's line allocates nothing.
func TestLoadReqLineAllocatesNothing(t *testing.T) {
	p := &loadPair{idJSON: appendJSONString(nil, "p0")}
	b := make([]byte, 0, 256)
	ev := loadEvent{kind: evReq, pair: p, t: 1764650000000002, verdict: Connected, ms: 0.412}
	if n := testing.AllocsPerRun(100, func() { b = appendLoadEvent(b[:0], ev) }); n != 0 {
		t.Fatalf("%.0f allocations per req line", n)
	}
}
