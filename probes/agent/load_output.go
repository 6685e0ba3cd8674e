package main

import (
	"bufio"
	"encoding/json"
	"io"
	"strconv"
	"time"
)

// loadFlushInterval is the longest a line waits in the buffer: the harness
// streams the output while the load runs.
const loadFlushInterval = 100 * time.Millisecond

type loadEventKind uint8

const (
	evStarted loadEventKind = iota
	evReq
	evHeldOpen
	evHeld
	evPairDone
	evDone
)

// loadEvent is one output line before it is written. It is passed by value:
// a request's line costs no allocation of its own.
type loadEvent struct {
	kind    loadEventKind
	pair    *loadPair
	t       int64 // Unix µs
	verdict Verdict
	ms      float64
	ok      bool
	detail  string
	// pair-done
	started, stopped  int64
	requests, dropped int64
}

// loadOutput is the single writer of stdout: every goroutine sends it events,
// it encodes them by hand (no reflection per line) into a buffer flushed at
// least every loadFlushInterval and at the end.
type loadOutput struct {
	events chan loadEvent
	done   chan struct{}
	w      *bufio.Writer
	line   []byte
	err    error // the first write error
}

func newLoadOutput(w io.Writer) *loadOutput {
	o := &loadOutput{
		events: make(chan loadEvent, 4096),
		done:   make(chan struct{}),
		w:      bufio.NewWriterSize(w, 64<<10),
		line:   make([]byte, 0, 256),
	}
	go o.loop()
	return o
}

func (o *loadOutput) send(ev loadEvent) { o.events <- ev }

// close writes what is left, flushes, and returns the first write error.
func (o *loadOutput) close() error {
	close(o.events)
	<-o.done
	return o.err
}

func (o *loadOutput) loop() {
	defer close(o.done)
	tick := time.NewTicker(loadFlushInterval)
	defer tick.Stop()
	for {
		select {
		case ev, ok := <-o.events:
			if !ok {
				o.flush()
				return
			}
			o.write(ev)
		case <-tick.C:
			if o.w.Buffered() > 0 {
				o.flush()
			}
		}
	}
}

func (o *loadOutput) flush() {
	if err := o.w.Flush(); err != nil && o.err == nil {
		o.err = err
	}
}

func (o *loadOutput) write(ev loadEvent) {
	if _, err := o.w.Write(appendLoadEvent(o.line[:0], ev)); err != nil && o.err == nil {
		o.err = err
	}
}

// appendLoadEvent appends ev's JSON line, newline included.
func appendLoadEvent(b []byte, ev loadEvent) []byte {
	switch ev.kind {
	case evStarted:
		b = append(b, `{"type":"started","t":`...)
		b = strconv.AppendInt(b, ev.t, 10)
	case evReq:
		b = append(b, `{"type":"req","p":`...)
		b = append(b, ev.pair.idJSON...)
		b = append(b, `,"t":`...)
		b = strconv.AppendInt(b, ev.t, 10)
		b = append(b, `,"v":"`...)
		b = append(b, ev.verdict...)
		b = append(b, `","ms":`...)
		b = strconv.AppendFloat(b, ev.ms, 'f', -1, 64)
	case evHeldOpen, evHeld:
		if ev.kind == evHeldOpen {
			b = append(b, `{"type":"held-open","p":`...)
		} else {
			b = append(b, `{"type":"held","p":`...)
		}
		b = append(b, ev.pair.idJSON...)
		b = append(b, `,"t":`...)
		b = strconv.AppendInt(b, ev.t, 10)
		b = append(b, `,"ok":`...)
		b = strconv.AppendBool(b, ev.ok)
		if !ev.ok {
			b = append(b, `,"detail":`...)
			b = appendJSONString(b, ev.detail)
		}
	case evPairDone:
		b = append(b, `{"type":"pair-done","p":`...)
		b = append(b, ev.pair.idJSON...)
		b = append(b, `,"started":`...)
		b = strconv.AppendInt(b, ev.started, 10)
		b = append(b, `,"stopped":`...)
		b = strconv.AppendInt(b, ev.stopped, 10)
		b = append(b, `,"requests":`...)
		b = strconv.AppendInt(b, ev.requests, 10)
		b = append(b, `,"dropped":`...)
		b = strconv.AppendInt(b, ev.dropped, 10)
	case evDone:
		b = append(b, `{"type":"done","t":`...)
		b = strconv.AppendInt(b, ev.t, 10)
	}
	return append(b, "}\n"...)
}

// appendJSONString appends s as a JSON string; it is only used for ids (once
// per pair) and failure details (once per held connection at most).
func appendJSONString(b []byte, s string) []byte {
	q, err := json.Marshal(s)
	if err != nil { // cannot happen for a string
		return append(b, `""`...)
	}
	return append(b, q...)
}
