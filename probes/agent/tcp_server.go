package main

import (
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// tcpServer accepts connections on one port, writes a one-line banner naming
// the pod and closes. The banner lets a prober see which pod answered.
type tcpServer struct {
	ln     net.Listener
	banner []byte
	wg     sync.WaitGroup
}

// startTCPServer listens on every address of the pod: ":port" is a dual-stack
// socket where IPv6 exists and an IPv4 one otherwise.
func startTCPServer(port int, podName string) (*tcpServer, error) {
	ln, err := net.Listen("tcp", fmt.Sprintf(":%d", port))
	if err != nil {
		return nil, err
	}
	s := &tcpServer{ln: ln, banner: []byte(tcpBanner(podName, ln.Addr().(*net.TCPAddr).Port))}
	s.wg.Add(1)
	go s.acceptLoop()
	return s, nil
}

func tcpBanner(podName string, port int) string {
	return fmt.Sprintf("tierprobe %s %d/TCP\n", podName, port)
}

func (s *tcpServer) Describe() string {
	return fmt.Sprintf("%d/TCP on %s (banner)", s.Port(), s.ln.Addr())
}

func (s *tcpServer) Port() int { return s.ln.Addr().(*net.TCPAddr).Port }

func (s *tcpServer) acceptLoop() {
	defer s.wg.Done()
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
		go s.greet(conn)
	}
}

func (s *tcpServer) greet(conn net.Conn) {
	defer conn.Close()
	_ = conn.SetWriteDeadline(time.Now().Add(2 * time.Second))
	_, _ = conn.Write(s.banner)
}

func (s *tcpServer) Close() error {
	err := s.ln.Close()
	s.wg.Wait()
	return err
}
