package main

import (
	"net"
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestUDPConnectedEchoesNonce(t *testing.T) {
	t.Parallel()
	port := startServe(t, "x-a", UDP)[UDP]
	o := probeUDP(loopback(port), time.Second)
	assertVerdict(t, o, Connected)
}

// 127.0.0.2 is another local address: the echo must come back from it, not from
// the kernel's default source 127.0.0.1, or the client's socket would discard it.
func TestUDPEchoComesFromTheAddressSentTo(t *testing.T) {
	t.Parallel()
	port := startServe(t, "x-a", UDP)[UDP]
	o := probeUDP(netip.AddrPortFrom(netip.MustParseAddr("127.0.0.2"), uint16(port)), time.Second)
	assertVerdict(t, o, Connected)
}

func TestUDPConnectedOverIPv6(t *testing.T) {
	t.Parallel()
	if c, err := net.ListenPacket("udp6", "[::1]:0"); err != nil {
		t.Skipf("no IPv6 loopback here: %v", err)
	} else {
		c.Close()
	}
	port := startServe(t, "x-a", UDP)[UDP]
	o := probeUDP(netip.AddrPortFrom(netip.IPv6Loopback(), uint16(port)), time.Second)
	assertVerdict(t, o, Connected)
}

// A closed UDP port answers with ICMP port unreachable, which the connected
// socket reports as ECONNREFUSED; the error queue names the destination as its sender.
func TestUDPRefusedOnClosedPort(t *testing.T) {
	t.Parallel()
	o := probeUDP(loopback(closedPort(t, UDP)), time.Second)
	assertAnswer(t, o, Refused, ByDestination, "from 127.0.0.1")
	if !strings.HasPrefix(o.detail, "ECONNREFUSED") {
		t.Fatalf("detail %q does not name the errno", o.detail)
	}
}

// A socket that reads and never answers is dropped. It must have seen the same
// nonce several times from the same source port: resends, on one socket.
func TestUDPDroppedResendsTheNonce(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	timeout := 700 * time.Millisecond
	o := probeUDP(hole.addr(), timeout)
	assertVerdict(t, o, Dropped)
	assertAboutTimeout(t, o, timeout)
	got := hole.received()
	if len(got) < 3 || len(got) > 4 {
		t.Fatalf("black hole got %d datagrams, want 3-4 (one every 200 ms)", len(got))
	}
	for _, r := range got[1:] {
		if r != got[0] {
			t.Fatalf("resend %+v differs from the first %+v: want the same nonce from the same port", r, got[0])
		}
	}
	if !strings.HasPrefix(got[0].payload, "tierprobe-nonce-") {
		t.Fatalf("payload %q", got[0].payload)
	}
}

// Every attempt uses a fresh socket: a new source port and a new nonce.
func TestUDPFreshSourcePortAndNoncePerAttempt(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	probeUDP(hole.addr(), 50*time.Millisecond)
	probeUDP(hole.addr(), 50*time.Millisecond)
	got := hole.received()
	if len(got) != 2 {
		t.Fatalf("got %d datagrams, want 2", len(got))
	}
	if got[0].from == got[1].from || got[0].payload == got[1].payload {
		t.Fatalf("two attempts share a source port or a nonce: %+v", got)
	}
}

// An answer that is not our nonce does not count.
func TestUDPWrongAnswerIsNotConnected(t *testing.T) {
	t.Parallel()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	go func() {
		buf := make([]byte, 2048)
		for {
			n, from, err := conn.ReadFromUDPAddrPort(buf)
			if err != nil {
				return
			}
			buf[n-1] ^= 1
			conn.WriteToUDPAddrPort(buf[:n], from)
		}
	}()
	timeout := 300 * time.Millisecond
	o := probeUDP(conn.LocalAddr().(*net.UDPAddr).AddrPort(), timeout)
	assertVerdict(t, o, Dropped)
	assertAboutTimeout(t, o, timeout)
}

// The agent's echo names its pod, and the probe says so; a plain echo still counts.
func TestUDPEchoNamesTheAnsweringPod(t *testing.T) {
	s, err := startUDPServer(closedPort(t, UDP), "web-7")
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	o := probeUDP(loopback(s.Port()), time.Second)
	assertVerdict(t, o, Connected)
	if !strings.Contains(o.detail, "nonce echoed by pod web-7 from ") || o.pod != "web-7" {
		t.Fatalf("detail %q does not name the pod", o.detail)
	}
	nonce := []byte("tierprobe-nonce-00")
	for answer, want := range map[string]bool{
		"tierprobe-nonce-00": true, "tierprobe-nonce-00\nby=a": true, "tierprobe-nonce-00\nby=": false,
		"tierprobe-nonce-00\nby=a b": false, "tierprobe-nonce-001": false, "tierprobe-nonce-0": false,
	} {
		if _, ok := echoOf([]byte(answer), nonce); ok != want {
			t.Errorf("echoOf(%q) = %v, want %v", answer, ok, want)
		}
	}
}

// A given source port is the one the datagrams leave from (so the harness can
// keep every attempt a new conntrack flow); one already bound is an error,
// never a drop.
func TestUDPProbeSendsFromTheSourcePortGiven(t *testing.T) {
	echo, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer echo.Close()
	from := make(chan int, 1)
	go func() {
		buf := make([]byte, 512)
		n, addr, err := echo.ReadFromUDPAddrPort(buf)
		if err != nil {
			return
		}
		from <- int(addr.Port())
		_, _ = echo.WriteToUDPAddrPort(buf[:n], addr)
	}()
	port := closedPort(t, UDP)
	o := probeUDPFrom(echo.LocalAddr().(*net.UDPAddr).AddrPort(), time.Second, port)
	assertVerdict(t, o, Connected)
	if got := <-from; got != port {
		t.Fatalf("sent from port %d, want %d", got, port)
	}
	busy, err := net.ListenUDP("udp", &net.UDPAddr{})
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	o = probeUDPFrom(echo.LocalAddr().(*net.UDPAddr).AddrPort(), time.Second, busy.LocalAddr().(*net.UDPAddr).Port)
	if o.verdict != Error || !strings.Contains(o.detail, "is in use in this pod") {
		t.Fatalf("a busy source port gave %s: %s", o.verdict, o.detail)
	}
}
