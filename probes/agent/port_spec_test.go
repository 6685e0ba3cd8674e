package main

import (
	"reflect"
	"strings"
	"testing"
)

func TestParsePortSpecs(t *testing.T) {
	specs, err := parsePortSpecs("80/TCP, 81/tcp,80/UDP,,5432/TCP")
	if err != nil {
		t.Fatal(err)
	}
	want := []PortSpec{{80, TCP}, {81, TCP}, {80, UDP}, {5432, TCP}}
	if !reflect.DeepEqual(specs, want) {
		t.Fatalf("got %v, want %v", specs, want)
	}
}

func TestParsePortSpecsReportsEveryProblem(t *testing.T) {
	_, err := parsePortSpecs("80,0/TCP,70000/UDP,80/ICMP,81/TCP,81/TCP")
	if err == nil {
		t.Fatal("want an error")
	}
	for _, want := range []string{`"80": want N/PROTO`, `"0/TCP": port`, `"70000/UDP": port`, `"80/ICMP": protocol`, `"81/TCP": listed twice`} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
	if _, err := parsePortSpecs(""); err == nil || !strings.Contains(err.Error(), "no ports") {
		t.Errorf("empty list: got %v", err)
	}
}
