package main

import (
	"net/netip"
	"os"
	"strings"
	"syscall"
	"testing"
)

// judge is pure: every errno and ICMP error the kernel can hand back, and what
// each becomes. The netns tests check the same against real sockets where
// iptables can produce the case.
func TestJudge(t *testing.T) {
	t.Parallel()
	dest := netip.MustParseAddr("10.244.1.5")
	node := netip.MustParseAddr("172.18.0.3")
	connect := func(e syscall.Errno) error { return os.NewSyscallError("connect", e) }
	icmp4 := func(errno syscall.Errno, typ, code uint8, from netip.Addr) *icmpError {
		return &icmpError{errno: errno, typ: typ, code: code, from: from}
	}
	cases := []struct {
		name    string
		proto   Protocol
		f       failure
		verdict Verdict
		by      AnsweredBy
		detail  []string
	}{
		{"EHOSTUNREACH with no ICMP (local route) is an error", TCP, failure{err: connect(syscall.EHOSTUNREACH), queueReliable: true},
			Error, "", []string{"no route", "EHOSTUNREACH"}},
		{"ENETUNREACH is an error", UDP, failure{err: connect(syscall.ENETUNREACH)}, Error, "", []string{"no route", "ENETUNREACH"}},
		{"EHOSTDOWN is an error", TCP, failure{err: connect(syscall.EHOSTDOWN)}, Error, "", []string{"no route", "EHOSTDOWN"}},
		{"ENONET is an error", TCP, failure{err: connect(syscall.ENONET)}, Error, "", []string{"no route", "ENONET"}},
		{"ICMP host unknown is an error", TCP, failure{err: connect(syscall.EHOSTDOWN), icmp: icmp4(syscall.EHOSTDOWN, 3, 7, node)},
			Error, "", []string{"no route", "EHOSTDOWN", "host unknown", "from 172.18.0.3"}},
		{"a reset where the kernel queues TCP's ICMP errors is refused by the destination", TCP,
			failure{err: connect(syscall.ECONNREFUSED), queueReliable: true}, Refused, ByDestination, []string{"ECONNREFUSED", "TCP reset"}},
		{"ECONNREFUSED on a kernel that does not queue TCP's ICMP errors is refused, by whom unknown", TCP,
			failure{err: connect(syscall.ECONNREFUSED)}, Refused, ByUnknown, []string{"does not say which"}},
		{"UDP ECONNREFUSED without an extended error is refused, by whom unknown", UDP,
			failure{err: connect(syscall.ECONNREFUSED), queueReliable: true}, Refused, ByUnknown, []string{"did not say who"}},
		{"UDP port unreachable from the destination is refused by it", UDP,
			failure{err: connect(syscall.ECONNREFUSED), icmp: icmp4(syscall.ECONNREFUSED, 3, 3, dest)}, Refused, ByDestination, []string{"nothing listens"}},
		{"UDP port unreachable from a node is rejected on the path", UDP,
			failure{err: connect(syscall.ECONNREFUSED), icmp: icmp4(syscall.ECONNREFUSED, 3, 3, node)}, Rejected, ByPath,
			[]string{"ICMP port unreachable (ICMP type 3 code 3) from 172.18.0.3", "not the destination 10.244.1.5"}},
		{"TCP port unreachable from a node is rejected on the path", TCP,
			failure{err: connect(syscall.ECONNREFUSED), icmp: icmp4(syscall.ECONNREFUSED, 3, 3, node)}, Rejected, ByPath, []string{"Calico"}},
		{"TCP port unreachable from the destination is rejected by its firewall", TCP,
			failure{err: connect(syscall.ECONNREFUSED), icmp: icmp4(syscall.ECONNREFUSED, 3, 3, dest)}, Rejected, ByDestination, []string{"firewall on the destination"}},
		{"ICMP admin prohibited is rejected", TCP,
			failure{err: connect(syscall.EHOSTUNREACH), icmp: icmp4(syscall.EHOSTUNREACH, 3, 13, node)}, Rejected, ByPath, []string{"administratively prohibited"}},
		{"ICMPv6 admin prohibited (EACCES) is rejected", TCP,
			failure{err: connect(syscall.EACCES), icmp: &icmpError{errno: syscall.EACCES, v6: true, typ: 1, code: 1, from: netip.MustParseAddr("fd00::1")}},
			Rejected, ByPath, []string{"EACCES", "ICMPv6 type 1 code 1"}},
		{"ICMP host unreachable is an error even when it came late", TCP,
			failure{err: os.ErrDeadlineExceeded, icmp: icmp4(syscall.EHOSTUNREACH, 3, 1, node)}, Error, "", []string{"no route", "until its timeout"}},
		{"a timeout with nothing queued is dropped", TCP, failure{err: os.ErrDeadlineExceeded, queueReliable: true}, Dropped, "", []string{"no answer within the timeout"}},
		{"ETIMEDOUT is dropped", TCP, failure{err: connect(syscall.ETIMEDOUT)}, Dropped, "", nil},
		{"EMFILE is an error", TCP, failure{err: os.NewSyscallError("socket", syscall.EMFILE)}, Error, "", []string{"EMFILE"}},
		{"EPERM (a local firewall's DROP on output) is an error", UDP, failure{err: connect(syscall.EPERM)}, Error, "", []string{"EPERM"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			o := judge(c.proto, dest, c.f)
			if o.verdict != c.verdict || o.answeredBy != c.by {
				t.Fatalf("%s (%s), want %s (%s); detail %q", o.verdict, o.answeredBy, c.verdict, c.by, o.detail)
			}
			for _, d := range c.detail {
				if !strings.Contains(o.detail, d) {
					t.Errorf("detail %q does not say %q", o.detail, d)
				}
			}
		})
	}
}

func TestJudgeIPv6PortUnreachable(t *testing.T) {
	t.Parallel()
	dest := netip.MustParseAddr("fd00::5")
	f := func(from string) failure {
		return failure{err: os.NewSyscallError("read", syscall.ECONNREFUSED),
			icmp: &icmpError{errno: syscall.ECONNREFUSED, v6: true, typ: 1, code: 4, from: netip.MustParseAddr(from)}}
	}
	if o := judge(UDP, dest, f("fd00::5")); o.verdict != Refused || o.answeredBy != ByDestination {
		t.Errorf("from the destination: %s (%s) %s", o.verdict, o.answeredBy, o.detail)
	}
	if o := judge(UDP, dest, f("fd00::1")); o.verdict != Rejected || o.answeredBy != ByPath || !strings.Contains(o.detail, "port unreachable (ICMPv6 type 1 code 4)") {
		t.Errorf("from a node: %s (%s) %s", o.verdict, o.answeredBy, o.detail)
	}
}
