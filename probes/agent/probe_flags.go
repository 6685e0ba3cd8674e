package main

import (
	"fmt"
	"net/netip"
	"strings"
)

// targetFlags is the by-hand form of a batch, for the command a mismatch
// prints to reproduce one probe:
//
//	kubectl exec -n x a -- /agent probe --to 10.244.1.5:80/TCP --timeout-ms 1000
//
// Each --to is HOST:PORT/PROTO; it is also the target's id in the answer.
type targetFlags []string

func (f *targetFlags) String() string { return strings.Join(*f, ",") }

func (f *targetFlags) Set(v string) error {
	*f = append(*f, v)
	return nil
}

// batchFromFlags builds the batch the flags describe, with the same checks as
// a batch read on stdin.
func batchFromFlags(tos []string, timeoutMs int) (*Batch, error) {
	var problems []string
	b := &Batch{TimeoutMs: timeoutMs}
	if timeoutMs < 1 || timeoutMs > maxTimeoutMs {
		problems = append(problems, fmt.Sprintf("--timeout-ms %d: must be 1-%d", timeoutMs, maxTimeoutMs))
	}
	seen := map[string]bool{}
	for _, to := range tos {
		hostPort, proto, ok := strings.Cut(to, "/")
		addr, err := netip.ParseAddrPort(hostPort)
		if !ok || err != nil {
			problems = append(problems, fmt.Sprintf("--to %q: want HOST:PORT/PROTO, e.g. 10.244.1.5:80/TCP or [fd00::5]:80/UDP", to))
			continue
		}
		if seen[to] {
			problems = append(problems, fmt.Sprintf("--to %q: given twice", to))
			continue
		}
		seen[to] = true
		b.Targets = append(b.Targets, Target{ID: to, Host: addr.Addr().String(), Port: int(addr.Port()), Protocol: proto})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return b, nil
}
