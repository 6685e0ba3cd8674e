#!/usr/bin/env bash
# Makes sure Debian's chromium is at /usr/bin/chromium, for the browser test of report.html
# (test/e2e/browser). Does nothing when it is there; otherwise installs it with apt-get, as
# root. playwright-core drives it: no browser build is downloaded, only Debian's package.
set -euo pipefail
log() { echo "tierprobe setup: $*" >&2; }

if [ -x /usr/bin/chromium ]; then
  exit 0
fi

if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
  log "no /usr/bin/chromium, and no way to install it here (needs root and apt-get)."
  log "run as root: apt-get update && apt-get install -y --no-install-recommends chromium"
  exit 3
fi

export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet: without them apt-get cannot find chromium.
if ! apt-cache policy chromium 2>/dev/null | grep -q 'Candidate: [0-9]'; then
  log "apt-get update (no package list names chromium yet)"
  if ! apt-get update -qq >/dev/null; then
    log "apt-get update failed; run as root: apt-get update && apt-get install -y --no-install-recommends chromium"
    exit 3
  fi
fi
log "installing Debian's chromium"
if ! apt-get install -y -qq --no-install-recommends chromium >/dev/null; then
  log "apt-get install chromium failed; run as root: apt-get update && apt-get install -y --no-install-recommends chromium"
  exit 3
fi
if [ ! -x /usr/bin/chromium ]; then
  log "chromium was installed but /usr/bin/chromium is missing; run: apt-get install --reinstall -y chromium"
  exit 3
fi
