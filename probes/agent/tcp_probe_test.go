package main

import (
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestTCPConnectedReadsBanner(t *testing.T) {
	t.Parallel()
	port := startServe(t, "x-a", TCP)[TCP]
	o := probeTCP(loopback(port), time.Second)
	assertVerdict(t, o, Connected)
	if want := "banner: tierprobe x-a "; !strings.HasPrefix(o.detail, want) {
		t.Fatalf("detail %q, want prefix %q", o.detail, want)
	}
}

// The banner is a bonus: a listener that never writes still counts as connected.
func TestTCPConnectedWithoutBanner(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp4", "127.0.0.1:0") // never accepts: the kernel completes the handshake
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	o := probeTCP(loopback(ln.Addr().(*net.TCPAddr).Port), 300*time.Millisecond)
	assertVerdict(t, o, Connected)
	if o.latency > 100*time.Millisecond {
		t.Errorf("latency %s counts the banner wait, want the handshake only", o.latency)
	}
	if !strings.Contains(o.detail, "no banner") {
		t.Errorf("detail %q", o.detail)
	}
}

func TestTCPRefusedOnClosedPort(t *testing.T) {
	t.Parallel()
	o := probeTCP(loopback(closedPort(t, TCP)), time.Second)
	assertAnswer(t, o, Refused, ByDestination, "TCP reset")
	if !strings.HasPrefix(o.detail, "ECONNREFUSED") {
		t.Fatalf("detail %q does not name the errno", o.detail)
	}
}

// Go's own dialer is not used (it closes the socket before its error queue can be
// read): the hand-made connect must still connect over IPv6. (Its deadline is
// checked against a real DROP in netns_test.go.)
func TestTCPConnectedOverIPv6(t *testing.T) {
	t.Parallel()
	if c, err := net.Listen("tcp6", "[::1]:0"); err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	} else {
		c.Close()
	}
	port := startServe(t, "x-a", TCP)[TCP]
	o := probeTCP(netip.AddrPortFrom(netip.IPv6Loopback(), uint16(port)), time.Second)
	assertVerdict(t, o, Connected)
	if !strings.HasPrefix(o.detail, "banner: tierprobe x-a ") {
		t.Fatalf("detail %q", o.detail)
	}
}
