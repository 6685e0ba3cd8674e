package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/netip"
	"strings"
	"sync"
	"time"
)

const defaultConcurrency = 256

func probeCommand(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	fs.SetOutput(stderr)
	concurrency := fs.Int("concurrency", defaultConcurrency, "attempts in flight at once")
	var tos targetFlags
	fs.Var(&tos, "to", "HOST:PORT/PROTO to probe instead of reading a batch on stdin (repeatable)")
	timeoutMs := fs.Int("timeout-ms", 1000, "per-attempt timeout with --to")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || *concurrency < 1 {
		fmt.Fprintln(stderr, "agent probe: takes no arguments, --concurrency must be at least 1; the batch comes on stdin")
		return exitUsage
	}
	var batch *Batch
	var err error
	if len(tos) > 0 {
		batch, err = batchFromFlags(tos, *timeoutMs)
	} else {
		batch, err = parseBatch(stdin)
	}
	if err != nil {
		fmt.Fprintln(stderr, "agent probe:", err)
		return exitUsage
	}
	results := probeBatch(batch, *concurrency)
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(struct {
		Results []Result `json:"results"`
	}{results}); err != nil {
		fmt.Fprintln(stderr, "agent probe: writing results:", err)
		return exitFailure
	}
	return exitOK
}

// probeBatch tries every target concurrently, at most `concurrency` at a time,
// each with the full timeout from its own start, and returns the results in
// the targets' order.
func probeBatch(b *Batch, concurrency int) []Result {
	timeout := time.Duration(b.TimeoutMs) * time.Millisecond
	results := make([]Result, len(b.Targets))
	slots := make(chan struct{}, concurrency)
	var wg sync.WaitGroup
	for i, t := range b.Targets {
		slots <- struct{}{}
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() { <-slots }()
			o := probeTarget(t, timeout)
			results[i] = Result{ID: t.ID, Result: o.verdict, LatencyMs: latencyMs(o.latency), Detail: o.detail, AnsweredBy: o.answeredBy,
				Resolved: o.resolved, LookupFailed: o.lookupFail, Pod: o.pod}
		}()
	}
	wg.Wait()
	return results
}

func probeTarget(t Target, timeout time.Duration) outcome {
	ip, err := netip.ParseAddr(t.Host)
	if err != nil {
		return probeName(t, timeout)
	}
	if t.Port < 1 || t.Port > 65535 {
		return outcome{verdict: Error, detail: fmt.Sprintf("port %d is not 1-65535", t.Port)}
	}
	addr := netip.AddrPortFrom(ip.Unmap(), uint16(t.Port))
	proto, ok := parseProtocol(t.Protocol)
	switch {
	case !ok:
		return outcome{verdict: Error, detail: fmt.Sprintf("protocol %q is not TCP, UDP or SCTP", t.Protocol)}
	case proto == TCP:
		return probeTCP(addr, timeout)
	case proto == UDP:
		return probeUDPFrom(addr, timeout, t.SourcePort)
	default:
		return outcome{verdict: Error, detail: "SCTP is not supported by this agent: not probed"}
	}
}

// lookupHost resolves names; a test replaces it.
var lookupHost = func(ctx context.Context, name string) ([]netip.Addr, error) {
	return net.DefaultResolver.LookupNetIP(ctx, "ip", name)
}

// probeName looks a named host up (the pod's resolv.conf: search domains and
// all), within the timeout, then probes the first address it got with the whole
// timeout. A lookup that fails is an error of the probe: it says nothing of the
// connection.
func probeName(t Target, timeout time.Duration) outcome {
	if t.Host == "" || strings.ContainsAny(t.Host, " /:") {
		return outcome{verdict: Error, detail: fmt.Sprintf("host %q is neither an IP address nor a name", t.Host)}
	}
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	addrs, err := lookupHost(ctx, t.Host)
	if err == nil && len(addrs) == 0 {
		err = fmt.Errorf("no address")
	}
	if err != nil {
		return outcome{verdict: Error, latency: time.Since(start), lookupFail: true,
			detail: fmt.Sprintf("lookup of %s failed after %s: %v", t.Host, time.Since(start).Round(time.Millisecond), err)}
	}
	looked := time.Since(start)
	ip := addrs[0].Unmap()
	o := probeTarget(Target{ID: t.ID, Host: ip.String(), Port: t.Port, Protocol: t.Protocol, SourcePort: t.SourcePort}, timeout)
	o.resolved = ip.String()
	o.detail = fmt.Sprintf("%s looked up to %s in %s; %s", t.Host, ip, looked.Round(time.Millisecond), o.detail)
	return o
}
