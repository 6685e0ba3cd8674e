package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
)

// The by-hand form answers like a batch, with each --to as the id.
func TestProbeByHandWithTo(t *testing.T) {
	t.Parallel()
	ports := startServe(t, "x-a", TCP)
	closed := closedPort(t, UDP)
	to1 := fmt.Sprintf("127.0.0.1:%d/TCP", ports[TCP])
	to2 := fmt.Sprintf("127.0.0.1:%d/UDP", closed)
	var stdout, stderr bytes.Buffer
	code := run([]string{"probe", "--to", to1, "--to", to2, "--timeout-ms", "500"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitOK {
		t.Fatalf("exit %d, stderr %q", code, stderr.String())
	}
	var answer struct{ Results []Result }
	if err := json.Unmarshal(stdout.Bytes(), &answer); err != nil {
		t.Fatal(err)
	}
	if len(answer.Results) != 2 || answer.Results[0].ID != to1 || answer.Results[0].Result != Connected ||
		answer.Results[1].ID != to2 || answer.Results[1].Result != Refused {
		t.Fatalf("results %+v", answer.Results)
	}
}

func TestProbeByHandRejectsBadTargets(t *testing.T) {
	t.Parallel()
	var stdout, stderr bytes.Buffer
	code := run([]string{"probe", "--to", "pod_a!:80/TCP", "--to", "10.0.0.1/TCP", "--timeout-ms", "0"}, strings.NewReader(""), &stdout, &stderr)
	if code != exitUsage {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{`"pod_a!:80/TCP"`, `"10.0.0.1/TCP"`, "--timeout-ms 0"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("stderr %q lacks %q", stderr.String(), want)
		}
	}
}
