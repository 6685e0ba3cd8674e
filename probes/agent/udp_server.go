package main

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"syscall"
)

// udpServer echoes every datagram on one port back to its sender (a probe nonce with the pod name after it),
// from the address it was sent to. It holds an IPv4 socket on 0.0.0.0 and an
// IPv6-only socket on [::] (when the pod has IPv6), so each family gets its
// own packet info.
type udpServer struct {
	port    int
	podName string
	conns   []*net.UDPConn
	notes   []string
	wg      sync.WaitGroup
}

func startUDPServer(port int, podName string) (*udpServer, error) {
	s := &udpServer{port: port, podName: podName}
	v4, err := listenUDP("udp4", "0.0.0.0", port, false)
	if err != nil && !familyUnavailable(err) {
		return nil, err
	}
	if v4 != nil {
		s.conns = append(s.conns, v4)
		// Port 0 (tests) takes the IPv4 socket's port for both families.
		s.port = v4.LocalAddr().(*net.UDPAddr).Port
	} else {
		s.notes = append(s.notes, "no IPv4: "+err.Error())
	}
	v6, err6 := listenUDP("udp6", "::", s.port, true)
	if err6 != nil && !familyUnavailable(err6) {
		s.Close()
		return nil, err6
	}
	if v6 != nil {
		s.conns = append(s.conns, v6)
		s.port = v6.LocalAddr().(*net.UDPAddr).Port
	} else {
		s.notes = append(s.notes, "no IPv6: "+err6.Error())
	}
	if len(s.conns) == 0 {
		return nil, fmt.Errorf("no address family available for %d/UDP: %v; %v", port, err, err6)
	}
	for _, c := range s.conns {
		s.wg.Add(1)
		go s.echoLoop(c)
	}
	return s, nil
}

func listenUDP(network, host string, port int, v6 bool) (*net.UDPConn, error) {
	conn, err := net.ListenUDP(network, &net.UDPAddr{IP: net.ParseIP(host), Port: port})
	if err != nil {
		return nil, err
	}
	if err := enablePacketInfo(conn, v6); err != nil {
		conn.Close()
		return nil, fmt.Errorf("%s %s: enable packet info: %w", network, conn.LocalAddr(), err)
	}
	return conn, nil
}

// familyUnavailable tells a kernel or pod without that address family apart from
// a real failure such as a port already in use.
func familyUnavailable(err error) bool {
	return errors.Is(err, syscall.EAFNOSUPPORT) || errors.Is(err, syscall.EADDRNOTAVAIL) ||
		errors.Is(err, syscall.EPROTONOSUPPORT)
}

func (s *udpServer) Port() int { return s.port }

func (s *udpServer) Describe() string {
	addrs := make([]string, len(s.conns))
	for i, c := range s.conns {
		addrs[i] = c.LocalAddr().String()
	}
	d := fmt.Sprintf("%d/UDP on %s (echo)", s.port, strings.Join(addrs, " and "))
	if len(s.notes) > 0 {
		d += " [" + strings.Join(s.notes, "; ") + "]"
	}
	return d
}

// echoLoop sends every datagram back; a probe's nonce comes back with the pod's
// name after it ("\nby=NAME"), so a probe to a Service's ClusterIP learns which
// backend answered, as the TCP banner tells it.
func (s *udpServer) echoLoop(conn *net.UDPConn) {
	defer s.wg.Done()
	buf := make([]byte, 65536)
	oob := make([]byte, 256)
	by := []byte(nonceSignature + s.podName)
	for {
		n, oobn, _, from, err := conn.ReadMsgUDPAddrPort(buf, oob)
		if errors.Is(err, net.ErrClosed) {
			return
		}
		if err != nil {
			continue
		}
		reply := buf[:n]
		if bytes.HasPrefix(reply, nonceMagic) && n+len(by) <= len(buf) {
			reply = append(reply, by...)
		}
		_, _, _ = conn.WriteMsgUDPAddrPort(reply, replySourceControl(oob[:oobn]), from)
	}
}

func (s *udpServer) Close() error {
	for _, c := range s.conns {
		c.Close()
	}
	s.wg.Wait()
	return nil
}
