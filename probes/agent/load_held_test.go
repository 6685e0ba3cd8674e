package main

import (
	"net"
	"strings"
	"testing"
	"time"
)

func held(p pairJSON) pairJSON {
	p.Hold = true
	return p
}

// The held connection pings the agent's own servers every holdIntervalMs,
// each ping answered, on one connection (TCP) and one socket (UDP).
func TestLoadHeldPingsAreAnswered(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "y-b", TCP, UDP)
	out := runLoadFor(t, loadConfigLine(500, 60_000, 20,
		held(pairTo("tcp", loopback(ports[TCP]), TCP, 10)),
		held(pairTo("udp", loopback(ports[UDP]), UDP, 10))),
		loadOptions{}, 400*time.Millisecond)
	o := checkLoadOutput(t, out, "tcp", "udp")
	for _, id := range []string{"tcp", "udp"} {
		opens := o.opens[id]
		if len(opens) != 1 || !*opens[0].OK || opens[0].T < o.pairs[id].Started {
			t.Fatalf("%s: held-open lines %v", id, opens)
		}
		pings := o.held[id]
		if len(pings) < 10 || len(pings) > 22 {
			t.Errorf("%s: %d pings in 400 ms at one per 20 ms", id, len(pings))
		}
		for i, p := range pings {
			if !*p.OK {
				t.Fatalf("%s: %s", id, p.raw)
			}
			if i > 0 && p.T-pings[i-1].T < 20_000 {
				t.Errorf("%s: pings %d µs apart, want about 20 ms", id, p.T-pings[i-1].T)
			}
		}
	}
}

// The server closing the held connection fails the next ping, once: the
// connection is not reopened and no ping follows, while the requests go on.
func TestLoadHeldConnectionCutOnce(t *testing.T) {
	t.Parallel()
	s := startTestTCPServer(t)
	p := startLoadCommand(t, loadConfigLine(200, 60_000, 20, held(pairTo("p", loopback(s.Port()), TCP, 100))))
	waitFor(t, 10*time.Second, "three pings answered", func() bool {
		return strings.Count(p.stdout.String(), `"type":"held","p":"p",`) >= 3
	})
	s.Close() // closes the held connection from the server's side, and the port
	cut := p.waitLine(t, "a failed ping", func(l loadLine) bool { return l.Type == "held" && !*l.OK })
	// Ten ping intervals of requests after the cut: time for wrong pings to show.
	p.waitLine(t, "requests after the cut", func(l loadLine) bool { return l.Type == "req" && l.T > cut.T+200_000 })
	p.stdin.Close()
	code, out := p.waitExit(t, 10*time.Second)
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	o := checkLoadOutput(t, out, "p")
	pings := o.held["p"]
	last := pings[len(pings)-1]
	if *last.OK || last.T != cut.T {
		t.Fatalf("pings after the failed one: the last is %s", last.raw)
	}
	for _, p := range pings[:len(pings)-1] {
		if !*p.OK {
			t.Fatalf("two failed pings: %s", p.raw)
		}
	}
	if len(o.opens["p"]) != 1 {
		t.Errorf("held-open %d times: reopened", len(o.opens["p"]))
	}
	t.Logf("the cut: %s", last.raw)
	if d := last.Detail; d != "connection closed by the server" && d != "connection reset" && !strings.Contains(d, "EPIPE") {
		t.Errorf("detail %q", d)
	}
	var refused bool
	for _, r := range o.reqs["p"] {
		refused = refused || (r.T > cut.T && r.V == "refused")
	}
	if !refused {
		t.Errorf("no refused request after the server closed: %s", describeVerdicts(o.reqs["p"]))
	}
}

// A UDP ping that nothing echoes fails after the timeout, and ends the pings.
func TestLoadHeldUDPNoEcho(t *testing.T) {
	t.Parallel()
	hole := newUDPBlackHole(t)
	out := runLoadFor(t, loadConfigLine(100, 60_000, 20, held(pairTo("p", hole.addr(), UDP, 5))),
		loadOptions{}, 400*time.Millisecond)
	o := checkLoadOutput(t, out, "p")
	if len(o.opens["p"]) != 1 || !*o.opens["p"][0].OK {
		t.Fatalf("held-open %v", o.opens["p"])
	}
	pings := o.held["p"]
	if len(pings) != 1 || *pings[0].OK || pings[0].Detail != "no echo within 100 ms" {
		t.Fatalf("pings %v, want one failed: no echo within 100 ms", pings)
	}
	var sawPing bool
	for _, r := range hole.received() {
		sawPing = sawPing || r.payload == "ping 1"
	}
	if !sawPing {
		t.Errorf("the black hole never got %q", "ping 1")
	}
}

// A held connection that cannot open says why, once, and never pings.
func TestLoadHeldOpenFails(t *testing.T) {
	t.Parallel()
	// A TCP server that is not an agent: its first line is not a banner.
	other, err := net.Listen("tcp4", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	go func() {
		var conns []net.Conn
		defer func() {
			for _, c := range conns {
				c.Close()
			}
		}()
		for {
			c, err := other.Accept()
			if err != nil {
				return
			}
			c.Write([]byte("SSH-2.0-OpenSSH_9.6\r\n"))
			conns = append(conns, c)
		}
	}()
	out := runLoadFor(t, loadConfigLine(300, 60_000, 20,
		held(pairTo("closed", loopback(closedPort(t, TCP)), TCP, 5)),
		held(pairTo("other", loopback(other.Addr().(*net.TCPAddr).Port), TCP, 5)),
		held(pairTo("silent", tcpBlackHole(t), TCP, 5))),
		loadOptions{}, 400*time.Millisecond)
	o := checkLoadOutput(t, out, "closed", "other", "silent")
	for id, want := range map[string]string{
		"closed": "refused: ECONNREFUSED",
		"other":  `connected, but the banner "SSH-2.0-OpenSSH_9.6" is not a tierprobe agent's`,
		"silent": "dropped: no answer within the timeout",
	} {
		opens := o.opens[id]
		if len(opens) != 1 || *opens[0].OK || !strings.HasPrefix(opens[0].Detail, want) {
			t.Errorf("%s: held-open %v, want one failed with %q", id, opens, want)
		}
		if len(o.held[id]) != 0 {
			t.Errorf("%s: pings without a connection: %v", id, o.held[id])
		}
	}
}
