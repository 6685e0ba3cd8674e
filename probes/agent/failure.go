package main

import (
	"errors"
	"fmt"
	"net/netip"
	"syscall"
)

// failure is everything known about an attempt that did not connect.
type failure struct {
	// err is what the socket call returned (connect, read, write, or the deadline).
	err error
	// icmp is the ICMP error the kernel queued for the socket (IP_RECVERR), if any.
	icmp *icmpError
	// queueReliable: the socket had IP_RECVERR and this kernel queues this
	// protocol's ICMP errors, so an empty queue means no ICMP error came back.
	queueReliable bool
}

// noRouteErrnos are the ICMP unreachables (and local routing failures) that say
// the destination could not be reached at all: not an answer from it.
var noRouteErrnos = []syscall.Errno{syscall.EHOSTUNREACH, syscall.ENETUNREACH, syscall.EHOSTDOWN, syscall.ENONET}

// judge turns a failed attempt into a verdict. What the kernel queued decides
// where it can: who sent the ICMP error, and which one it was. Without it, only
// the errno is left, and a refusal cannot be placed (AnsweredBy unknown).
func judge(proto Protocol, dest netip.Addr, f failure) outcome {
	if f.icmp != nil {
		return judgeICMP(proto, dest, *f.icmp, f.err)
	}
	if isTimeout(f.err) {
		return outcome{verdict: Dropped, detail: "no answer within the timeout (" + f.err.Error() + ")"}
	}
	var errno syscall.Errno
	if !errors.As(f.err, &errno) {
		return outcome{verdict: Error, detail: f.err.Error()}
	}
	named := errnoName(errno) + ": " + f.err.Error()
	switch {
	case errno == syscall.ECONNREFUSED || errno == syscall.ECONNRESET:
		if proto == TCP && f.queueReliable {
			return outcome{verdict: Refused, answeredBy: ByDestination,
				detail: named + ": a TCP reset came back, as from a destination where nothing listens (no ICMP error was queued)"}
		}
		if proto == TCP {
			return outcome{verdict: Refused, answeredBy: ByUnknown,
				detail: named + ": a TCP reset or an ICMP port unreachable; this kernel does not say which"}
		}
		return outcome{verdict: Refused, answeredBy: ByUnknown,
			detail: named + ": an ICMP port unreachable; the kernel did not say who sent it"}
	case errno == syscall.ENOPROTOOPT:
		return outcome{verdict: Refused, answeredBy: ByUnknown,
			detail: named + ": an ICMP protocol unreachable; the kernel did not say who sent it"}
	case isNoRoute(errno):
		return outcome{verdict: Error, detail: "no route to the destination: " + named}
	default:
		return outcome{verdict: Error, detail: named}
	}
}

func judgeICMP(proto Protocol, dest netip.Addr, e icmpError, err error) outcome {
	from := "an unnamed sender"
	byDest := false
	if e.from.IsValid() {
		from = e.from.String()
		byDest = e.from.Unmap() == dest.Unmap()
	}
	what := fmt.Sprintf("%s: ICMP %s from %s", errnoName(e.errno), e.name(), from)
	late := ""
	if isTimeout(err) {
		// A soft error (host unreachable, say) that did not end the attempt before its deadline.
		late = "; the attempt went on until its timeout"
	}
	switch e.kind() {
	case icmpPortUnreachable, icmpProtocolUnreachable:
		switch {
		case byDest && proto == UDP:
			return outcome{verdict: Refused, answeredBy: ByDestination,
				detail: what + ", the destination itself: nothing listens there" + late}
		case byDest:
			// A TCP stack answers a closed port with a reset, never with ICMP.
			return outcome{verdict: Rejected, answeredBy: ByDestination,
				detail: what + ", the destination itself: a TCP stack answers a closed port with a reset, so a firewall on the destination rejected it" + late}
		default:
			return outcome{verdict: Rejected, answeredBy: ByPath,
				detail: what + ", not the destination " + dest.String() + ": rejected on the way (Calico's REJECT deny action answers so)" + late}
		}
	case icmpProhibited:
		by := ByPath
		if byDest {
			by = ByDestination
		}
		return outcome{verdict: Rejected, answeredBy: by, detail: what + ": a firewall rejected it" + late}
	case icmpNoRoute:
		return outcome{verdict: Error, detail: "no route to the destination: " + what + late}
	default:
		return outcome{verdict: Error, detail: what + late}
	}
}

func isNoRoute(errno syscall.Errno) bool {
	for _, e := range noRouteErrnos {
		if errno == e {
			return true
		}
	}
	return false
}
