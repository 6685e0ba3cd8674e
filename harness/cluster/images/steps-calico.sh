# calicoctl, and Calico's images named as its manifests name them
# (quay.io/calico/*:$CALICO_VERSION), so that the manifests apply unchanged.
# Sourced by prepare.sh (keys in keys.sh).

building_images=0
if want calico; then
  step "Calico $CALICO_VERSION images"
  missing=""
  for i in $calico_images; do
    have_image "tierprobe/calico-$i:$CALICO_VERSION-$calico_key" || missing="$missing $i"
  done
  pulled=""
  for i in $missing; do
    if try_pull "quay.io/calico/$i:$CALICO_VERSION"; then
      docker tag "quay.io/calico/$i:$CALICO_VERSION" "tierprobe/calico-$i:$CALICO_VERSION-$calico_key"; pulled="$pulled $i"
    else break; fi
  done
  [ "$pulled" = "$missing" ] || building_images=1
fi

if [ "$building_images" = 1 ]; then
  # One go build for every binary, calicoctl included: the packages compile once.
  step "Calico $CALICO_VERSION binaries, calicoctl included (the longest step when cold)"
  calico_dir=$(go_bins calico "$here/go/calico" "$calico_ld" $calico_tools)
  ctl_dir=$calico_dir
else
  step "calicoctl $CALICO_VERSION"
  ctl_dir=$(bins_dir calico "$here/go/calico" "$calico_ld" $calico_tools)
  # A full Calico build made earlier has it; otherwise build calicoctl alone.
  [ -x "$ctl_dir/calicoctl" ] || ctl_dir=$(go_bins calicoctl "$here/go/calico" "$calico_ld" github.com/projectcalico/calico/calicoctl/calicoctl)
fi
echo "CALICOCTL $ctl_dir/calicoctl"

if [ "$building_images" = 1 ]; then
  calico_src=$(cd "$here/go/calico" && go list -m -f '{{.Dir}}' github.com/projectcalico/calico)
  need_base
  step "Calico images"
  ctx=$(mktemp -d); cp -r "$calico_src/node/filesystem" "$ctx/filesystem"; chmod -R u+w "$ctx"
  cp "$here/recipes/calico-node/Dockerfile" "$calico_dir/calico-node" "$ctx/"
  docker_build "tierprobe/calico-node:$CALICO_VERSION-$calico_key" "$ctx" --build-arg "BASE=$base_ref"
  rm -rf "$ctx"

  root=$(tree_root)
  mkdir -p "$root/opt/cni/bin"
  cp "$calico_dir"/{install,calico,host-local,loopback,portmap} "$root/opt/cni/bin/"
  ln -s calico "$root/opt/cni/bin/calico-ipam"
  tree_image "tierprobe/calico-cni:$CALICO_VERSION-$calico_key" "$root" \
    'ENV PATH=/opt/cni/bin:/usr/local/bin:/usr/bin:/bin' 'WORKDIR /opt/cni/bin' 'CMD ["/opt/cni/bin/install"]'

  root=$(tree_root)
  mkdir -p "$root/usr/bin" "$root/status" "$root/profiles"
  cp "$calico_dir"/{kube-controllers,check-status,wrapper} "$root/usr/bin/"
  touch "$root/status/status.json" "$root/profiles/mem.pprof" "$root/profiles/cpu.pprof"
  chown -R 999 "$root/status" "$root/profiles"
  tree_image "tierprobe/calico-kube-controllers:$CALICO_VERSION-$calico_key" "$root" \
    'USER 999' 'ENTRYPOINT ["/usr/bin/wrapper", "/usr/bin/kube-controllers"]'

  root=$(tree_root)
  cp "$calico_dir/cmd" "$root/goldmane"; cp "$calico_dir/health" "$root/health"
  tree_image "tierprobe/calico-goldmane:$CALICO_VERSION-$calico_key" "$root" 'USER 10001:10001' 'CMD ["/goldmane"]'
fi

if want calico; then
  for i in $calico_images; do
    docker tag "tierprobe/calico-$i:$CALICO_VERSION-$calico_key" "quay.io/calico/$i:$CALICO_VERSION"
    emit "calico-$i" "quay.io/calico/$i:$CALICO_VERSION"
  done
  # Calico's manifests come from the same module the images were built from.
  echo "CALICO_SRC $(cd "$here/go/calico" && GOFLAGS=-mod=mod GONOSUMDB=github.com/projectcalico go list -m -f '{{.Dir}}' github.com/projectcalico/calico)"
fi
