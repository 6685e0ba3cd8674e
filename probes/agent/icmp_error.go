package main

import (
	"encoding/binary"
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// An errno alone does not say who answered: ECONNREFUSED is a TCP reset from the
// destination, an ICMP port unreachable from the destination (UDP: nothing
// listens), or the same ICMP from a node on the way (Calico's REJECT). With
// IP_RECVERR (IPV6_RECVERR) the kernel also queues each ICMP error on the
// socket's error queue with its type, code and sender (ip(7), "IP_RECVERR";
// struct sock_extended_err, SO_EE_OFFENDER). UDP sockets have done so for
// decades; TCP sockets in SYN_SENT only since Linux 5.8 (commit 45af29ca761c,
// "tcp: allow traceroute -Mtcp for unpriv users"). No capability is needed.

// icmpError is one entry of a socket's error queue that came from an ICMP message.
type icmpError struct {
	errno syscall.Errno
	v6    bool
	typ   uint8
	code  uint8
	// from is the ICMP message's sender; invalid when the kernel named none.
	from netip.Addr
}

const (
	soEEOriginICMP  = 2
	soEEOriginICMP6 = 3
	// sizeofSockExtendedErr is struct sock_extended_err: errno u32, origin, type, code, pad u8, info, data u32.
	sizeofSockExtendedErr = 16
)

type icmpKind int

const (
	icmpOther icmpKind = iota
	icmpPortUnreachable
	icmpProtocolUnreachable
	// icmpProhibited: communication administratively prohibited (a firewall's REJECT with that type).
	icmpProhibited
	// icmpNoRoute: net or host unreachable or unknown, time exceeded: the destination was not reached.
	icmpNoRoute
)

// kind sorts the ICMP destination unreachable codes (RFC 792, RFC 1812, RFC 4443).
func (e icmpError) kind() icmpKind {
	if e.v6 {
		switch {
		case e.typ == 1 && e.code == 4:
			return icmpPortUnreachable
		case e.typ == 1 && (e.code == 1 || e.code == 5 || e.code == 6):
			return icmpProhibited
		case e.typ == 1 || e.typ == 3:
			return icmpNoRoute
		}
		return icmpOther
	}
	switch {
	case e.typ == 3 && e.code == 3:
		return icmpPortUnreachable
	case e.typ == 3 && e.code == 2:
		return icmpProtocolUnreachable
	case e.typ == 3 && (e.code == 9 || e.code == 10 || e.code == 13):
		return icmpProhibited
	case e.typ == 3 && (e.code <= 1 || (e.code >= 6 && e.code <= 8) || e.code == 11 || e.code == 12):
		return icmpNoRoute
	case e.typ == 11:
		return icmpNoRoute
	}
	return icmpOther
}

var icmp4Unreachable = map[uint8]string{
	0: "net unreachable", 1: "host unreachable", 2: "protocol unreachable", 3: "port unreachable",
	4: "fragmentation needed", 5: "source route failed", 6: "net unknown", 7: "host unknown",
	8: "host isolated", 9: "net prohibited", 10: "host prohibited", 11: "net unreachable for TOS",
	12: "host unreachable for TOS", 13: "administratively prohibited", 14: "precedence violation",
	15: "precedence cutoff",
}

var icmp6Unreachable = map[uint8]string{
	0: "no route", 1: "administratively prohibited", 2: "beyond scope", 3: "address unreachable",
	4: "port unreachable", 5: "source address failed policy", 6: "reject route",
}

// name is the message as iptables' --reject-with and tcpdump spell it, with its numbers.
func (e icmpError) name() string {
	table, unreachable, family := icmp4Unreachable, uint8(3), "ICMP"
	if e.v6 {
		table, unreachable, family = icmp6Unreachable, 1, "ICMPv6"
	}
	if n, ok := table[e.code]; ok && e.typ == unreachable {
		return fmt.Sprintf("%s (%s type %d code %d)", n, family, e.typ, e.code)
	}
	return fmt.Sprintf("%s type %d code %d", family, e.typ, e.code)
}

// enableRecvErr asks the kernel to queue ICMP errors on the socket.
func enableRecvErr(fd int, v6 bool) error {
	if v6 {
		return syscall.SetsockoptInt(fd, syscall.IPPROTO_IPV6, syscall.IPV6_RECVERR, 1)
	}
	return syscall.SetsockoptInt(fd, syscall.IPPROTO_IP, syscall.IP_RECVERR, 1)
}

// readErrorQueue returns the first ICMP error queued on the socket, or nil when
// there is none. It never blocks.
func readErrorQueue(fd int) *icmpError {
	data := make([]byte, 512)
	oob := make([]byte, 512)
	for range 8 {
		_, oobn, _, _, err := syscall.Recvmsg(fd, data, oob, syscall.MSG_ERRQUEUE|syscall.MSG_DONTWAIT)
		if err != nil {
			return nil // EAGAIN: the queue is empty
		}
		if e, ok := parseExtendedError(oob[:oobn]); ok {
			return e
		}
	}
	return nil
}

// parseExtendedError reads the IP_RECVERR / IPV6_RECVERR control message of an
// error queue entry: a struct sock_extended_err, then the sender's sockaddr.
// Entries that did not come from ICMP (ee_origin local, say) are not ICMP errors.
func parseExtendedError(oob []byte) (*icmpError, bool) {
	msgs, err := syscall.ParseSocketControlMessage(oob)
	if err != nil {
		return nil, false
	}
	for _, m := range msgs {
		if !(m.Header.Level == syscall.IPPROTO_IP && m.Header.Type == syscall.IP_RECVERR) &&
			!(m.Header.Level == syscall.IPPROTO_IPV6 && m.Header.Type == syscall.IPV6_RECVERR) {
			continue
		}
		d := m.Data
		if len(d) < sizeofSockExtendedErr {
			continue
		}
		origin := d[4]
		if origin != soEEOriginICMP && origin != soEEOriginICMP6 {
			continue
		}
		e := &icmpError{errno: syscall.Errno(binary.NativeEndian.Uint32(d[0:4])), v6: origin == soEEOriginICMP6, typ: d[5], code: d[6]}
		e.from = offender(d[sizeofSockExtendedErr:])
		return e, true
	}
	return nil, false
}

// offender reads the sockaddr_in or sockaddr_in6 after the extended error.
func offender(sa []byte) netip.Addr {
	if len(sa) < 2 {
		return netip.Addr{}
	}
	switch binary.NativeEndian.Uint16(sa[0:2]) {
	case syscall.AF_INET:
		if len(sa) >= 8 {
			return netip.AddrFrom4([4]byte(sa[4:8]))
		}
	case syscall.AF_INET6:
		if len(sa) >= 24 {
			return netip.AddrFrom16([16]byte(sa[8:24])).Unmap()
		}
	}
	return netip.Addr{}
}

var tcpQueues = sync.OnceValue(func() bool {
	var u syscall.Utsname
	if syscall.Uname(&u) != nil {
		return false
	}
	var b strings.Builder
	for _, c := range u.Release {
		if c == 0 {
			break
		}
		b.WriteByte(byte(c))
	}
	return releaseQueuesTCPErrors(b.String())
})

// kernelQueuesTCPErrors: does this kernel queue the ICMP errors of a connecting
// TCP socket (Linux 5.8 and later)? Before, a reset and an ICMP port
// unreachable both end connect() with ECONNREFUSED and nothing else.
func kernelQueuesTCPErrors() bool { return tcpQueues() }

func releaseQueuesTCPErrors(release string) bool {
	parts := strings.SplitN(release, ".", 3)
	if len(parts) < 2 {
		return false
	}
	major, err1 := strconv.Atoi(parts[0])
	minor, err2 := strconv.Atoi(leadingDigits(parts[1])) // "8-rc1" is 8
	if err1 != nil || err2 != nil {
		return false
	}
	return major > 5 || (major == 5 && minor >= 8)
}

func leadingDigits(s string) string {
	for i, r := range s {
		if r < '0' || r > '9' {
			return s[:i]
		}
	}
	return s
}
