package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"net/netip"
	"time"
)

// udpResendInterval spaces the resends of the nonce: one lost datagram must
// not turn an allowed flow into "dropped".
const udpResendInterval = 200 * time.Millisecond

// probeUDP sends a random nonce from a fresh socket, so a fresh source port:
// conntrack has no earlier flow to fake an answer with. Only the same nonce
// coming back counts. The socket is connected, so the kernel delivers only
// datagrams from the target and reports an ICMP port unreachable as
// ECONNREFUSED; with IP_RECVERR it also queues who sent it, which tells the
// destination's own "nothing listens" from a node on the way rejecting it.
func probeUDP(addr netip.AddrPort, timeout time.Duration) outcome {
	start := time.Now()
	deadline := start.Add(timeout)
	nonce, err := newNonce()
	if err != nil {
		return outcome{verdict: Error, detail: "nonce: " + err.Error()}
	}
	conn, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(addr))
	if err != nil {
		o := judge(UDP, addr.Addr(), failure{err: err})
		o.latency = time.Since(start)
		return o
	}
	defer conn.Close()
	var recvErr error
	if err := withFD(conn, func(fd int) { recvErr = enableRecvErr(fd, addr.Addr().Is6()) }); err != nil {
		recvErr = err
	}
	// Without IP_RECVERR the kernel still reports hard errors on a connected socket, without the sender.
	queueReliable := recvErr == nil
	failed := func(err error) outcome {
		f := failure{err: err, queueReliable: queueReliable}
		_ = withFD(conn, func(fd int) { f.icmp = readErrorQueue(fd) })
		o := judge(UDP, addr.Addr(), f)
		o.latency = time.Since(start)
		return o
	}
	buf := make([]byte, len(nonce)+64)
	sends := 0
	for time.Now().Before(deadline) {
		if _, err := conn.Write(nonce); err != nil {
			// A pending ICMP error from an earlier send surfaces here too.
			return failed(err)
		}
		sends++
		_ = conn.SetReadDeadline(minTime(time.Now().Add(udpResendInterval), deadline))
		for {
			n, err := conn.Read(buf)
			if err == nil {
				if bytes.Equal(buf[:n], nonce) {
					return outcome{verdict: Connected, latency: time.Since(start),
						detail: fmt.Sprintf("nonce echoed from %s after %d send(s)", conn.RemoteAddr(), sends)}
				}
				continue // not our nonce: keep waiting for it
			}
			if isTimeout(err) {
				break // resend, or give up at the deadline
			}
			return failed(err)
		}
	}
	return outcome{verdict: Dropped, latency: time.Since(start),
		detail: fmt.Sprintf("no echo of the nonce within %s (%d send(s) from %s)", timeout, sends, conn.LocalAddr())}
}

// withFD runs f on the connection's socket.
func withFD(conn *net.UDPConn, f func(fd int)) error {
	raw, err := conn.SyscallConn()
	if err != nil {
		return err
	}
	return raw.Control(func(fd uintptr) { f(int(fd)) })
}

func newNonce() ([]byte, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return []byte("tierprobe-nonce-" + hex.EncodeToString(b)), nil
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
