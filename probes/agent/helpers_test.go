package main

import (
	"net"
	"net/netip"
	"sync"
	"testing"
	"time"
)

// startServe starts the real listeners that `agent serve` opens, on ports the
// kernel picks, and closes them when the test ends.
func startServe(t *testing.T, podName string, protos ...Protocol) map[Protocol]int {
	t.Helper()
	ports := map[Protocol]int{}
	for _, p := range protos {
		ls, err := startListeners([]PortSpec{{Port: 0, Protocol: p}}, podName)
		if err != nil {
			t.Fatalf("start %s server: %v", p, err)
		}
		t.Cleanup(func() { closeAll(ls) })
		ports[p] = ls[0].Port()
	}
	return ports
}

// closedPort returns a port that nothing listens on for the protocol: the
// kernel hands it out, and the socket is closed again at once.
func closedPort(t *testing.T, p Protocol) int {
	t.Helper()
	switch p {
	case TCP:
		ln, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer ln.Close()
		return ln.Addr().(*net.TCPAddr).Port
	default:
		c, err := net.ListenPacket("udp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		return c.LocalAddr().(*net.UDPAddr).Port
	}
}

// udpBlackHole is a UDP socket that reads every datagram and never answers:
// the honest stand-in for a policy that drops. It records what it received.
type udpBlackHole struct {
	conn *net.UDPConn
	mu   sync.Mutex
	got  []received
}

type received struct {
	from    netip.AddrPort
	payload string
}

func newUDPBlackHole(t *testing.T) *udpBlackHole {
	t.Helper()
	conn, err := net.ListenUDP("udp4", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	h := &udpBlackHole{conn: conn}
	done := make(chan struct{})
	go func() {
		defer close(done)
		buf := make([]byte, 2048)
		for {
			n, from, err := conn.ReadFromUDPAddrPort(buf)
			if err != nil {
				return
			}
			h.mu.Lock()
			h.got = append(h.got, received{from: from, payload: string(buf[:n])})
			h.mu.Unlock()
		}
	}()
	t.Cleanup(func() { conn.Close(); <-done })
	return h
}

func (h *udpBlackHole) addr() netip.AddrPort {
	return h.conn.LocalAddr().(*net.UDPAddr).AddrPort()
}

func (h *udpBlackHole) received() []received {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]received(nil), h.got...)
}

func loopback(port int) netip.AddrPort {
	return netip.AddrPortFrom(netip.MustParseAddr("127.0.0.1"), uint16(port))
}

func assertVerdict(t *testing.T, o outcome, want Verdict) {
	t.Helper()
	if o.verdict != want {
		t.Fatalf("verdict %s, want %s (detail: %s)", o.verdict, want, o.detail)
	}
}

// assertAboutTimeout checks a dropped attempt waited its whole timeout, and not much more.
func assertAboutTimeout(t *testing.T, o outcome, timeout time.Duration) {
	t.Helper()
	if o.latency < timeout || o.latency > timeout+300*time.Millisecond {
		t.Fatalf("latency %s, want about the timeout %s", o.latency, timeout)
	}
}
