package main

import (
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
