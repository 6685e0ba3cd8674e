package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Batch is what `agent probe` reads on stdin: every target one source pod tries
// in one round, and the per-attempt timeout.
type Batch struct {
	TimeoutMs int      `json:"timeoutMs"`
	Targets   []Target `json:"targets"`
}

// Target is one connection attempt. Host is an IP literal or a name: a name is
// looked up first, within the timeout, and a failed lookup is an error, never a
// drop (the connection attempt then gets the whole timeout of its own).
type Target struct {
	ID       string `json:"id"`
	Host     string `json:"host"`
	Port     int    `json:"port"`
	Protocol string `json:"protocol"`
	// SourcePort, for UDP: the local port to send from (0 or absent: the
	// kernel's choice). See probeUDPFrom.
	SourcePort int `json:"sourcePort,omitempty"`
}

const (
	maxTimeoutMs = 60_000
	maxTargets   = 100_000
)

// rawBatch tells a missing field apart from a zero value.
type rawBatch struct {
	TimeoutMs *int      `json:"timeoutMs"`
	Targets   *[]Target `json:"targets"`
}

// parseBatch reads exactly one JSON document, rejecting unknown fields, trailing
// data and a batch that cannot be answered (no timeout, no targets list, a
// target without an id, two targets with one id). It reports every problem.
// A target with a bad host, port or protocol is not malformed: it gets an
// `error` result, so one bad cell cannot hide the others.
func parseBatch(r io.Reader) (*Batch, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("reading batch: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var raw rawBatch
	if err := dec.Decode(&raw); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, fmt.Errorf("empty batch: want one JSON object on stdin")
		}
		return nil, fmt.Errorf("batch is not valid: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("batch is not valid: more data after the JSON object")
	}
	var problems []string
	if raw.TimeoutMs == nil {
		problems = append(problems, "timeoutMs is missing")
	} else if *raw.TimeoutMs < 1 || *raw.TimeoutMs > maxTimeoutMs {
		problems = append(problems, fmt.Sprintf("timeoutMs %d: must be 1-%d", *raw.TimeoutMs, maxTimeoutMs))
	}
	if raw.Targets == nil {
		problems = append(problems, "targets is missing")
	} else {
		if len(*raw.Targets) > maxTargets {
			problems = append(problems, fmt.Sprintf("%d targets: at most %d", len(*raw.Targets), maxTargets))
		}
		seen := map[string]int{}
		for i, t := range *raw.Targets {
			if t.ID == "" {
				problems = append(problems, fmt.Sprintf("targets[%d]: id is missing", i))
				continue
			}
			if j, dup := seen[t.ID]; dup {
				problems = append(problems, fmt.Sprintf("targets[%d]: id %q already used by targets[%d]", i, t.ID, j))
				continue
			}
			seen[t.ID] = i
			if t.SourcePort < 0 || t.SourcePort > 65535 {
				problems = append(problems, fmt.Sprintf("targets[%d]: sourcePort %d is not 0-65535", i, t.SourcePort))
			}
		}
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("batch is not valid: %s", strings.Join(problems, "; "))
	}
	return &Batch{TimeoutMs: *raw.TimeoutMs, Targets: *raw.Targets}, nil
}
