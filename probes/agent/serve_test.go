package main

import (
	"bufio"
	"bytes"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// syncBuffer lets the test read serve's log while serve writes it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// `agent serve` as the pod runs it: ports from TIERPROBE_PORTS, one log line
// per listener, real answers, and a clean exit 0 on SIGTERM.
func TestServeCommandServesUntilSIGTERM(t *testing.T) {
	tcpPort, udpPort := closedPort(t, TCP), closedPort(t, UDP)
	t.Setenv("TIERPROBE_PORTS", fmt.Sprintf("%d/TCP,%d/UDP", tcpPort, udpPort))
	t.Setenv("POD_NAME", "z-c")
	var log syncBuffer
	exited := make(chan int)
	go func() { exited <- serveCommand(nil, &log) }()

	deadline := time.Now().Add(5 * time.Second)
	for strings.Count(log.String(), "listening") < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("serve did not log its two listeners: %q", log.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	for _, want := range []string{fmt.Sprintf("listening %d/TCP on", tcpPort), fmt.Sprintf("listening %d/UDP on 0.0.0.0:%d", udpPort, udpPort)} {
		if !strings.Contains(log.String(), want) {
			t.Errorf("log %q lacks %q", log.String(), want)
		}
	}
	assertVerdict(t, probeTCP(loopback(tcpPort), time.Second), Connected)
	assertVerdict(t, probeUDP(loopback(udpPort), time.Second), Connected)

	if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-exited:
		if code != exitOK {
			t.Fatalf("exit %d after SIGTERM, want 0", code)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("serve did not stop on SIGTERM")
	}
	assertVerdict(t, probeTCP(loopback(tcpPort), time.Second), Refused)
}

func TestServeRefusesSCTPBeforeOpeningAnything(t *testing.T) {
	t.Parallel()
	tcpPort := closedPort(t, TCP)
	var log bytes.Buffer
	code := serveCommand([]string{"--ports", fmt.Sprintf("%d/TCP,80/SCTP", tcpPort)}, &log)
	if code != exitUsage || !strings.Contains(log.String(), "SCTP is not supported") {
		t.Fatalf("exit %d, log %q", code, log.String())
	}
	assertVerdict(t, probeTCP(loopback(tcpPort), time.Second), Refused)
}

func TestServeRejectsBadPortList(t *testing.T) {
	t.Parallel()
	var log bytes.Buffer
	if code := serveCommand([]string{"--ports", "80/TCP,http"}, &log); code != exitUsage {
		t.Fatalf("exit %d, log %q", code, log.String())
	}
}

// A port that cannot be opened fails the whole start, names the port, and
// closes the ports already opened.
func TestServeFailsWholeWhenAPortIsTaken(t *testing.T) {
	t.Parallel()
	taken, err := net.Listen("tcp4", "0.0.0.0:0")
	if err != nil {
		t.Fatal(err)
	}
	defer taken.Close()
	free := closedPort(t, TCP)
	takenPort := taken.Addr().(*net.TCPAddr).Port
	var log bytes.Buffer
	code := serveCommand([]string{"--ports", fmt.Sprintf("%d/TCP,%d/TCP", free, takenPort)}, &log)
	if code != exitFailure || !strings.Contains(log.String(), fmt.Sprintf("cannot serve %d/TCP", takenPort)) {
		t.Fatalf("exit %d, log %q", code, log.String())
	}
	assertVerdict(t, probeTCP(loopback(free), time.Second), Refused)
}

// waitFor polls cond until it holds, failing the test after the timeout.
func waitFor(t *testing.T, timeout time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(timeout)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("still not %s after %s", what, timeout)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// dialServer connects to a TCP server on loopback and reads its banner.
func dialServer(t *testing.T, s *tcpServer) (net.Conn, *bufio.Reader) {
	t.Helper()
	conn, err := net.Dial("tcp4", loopback(s.Port()).String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close() })
	_ = conn.SetDeadline(time.Now().Add(5 * time.Second))
	r := bufio.NewReader(conn)
	banner, err := r.ReadString('\n')
	if want := fmt.Sprintf("tierprobe x-a %d/TCP\n", s.Port()); err != nil || banner != want {
		t.Fatalf("banner %q (%v), want %q", banner, err, want)
	}
	return conn, r
}

func startTestTCPServer(t *testing.T) *tcpServer {
	t.Helper()
	s, err := startTCPServer(0, "x-a")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// After the banner the server answers pings on the same connection, and the
// client closing ends the server's goroutine for it.
func TestTCPServerAnswersPingsAfterBanner(t *testing.T) {
	t.Parallel()
	s := startTestTCPServer(t)
	conn, r := dialServer(t, s)
	for _, c := range []struct{ send, want string }{
		{"ping 1\n", "pong 1\n"},
		{"ping 2\n", "pong 2\n"},
		{"ping\r\n", "pong\n"},
		{"ping a b c\n", "pong a b c\n"},
	} {
		if _, err := conn.Write([]byte(c.send)); err != nil {
			t.Fatal(err)
		}
		if got, err := r.ReadString('\n'); err != nil || got != c.want {
			t.Fatalf("sent %q, got %q (%v), want %q", c.send, got, err, c.want)
		}
	}
	if n := s.openConns(); n != 1 {
		t.Fatalf("%d connections served, want 1", n)
	}
	conn.Close()
	waitFor(t, 5*time.Second, "done serving the closed connection", func() bool { return s.openConns() == 0 })
	closed := make(chan error)
	go func() { closed <- s.Close() }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close did not return")
	}
}

// Anything but a ping, and a line longer than 64 bytes, closes the connection.
func TestTCPServerClosesOnAnythingButPing(t *testing.T) {
	t.Parallel()
	s := startTestTCPServer(t)
	for _, line := range []string{"hello\n", "pingpong\n", "PING 1\n", "ping " + strings.Repeat("x", 64) + "\n"} {
		conn, r := dialServer(t, s)
		if _, err := conn.Write([]byte(line)); err != nil {
			t.Fatal(err)
		}
		if got, err := r.ReadString('\n'); err == nil {
			t.Fatalf("sent %q, got %q, want the connection closed", line, got)
		}
	}
	waitFor(t, 5*time.Second, "done serving", func() bool { return s.openConns() == 0 })
}

// A probe reads the banner and closes first, as before the server learnt pings.
func TestTCPServerProbeStillReadsBanner(t *testing.T) {
	t.Parallel()
	s := startTestTCPServer(t)
	for range 20 {
		o := probeTCP(loopback(s.Port()), time.Second)
		assertVerdict(t, o, Connected)
		if want := fmt.Sprintf("banner: tierprobe x-a %d/TCP", s.Port()); o.detail != want {
			t.Fatalf("detail %q, want %q", o.detail, want)
		}
	}
	waitFor(t, 5*time.Second, "done serving the probes", func() bool { return s.openConns() == 0 })
}

// Close ends a held connection at once rather than wait for its idle timeout.
func TestTCPServerCloseEndsHeldConnections(t *testing.T) {
	t.Parallel()
	s := startTestTCPServer(t)
	_, r := dialServer(t, s)
	closed := make(chan error)
	go func() { closed <- s.Close() }()
	select {
	case <-closed:
	case <-time.After(5 * time.Second):
		t.Fatal("Close waited for the held connection")
	}
	if got, err := r.ReadString('\n'); err == nil {
		t.Fatalf("read %q after Close, want EOF", got)
	}
}
