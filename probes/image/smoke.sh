#!/usr/bin/env bash
# Checks the probe image for real: a server container and a client container on
# a Docker network this script creates, both non-root with a read-only root
# filesystem, as in a pod. The client probes the server and an unused address:
# connected for served TCP/UDP ports, refused for ports nothing serves, dropped
# where nothing answers. Removes what it created; exits non-zero on any failure.
#
# usage: probes/image/smoke.sh [IMAGE]   (default: the image build.sh builds)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
log() { echo "probes/image/smoke.sh: $*" >&2; }
fail() { log "FAIL: $*"; exit 1; }

command -v jq >/dev/null 2>&1 || { log "needs jq (bash harness/setup/docker.sh installs it)"; exit 3; }
image=${1:-$(bash "$here/build.sh" | tail -n 1)}
run_id="tierprobe-probe-smoke-$$"
net=$run_id
server="$run_id-server"

cleanup() {
  docker rm -f "$server" >/dev/null 2>&1 || true
  docker network rm "$net" >/dev/null 2>&1 || true
}
trap cleanup EXIT

# What a probe pod gets: no root, no capabilities, read-only root, limits.
pod_flags=(--pull never --read-only --user 65532:65532 --cap-drop ALL
  --security-opt no-new-privileges --memory 64m --pids-limit 128
  --sysctl net.ipv4.ip_unprivileged_port_start=0 --network "$net" --label tierprobe.smoke="$run_id")

docker network create --label tierprobe.smoke="$run_id" "$net" >/dev/null
docker run -d --name "$server" -e POD_NAME=smoke-server "${pod_flags[@]}" \
  "$image" serve --ports 80/TCP,81/TCP,80/UDP,81/UDP >/dev/null

# Ready when it has logged its four listeners (bounded: 20 s).
for _ in $(seq 1 100); do
  [ "$(docker logs "$server" 2>&1 | grep -c ' listening ')" -ge 4 ] && break
  [ "$(docker inspect -f '{{.State.Running}}' "$server")" = true ] || { docker logs "$server" >&2; fail "server exited"; }
  sleep 0.2
done
docker logs "$server" 2>&1 | sed 's/^/  server: /' >&2
[ "$(docker logs "$server" 2>&1 | grep -c ' listening ')" -ge 4 ] || fail "server did not log 4 listeners within 20 s"

uid=$(docker top "$server" -o pid,uid | awk 'NR == 2 {print $2}')
[ "$uid" = 65532 ] || fail "server runs as uid $uid, want 65532"

server_ip=$(docker inspect -f "{{(index .NetworkSettings.Networks \"$net\").IPAddress}}" "$server")
subnet=$(docker network inspect -f '{{(index .IPAM.Config 0).Subnet}}' "$net")
# An address in the network's subnet that no container holds: ARP gets no
# answer, so a probe to it sees nothing at all within the timeout.
unused_ip="${subnet%.*/*}.254"

batch=$(jq -nc --arg s "$server_ip" --arg u "$unused_ip" '{timeoutMs: 1000, targets: [
  {id: "tcp-80",    host: $s, port: 80, protocol: "TCP"},
  {id: "tcp-81",    host: $s, port: 81, protocol: "TCP"},
  {id: "udp-80",    host: $s, port: 80, protocol: "UDP"},
  {id: "udp-81",    host: $s, port: 81, protocol: "UDP"},
  {id: "tcp-82",    host: $s, port: 82, protocol: "TCP"},
  {id: "udp-82",    host: $s, port: 82, protocol: "UDP"},
  {id: "tcp-unused", host: $u, port: 80, protocol: "TCP"},
  {id: "udp-unused", host: $u, port: 80, protocol: "UDP"}
]}')
log "probing $server_ip (server) and $unused_ip (unused) from a client container"
answer=$(echo "$batch" | docker run -i --rm "${pod_flags[@]}" "$image" probe) || fail "agent probe exited $?"
echo "$answer" | jq -r '.results[] | "  \(.id)\t\(.result)\t\(.latencyMs) ms\t\(.detail)"' >&2

expect() { # id verdict [detail substring]
  local got detail
  got=$(echo "$answer" | jq -r --arg id "$1" '.results[] | select(.id == $id) | .result')
  detail=$(echo "$answer" | jq -r --arg id "$1" '.results[] | select(.id == $id) | .detail')
  [ "$got" = "$2" ] || fail "$1: observed '$got', want '$2' ($detail)"
  [ -z "${3:-}" ] || [[ "$detail" == *"$3"* ]] || fail "$1: detail '$detail' lacks '$3'"
}
expect tcp-80 connected "tierprobe smoke-server 80/TCP"
expect tcp-81 connected "tierprobe smoke-server 81/TCP"
expect udp-80 connected
expect udp-81 connected
expect tcp-82 refused ECONNREFUSED
expect udp-82 refused ECONNREFUSED
expect tcp-unused dropped
expect udp-unused dropped

version=$(docker run --rm "${pod_flags[@]}" "$image" version)
[ "$image" = "tierprobe/probe:$version" ] || [ "${1:-}" != "" ] || fail "agent version $version does not match $image"
log "PASS: $image (agent $version): connected, refused and dropped as expected, non-root, read-only"
