//go:build race

package main

// raceEnabled: the race detector slows sockets and goroutines several times
// over, so rates measured under it say nothing about the agent.
const raceEnabled = true
