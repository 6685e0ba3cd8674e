package main

import (
	"fmt"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// A real dropping (and rejecting) firewall: a network namespace this test
// creates, joined to the test's namespace by a veth pair, with iptables rules
// in it. Loopback cannot drop a TCP SYN; this can, deterministically.
//
//	198.18.N.1 (here) <-veth-> 198.18.N.2 (namespace)
//	  80/TCP, 80/UDP: DROP
//	  81/TCP: REJECT with ICMP host unreachable
//
// It needs root, ip and iptables; without them the tests are skipped, saying why.
func newFirewalledNamespace(t *testing.T) netip.Addr {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a network namespace")
	}
	for _, tool := range []string{"ip", "iptables"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s: %v", tool, err)
		}
	}
	// Names and the subnet (198.18.0.0/15, reserved for benchmarks) come from the
	// pid, so two test runs at once do not collide.
	id := os.Getpid() % 250
	ns := fmt.Sprintf("tpagent-test-%d", os.Getpid())
	hostIf, nsIf := fmt.Sprintf("tpa%dh", os.Getpid()), fmt.Sprintf("tpa%dn", os.Getpid())
	hostIP, nsIP := fmt.Sprintf("198.18.%d.1", id), fmt.Sprintf("198.18.%d.2", id)

	sh := func(args ...string) error {
		out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
		if err != nil {
			return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, out)
		}
		return nil
	}
	if err := sh("ip", "netns", "add", ns); err != nil {
		t.Skipf("cannot create a network namespace here: %v", err)
	}
	// Deleting the namespace deletes the veth pair and its route with it.
	t.Cleanup(func() { _ = sh("ip", "netns", "del", ns) })
	in := func(args ...string) []string { return append([]string{"ip", "netns", "exec", ns}, args...) }
	for _, cmd := range [][]string{
		{"ip", "link", "add", hostIf, "type", "veth", "peer", "name", nsIf, "netns", ns},
		{"ip", "addr", "add", hostIP + "/30", "dev", hostIf},
		{"ip", "link", "set", hostIf, "up"},
		in("ip", "addr", "add", nsIP+"/30", "dev", nsIf),
		in("ip", "link", "set", nsIf, "up"),
		in("ip", "link", "set", "lo", "up"),
		in("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "80", "-j", "DROP"),
		in("iptables", "-A", "INPUT", "-p", "udp", "--dport", "80", "-j", "DROP"),
		in("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "81", "-j", "REJECT", "--reject-with", "icmp-host-unreachable"),
	} {
		if err := sh(cmd...); err != nil {
			t.Skipf("cannot set up the firewalled namespace: %v", err)
		}
	}
	return netip.MustParseAddr(nsIP)
}

func TestFirewalledNamespace(t *testing.T) {
	target := newFirewalledNamespace(t)
	timeout := 400 * time.Millisecond

	t.Run("TCP DROP is dropped", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(netip.AddrPortFrom(target, 80), timeout)
		assertVerdict(t, o, Dropped)
		assertAboutTimeout(t, o, timeout)
	})
	t.Run("UDP DROP is dropped", func(t *testing.T) {
		t.Parallel()
		o := probeUDP(netip.AddrPortFrom(target, 80), timeout)
		assertVerdict(t, o, Dropped)
		assertAboutTimeout(t, o, timeout)
	})
	t.Run("ICMP host unreachable is refused", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(netip.AddrPortFrom(target, 81), timeout)
		assertVerdict(t, o, Refused)
		if !strings.HasPrefix(o.detail, "EHOSTUNREACH") {
			t.Fatalf("detail %q does not name EHOSTUNREACH", o.detail)
		}
	})
	t.Run("no rule and no listener is refused", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(netip.AddrPortFrom(target, 82), timeout)
		assertVerdict(t, o, Refused)
	})
}
