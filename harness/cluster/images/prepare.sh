#!/usr/bin/env bash
# prepare.sh [--pull auto|never|always] [--only kind|calicoctl|kubernetes|calico|probe] [--rebuild]
# Makes every image the cluster needs exist in the local Docker engine.
#  - An image that already exists is kept (the cache: tags carry a hash of their recipe).
#  - With --pull auto (default) a missing upstream image is pulled where a registry
#    answers; the first failed pull turns pulling off for the rest of the run.
#  - Otherwise it is built here: Go binaries from the wrapper modules under go/
#    (through the Go module proxy), images from a debootstrapped Debian.
# Binaries are cached by version under $TIERPROBE_CACHE (default ~/.cache/tierprobe).
# Prints "IMAGE name=ref" lines on stdout for the caller; progress goes to stderr.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/versions.env"
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

want() { [ -z "$only" ] || [ "$only" = "$1" ]; }

if want kind; then
  step "kind CLI $KIND_VERSION"
  kind_dir=$(go_bins kind "$here/go/kind" "-X sigs.k8s.io/kind/pkg/internal/version.gitCommit=$KIND_VERSION" sigs.k8s.io/kind)
  echo "KIND $kind_dir/kind"
fi
if want calicoctl; then
  # Always built from the Go module: tierprobe applies projectcalico.org/v3 resources with it.
  step "calicoctl $CALICO_VERSION"
  bi=github.com/projectcalico/calico/pkg/buildinfo
  ctl_dir=$(go_bins calicoctl "$here/go/calico" \
    "-X $bi.Version=$CALICO_VERSION -X $bi.GitRevision=${CALICO_MODULE_VERSION##*-} -X $bi.BuildDate=2025-10-21T21:38:02Z" \
    github.com/projectcalico/calico/calicoctl/calicoctl)
  echo "CALICOCTL $ctl_dir/calicoctl"
fi
if want kubernetes; then
  . "$here/steps-kubernetes.sh"
fi
if want calico; then
  . "$here/steps-calico.sh"
fi
if want probe; then
  step "probe image"
  probe=$(bash "$here/../../../probes/image/build.sh" 2>>"$(logfile probe)" | tail -n 1) || fail "probe image" "$(logfile probe)"
  emit probe "$probe"
fi
