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
	// Refused: a reset or an ICMP unreachable came back: the packet reached
	// something that answered, but nothing listened.
	Refused Verdict = "refused"
	// Dropped: no answer at all within the timeout.
	Dropped Verdict = "dropped"
	// Error: the attempt itself failed; never to be counted as a deny.
	Error Verdict = "error"
)

// Result is one line of the answer, in the order of the batch's targets.
type Result struct {
	ID        string  `json:"id"`
	Result    Verdict `json:"result"`
	LatencyMs float64 `json:"latencyMs"`
	Detail    string  `json:"detail"`
}

// outcome is what a protocol's prober returns; the runner adds the id.
type outcome struct {
	verdict Verdict
	latency time.Duration
	detail  string
}

func latencyMs(d time.Duration) float64 {
	return math.Round(float64(d.Microseconds())) / 1000
}

// answeredErrnos are the errors that mean something answered the packet: a TCP
// reset, or an ICMP destination unreachable turned into an errno by the kernel
// (port unreachable, net/host unreachable, unknown host, protocol unreachable,
// administratively prohibited).
var answeredErrnos = []syscall.Errno{
	syscall.ECONNREFUSED, syscall.ECONNRESET,
	syscall.EHOSTUNREACH, syscall.ENETUNREACH,
	syscall.EHOSTDOWN, syscall.ENONET, syscall.ENOPROTOOPT,
}

// classify maps a failed attempt to refused, dropped or error, with a detail
// that names the errno.
func classify(err error) (Verdict, string) {
	if isTimeout(err) {
		return Dropped, "no answer within the timeout (" + err.Error() + ")"
	}
	var errno syscall.Errno
	if errors.As(err, &errno) {
		for _, a := range answeredErrnos {
			if errno == a {
				return Refused, errnoName(errno) + ": " + err.Error()
			}
		}
		return Error, errnoName(errno) + ": " + err.Error()
	}
	return Error, err.Error()
}

func isTimeout(err error) bool {
	if errors.Is(err, os.ErrDeadlineExceeded) || errors.Is(err, context.DeadlineExceeded) ||
		errors.Is(err, syscall.ETIMEDOUT) {
		return true
	}
	var ne net.Error
	return errors.As(err, &ne) && ne.Timeout()
}
