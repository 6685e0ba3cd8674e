package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"os/signal"
	"syscall"
)

// listener is one served port: a TCP banner server or a UDP echo server.
type listener interface {
	Port() int
	Describe() string
	Close() error
}

func serveCommand(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	ports := fs.String("ports", os.Getenv("TIERPROBE_PORTS"),
		"comma-separated N/PROTO list, e.g. 80/TCP,81/TCP,80/UDP (default: env TIERPROBE_PORTS)")
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "agent serve: unexpected arguments %q\n", fs.Args())
		return exitUsage
	}
	logger := log.New(stderr, "agent: ", log.LstdFlags|log.LUTC)
	specs, err := parsePortSpecs(*ports)
	if err != nil {
		logger.Print(err)
		return exitUsage
	}
	if err := refuseUnsupported(specs); err != nil {
		logger.Print(err)
		return exitUsage
	}
	// Catch signals before any port opens: a TERM during start-up closes cleanly.
	stop := make(chan os.Signal, 1)
	signal.Notify(stop, syscall.SIGTERM, syscall.SIGINT)
	defer signal.Stop(stop)
	name := podName()
	listeners, err := startListeners(specs, name)
	if err != nil {
		logger.Print(err)
		return exitFailure
	}
	logger.Printf("version %s, pod %s", version, name)
	for _, l := range listeners {
		logger.Printf("listening %s", l.Describe())
	}
	sig := <-stop
	logger.Printf("%s: closing", sig)
	closeAll(listeners)
	return exitOK
}

// refuseUnsupported stops serve before it opens anything when the list asks for
// SCTP: Go's standard library has no SCTP, and a pod that silently skipped a
// port would later look like a network policy dropping it.
func refuseUnsupported(specs []PortSpec) error {
	var sctp []string
	for _, s := range specs {
		if s.Protocol == SCTP {
			sctp = append(sctp, s.String())
		}
	}
	if len(sctp) > 0 {
		return fmt.Errorf("SCTP is not supported by this agent (ports %v): remove them from the list; "+
			"the harness reports SCTP cells as not probed", sctp)
	}
	return nil
}

// startListeners opens every port or none: on the first failure it closes the
// ones already open and says which port failed and why.
func startListeners(specs []PortSpec, podName string) ([]listener, error) {
	var open []listener
	for _, spec := range specs {
		var l listener
		var err error
		switch spec.Protocol {
		case TCP:
			l, err = startTCPServer(spec.Port, podName)
		case UDP:
			l, err = startUDPServer(spec.Port, podName)
		default:
			err = fmt.Errorf("protocol %s not supported", spec.Protocol)
		}
		if err != nil {
			closeAll(open)
			return nil, fmt.Errorf("cannot serve %s: %w%s", spec, err, listenHint(spec, err))
		}
		open = append(open, l)
	}
	return open, nil
}

func listenHint(spec PortSpec, err error) string {
	if errors.Is(err, syscall.EACCES) && spec.Port < 1024 {
		return " (a non-root agent needs the pod sysctl net.ipv4.ip_unprivileged_port_start=0 for ports below 1024)"
	}
	return ""
}

func closeAll(ls []listener) {
	for _, l := range ls {
		l.Close()
	}
}

// podName names the pod in TCP banners: POD_NAME (set from the downward API),
// else the hostname, which Kubernetes sets to the pod name.
func podName() string {
	if n := os.Getenv("POD_NAME"); n != "" {
		return n
	}
	if h, err := os.Hostname(); err == nil {
		return h
	}
	return "unknown"
}
