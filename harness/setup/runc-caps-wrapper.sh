#!/bin/sh
# OCI runtime shim: drops from a container's capability sets every capability the
# host's bounding set lacks, then hands over to runc. Some VMs run Docker without
# CAP_SYS_RESOURCE in the bounding set; runc then fails privileged containers with
# "unable to apply caps: operation not permitted". Installed only where that is so.
set -eu
RUNC=${TIERPROBE_REAL_RUNC:-runc}
# The host's bounding set (hex, as in /proc/self/status); TIERPROBE_CAP_BND stands in for it in tests.
bnd=${TIERPROBE_CAP_BND:-$(awk '/^CapBnd:/ {print $2}' /proc/self/status)}
# Names of capabilities 0..40 in kernel order.
names="CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ PERFMON BPF CHECKPOINT_RESTORE"
missing=""
i=0
for n in $names; do
  if [ $(( (0x$bnd >> i) & 1 )) -eq 0 ]; then missing="$missing\"CAP_$n\","; fi
  i=$((i + 1))
done
missing="[${missing%,}]"
strip() { # $1: a JSON file holding an OCI process (path .process or .)
  [ "$missing" = "[]" ] && return 0
  tmp="$1.tierprobe.$$"
  jq --argjson m "$missing" --arg p "$2" '
    def drop: if . == null then . else map(select(. as $c | $m | index($c) | not)) end;
    (if $p == "." then . else .process end) |= (
      if .capabilities then .capabilities |= with_entries(.value |= drop) else . end)
  ' "$1" > "$tmp" && mv "$tmp" "$1"
}
prev=""; bundle=""; process=""; cmd=""
for a in "$@"; do
  case "$prev" in --bundle|-b) bundle=$a ;; --process|-p) process=$a ;; esac
  case "$a" in --bundle=*) bundle=${a#--bundle=} ;; --process=*) process=${a#--process=} ;; create|run|exec) [ -z "$cmd" ] && cmd=$a ;; esac
  prev=$a
done
if [ "$cmd" = create ] || [ "$cmd" = run ]; then [ -n "$bundle" ] && strip "$bundle/config.json" process; fi
if [ "$cmd" = exec ] && [ -n "$process" ]; then strip "$process" .; fi
exec "$RUNC" "$@"
