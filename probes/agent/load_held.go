package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strconv"
	"syscall"
	"time"
)

// heldConn is a pair's one long-lived connection: it shows whether a flow
// established before a policy change survives it, which new connections
// cannot (conntrack lets an established flow through rules that now deny new
// ones, or not, depending on the dataplane).
type heldConn interface {
	// ping sends ping n and waits for its answer for timeout from start.
	ping(n int64, start time.Time, timeout time.Duration) error
	close()
}

// hold opens the pair's held connection at the pair's start, then pings it
// every holdInterval until the pair stops or a ping fails: the first failure
// is reported and the connection closed, never reopened (a reopened one would
// be a new flow, judged by the new rules).
func (p *loadPair) hold(r *loadRun) {
	defer p.work.Done()
	timeout := r.cfg.Timeout
	start, ok := p.begin(r.deadline)
	if !ok {
		return
	}
	h, err := openHeld(p.Protocol, p.Addr, start, timeout)
	r.out.send(heldEvent(evHeldOpen, p, start, err))
	if err != nil {
		return
	}
	defer h.close()
	s := newSleeper(r.opts.lateBy)
	due := time.Now()
	for n := int64(1); ; n++ {
		if !s.until(due, p.stopCh) {
			return
		}
		pingStart, ok := p.begin(r.deadline)
		if !ok {
			return
		}
		err := h.ping(n, pingStart, timeout)
		r.out.send(heldEvent(evHeld, p, pingStart, err))
		if err != nil {
			return
		}
		// From this ping's start: pings are never closer than the interval,
		// and a slow answer delays the next one rather than cause a burst.
		due = pingStart.Add(r.cfg.HoldInterval)
	}
}

// heldEvent is a held-open or held line: ok, or the failure's detail.
func heldEvent(kind loadEventKind, p *loadPair, t time.Time, err error) loadEvent {
	ev := loadEvent{kind: kind, pair: p, t: t.UnixMicro(), ok: err == nil}
	if err != nil {
		ev.detail = err.Error()
	}
	return ev
}

func openHeld(proto Protocol, addr netip.AddrPort, start time.Time, timeout time.Duration) (heldConn, error) {
	if proto == UDP {
		return openHeldUDP(addr)
	}
	return openHeldTCP(addr, start, timeout)
}

// heldTCP pings with "ping N\n" lines, which the agent's TCP server answers
// with "pong N\n" after its banner.
type heldTCP struct {
	conn net.Conn
	r    *bufio.Reader
	buf  []byte
}

// openHeldTCP connects as a probe does (connectTCP, the failure judged the
// same way) and requires the agent's banner: a server without it would not
// answer pings, and every ping would look like a cut connection.
func openHeldTCP(addr netip.AddrPort, start time.Time, timeout time.Duration) (heldConn, error) {
	deadline := start.Add(timeout)
	conn, f := connectTCP(addr, deadline)
	if f != nil {
		o := judge(TCP, addr.Addr(), *f)
		return nil, fmt.Errorf("%s: %s", o.verdict, o.detail)
	}
	h := &heldTCP{conn: conn, r: bufio.NewReaderSize(conn, 128), buf: make([]byte, 0, 32)}
	_ = conn.SetReadDeadline(deadline)
	line, err := h.r.ReadSlice('\n')
	switch {
	case err != nil:
		conn.Close()
		return nil, fmt.Errorf("connected, but no banner: %s", heldFailure(err, timeout, "banner"))
	case !bytes.HasPrefix(line, []byte("tierprobe ")):
		conn.Close()
		return nil, fmt.Errorf("connected, but the banner %q is not a tierprobe agent's: it would not answer pings", bytes.TrimSpace(line))
	}
	return h, nil
}

func (h *heldTCP) ping(n int64, start time.Time, timeout time.Duration) error {
	_ = h.conn.SetDeadline(start.Add(timeout))
	h.buf = append(strconv.AppendInt(append(h.buf[:0], "ping "...), n, 10), '\n')
	if _, err := h.conn.Write(h.buf); err != nil {
		return errors.New(heldFailure(err, timeout, "pong"))
	}
	line, err := h.r.ReadSlice('\n')
	if err != nil {
		return errors.New(heldFailure(err, timeout, "pong"))
	}
	// "ping N\n" is answered with "pong N\n": the same bytes after the first four.
	if !bytes.HasPrefix(line, []byte("pong")) || !bytes.Equal(line[4:], h.buf[4:]) {
		return fmt.Errorf("answer %q to %q", line, h.buf)
	}
	return nil
}

func (h *heldTCP) close() { h.conn.Close() }

// heldUDP is one connected socket, so one source port: one conntrack flow for
// the whole load. The agent's UDP server echoes "ping N" unchanged.
type heldUDP struct {
	conn *net.UDPConn
	buf  []byte
	in   []byte
}

func openHeldUDP(addr netip.AddrPort) (heldConn, error) {
	conn, err := net.DialUDP("udp", nil, net.UDPAddrFromAddrPort(addr))
	if err != nil {
		o := judge(UDP, addr.Addr(), failure{err: err})
		return nil, fmt.Errorf("%s: %s", o.verdict, o.detail)
	}
	return &heldUDP{conn: conn, buf: make([]byte, 0, 32), in: make([]byte, 64)}, nil
}

// ping resends every udpResendInterval within the deadline, as a UDP probe
// does: one lost datagram must not read as a cut connection.
func (h *heldUDP) ping(n int64, start time.Time, timeout time.Duration) error {
	deadline := start.Add(timeout)
	h.buf = strconv.AppendInt(append(h.buf[:0], "ping "...), n, 10)
	for time.Now().Before(deadline) {
		if _, err := h.conn.Write(h.buf); err != nil {
			return errors.New(heldFailure(err, timeout, "echo"))
		}
		_ = h.conn.SetReadDeadline(minTime(time.Now().Add(udpResendInterval), deadline))
		for {
			k, err := h.conn.Read(h.in)
			if err == nil {
				if bytes.Equal(h.in[:k], h.buf) {
					return nil
				}
				continue // a stray datagram: keep waiting
			}
			if isTimeout(err) {
				break
			}
			return errors.New(heldFailure(err, timeout, "echo"))
		}
	}
	return errors.New(heldFailure(errTimedOut, timeout, "echo"))
}

func (h *heldUDP) close() { h.conn.Close() }

var errTimedOut = fmt.Errorf("timed out: %w", syscall.ETIMEDOUT)

// heldFailure words why a held connection failed, for the line's detail.
func heldFailure(err error, timeout time.Duration, awaited string) string {
	var errno syscall.Errno
	switch {
	case isTimeout(err):
		return fmt.Sprintf("no %s within %d ms", awaited, timeout.Milliseconds())
	case errors.Is(err, io.EOF):
		return "connection closed by the server"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "refused: ECONNREFUSED (a TCP reset or an ICMP port unreachable)"
	case errors.Is(err, syscall.EPIPE):
		return "connection closed (EPIPE)"
	case errors.As(err, &errno):
		return errnoName(errno) + ": " + err.Error()
	default:
		return err.Error()
	}
}
