module tierprobe.local/probes/agent

go 1.24
