package main

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/netip"
	"os"
	"strings"
	"syscall"
	"time"
)

// probeTCP is connected once the handshake completes. It then reads the
// server's banner if one comes before the deadline (it names the pod that
// answered) but never requires it: a server that is not an agent still counts.
func probeTCP(addr netip.AddrPort, timeout time.Duration) outcome {
	return attemptTCP(addr, time.Now(), timeout, false)
}

// attemptTCP is one TCP attempt from start, with one deadline; reset closes it
// with SO_LINGER 0 (a RST) instead of a FIN, after the verdict is decided.
func attemptTCP(addr netip.AddrPort, start time.Time, timeout time.Duration, reset bool) outcome {
	deadline := start.Add(timeout)
	conn, f := connectTCP(addr, deadline)
	latency := time.Since(start)
	if f != nil {
		o := judge(TCP, addr.Addr(), *f)
		o.latency = latency
		return o
	}
	detail := readBanner(conn, deadline)
	if tc, ok := conn.(*net.TCPConn); ok && reset {
		_ = tc.SetLinger(0)
	}
	conn.Close()
	return outcome{verdict: Connected, latency: latency, detail: detail, pod: bannerPod(detail)}
}

// connectTCP connects by hand (a non-blocking connect, then Go's poller waits
// for the socket to become writable) instead of with net.Dialer, which closes
// the socket when connect fails: the socket must outlive a failure so that its
// error queue can say whether a reset or an ICMP error (and whose) ended it.
func connectTCP(addr netip.AddrPort, deadline time.Time) (net.Conn, *failure) {
	v6 := addr.Addr().Is6()
	family := syscall.AF_INET
	if v6 {
		family = syscall.AF_INET6
	}
	fd, err := syscall.Socket(family, syscall.SOCK_STREAM|syscall.SOCK_NONBLOCK|syscall.SOCK_CLOEXEC, syscall.IPPROTO_TCP)
	if err != nil {
		return nil, &failure{err: os.NewSyscallError("socket", err)}
	}
	queueReliable := enableRecvErr(fd, v6) == nil && kernelQueuesTCPErrors()
	// The file owns fd from here; net.FileConn duplicates it on success.
	file := os.NewFile(uintptr(fd), "tcp "+addr.String())
	defer file.Close()
	failed := func(err error) *failure {
		return &failure{err: err, icmp: readErrorQueue(fd), queueReliable: queueReliable}
	}
	sa, err := sockaddr(addr)
	if err != nil {
		return nil, &failure{err: err}
	}
	if err := syscall.Connect(fd, sa); err != nil && err != syscall.EINPROGRESS && err != syscall.EINTR {
		return nil, failed(os.NewSyscallError("connect", err))
	}
	if err := file.SetWriteDeadline(deadline); err != nil {
		return nil, &failure{err: err}
	}
	raw, err := file.SyscallConn()
	if err != nil {
		return nil, &failure{err: err}
	}
	var connectErr error
	waitErr := raw.Write(func(s uintptr) bool {
		v, err := syscall.GetsockoptInt(int(s), syscall.SOL_SOCKET, syscall.SO_ERROR)
		if err != nil {
			connectErr = os.NewSyscallError("getsockopt", err)
			return true
		}
		switch e := syscall.Errno(v); e {
		case 0, syscall.EISCONN:
			// Writable with no error can still mean "not yet": only a peer says connected.
			_, err := syscall.Getpeername(int(s))
			return err == nil
		case syscall.EINPROGRESS, syscall.EALREADY, syscall.EINTR:
			return false
		default:
			connectErr = os.NewSyscallError("connect", e)
			return true
		}
	})
	if waitErr != nil {
		return nil, failed(waitErr)
	}
	if connectErr != nil {
		return nil, failed(connectErr)
	}
	conn, err := net.FileConn(file)
	if err != nil {
		return nil, &failure{err: err}
	}
	return conn, nil
}

func sockaddr(addr netip.AddrPort) (syscall.Sockaddr, error) {
	ip := addr.Addr()
	if ip.Is4() {
		return &syscall.SockaddrInet4{Port: int(addr.Port()), Addr: ip.As4()}, nil
	}
	sa := &syscall.SockaddrInet6{Port: int(addr.Port()), Addr: ip.As16()}
	if zone := ip.Zone(); zone != "" {
		ifi, err := net.InterfaceByName(zone)
		if err != nil {
			return nil, err
		}
		sa.ZoneId = uint32(ifi.Index)
	}
	return sa, nil
}

func readBanner(conn net.Conn, deadline time.Time) string {
	_ = conn.SetReadDeadline(deadline)
	line, err := bufio.NewReader(io.LimitReader(conn, 256)).ReadString('\n')
	line = strings.TrimSpace(line)
	switch {
	case line != "":
		return "banner: " + line
	case isTimeout(err):
		return "handshake completed, no banner within the timeout"
	case err == nil || errors.Is(err, io.EOF):
		return "handshake completed, closed without a banner"
	default:
		return "handshake completed, then " + err.Error()
	}
}

// bannerPod: the pod an agent's banner names ("tierprobe NAME PORT/TCP"), or "".
func bannerPod(detail string) string {
	fields := strings.Fields(strings.TrimPrefix(detail, "banner: "))
	if !strings.HasPrefix(detail, "banner: ") || len(fields) != 3 || fields[0] != "tierprobe" {
		return ""
	}
	return fields[1]
}
