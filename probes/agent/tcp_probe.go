package main

import (
	"bufio"
	"context"
	"errors"
	"io"
	"net"
	"net/netip"
	"strings"
	"time"
)

// probeTCP is connected once the handshake completes. It then reads the
// server's banner if one comes before the deadline (it names the pod that
// answered) but never requires it: a server that is not an agent still counts.
func probeTCP(addr netip.AddrPort, timeout time.Duration) outcome {
	start := time.Now()
	deadline := start.Add(timeout)
	ctx, cancel := context.WithDeadline(context.Background(), deadline)
	defer cancel()
	var d net.Dialer
	conn, err := d.DialContext(ctx, "tcp", addr.String())
	latency := time.Since(start)
	if err != nil {
		v, detail := classify(err)
		return outcome{verdict: v, latency: latency, detail: detail}
	}
	defer conn.Close()
	return outcome{verdict: Connected, latency: latency, detail: readBanner(conn, deadline)}
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
