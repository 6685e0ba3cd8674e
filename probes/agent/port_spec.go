package main

import (
	"fmt"
	"strconv"
	"strings"
)

// Protocol is a transport protocol as the scenario format spells it.
type Protocol string

const (
	TCP  Protocol = "TCP"
	UDP  Protocol = "UDP"
	SCTP Protocol = "SCTP"
)

// parseProtocol accepts TCP, UDP and SCTP in any case and returns the canonical spelling.
func parseProtocol(s string) (Protocol, bool) {
	switch p := Protocol(strings.ToUpper(s)); p {
	case TCP, UDP, SCTP:
		return p, true
	}
	return "", false
}

// PortSpec is one server port, written N/PROTO as in the scenario format.
type PortSpec struct {
	Port     int
	Protocol Protocol
}

func (p PortSpec) String() string { return fmt.Sprintf("%d/%s", p.Port, p.Protocol) }

// parsePortSpecs parses a comma-separated list such as "80/TCP,81/TCP,80/UDP".
// It reports every bad entry at once, and rejects duplicates.
func parsePortSpecs(list string) ([]PortSpec, error) {
	var specs []PortSpec
	var problems []string
	seen := map[PortSpec]bool{}
	for _, raw := range strings.Split(list, ",") {
		item := strings.TrimSpace(raw)
		if item == "" {
			continue
		}
		spec, err := parsePortSpec(item)
		if err != nil {
			problems = append(problems, err.Error())
			continue
		}
		if seen[spec] {
			problems = append(problems, fmt.Sprintf("%q: listed twice", item))
			continue
		}
		seen[spec] = true
		specs = append(specs, spec)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("bad port list %q: %s", list, strings.Join(problems, "; "))
	}
	if len(specs) == 0 {
		return nil, fmt.Errorf("no ports given: use --ports 80/TCP,80/UDP or TIERPROBE_PORTS")
	}
	return specs, nil
}

func parsePortSpec(item string) (PortSpec, error) {
	num, proto, ok := strings.Cut(item, "/")
	if !ok {
		return PortSpec{}, fmt.Errorf("%q: want N/PROTO, e.g. 80/TCP", item)
	}
	port, err := strconv.Atoi(num)
	if err != nil || port < 1 || port > 65535 {
		return PortSpec{}, fmt.Errorf("%q: port must be 1-65535", item)
	}
	p, ok := parseProtocol(proto)
	if !ok {
		return PortSpec{}, fmt.Errorf("%q: protocol must be TCP, UDP or SCTP", item)
	}
	return PortSpec{Port: port, Protocol: p}, nil
}
