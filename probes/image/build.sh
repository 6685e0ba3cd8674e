#!/usr/bin/env bash
# Builds the probe image without pulling anything: a static agent binary plus
# /etc/passwd and /etc/group (non-root user 65532) in a tarball, made an image
# with `docker import`. The tag is a hash of the agent's sources, so a changed
# agent gets a new tag and an unchanged one is not rebuilt.
#
# usage: probes/image/build.sh [TAG]
#   TAG  use tierprobe/probe:TAG instead of the source hash, and always build
# The last line on stdout is the image reference; everything else goes to stderr.
# Exit 3 when Docker or Go is missing (the environment failed).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
probes=$(cd "$here/.." && pwd)
repo=tierprobe/probe
log() { echo "probes/image/build.sh: $*" >&2; }

# The hash covers everything that goes into the image: the agent's non-test
# sources, its module files and this script (the rootfs layout is written here).
source_version() {
  (
    cd "$probes"
    { find agent -type f \( \( -name '*.go' ! -name '*_test.go' \) -o -name go.mod -o -name go.sum \); echo image/build.sh; } |
      LC_ALL=C sort | xargs sha256sum
  ) | sha256sum | cut -c1-12
}

if ! docker info >/dev/null 2>&1; then
  log "Docker does not answer: start it (bash harness/setup/docker.sh) and run this again"
  exit 3
fi

if [ $# -gt 0 ]; then
  version=$1
  force=1
else
  version=$(source_version)
  force=0
fi
ref="$repo:$version"

if [ "$force" = 0 ] && docker image inspect "$ref" >/dev/null 2>&1; then
  log "$ref exists: the agent's sources have not changed"
  echo "$ref"
  exit 0
fi

if ! command -v go >/dev/null 2>&1; then
  log "go is not on PATH: the agent is built from source with Go"
  exit 3
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
rootfs="$work/rootfs"
mkdir -p "$rootfs/etc"

arch=$(docker version --format '{{.Server.Arch}}')
log "building the agent $version for linux/$arch (static, CGO_ENABLED=0)"
(
  cd "$probes/agent"
  CGO_ENABLED=0 GOOS=linux GOARCH="$arch" go build -trimpath -buildvcs=false \
    -ldflags "-s -w -X main.version=$version" -o "$rootfs/agent" .
)

cat >"$rootfs/etc/passwd" <<'PASSWD'
root:x:0:0:root:/:/sbin/nologin
probe:x:65532:65532:tierprobe probe:/:/sbin/nologin
PASSWD
cat >"$rootfs/etc/group" <<'GROUP'
root:x:0:
probe:x:65532:
GROUP
chmod 0755 "$rootfs" "$rootfs/etc" "$rootfs/agent"
chmod 0644 "$rootfs/etc/passwd" "$rootfs/etc/group"

# Owned by root and dated at the epoch, so the layer depends on the sources only.
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$rootfs" -cf "$work/rootfs.tar" .

log "importing $ref"
docker import \
  --change 'USER 65532:65532' \
  --change 'ENTRYPOINT ["/agent"]' \
  --change 'CMD ["serve"]' \
  --change 'ENV TIERPROBE_PORTS=80/TCP,81/TCP,80/UDP,81/UDP' \
  --change "LABEL tierprobe.probe.version=$version" \
  --message "tierprobe probe agent $version" \
  "$work/rootfs.tar" "$ref" >&2
echo "$ref"
