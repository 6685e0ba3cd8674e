#!/usr/bin/env bash
# recipes/bookworm.sh TAG: a minimal Debian image from debootstrap, imported into Docker.
# Every other image we build starts from it; nothing is pulled.
set -euo pipefail
tag=$1
. "$(dirname "$0")/../versions.env"
command -v debootstrap >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
root=$(mktemp -d /var/tmp/tierprobe-rootfs.XXXXXX)
trap 'rm -rf "$root"' EXIT
debootstrap --variant=minbase --include=ca-certificates "$DEBIAN_SUITE" "$root" http://deb.debian.org/debian
rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
tar -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$tag" >/dev/null
