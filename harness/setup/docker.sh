#!/usr/bin/env bash
# Makes sure a Docker engine answers. Installs Debian's docker.io and starts dockerd
# when none runs. A dockerd that tierprobe did not start is never reconfigured.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
state=/var/lib/tierprobe
log() { echo "tierprobe setup: $*" >&2; }

if docker info >/dev/null 2>&1; then
  exit 0
fi

if ! command -v dockerd >/dev/null 2>&1; then
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    log "no Docker engine, and no way to install one here (needs root and apt-get)."
    log "install Docker yourself, start it, and run this again."
    exit 3
  fi
  log "installing Debian's docker.io"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq docker.io jq >/dev/null
fi
command -v jq >/dev/null 2>&1 || { DEBIAN_FRONTEND=noninteractive apt-get install -y -qq jq >/dev/null; }

# If a service manager can start it, let it.
if pidof systemd >/dev/null 2>&1 && systemctl start docker 2>/dev/null && docker info >/dev/null 2>&1; then
  exit 0
fi

# No service manager: run dockerd ourselves, with our own config file.
mkdir -p "$state" /etc/docker
config="$state/daemon.json"
bnd=$(awk '/^CapBnd:/ {print $2}' /proc/self/status)
full=$(cat /proc/sys/kernel/cap_last_cap)
if [ $(( 0x$bnd )) -ne $(( (1 << (full + 1)) - 1 )) ]; then
  # The capability bounding set is incomplete: privileged containers would fail
  # with "unable to apply caps". Route them through the wrapper.
  install -m 0755 "$here/runc-caps-wrapper.sh" /usr/local/lib/tierprobe-runc
  log "capability bounding set $bnd lacks some capabilities: dockerd uses the tierprobe-runc wrapper"
  echo '{"runtimes":{"tierprobe-runc":{"path":"/usr/local/lib/tierprobe-runc"}},"default-runtime":"tierprobe-runc","storage-driver":"overlay2"}' > "$config"
else
  echo '{"storage-driver":"overlay2"}' > "$config"
fi
log "starting dockerd (log: $state/dockerd.log)"
nohup dockerd --config-file "$config" >"$state/dockerd.log" 2>&1 &
for _ in $(seq 1 60); do
  if docker info >/dev/null 2>&1; then exit 0; fi
  sleep 0.5
done
log "dockerd did not answer within 30 s; see $state/dockerd.log"
tail -n 20 "$state/dockerd.log" >&2 || true
exit 3
