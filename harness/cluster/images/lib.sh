# Helpers shared by the prepare steps. Sourced, not run.
CACHE=${TIERPROBE_CACHE:-$HOME/.cache/tierprobe}
mkdir -p "$CACHE/bin" "$CACHE/logs"
TP_STEP=0
TP_T0=$(date +%s)

# Progress: each step with the seconds since preparation started.
step() { TP_STEP=$((TP_STEP + 1)); printf '[prepare %s] %s (%ss)\n' "$TP_STEP" "$1" "$(( $(date +%s) - TP_T0 ))" >&2; }
note() { printf '             %s\n' "$1" >&2; }
logfile() { echo "$CACHE/logs/$1.log"; }
emit() { echo "IMAGE $1=$2"; }
fail() { # fail WHAT LOG
  echo "tierprobe: building $1 failed; log: $2" >&2
  tail -n 15 "$2" >&2 2>/dev/null || true
  exit 3
}

# key WORDS... FILES...: a short hash of words and file contents, for cache names.
key() {
  { for a in "$@"; do if [ -f "$a" ]; then cat "$a"; else echo "$a"; fi; done; go env GOVERSION; } | sha256sum | cut -c1-12
}

have_image() { [ "${TP_REBUILD:-0}" != 1 ] && docker image inspect "$1" >/dev/null 2>&1; }

# try_pull REF: pulls REF if pulling is on; the first failure turns pulling off.
try_pull() {
  case "$TP_PULL" in never) return 1 ;; esac
  note "pulling $1"
  if timeout 300 docker pull -q "$1" >/dev/null 2>&1; then return 0; fi
  if [ "$TP_PULL" = always ]; then echo "tierprobe: cannot pull $1" >&2; exit 3; fi
  note "no registry answers; building everything here from now on"
  TP_PULL=never
  return 1
}

# bins_dir NAME MODULE_DIR LDFLAGS PKG...: where go_bins puts (or has put) those binaries.
bins_dir() {
  local name=$1 mod=$2 ld=$3; shift 3
  echo "$CACHE/bin/$name-$(key "$mod/go.mod" "$mod/go.sum" "$ld" "$@")"
}

# go_bins NAME MODULE_DIR LDFLAGS PKG...: builds into $CACHE/bin/NAME-KEY once; prints the dir.
go_bins() {
  local name=$1 mod=$2 ld=$3; shift 3
  local dir; dir=$(bins_dir "$name" "$mod" "$ld" "$@")
  if [ ! -d "$dir" ]; then
    note "go build $name ($# binaries; log $(logfile "$name"))"
    local t=$(date +%s)
    "$here/go-build.sh" "$mod" "$dir" "$ld" "$@" >"$(logfile "$name")" 2>&1 || fail "$name" "$(logfile "$name")"
    note "built $name in $(( $(date +%s) - t ))s"
  fi
  echo "$dir"
}

# prefetch NAME MODULE_DIR PKG...: in the background, downloads every module the packages
# need (go list loads the same graph go build will), so the later build only compiles.
# A failure here is not fatal: the build itself downloads what is still missing.
prefetch() {
  local name=$1 mod=$2; shift 2
  ( cd "$mod" && CGO_ENABLED=0 GOFLAGS="-mod=mod -buildvcs=false" GONOSUMDB=github.com/projectcalico \
      go list -deps "$@" >/dev/null ) >"$(logfile "prefetch-$name")" 2>&1 &
}

# scratch_image REF BINARY [ENTRYPOINT]: an image holding one static binary.
scratch_image() {
  local ref=$1 bin=$2 entry=${3:-/usr/local/bin/$(basename "$2")}
  local root; root=$(tree_root)
  mkdir -p "$root$(dirname "$entry")"
  cp "$bin" "$root$entry"
  tree_image "$ref" "$root" 'ENV PATH=/usr/local/bin:/usr/bin:/bin' "ENTRYPOINT [\"$entry\"]"
}

# docker_build REF CONTEXT_DIR [ARGS...]: docker build from a local base only.
docker_build() {
  local ref=$1 ctx=$2; shift 2
  local nocache=(); [ "${TP_REBUILD:-0}" = 1 ] && nocache=(--no-cache)
  DOCKER_BUILDKIT=0 docker build -q --pull=false "${nocache[@]}" -t "$ref" "$@" "$ctx" >"$(logfile "build-${ref//[\/:]/_}")" 2>&1 \
    || fail "$ref" "$(logfile "build-${ref//[\/:]/_}")"
}

# tree_root: a fresh staging directory with the files every small image needs.
tree_root() {
  local root; root=$(mktemp -d)
  mkdir -p "$root/etc" "$root/tmp" "$root/etc/ssl/certs"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nnobody:x:65534:65534:nobody:/:/sbin/nologin\ncalico:x:999:999::/:/sbin/nologin\napp:x:10001:10001::/:/sbin/nologin\n' >"$root/etc/passwd"
  printf 'root:x:0:\nnobody:x:65534:\ncalico:x:999:\napp:x:10001:\n' >"$root/etc/group"
  cp /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/" 2>/dev/null || true
  chmod 1777 "$root/tmp"
  echo "$root"
}

# tree_image REF ROOT CHANGE...: imports a staged directory as an image; removes ROOT.
tree_image() {
  local ref=$1 root=$2; shift 2
  local args=()
  for c in "$@"; do args+=(--change "$c"); done
  tar --numeric-owner -C "$root" -c . | docker import "${args[@]}" - "$ref" >/dev/null
  rm -rf "$root"
}
