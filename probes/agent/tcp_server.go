package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

const (
	// tcpWriteTimeout bounds each write (the banner, a pong): a peer that stops
	// reading must not hold a goroutine.
	tcpWriteTimeout = 2 * time.Second
	// tcpIdleTimeout closes a connection that sends no line for this long: a
	// held connection pings far more often, anything else has long gone.
	tcpIdleTimeout = 5 * time.Minute
	// tcpMaxLine is the longest line served, newline included; a longer one closes.
	tcpMaxLine = 64
)

// tcpServer accepts connections on one port and writes a one-line banner naming
// the pod: it lets a prober see which pod answered. It then answers pings on
// the same connection, so `agent load` can hold one connection open across a
// policy change and see whether it survives. A probe reads the banner and
// closes; the server then sees EOF and closes too.
type tcpServer struct {
	ln     net.Listener
	banner []byte

	acceptDone chan struct{}
	mu         sync.Mutex
	conns      map[net.Conn]struct{} // open connections, closed by Close
	connWG     sync.WaitGroup
}

// startTCPServer listens on every address of the pod: ":port" is a dual-stack
// socket where IPv6 exists and an IPv4 one otherwise.
func startTCPServer(port int, podName string) (*tcpServer, error) {
	ln, err := net.Listen("tcp", fmt.Sprintf(":%d", port))
	if err != nil {
		return nil, err
	}
	s := &tcpServer{
		ln:         ln,
		banner:     []byte(tcpBanner(podName, ln.Addr().(*net.TCPAddr).Port)),
		acceptDone: make(chan struct{}),
		conns:      map[net.Conn]struct{}{},
	}
	go s.acceptLoop()
	return s, nil
}

func tcpBanner(podName string, port int) string {
	return fmt.Sprintf("tierprobe %s %d/TCP\n", podName, port)
}

func (s *tcpServer) Describe() string {
	return fmt.Sprintf("%d/TCP on %s (banner, then pings)", s.Port(), s.ln.Addr())
}

func (s *tcpServer) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *tcpServer) acceptLoop() {
	defer close(s.acceptDone)
	backoff := 5 * time.Millisecond
	for {
		conn, err := s.ln.Accept()
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			// EMFILE and the like: wait and keep serving rather than die.
			time.Sleep(backoff)
			backoff = min(2*backoff, time.Second)
			continue
		}
		backoff = 5 * time.Millisecond
		s.track(conn)
		go s.greet(conn)
	}
}

// track records an open connection so that Close can end it. Close waits for
// the accept loop to return before it reads the set, so none is added after.
func (s *tcpServer) track(conn net.Conn) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conns[conn] = struct{}{}
	s.connWG.Add(1)
}

func (s *tcpServer) untrack(conn net.Conn) {
	s.mu.Lock()
	delete(s.conns, conn)
	s.mu.Unlock()
	s.connWG.Done()
}

// openConns is how many connections are being served (for tests).
func (s *tcpServer) openConns() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return len(s.conns)
}

func (s *tcpServer) greet(conn net.Conn) {
	defer s.untrack(conn)
	defer conn.Close()
	_ = conn.SetWriteDeadline(time.Now().Add(tcpWriteTimeout))
	if _, err := conn.Write(s.banner); err != nil {
		return
	}
	servePings(conn)
}

// servePings answers each line "ping" or "ping ANYTHING" with "pong" and the
// same ANYTHING, and returns (the caller closes) on EOF, a read error, any
// other line, a line longer than tcpMaxLine, or tcpIdleTimeout without a line.
func servePings(conn net.Conn) {
	r := bufio.NewReaderSize(conn, tcpMaxLine)
	reply := make([]byte, 0, tcpMaxLine+1)
	for {
		_ = conn.SetReadDeadline(time.Now().Add(tcpIdleTimeout))
		line, err := r.ReadSlice('\n')
		if err != nil {
			return
		}
		line = bytes.TrimSuffix(line[:len(line)-1], []byte("\r"))
		rest, ok := pingArgument(line)
		if !ok {
			return
		}
		reply = append(append(append(reply[:0], "pong"...), rest...), '\n')
		_ = conn.SetWriteDeadline(time.Now().Add(tcpWriteTimeout))
		if _, err := conn.Write(reply); err != nil {
			return
		}
	}
}

// pingArgument returns what follows "ping" in a ping line, the space included
// ("ping 7" gives " 7", "ping" gives ""), and false for any other line.
func pingArgument(line []byte) ([]byte, bool) {
	rest, ok := bytes.CutPrefix(line, []byte("ping"))
	if !ok || (len(rest) > 0 && rest[0] != ' ') {
		return nil, false
	}
	return rest, true
}

// Close stops accepting, ends every open connection (a held one would
// otherwise keep serve from exiting for up to tcpIdleTimeout) and waits for
// their goroutines.
func (s *tcpServer) Close() error {
	err := s.ln.Close()
	<-s.acceptDone
	s.mu.Lock()
	for c := range s.conns {
		c.Close()
	}
	s.mu.Unlock()
	s.connWG.Wait()
	return err
}
