package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// The whole `agent probe` command: a JSON batch in, one JSON document out, in
// the batch's order, exit 0 even though some targets are dropped.
func TestProbeCommandAnswersInOrder(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", TCP, UDP)
	hole := newUDPBlackHole(t)
	batch := fmt.Sprintf(`{"timeoutMs": 400, "targets": [
		{"id": "tcp", "host": "127.0.0.1", "port": %d, "protocol": "TCP"},
		{"id": "udp", "host": "127.0.0.1", "port": %d, "protocol": "udp"},
		{"id": "tcp-closed", "host": "127.0.0.1", "port": %d, "protocol": "TCP"},
		{"id": "udp-hole", "host": "127.0.0.1", "port": %d, "protocol": "UDP"},
		{"id": "bad-host", "host": "pod a/x", "port": 80, "protocol": "TCP"},
		{"id": "bad-port", "host": "127.0.0.1", "port": 0, "protocol": "TCP"},
		{"id": "sctp", "host": "127.0.0.1", "port": 80, "protocol": "SCTP"},
		{"id": "icmp", "host": "127.0.0.1", "port": 80, "protocol": "ICMP"}
	]}`, ports[TCP], ports[UDP], closedPort(t, TCP), hole.addr().Port())
	var stdout, stderr bytes.Buffer
	if code := run([]string{"probe"}, strings.NewReader(batch), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	output := stdout.String()
	var answer struct {
		Results []Result `json:"results"`
	}
	dec := json.NewDecoder(&stdout)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&answer); err != nil {
		t.Fatalf("output is not the results document: %v", err)
	}
	want := []struct {
		id      string
		verdict Verdict
		detail  string
	}{
		{"tcp", Connected, "banner: tierprobe y-b"},
		{"udp", Connected, "nonce echoed"},
		{"tcp-closed", Refused, "ECONNREFUSED"},
		{"udp-hole", Dropped, "no echo"},
		{"bad-host", Error, "neither an IP address nor a name"},
		{"bad-port", Error, "not 1-65535"},
		{"sctp", Error, "SCTP is not supported"},
		{"icmp", Error, "not TCP, UDP or SCTP"},
	}
	if len(answer.Results) != len(want) {
		t.Fatalf("%d results, want %d", len(answer.Results), len(want))
	}
	for i, w := range want {
		r := answer.Results[i]
		if r.ID != w.id || r.Result != w.verdict || !strings.Contains(r.Detail, w.detail) {
			t.Errorf("result %d = %+v, want id %s, %s, detail with %q", i, r, w.id, w.verdict, w.detail)
		}
		// Who answered is said for a refusal (here: the destination's reset) and nothing else.
		if wantBy := map[Verdict]AnsweredBy{Refused: ByDestination}[w.verdict]; r.AnsweredBy != wantBy {
			t.Errorf("result %d answered by %q, want %q", i, r.AnsweredBy, wantBy)
		}
	}
	if !strings.Contains(output, `"id":"tcp-closed","result":"refused",`) || !strings.Contains(output, `"answeredBy":"destination"`) {
		t.Errorf("the refusal and its answeredBy are not in the JSON: %s", output)
	}
	if l := answer.Results[3].LatencyMs; l < 400 || l > 700 {
		t.Errorf("dropped latency %.1f ms, want about the 400 ms timeout", l)
	}
}

// 200 attempts that each wait out the whole timeout finish in about one
// timeout, not two hundred: they run concurrently.
func TestBatchOf200RunsConcurrently(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "x-a", TCP)
	hole := newUDPBlackHole(t)
	b := &Batch{TimeoutMs: 500}
	for i := range 200 {
		target := Target{ID: fmt.Sprintf("t%03d", i), Host: "127.0.0.1"}
		if i%2 == 0 {
			target.Port, target.Protocol = int(hole.addr().Port()), "UDP"
		} else {
			target.Port, target.Protocol = ports[TCP], "TCP"
		}
		b.Targets = append(b.Targets, target)
	}
	start := time.Now()
	results := probeBatch(b, defaultConcurrency)
	elapsed := time.Since(start)
	if elapsed > 1500*time.Millisecond {
		t.Fatalf("200 targets with a 500 ms timeout took %s: not concurrent", elapsed)
	}
	for i, r := range results {
		want := Connected
		if i%2 == 0 {
			want = Dropped
		}
		if r.ID != b.Targets[i].ID || r.Result != want {
			t.Fatalf("result %d = %+v, want id %s %s", i, r, b.Targets[i].ID, want)
		}
	}
}

// The bound holds: with 2 slots, 4 dropped attempts take two timeouts.
func TestConcurrencyIsBounded(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	b := &Batch{TimeoutMs: 200}
	for i := range 4 {
		b.Targets = append(b.Targets, Target{ID: fmt.Sprint(i), Host: "127.0.0.1", Port: int(hole.addr().Port()), Protocol: "UDP"})
	}
	start := time.Now()
	probeBatch(b, 2)
	if elapsed := time.Since(start); elapsed < 400*time.Millisecond {
		t.Fatalf("4 attempts in 2 slots took %s, want at least two timeouts", elapsed)
	}
}

// A named host is looked up first (here through /etc/hosts), then probed; a
// lookup that fails is an error flagged lookupFailed, never a drop.
func TestProbeLooksNamesUp(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-a", TCP, UDP)
	batch := fmt.Sprintf(`{"timeoutMs": 400, "targets": [
		{"id": "by-name", "host": "localhost", "port": %d, "protocol": "TCP"},
		{"id": "udp-by-name", "host": "localhost", "port": %d, "protocol": "UDP"},
		{"id": "no-such", "host": "no-such-service.invalid", "port": 80, "protocol": "TCP"}
	]}`, ports[TCP], ports[UDP])
	var stdout, stderr bytes.Buffer
	if code := run([]string{"probe"}, strings.NewReader(batch), &stdout, &stderr); code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	var answer struct {
		Results []Result `json:"results"`
	}
	if err := json.Unmarshal(stdout.Bytes(), &answer); err != nil {
		t.Fatal(err)
	}
	for _, r := range answer.Results[:2] {
		if r.Result != Connected || r.Resolved == "" || r.Pod != "y-a" || r.LookupFailed || !strings.Contains(r.Detail, "localhost looked up to") {
			t.Errorf("%s = %+v, want connected after a lookup", r.ID, r)
		}
	}
	if r := answer.Results[2]; r.Result != Error || !r.LookupFailed || r.Resolved != "" || !strings.Contains(r.Detail, "lookup of no-such-service.invalid failed") {
		t.Errorf("no-such = %+v, want an error with lookupFailed", r)
	}
}
