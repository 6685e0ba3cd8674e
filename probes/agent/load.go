package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// maxLoadLine bounds one stdin line (256 pairs need about 40 kB).
const maxLoadLine = 1 << 20

// loadCommand is `agent load`, tierprobe's traffic generator for traffic
// under change: a constant rate of new requests per pair, optionally one held
// connection, one JSON line per request on stdout. stdin carries the config
// (first line), then {"stop":"ID"} lines; EOF stops every pair. k6 would do
// this, but its Go module is AGPL, which may not be used here.
func loadCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 {
		fmt.Fprintf(stderr, "agent load: takes no arguments (got %q); the config comes on stdin\n", args)
		return exitUsage
	}
	lines := bufio.NewScanner(stdin)
	lines.Buffer(make([]byte, 0, 64<<10), maxLoadLine)
	if !lines.Scan() {
		if err := lines.Err(); err != nil {
			fmt.Fprintln(stderr, "agent load: reading the config:", err)
		} else {
			fmt.Fprintln(stderr, "agent load: empty config: want one JSON object on the first line of stdin")
		}
		return exitUsage
	}
	cfg, err := parseLoadConfig(lines.Bytes())
	if err != nil {
		fmt.Fprintln(stderr, "agent load:", err)
		return exitUsage
	}
	warn := &lineLog{w: stderr}
	out := newLoadOutput(stdout)
	r := startLoad(cfg, out, loadOptions{})
	go readStops(lines, r, warn)
	r.wait()
	err = out.close()
	warn.close()
	if err != nil {
		fmt.Fprintln(stderr, "agent load: writing the output:", err)
		return exitFailure
	}
	return exitOK
}

// readStops applies the {"stop":"ID"} lines after the config until EOF, which
// stops every pair still running. A bad line or an unknown id is said on
// stderr and ignored: the load goes on.
func readStops(lines *bufio.Scanner, r *loadRun, warn *lineLog) {
	for n := 2; lines.Scan(); n++ {
		line := bytes.TrimSpace(lines.Bytes())
		if len(line) == 0 {
			continue
		}
		id, err := parseStop(line)
		if err != nil {
			warn.printf("agent load: stdin line %d ignored: %v", n, err)
			continue
		}
		if !r.stop(id) {
			warn.printf("agent load: stdin line %d ignored: no pair %q", n, id)
		}
	}
	if err := lines.Err(); err != nil {
		warn.printf("agent load: reading stdin: %v; stopping every pair", err)
	}
	r.stopAll(time.Time{})
}

func parseStop(line []byte) (string, error) {
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	var cmd struct {
		Stop *string `json:"stop"`
	}
	err := dec.Decode(&cmd)
	if err == nil {
		if _, tok := dec.Token(); !errors.Is(tok, io.EOF) {
			err = errors.New("more data after the JSON object")
		} else if cmd.Stop == nil {
			err = errors.New("stop is missing")
		}
	}
	if err != nil {
		return "", fmt.Errorf(`want {"stop":"ID"}: %v`, err)
	}
	return *cmd.Stop, nil
}

// lineLog writes whole lines to stderr from any goroutine, and nothing once
// closed: the stdin reader may outlive the command.
type lineLog struct {
	mu     sync.Mutex
	w      io.Writer
	closed bool
}

func (l *lineLog) printf(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if !l.closed {
		fmt.Fprintf(l.w, format+"\n", args...)
	}
}

func (l *lineLog) close() {
	l.mu.Lock()
	l.closed = true
	l.mu.Unlock()
}
