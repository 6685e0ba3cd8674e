package main

// version is set at link time by probes/image/build.sh:
// -ldflags "-X main.version=<hash of the agent's sources>".
var version = "dev"
