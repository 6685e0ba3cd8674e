package main

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"strings"
	"syscall"
	"time"
)

// udpResendInterval spaces the resends of the nonce: one lost datagram must
// not turn an allowed flow into "dropped".
const udpResendInterval = 200 * time.Millisecond

// probeUDP sends a random nonce from a fresh socket. Only the same nonce
// coming back counts. A fresh socket is not enough to be a new flow: the
// kernel picks its source port at random, and one that an earlier datagram to
// the same destination used (a probe's, a load's) within the conntrack
// timeout (120 s for a flow that was answered) rides that flow's entry, past
// a policy that now denies it. So the harness gives each attempt a source
// port of its own (sourcePort, outside the kernel's ephemeral range), which
// probeUDPFrom binds. The socket is connected, so the kernel delivers only
// datagrams from the target and reports an ICMP port unreachable as
// ECONNREFUSED; with IP_RECVERR it also queues who sent it, which tells the
// destination's own "nothing listens" from a node on the way rejecting it.
func probeUDP(addr netip.AddrPort, timeout time.Duration) outcome {
	return probeUDPFrom(addr, timeout, 0)
}

// probeUDPFrom binds sourcePort (0: the kernel's choice).
func probeUDPFrom(addr netip.AddrPort, timeout time.Duration, sourcePort int) outcome {
	start := time.Now()
	deadline := start.Add(timeout)
	nonce, err := newNonce()
	if err != nil {
		return outcome{verdict: Error, detail: "nonce: " + err.Error()}
	}
	var local *net.UDPAddr
	if sourcePort > 0 {
		local = &net.UDPAddr{Port: sourcePort}
	}
	conn, err := net.DialUDP("udp", local, net.UDPAddrFromAddrPort(addr))
	if err != nil && sourcePort > 0 && errors.Is(err, syscall.EADDRINUSE) {
		return outcome{verdict: Error, latency: time.Since(start), detail: fmt.Sprintf("source port %d/UDP is in use in this pod: not probed", sourcePort)}
	}
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
	buf := make([]byte, len(nonce)+len(nonceSignature)+256)
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
				if by, ok := echoOf(buf[:n], nonce); ok {
					return outcome{verdict: Connected, latency: time.Since(start), pod: strings.TrimPrefix(by, " by pod "),
						detail: fmt.Sprintf("nonce echoed%s from %s after %d send(s)", by, conn.RemoteAddr(), sends)}
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

var nonceMagic = []byte("tierprobe-nonce-")

// nonceSignature follows the nonce in an agent's echo, then the pod's name.
const nonceSignature = "\nby="

func newNonce() ([]byte, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return nil, err
	}
	return append(append([]byte{}, nonceMagic...), hex.EncodeToString(b)...), nil
}

// echoOf: whether the answer is our nonce (alone, or an agent's echo naming its
// pod), and then " by pod NAME" for the detail, or "" from a plain echo server.
func echoOf(answer, nonce []byte) (string, bool) {
	if bytes.Equal(answer, nonce) {
		return "", true
	}
	rest, ok := bytes.CutPrefix(answer, nonce)
	if !ok {
		return "", false
	}
	name, ok := bytes.CutPrefix(rest, []byte(nonceSignature))
	if !ok || len(name) == 0 || bytes.ContainsAny(name, "\n\r ") {
		return "", false
	}
	return " by pod " + string(name), true
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
