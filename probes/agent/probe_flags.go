package main

import (
	"fmt"
	"net"
	"net/netip"
	"regexp"
	"strconv"
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
		host, port, err := hostAndPort(hostPort)
		if !ok || err != nil {
			problems = append(problems, fmt.Sprintf("--to %q: want HOST:PORT/PROTO, e.g. 10.244.1.5:80/TCP, [fd00::5]:80/UDP or web.y.svc:80/TCP", to))
			continue
		}
		if seen[to] {
			problems = append(problems, fmt.Sprintf("--to %q: given twice", to))
			continue
		}
		seen[to] = true
		b.Targets = append(b.Targets, Target{ID: to, Host: host, Port: port, Protocol: proto})
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%s", strings.Join(problems, "; "))
	}
	return b, nil
}

var dnsName = regexp.MustCompile(`^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*\.?$`)

// hostAndPort takes IP:PORT, [IPv6]:PORT or NAME:PORT.
func hostAndPort(s string) (string, int, error) {
	if addr, err := netip.ParseAddrPort(s); err == nil {
		return addr.Addr().String(), int(addr.Port()), nil
	}
	host, portText, err := net.SplitHostPort(s)
	if err != nil {
		return "", 0, err
	}
	port, err := strconv.Atoi(portText)
	if err != nil || port < 1 || port > 65535 || !dnsName.MatchString(host) {
		return "", 0, fmt.Errorf("not HOST:PORT")
	}
	return host, port, nil
}
