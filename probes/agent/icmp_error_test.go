package main

import (
	"encoding/binary"
	"net/netip"
	"syscall"
	"testing"
)

// extendedError builds an error queue entry's control message as the kernel writes it.
func extendedError(level, typ int, errno syscall.Errno, origin, icmpType, code uint8, sa []byte) []byte {
	d := make([]byte, sizeofSockExtendedErr, sizeofSockExtendedErr+len(sa))
	binary.NativeEndian.PutUint32(d[0:4], uint32(errno))
	d[4], d[5], d[6] = origin, icmpType, code
	return controlMessage(level, typ, append(d, sa...))
}

func sockaddrIn(a netip.Addr) []byte {
	sa := make([]byte, 16)
	binary.NativeEndian.PutUint16(sa[0:2], syscall.AF_INET)
	b := a.As4()
	copy(sa[4:8], b[:])
	return sa
}

func sockaddrIn6(a netip.Addr) []byte {
	sa := make([]byte, 28)
	binary.NativeEndian.PutUint16(sa[0:2], syscall.AF_INET6)
	b := a.As16()
	copy(sa[8:24], b[:])
	return sa
}

func TestParseExtendedError(t *testing.T) {
	t.Parallel()
	node := netip.MustParseAddr("172.18.0.3")
	e, ok := parseExtendedError(extendedError(syscall.IPPROTO_IP, syscall.IP_RECVERR, syscall.ECONNREFUSED, soEEOriginICMP, 3, 3, sockaddrIn(node)))
	if !ok || e.errno != syscall.ECONNREFUSED || e.v6 || e.typ != 3 || e.code != 3 || e.from != node || e.kind() != icmpPortUnreachable {
		t.Fatalf("IPv4: %+v, %v", e, ok)
	}
	v6 := netip.MustParseAddr("fd00::1")
	e, ok = parseExtendedError(extendedError(syscall.IPPROTO_IPV6, syscall.IPV6_RECVERR, syscall.EACCES, soEEOriginICMP6, 1, 1, sockaddrIn6(v6)))
	if !ok || !e.v6 || e.from != v6 || e.kind() != icmpProhibited || e.name() != "administratively prohibited (ICMPv6 type 1 code 1)" {
		t.Fatalf("IPv6: %+v, %v", e, ok)
	}
	// A local error (ee_origin 1, EMSGSIZE from the local MTU) is no ICMP error.
	if e, ok := parseExtendedError(extendedError(syscall.IPPROTO_IP, syscall.IP_RECVERR, syscall.EMSGSIZE, 1, 0, 0, nil)); ok {
		t.Fatalf("local origin parsed as ICMP: %+v", e)
	}
	// No sender named: the error stays, without an address.
	e, ok = parseExtendedError(extendedError(syscall.IPPROTO_IP, syscall.IP_RECVERR, syscall.EHOSTUNREACH, soEEOriginICMP, 3, 1, make([]byte, 16)))
	if !ok || e.from.IsValid() || e.kind() != icmpNoRoute {
		t.Fatalf("no sender: %+v, %v", e, ok)
	}
	if _, ok := parseExtendedError(controlMessage(syscall.IPPROTO_IP, syscall.IP_PKTINFO, make([]byte, 12))); ok {
		t.Fatal("another control message parsed as an extended error")
	}
}

func TestICMPKinds(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v6        bool
		typ, code uint8
		kind      icmpKind
	}{
		{false, 3, 0, icmpNoRoute}, {false, 3, 1, icmpNoRoute}, {false, 3, 2, icmpProtocolUnreachable},
		{false, 3, 3, icmpPortUnreachable}, {false, 3, 4, icmpOther}, {false, 3, 7, icmpNoRoute},
		{false, 3, 9, icmpProhibited}, {false, 3, 10, icmpProhibited}, {false, 3, 13, icmpProhibited},
		{false, 11, 0, icmpNoRoute}, {true, 1, 0, icmpNoRoute}, {true, 1, 1, icmpProhibited},
		{true, 1, 3, icmpNoRoute}, {true, 1, 4, icmpPortUnreachable}, {true, 1, 5, icmpProhibited},
		{true, 1, 6, icmpProhibited}, {true, 2, 0, icmpOther}, {true, 3, 0, icmpNoRoute},
	} {
		if got := (icmpError{v6: c.v6, typ: c.typ, code: c.code}).kind(); got != c.kind {
			t.Errorf("v6=%v type %d code %d: kind %d, want %d", c.v6, c.typ, c.code, got, c.kind)
		}
	}
}

func TestReleaseQueuesTCPErrors(t *testing.T) {
	t.Parallel()
	for release, want := range map[string]bool{
		"6.18.44-fc-v1045": true, "5.8.0": true, "5.8-rc1": true, "5.10.0-28-amd64": true,
		"5.7.19": false, "4.19.0-25-amd64": false, "3.10.0-1160.el7.x86_64": false, "": false, "garbage": false,
	} {
		if got := releaseQueuesTCPErrors(release); got != want {
			t.Errorf("%q: %v, want %v", release, got, want)
		}
	}
}
