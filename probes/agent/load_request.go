package main

import (
	"net/netip"
	"time"
)

// loadRequest is one request of a load: exactly what `agent probe` does for
// one target, so its verdict means the same. UDP is probeUDP itself (a fresh
// socket, a fresh nonce, resent within the timeout).
func loadRequest(proto Protocol, addr netip.AddrPort, start time.Time, timeout time.Duration) outcome {
	if proto == UDP {
		return probeUDP(addr, timeout)
	}
	return loadTCP(addr, start, timeout)
}

// loadTCP is probeTCP's attempt (attemptTCP: connectTCP, judge, readBanner, one
// deadline from the start) on a new connection, with one difference: it closes with a
// reset (SO_LINGER 0) instead of a FIN. The agent's server now waits for pings
// after its banner, so the client closes first; a FIN close would leave every
// request's socket in TIME_WAIT on the source pod for 60 s, and at a few
// hundred requests per second to one destination the 28 232 ephemeral ports
// (32768-60999) run out (connect fails with EADDRNOTAVAIL), besides filling the
// nodes' conntrack tables. A reset frees the port at once. The verdict is
// decided before the close, so it is unchanged.
func loadTCP(addr netip.AddrPort, start time.Time, timeout time.Duration) outcome {
	return attemptTCP(addr, start, timeout, true)
}
