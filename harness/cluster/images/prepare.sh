#!/usr/bin/env bash
# prepare.sh [--pull auto|never|always] [--only GROUP[,GROUP...]] [--rebuild]
#   GROUP: kind, calicoctl, calico, kubernetes, probe (default: all of them)
# Makes every image the cluster needs exist in the local Docker engine.
#  - An image that already exists is kept (the cache: tags carry a hash of their recipe).
#  - With --pull auto (default) a missing upstream image is pulled where a registry
#    answers; the first failed pull turns pulling off for the rest of the run.
#  - Otherwise it is built here: Go binaries from the wrapper modules under go/
#    (through the Go module proxy), images from a debootstrapped Debian. While the first
#    binaries compile, the Go modules of the later ones download and Debian bootstraps,
#    in the background (logs: prefetch-*.log, bookworm.log).
# Binaries are cached by version under $TIERPROBE_CACHE (default ~/.cache/tierprobe).
# Prints "IMAGE name=ref" lines on stdout for the caller; progress goes to stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
. "$here/find-go.sh"
. "$here/lib.sh"

pull=auto only=""
export TP_REBUILD=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rebuild) TP_REBUILD=1; shift ;;  # ignore every cached image and docker build cache (to measure a cold build)
    --pull) pull=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    *) echo "prepare.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
export TP_PULL=$pull

want() { [ -z "$only" ] || [[ ",$only," == *",$1,"* ]]; }

. "$here/keys.sh"
start_background_work

if want kind; then
  step "kind CLI $KIND_VERSION"
  kind_dir=$(go_bins kind "$here/go/kind" "$kind_ld" sigs.k8s.io/kind)
  echo "KIND $kind_dir/kind"
fi
if want calico || want calicoctl; then
  # calicoctl is always built from the Go module: tierprobe applies projectcalico.org/v3
  # resources with it. Where Calico's images are built too, one go build makes all of them.
  . "$here/steps-calico.sh"
fi
if want kubernetes; then
  . "$here/steps-kubernetes.sh"
fi
if want probe; then
  step "probe image"
  probe=$(bash "$here/../../../probes/image/build.sh" 2>>"$(logfile probe)" | tail -n 1) || fail "probe image" "$(logfile probe)"
  emit probe "$probe"
fi
step "done"
