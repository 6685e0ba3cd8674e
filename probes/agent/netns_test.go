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

// Real dropping and rejecting firewalls: network namespaces this test creates,
// joined to the test's namespace by veth pairs, with iptables rules in them.
// Loopback cannot drop a TCP SYN nor reject from another address; these can,
// deterministically. They need root, ip, iptables and sysctl; without them the
// tests are skipped, saying why. Names and subnets (198.18.0.0/15, reserved for
// benchmarks) come from the pid, so two test runs at once do not collide.

// netnsTools skips the test unless namespaces can be made here.
func netnsTools(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to create a network namespace")
	}
	for _, tool := range []string{"ip", "iptables", "sysctl"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s: %v", tool, err)
		}
	}
}

func sh(args ...string) error {
	out, err := exec.Command(args[0], args[1:]...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v: %s", strings.Join(args, " "), err, out)
	}
	return nil
}

// addNamespace creates a namespace that the test's cleanup deletes, with the
// veth pairs in it (deleting a namespace deletes its veths, their peers and routes).
func addNamespace(t *testing.T, name string) func(args ...string) []string {
	t.Helper()
	if err := sh("ip", "netns", "add", name); err != nil {
		t.Skipf("cannot create a network namespace here: %v", err)
	}
	t.Cleanup(func() { _ = sh("ip", "netns", "del", name) })
	return func(args ...string) []string { return append([]string{"ip", "netns", "exec", name}, args...) }
}

func runAll(t *testing.T, cmds [][]string) {
	t.Helper()
	for _, cmd := range cmds {
		if err := sh(cmd...); err != nil {
			t.Skipf("cannot set up the namespaces: %v", err)
		}
	}
}

// The firewall sits on the destination itself (its INPUT chain):
//
//	198.18.N.1 (here) <-veth-> 198.18.N.2 (namespace, nothing listens)
//	  80/TCP, 80/UDP: DROP
//	  81/TCP: REJECT with ICMP host unreachable
//	  83/TCP: REJECT with ICMP port unreachable
func newFirewalledNamespace(t *testing.T) netip.Addr {
	t.Helper()
	netnsTools(t)
	id := os.Getpid() % 250
	hostIf, nsIf := fmt.Sprintf("tpa%dh", os.Getpid()), fmt.Sprintf("tpa%dn", os.Getpid())
	hostIP, nsIP := fmt.Sprintf("198.18.%d.1", id), fmt.Sprintf("198.18.%d.2", id)
	ns := fmt.Sprintf("tpagent-test-%d", os.Getpid())
	in := addNamespace(t, ns)
	runAll(t, [][]string{
		{"ip", "link", "add", hostIf, "type", "veth", "peer", "name", nsIf, "netns", ns},
		{"ip", "addr", "add", hostIP + "/30", "dev", hostIf},
		{"ip", "link", "set", hostIf, "up"},
		in("ip", "addr", "add", nsIP+"/30", "dev", nsIf),
		in("ip", "link", "set", nsIf, "up"),
		in("ip", "link", "set", "lo", "up"),
		in("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "80", "-j", "DROP"),
		in("iptables", "-A", "INPUT", "-p", "udp", "--dport", "80", "-j", "DROP"),
		in("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "81", "-j", "REJECT", "--reject-with", "icmp-host-unreachable"),
		in("iptables", "-A", "INPUT", "-p", "tcp", "--dport", "83", "-j", "REJECT", "--reject-with", "icmp-port-unreachable"),
	})
	return netip.MustParseAddr(nsIP)
}

// The firewall sits on a router between here and the destination (its FORWARD
// chain), as Calico's does on the node: its ICMP errors come from the router's
// address, not from the destination's.
//
//	198.19.N.1 (here) <-veth-> 198.19.N.2 router 198.19.N.5 <-veth-> 198.19.N.6 server (nothing listens)
//	  80/TCP, 80/UDP: REJECT, as felix renders Reject (no --reject-with: ICMP port unreachable)
//	  82/TCP: REJECT with ICMP administratively prohibited
//	  83/TCP, 83/UDP: REJECT with ICMP net unreachable
//	  84/TCP: DROP
type routed struct{ router, server netip.Addr }

func newRoutedNamespaces(t *testing.T) routed {
	t.Helper()
	netnsTools(t)
	id, pid := os.Getpid()%250, os.Getpid()
	ip := func(last int) string { return fmt.Sprintf("198.19.%d.%d", id, last) }
	hostIf, routerA, routerB, serverIf := fmt.Sprintf("tpr%dh", pid), fmt.Sprintf("tpr%da", pid), fmt.Sprintf("tpr%db", pid), fmt.Sprintf("tpr%ds", pid)
	routerNS, serverNS := fmt.Sprintf("tpagent-router-%d", pid), fmt.Sprintf("tpagent-server-%d", pid)
	r := addNamespace(t, routerNS)
	s := addNamespace(t, serverNS)
	reject := func(proto, port string, with ...string) []string {
		return r(append([]string{"iptables", "-A", "FORWARD", "-p", proto, "--dport", port, "-j", "REJECT"}, with...)...)
	}
	runAll(t, [][]string{
		{"ip", "link", "add", hostIf, "type", "veth", "peer", "name", routerA, "netns", routerNS},
		{"ip", "addr", "add", ip(1) + "/30", "dev", hostIf},
		{"ip", "link", "set", hostIf, "up"},
		r("ip", "link", "add", routerB, "type", "veth", "peer", "name", serverIf, "netns", serverNS),
		r("ip", "addr", "add", ip(2)+"/30", "dev", routerA),
		r("ip", "addr", "add", ip(5)+"/30", "dev", routerB),
		r("ip", "link", "set", routerA, "up"),
		r("ip", "link", "set", routerB, "up"),
		r("sysctl", "-q", "-w", "net.ipv4.ip_forward=1"),
		s("ip", "addr", "add", ip(6)+"/30", "dev", serverIf),
		s("ip", "link", "set", serverIf, "up"),
		s("ip", "link", "set", "lo", "up"),
		s("ip", "route", "add", "default", "via", ip(5)),
		{"ip", "route", "add", ip(4) + "/30", "via", ip(2), "dev", hostIf},
		reject("tcp", "80"),
		reject("udp", "80"),
		reject("tcp", "82", "--reject-with", "icmp-admin-prohibited"),
		reject("tcp", "83", "--reject-with", "icmp-net-unreachable"),
		reject("udp", "83", "--reject-with", "icmp-net-unreachable"),
		r("iptables", "-A", "FORWARD", "-p", "tcp", "--dport", "84", "-j", "DROP"),
	})
	return routed{router: netip.MustParseAddr(ip(2)), server: netip.MustParseAddr(ip(6))}
}

func assertAnswer(t *testing.T, o outcome, v Verdict, by AnsweredBy, detail ...string) {
	t.Helper()
	t.Logf("%s (%s): %s", o.verdict, o.answeredBy, o.detail)
	assertVerdict(t, o, v)
	if o.answeredBy != by {
		t.Errorf("answered by %q, want %q (detail: %s)", o.answeredBy, by, o.detail)
	}
	for _, d := range detail {
		if !strings.Contains(o.detail, d) {
			t.Errorf("detail %q does not say %q", o.detail, d)
		}
	}
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
	t.Run("ICMP host unreachable is an error: no route, not a refusal", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(netip.AddrPortFrom(target, 81), timeout)
		assertAnswer(t, o, Error, "", "no route", "EHOSTUNREACH", "host unreachable", "from "+target.String())
	})
	t.Run("TCP rejected with ICMP port unreachable by the destination's own firewall is rejected", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(netip.AddrPortFrom(target, 83), timeout)
		assertAnswer(t, o, Rejected, ByDestination, "ECONNREFUSED", "port unreachable", "firewall on the destination")
	})
	t.Run("TCP with no rule and no listener is refused: a reset", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(netip.AddrPortFrom(target, 82), timeout)
		assertAnswer(t, o, Refused, ByDestination, "ECONNREFUSED", "TCP reset")
	})
	t.Run("UDP with no rule and no listener is refused: ICMP from the destination", func(t *testing.T) {
		t.Parallel()
		o := probeUDP(netip.AddrPortFrom(target, 82), timeout)
		assertAnswer(t, o, Refused, ByDestination, "ECONNREFUSED", "port unreachable", "from "+target.String(), "nothing listens")
	})
}

