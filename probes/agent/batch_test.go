package main

import (
	"bytes"
	"strings"
	"testing"
)

// A batch that cannot be answered makes `agent probe` exit 2 with a message on
// stderr and nothing on stdout.
func TestMalformedBatchExitsNonZero(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, batch, want string }{
		{"empty", "", "empty batch"},
		{"not json", "timeoutMs=1000", "not valid"},
		{"truncated", `{"timeoutMs": 1000, "targets": [`, "not valid"},
		{"two documents", `{"timeoutMs": 1000, "targets": []} {}`, "more data"},
		{"unknown field", `{"timeoutMs": 1000, "targets": [], "retries": 3}`, `unknown field "retries"`},
		{"unknown target field", `{"timeoutMs": 1000, "targets": [{"id": "a", "host": "127.0.0.1", "port": 80, "protocol": "TCP", "via": "x"}]}`, `unknown field "via"`},
		{"no timeout", `{"targets": []}`, "timeoutMs is missing"},
		{"zero timeout", `{"timeoutMs": 0, "targets": []}`, "timeoutMs 0"},
		{"no targets", `{"timeoutMs": 1000}`, "targets is missing"},
		{"port not a number", `{"timeoutMs": 1000, "targets": [{"id": "a", "host": "127.0.0.1", "port": "80", "protocol": "TCP"}]}`, "not valid"},
		{"no id", `{"timeoutMs": 1000, "targets": [{"host": "127.0.0.1", "port": 80, "protocol": "TCP"}]}`, "targets[0]: id is missing"},
		{"duplicate id", `{"timeoutMs": 1000, "targets": [{"id": "a", "host": "127.0.0.1", "port": 80, "protocol": "TCP"}, {"id": "a", "host": "127.0.0.1", "port": 81, "protocol": "TCP"}]}`, `targets[1]: id "a" already used`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run([]string{"probe"}, strings.NewReader(c.batch), &stdout, &stderr)
			if code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) {
				t.Fatalf("stderr %q does not say %q", stderr.String(), c.want)
			}
			if stdout.Len() != 0 {
				t.Fatalf("stdout %q, want nothing", stdout.String())
			}
		})
	}
}

// Both problems of one batch are reported at once.
func TestMalformedBatchReportsEveryProblem(t *testing.T) {
	_, err := parseBatch(strings.NewReader(`{"timeoutMs": -5, "targets": [{"host": "x"}]}`))
	if err == nil || !strings.Contains(err.Error(), "timeoutMs -5") || !strings.Contains(err.Error(), "id is missing") {
		t.Fatalf("got %v", err)
	}
}
