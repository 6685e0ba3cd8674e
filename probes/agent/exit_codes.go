package main

// Exit codes. `probe` exits exitOK whenever it could answer the batch, even if
// every target was dropped: the verdicts are in the JSON, not in the exit code.
const (
	exitOK      = 0
	exitFailure = 1 // serve could not open a listener
	exitUsage   = 2 // bad flags, bad port list, malformed batch
)
