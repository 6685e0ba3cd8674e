#!/usr/bin/env bash
# go, found where image preparation finds it (harness/cluster/images/find-go.sh), for the npm
# scripts and the harness: a plain shell's PATH may lack it (it is often set in ~/.bashrc only).
set -euo pipefail
. "$(cd "$(dirname "$0")" && pwd)/../cluster/images/find-go.sh"
exec go "$@"
