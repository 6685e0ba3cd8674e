# Go builds every image here (and keys the caches). A login shell may put it on PATH (root's
# ~/.bashrc here) where a plain one does not: look where Go's own tarball and Debian put it
# before saying it is missing. Sourced by prepare.sh before lib.sh; not part of any cache key.
if ! command -v go >/dev/null 2>&1; then
  for tp_go_dir in /usr/local/go/bin /usr/lib/go/bin "$HOME/go/bin"; do
    if [ -x "$tp_go_dir/go" ]; then PATH="$tp_go_dir:$PATH"; export PATH; break; fi
  done
fi
if ! command -v go >/dev/null 2>&1; then
  echo "tierprobe: building the images needs Go 1.24 or later, and there is none on PATH, in /usr/local/go/bin or in /usr/lib/go/bin" >&2
  echo "  what to do: install Go (https://go.dev/dl, or Debian's golang-go where it is 1.24 or later), or pull the images where a registry answers: npx tierprobe cluster up --pull always" >&2
  exit 3
fi