func TestRejectedOnTheWay(t *testing.T) {
	n := newRoutedNamespaces(t)
	timeout := 400 * time.Millisecond
	server := func(port uint16) netip.AddrPort { return netip.AddrPortFrom(n.server, port) }
	router := "from " + n.router.String()

	t.Run("TCP rejected as Calico rejects is rejected, by the path", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(server(80), timeout)
		assertAnswer(t, o, Rejected, ByPath, "ECONNREFUSED", "port unreachable (ICMP type 3 code 3)", router, "not the destination")
		if o.latency > timeout/2 {
			t.Errorf("latency %s: a reject answers at once", o.latency)
		}
	})
	t.Run("UDP rejected as Calico rejects is rejected, by the path", func(t *testing.T) {
		t.Parallel()
		o := probeUDP(server(80), timeout)
		assertAnswer(t, o, Rejected, ByPath, "ECONNREFUSED", "port unreachable", router)
	})
	t.Run("TCP with no listener behind the router is refused: a reset from the destination", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(server(81), timeout)
		assertAnswer(t, o, Refused, ByDestination, "TCP reset")
	})
	t.Run("UDP with no listener behind the router is refused: ICMP from the destination", func(t *testing.T) {
		t.Parallel()
		o := probeUDP(server(81), timeout)
		assertAnswer(t, o, Refused, ByDestination, "from "+n.server.String())
	})
	t.Run("administratively prohibited is rejected", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(server(82), timeout)
		assertAnswer(t, o, Rejected, ByPath, "EHOSTUNREACH", "administratively prohibited", router)
	})
	t.Run("ICMP net unreachable is an error: no route (TCP)", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(server(83), timeout)
		assertAnswer(t, o, Error, "", "no route", "ENETUNREACH", router)
	})
	t.Run("ICMP net unreachable is an error: no route (UDP)", func(t *testing.T) {
		t.Parallel()
		o := probeUDP(server(83), timeout)
		assertAnswer(t, o, Error, "", "no route", "ENETUNREACH", router)
	})
	t.Run("DROP on the router is dropped", func(t *testing.T) {
		t.Parallel()
		o := probeTCP(server(84), timeout)
		assertVerdict(t, o, Dropped)
		assertAboutTimeout(t, o, timeout)
	})
}
