package main

import (
	"bytes"
	"fmt"
	"net/netip"
	"strings"
	"testing"
	"time"
)

const validLoadPair = `{"id":"p0","host":"10.244.1.5","port":80,"protocol":"TCP","rate":200,"delayMs":0,"hold":true}`

func loadConfigWith(pairs string) string {
	return `{"timeoutMs":500,"maxDurationMs":120000,"holdIntervalMs":100,"pairs":[` + pairs + `]}`
}

func TestLoadConfigParsesTheContractExample(t *testing.T) {
	t.Parallel()
	cfg, err := parseLoadConfig([]byte(loadConfigWith(validLoadPair + `,
		{"id":"p1","host":"fd00::5","port":53,"protocol":"udp","rate":0.5,"delayMs":250,"hold":false}`)))
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Timeout != 500*time.Millisecond || cfg.MaxDuration != 120*time.Second || cfg.HoldInterval != 100*time.Millisecond {
		t.Errorf("bounds %+v", cfg)
	}
	want := []LoadPair{
		{ID: "p0", Addr: netip.MustParseAddrPort("10.244.1.5:80"), Protocol: TCP, Rate: 200, Hold: true},
		{ID: "p1", Addr: netip.MustParseAddrPort("[fd00::5]:53"), Protocol: UDP, Rate: 0.5, Delay: 250 * time.Millisecond},
	}
	if len(cfg.Pairs) != len(want) {
		t.Fatalf("pairs %+v", cfg.Pairs)
	}
	for i := range want {
		if cfg.Pairs[i] != want[i] {
			t.Errorf("pairs[%d] = %+v, want %+v", i, cfg.Pairs[i], want[i])
		}
	}
}

func TestLoadConfigAcceptsTheBounds(t *testing.T) {
	t.Parallel()
	for _, c := range []string{
		`{"timeoutMs":1,"maxDurationMs":1,"holdIntervalMs":10,"pairs":[` + validLoadPair + `]}`,
		`{"timeoutMs":60000,"maxDurationMs":3600000,"holdIntervalMs":10000,"pairs":[` + strings.Replace(validLoadPair, `"rate":200`, `"rate":10000`, 1) + `]}`,
		loadConfigWith(strings.Replace(strings.Replace(validLoadPair, `"rate":200`, `"rate":0.001`, 1), `"port":80`, `"port":65535`, 1)),
		loadConfigWith(strings.Replace(validLoadPair, `"port":80`, `"port":1`, 1)),
	} {
		if _, err := parseLoadConfig([]byte(c)); err != nil {
			t.Errorf("%s: %v", c, err)
		}
	}
	var pairs []string
	for i := range maxLoadPairs {
		pairs = append(pairs, strings.Replace(validLoadPair, `"p0"`, fmt.Sprintf(`"p%d"`, i), 1))
	}
	if _, err := parseLoadConfig([]byte(loadConfigWith(strings.Join(pairs, ",")))); err != nil {
		t.Errorf("%d pairs: %v", maxLoadPairs, err)
	}
}

