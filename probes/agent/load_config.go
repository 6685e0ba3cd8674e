package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"net/netip"
	"slices"
	"strings"
	"time"
)

// LoadConfig is the first line `agent load` reads on stdin: the pairs to load
// and the bounds every pair shares.
type LoadConfig struct {
	Timeout      time.Duration // per request, and per held ping
	MaxDuration  time.Duration // from the agent's start: every pair stops by then
	HoldInterval time.Duration // between two pings on a held connection
	Pairs        []LoadPair
}

// LoadPair is one source-to-destination load: new requests at Rate per
// second from Delay after the start, and with Hold one long-lived connection.
type LoadPair struct {
	ID       string
	Addr     netip.AddrPort
	Protocol Protocol
	Rate     float64
	Delay    time.Duration
	Hold     bool
}

const (
	maxLoadPairs      = 256
	maxLoadRate       = 10_000
	maxLoadDurationMs = 3_600_000
	minHoldIntervalMs = 10
	maxHoldIntervalMs = 10_000
)

var (
	loadConfigFields = []string{"timeoutMs", "maxDurationMs", "holdIntervalMs", "pairs"}
	loadPairFields   = []string{"id", "host", "port", "protocol", "rate", "delayMs", "hold"}
)

// parseLoadConfig reads one JSON object. Every field is required, unknown
// fields are refused, and every problem is reported at once (not only the
// first, as encoding/json would): each field is decoded on its own.
func parseLoadConfig(line []byte) (*LoadConfig, error) {
	if len(bytes.TrimSpace(line)) == 0 {
		return nil, fmt.Errorf("empty config: want one JSON object on the first line of stdin")
	}
	var p problems
	top, ok := decodeObject(line, "config", loadConfigFields, &p)
	if !ok {
		return nil, p.err()
	}
	cfg := &LoadConfig{
		Timeout:      time.Duration(top.int("timeoutMs", 1, maxTimeoutMs)) * time.Millisecond,
		MaxDuration:  time.Duration(top.int("maxDurationMs", 1, maxLoadDurationMs)) * time.Millisecond,
		HoldInterval: time.Duration(top.int("holdIntervalMs", minHoldIntervalMs, maxHoldIntervalMs)) * time.Millisecond,
	}
	var raws []json.RawMessage
	if top.decode("pairs", &raws, "a list") {
		if len(raws) < 1 || len(raws) > maxLoadPairs {
			p.add("pairs: %d pairs, want 1-%d", len(raws), maxLoadPairs)
		}
		seen := map[string]int{}
		for i, raw := range raws {
			where := fmt.Sprintf("pairs[%d]", i)
			obj, ok := decodeObject(raw, where, loadPairFields, &p)
			if !ok {
				continue
			}
			pair := LoadPair{
				Rate:  obj.float("rate", 0, maxLoadRate),
				Delay: time.Duration(obj.int("delayMs", 0, maxLoadDurationMs)) * time.Millisecond,
				Hold:  obj.bool("hold"),
			}
			if id, ok := obj.string("id"); ok && id == "" {
				p.add("%s: id is empty", where)
			} else if ok {
				if j, dup := seen[id]; dup {
					p.add("%s: id %q already used by pairs[%d]", where, id, j)
				}
				seen[id] = i
				pair.ID = id
			}
			port := obj.int("port", 1, 65535)
			if host, ok := obj.string("host"); ok {
				if ip, err := netip.ParseAddr(host); err != nil {
					p.add("%s: host %q is not an IP address", where, host)
				} else {
					pair.Addr = netip.AddrPortFrom(ip.Unmap(), uint16(port))
				}
			}
			if proto, ok := obj.string("protocol"); ok {
				if pr, known := parseProtocol(proto); known && pr != SCTP {
					pair.Protocol = pr
				} else {
					p.add("%s: protocol %q is not TCP or UDP", where, proto)
				}
			}
			cfg.Pairs = append(cfg.Pairs, pair)
		}
	}
	if err := p.err(); err != nil {
		return nil, err
	}
	return cfg, nil
}

// inflightCap bounds a pair's requests in flight at once. A denied request
// lasts its whole timeout, so a pair under deny holds rate*timeout requests in
// flight by design; the cap allows a quarter more, plus a few for low rates,
// and past it a due request is counted as dropped instead of started (k6's
// dropped_iterations): an agent that falls behind says so rather than pile up
// sockets without bound.
func inflightCap(rate float64, timeout time.Duration) int64 {
	return int64(math.Ceil(rate*timeout.Seconds()*1.25)) + 8
}

// problems collects every complaint about a config.
type problems []string

func (p *problems) add(format string, args ...any) { *p = append(*p, fmt.Sprintf(format, args...)) }

func (p problems) err() error {
	if len(p) == 0 {
		return nil
	}
	return fmt.Errorf("config is not valid: %s", strings.Join(p, "; "))
}

// object is one decoded JSON object whose fields are checked one at a time.
type object struct {
	where  string
	fields map[string]json.RawMessage
	p      *problems
}

// decodeObject decodes raw as a JSON object with exactly the known fields
// allowed (each missing one is reported when read), reporting unknown ones.
func decodeObject(raw []byte, where string, known []string, p *problems) (object, bool) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		if err == nil {
			err = fmt.Errorf("null")
		}
		p.add("%s is not a JSON object: %v", where, err)
		return object{}, false
	}
	var unknown []string
	for name := range fields {
		if !slices.Contains(known, name) {
			unknown = append(unknown, name)
		}
	}
	slices.Sort(unknown)
	for _, name := range unknown {
		p.add("%s: unknown field %q", where, name)
	}
	return object{where: where, fields: fields, p: p}, true
}

func (o object) has(name string) bool {
	raw, ok := o.fields[name]
	return ok && string(raw) != "null"
}

// decode reads a field into v, reporting it missing or not of the wanted kind.
func (o object) decode(name string, v any, kind string) bool {
	if !o.has(name) {
		o.p.add("%s: %s is missing", o.where, name)
		return false
	}
	if err := json.Unmarshal(o.fields[name], v); err != nil {
		o.p.add("%s: %s %s is not %s", o.where, name, o.fields[name], kind)
		return false
	}
	return true
}

func (o object) int(name string, lo, hi int) int {
	var f float64
	if !o.decode(name, &f, "a number") {
		return 0
	}
	if f != math.Trunc(f) || f < float64(lo) || f > float64(hi) {
		o.p.add("%s: %s %s: must be an integer %d-%d", o.where, name, o.fields[name], lo, hi)
		return 0
	}
	return int(f)
}

// float reads a number lo < f <= hi.
func (o object) float(name string, lo, hi float64) float64 {
	var f float64
	if !o.decode(name, &f, "a number") {
		return 0
	}
	if !(f > lo && f <= hi) {
		o.p.add("%s: %s %s: must be above %g and at most %g", o.where, name, o.fields[name], lo, hi)
		return 0
	}
	return f
}

func (o object) string(name string) (string, bool) {
	var s string
	ok := o.decode(name, &s, "a string")
	return s, ok
}

func (o object) bool(name string) bool {
	var b bool
	o.decode(name, &b, "true or false")
	return b
}
