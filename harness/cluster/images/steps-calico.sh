# Calico's images, named as its manifests name them (quay.io/calico/*:$CALICO_VERSION),
# so that the manifests apply unchanged. Sourced by prepare.sh.

calico_images="node cni kube-controllers goldmane"
calico_key=$(key "$CALICO_VERSION" "$here/go/calico/go.mod" "$here/go/calico/go.sum" \
  "$here/recipes/calico-node/Dockerfile" "$here/steps-calico.sh" "$here/lib.sh" "$here/recipes/bookworm.sh")

step "Calico $CALICO_VERSION images"
missing=""
for i in $calico_images; do
  have_image "tierprobe/calico-$i:$CALICO_VERSION-$calico_key" || missing="$missing $i"
done
if [ -n "$missing" ]; then
  pulled=""
  for i in $missing; do
    if try_pull "quay.io/calico/$i:$CALICO_VERSION"; then
      docker tag "quay.io/calico/$i:$CALICO_VERSION" "tierprobe/calico-$i:$CALICO_VERSION-$calico_key"; pulled="$pulled $i"
    else break; fi
  done
  if [ "$pulled" != "$missing" ]; then
    base_ref="tierprobe/bookworm:$DEBIAN_SUITE-$(key "$here/recipes/bookworm.sh")"
    if ! have_image "$base_ref"; then
      step "Debian $DEBIAN_SUITE base (debootstrap)"
      bash "$here/recipes/bookworm.sh" "$base_ref" >"$(logfile bookworm)" 2>&1 || fail "Debian base" "$(logfile bookworm)"
    fi
    step "Calico $CALICO_VERSION binaries (the longest step when cold)"
    bi=github.com/projectcalico/calico/pkg/buildinfo
    calico_dir=$(go_bins calico "$here/go/calico" \
      "-X $bi.Version=$CALICO_VERSION -X $bi.GitRevision=${CALICO_MODULE_VERSION##*-} -X $bi.BuildDate=2025-10-21T21:38:02Z" \
      $(sed -n '/^tool (/,/^)/p' "$here/go/calico/go.mod" | sed '1d;$d' | tr -d '\t' | grep -v calicoctl))
    calico_src=$(cd "$here/go/calico" && go list -m -f '{{.Dir}}' github.com/projectcalico/calico)

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
fi
for i in $calico_images; do
  docker tag "tierprobe/calico-$i:$CALICO_VERSION-$calico_key" "quay.io/calico/$i:$CALICO_VERSION"
  emit "calico-$i" "quay.io/calico/$i:$CALICO_VERSION"
done
# Calico's manifests come from the same module the images were built from.
echo "CALICO_SRC $(cd "$here/go/calico" && GOFLAGS=-mod=mod GONOSUMDB=github.com/projectcalico go list -m -f '{{.Dir}}' github.com/projectcalico/calico)"