func TestLoadConfigRefusesEachBadValue(t *testing.T) {
	t.Parallel()
	pair := func(old, new string) string { return loadConfigWith(strings.Replace(validLoadPair, old, new, 1)) }
	top := func(old, new string) string { return strings.Replace(loadConfigWith(validLoadPair), old, new, 1) }
	var tooMany []string
	for i := range maxLoadPairs + 1 {
		tooMany = append(tooMany, strings.Replace(validLoadPair, `"p0"`, fmt.Sprintf(`"p%d"`, i), 1))
	}
	cases := []struct{ name, config, want string }{
		{"not json", `timeoutMs=500`, "config is not a JSON object"},
		{"a list", `[]`, "config is not a JSON object"},
		{"null", `null`, "config is not a JSON object"},
		{"trailing data", loadConfigWith(validLoadPair) + ` {}`, "config is not a JSON object"},
		{"unknown field", top(`"timeoutMs"`, `"retries":3,"timeoutMs"`), `config: unknown field "retries"`},
		{"unknown pair field", pair(`"hold"`, `"via":"x","hold"`), `pairs[0]: unknown field "via"`},
		{"timeout missing", top(`"timeoutMs":500,`, ``), "timeoutMs is missing"},
		{"timeout zero", top(`"timeoutMs":500`, `"timeoutMs":0`), "timeoutMs 0: must be an integer 1-60000"},
		{"timeout too long", top(`"timeoutMs":500`, `"timeoutMs":60001`), "timeoutMs 60001"},
		{"timeout a fraction", top(`"timeoutMs":500`, `"timeoutMs":0.5`), "timeoutMs 0.5"},
		{"timeout a string", top(`"timeoutMs":500`, `"timeoutMs":"500"`), `timeoutMs "500" is not a number`},
		{"max duration zero", top(`"maxDurationMs":120000`, `"maxDurationMs":0`), "maxDurationMs 0: must be an integer 1-3600000"},
		{"max duration too long", top(`"maxDurationMs":120000`, `"maxDurationMs":3600001`), "maxDurationMs 3600001"},
		{"max duration missing", top(`"maxDurationMs":120000,`, ``), "maxDurationMs is missing"},
		{"hold interval short", top(`"holdIntervalMs":100`, `"holdIntervalMs":9`), "holdIntervalMs 9: must be an integer 10-10000"},
		{"hold interval long", top(`"holdIntervalMs":100`, `"holdIntervalMs":10001`), "holdIntervalMs 10001"},
		{"hold interval missing", top(`"holdIntervalMs":100,`, ``), "holdIntervalMs is missing"},
		{"pairs missing", `{"timeoutMs":500,"maxDurationMs":120000,"holdIntervalMs":100}`, "pairs is missing"},
		{"pairs empty", loadConfigWith(``), "pairs: 0 pairs, want 1-256"},
		{"pairs too many", loadConfigWith(strings.Join(tooMany, ",")), "pairs: 257 pairs, want 1-256"},
		{"pairs not a list", top(`"pairs":[`+validLoadPair+`]`, `"pairs":{}`), "pairs {} is not a list"},
		{"pair not an object", loadConfigWith(`7`), "pairs[0] is not a JSON object"},
		{"id missing", pair(`"id":"p0",`, ``), "pairs[0]: id is missing"},
		{"id empty", pair(`"id":"p0"`, `"id":""`), "pairs[0]: id is empty"},
		{"id duplicate", loadConfigWith(validLoadPair + "," + validLoadPair), `pairs[1]: id "p0" already used by pairs[0]`},
		{"host a name", pair(`"10.244.1.5"`, `"pod-a.x"`), `pairs[0]: host "pod-a.x" is not an IP address`},
		{"host missing", pair(`"host":"10.244.1.5",`, ``), "pairs[0]: host is missing"},
		{"port zero", pair(`"port":80`, `"port":0`), "pairs[0]: port 0: must be an integer 1-65535"},
		{"port too big", pair(`"port":80`, `"port":65536`), "pairs[0]: port 65536"},
		{"protocol SCTP", pair(`"TCP"`, `"SCTP"`), `pairs[0]: protocol "SCTP" is not TCP or UDP`},
		{"protocol ICMP", pair(`"TCP"`, `"ICMP"`), `pairs[0]: protocol "ICMP" is not TCP or UDP`},
		{"rate zero", pair(`"rate":200`, `"rate":0`), "pairs[0]: rate 0: must be above 0 and at most 10000"},
		{"rate negative", pair(`"rate":200`, `"rate":-1`), "pairs[0]: rate -1"},
		{"rate too high", pair(`"rate":200`, `"rate":10000.5`), "pairs[0]: rate 10000.5"},
		{"rate missing", pair(`"rate":200,`, ``), "pairs[0]: rate is missing"},
		{"delay negative", pair(`"delayMs":0`, `"delayMs":-1`), "pairs[0]: delayMs -1"},
		{"delay a fraction", pair(`"delayMs":0`, `"delayMs":1.5`), "pairs[0]: delayMs 1.5"},
		{"delay missing", pair(`"delayMs":0,`, ``), "pairs[0]: delayMs is missing"},
		{"hold not a bool", pair(`"hold":true`, `"hold":"yes"`), `pairs[0]: hold "yes" is not true or false`},
		{"hold missing", pair(`,"hold":true`, ``), "pairs[0]: hold is missing"},
		{"hold null", pair(`"hold":true`, `"hold":null`), "pairs[0]: hold is missing"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := parseLoadConfig([]byte(c.config))
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %v, want it to say %q", err, c.want)
			}
		})
	}
}

