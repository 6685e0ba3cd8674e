package main

import (
	"context"
	"errors"
	"math"
	"net"
	"os"
	"syscall"
	"time"
)

// Verdict is what one attempt observed (SCENARIO-FORMAT.md, "Verdicts").
type Verdict string

const (
	// Connected: the TCP handshake completed, or the UDP nonce came back.
	Connected Verdict = "connected"
	// Refused: the destination itself said nothing listens: a TCP reset, or (UDP)
	// an ICMP port unreachable sent from the destination's own address.
	Refused Verdict = "refused"
	// Rejected: something between here and the destination's socket rejected the
	// attempt with an ICMP error (port unreachable from another address, or
	// administratively prohibited): what Calico's REJECT deny action sends.
	Rejected Verdict = "rejected"
	// Dropped: no answer at all within the timeout.
	Dropped Verdict = "dropped"
	// Error: the attempt itself failed (no route, no socket, ...); never to be
	// counted as a deny.
	Error Verdict = "error"
)

// AnsweredBy says who answered a refused or rejected attempt, as far as the
// kernel told: the harness needs it to tell a missing listener from a policy
// reject where the verdict alone cannot.
type AnsweredBy string

const (
	// ByDestination: a TCP reset, or an ICMP error whose sender is the destination address.
	ByDestination AnsweredBy = "destination"
	// ByPath: an ICMP error from another address: a router or firewall on the way
	// (a Calico node rejects from its own address).
	ByPath AnsweredBy = "path"
	// ByUnknown: refused, but the kernel did not say by whom (no extended error).
	ByUnknown AnsweredBy = "unknown"
)

// Result is one line of the answer, in the order of the batch's targets.
type Result struct {
	ID        string  `json:"id"`
	Result    Verdict `json:"result"`
	LatencyMs float64 `json:"latencyMs"`
	Detail    string  `json:"detail"`
	// AnsweredBy is set on refused and rejected results only.
	AnsweredBy AnsweredBy `json:"answeredBy,omitempty"`
	// Resolved is the address a named host was looked up to; LookupFailed says
	// the lookup itself failed (the result is then an error).
	Resolved     string `json:"resolved,omitempty"`
	LookupFailed bool   `json:"lookupFailed,omitempty"`
	// Pod is the pod a connected attempt reached, as its agent's banner or
	// echo names it (a Service's ClusterIP reaches one of its backends).
	Pod string `json:"pod,omitempty"`
}

// outcome is what a protocol's prober returns; the runner adds the id.
type outcome struct {
	verdict    Verdict
	answeredBy AnsweredBy
	latency    time.Duration
	detail     string
	resolved   string
	lookupFail bool
	pod        string
}

func latencyMs(d time.Duration) float64 {
	return math.Round(float64(d.Microseconds())) / 1000
}

func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, syscall.ETIMEDOUT) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
