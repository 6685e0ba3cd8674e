// Command agent is tierprobe's in-pod probe: `serve` listens on the pod's ports,
// `probe` tries a JSON batch of targets and answers with a JSON batch of results.
package main

import (
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  agent serve [--ports 80/TCP,81/TCP,80/UDP,81/UDP]   (or env TIERPROBE_PORTS)
  agent probe [--concurrency 256] < batch.json
  agent probe --to HOST:PORT/PROTO [--to ...] [--timeout-ms 1000]
  agent load < config.json, then {"stop":"ID"} lines   (JSON lines out)
  agent version
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// run dispatches a subcommand and returns the process exit code.
func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return exitUsage
	}
	switch args[0] {
	case "serve":
		return serveCommand(args[1:], stderr)
	case "probe":
		return probeCommand(args[1:], stdin, stdout, stderr)
	case "load":
		return loadCommand(args[1:], stdin, stdout, stderr)
	case "version", "--version":
		fmt.Fprintln(stdout, version)
		return exitOK
	case "help", "--help", "-h":
		fmt.Fprint(stdout, usage)
		return exitOK
	default:
		fmt.Fprintf(stderr, "agent: unknown command %q\n%s", args[0], usage)
		return exitUsage
	}
}