// One config with a problem in every place: all of them in one message.
func TestLoadConfigReportsEveryProblem(t *testing.T) {
	t.Parallel()
	config := `{"timeoutMs":0,"maxDurationMs":"long","holdIntervalMs":5,"extra":1,"pairs":[
		{"id":"a","host":"nowhere","port":0,"protocol":"SCTP","rate":0,"delayMs":-3,"hold":1,"color":"red"},
		{"id":"a","host":"10.0.0.1","port":80,"protocol":"UDP","rate":20000,"delayMs":0},
		{"host":"10.0.0.2","port":80,"protocol":"TCP","rate":1,"delayMs":0,"hold":false}]}`
	_, err := parseLoadConfig([]byte(config))
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		"timeoutMs 0", `maxDurationMs "long" is not a number`, "holdIntervalMs 5", `config: unknown field "extra"`,
		`pairs[0]: host "nowhere"`, "pairs[0]: port 0", `pairs[0]: protocol "SCTP"`, "pairs[0]: rate 0", "pairs[0]: delayMs -3",
		"pairs[0]: hold 1 is not true or false", `pairs[0]: unknown field "color"`,
		`pairs[1]: id "a" already used`, "pairs[1]: rate 20000", "pairs[1]: hold is missing",
		"pairs[2]: id is missing",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q lacks %q", err, want)
		}
	}
}

func TestInflightCap(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		rate    float64
		timeout time.Duration
		want    int64
	}{
		{200, 500 * time.Millisecond, 133},     // ceil(125) + 8
		{0.5, time.Second, 9},                  // ceil(0.625) + 8
		{2000, time.Second, 2508},              // 2500 + 8
		{10000, 60 * time.Second, 750_008},     // the largest
		{3, 100 * time.Millisecond, 8 + 1},     // ceil(0.375) + 8
		{1000, 1 * time.Millisecond, 2 + 8},    // ceil(1.25) + 8
		{400, 1000 * time.Millisecond, 508},    // exact: no rounding up past the integer
		{100, 1234 * time.Millisecond, 163},    // ceil(154.25) + 8
		{7.5, 2000 * time.Millisecond, 19 + 8}, // ceil(18.75) + 8
	} {
		if got := inflightCap(c.rate, c.timeout); got != c.want {
			t.Errorf("inflightCap(%g, %s) = %d, want %d", c.rate, c.timeout, got, c.want)
		}
	}
}

// A bad config: exit 2, the problem on stderr, nothing on stdout.
func TestLoadCommandBadConfigExitsUsage(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ name, stdin, want string }{
		{"empty", "", "empty config"},
		{"blank first line", "\n" + loadConfigWith(validLoadPair), "empty config"},
		{"invalid", `{"timeoutMs":0}` + "\n", "timeoutMs 0"},
		{"argument", "", "takes no arguments"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			args := []string{"load"}
			if c.name == "argument" {
				args = append(args, "--rate", "5")
			}
			if code := run(args, strings.NewReader(c.stdin), &stdout, &stderr); code != exitUsage {
				t.Fatalf("exit %d, want %d; stderr %q", code, exitUsage, stderr.String())
			}
			if !strings.Contains(stderr.String(), c.want) || stdout.Len() != 0 {
				t.Fatalf("stderr %q (want %q), stdout %q", stderr.String(), c.want, stdout.String())
			}
		})
	}
}
