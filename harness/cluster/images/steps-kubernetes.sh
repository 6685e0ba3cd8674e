# kind's node image with Kubernetes inside. Sourced by prepare.sh (keys in keys.sh).
step "kind node image $K8S_VERSION"
if have_image "$node_ref"; then
  note "cached: $node_ref"
elif try_pull "$KIND_NODE_UPSTREAM"; then
  node_ref=$KIND_NODE_UPSTREAM
else
  step "Kubernetes $K8S_VERSION binaries"
  k8s_dir=$(go_bins kubernetes "$here/go/kubernetes" "$k8s_ld" $k8s_pkgs)

  step "etcd $ETCD_VERSION, CoreDNS $COREDNS_VERSION, crictl $CRICTL_VERSION, pause $PAUSE_VERSION"
  etcd_dir=$(go_bins etcd "$here/go/etcd" "$etcd_ld" go.etcd.io/etcd/server/v3)
  coredns_dir=$(go_bins coredns "$here/go/coredns" "" github.com/coredns/coredns)
  crictl_dir=$(go_bins cri-tools "$here/go/cri-tools" "$crictl_ld" sigs.k8s.io/cri-tools/cmd/crictl)
  pause_src="$(cd "$here/go/kubernetes" && go list -m -f '{{.Dir}}' k8s.io/kubernetes)/build/pause/linux"
  pause_dir="$CACHE/bin/pause-$(key "$pause_src/pause.c" "$PAUSE_VERSION")"
  if [ ! -x "$pause_dir/pause" ]; then
    mkdir -p "$pause_dir"
    gcc -Os -Wall -Werror -static -DVERSION="v$PAUSE_VERSION" -o "$pause_dir/pause" "$pause_src/pause.c" \
      >"$(logfile pause)" 2>&1 || fail pause "$(logfile pause)"
  fi

  need_base
  step "control-plane images"
  for c in kube-apiserver kube-controller-manager kube-scheduler; do
    scratch_image "registry.k8s.io/$c:$K8S_VERSION" "$k8s_dir/$c"
  done
  scratch_image "registry.k8s.io/etcd:$ETCD_IMAGE_TAG" "$etcd_dir/server" /usr/local/bin/etcd
  scratch_image "registry.k8s.io/coredns/coredns:$COREDNS_VERSION" "$coredns_dir/coredns" /coredns
  scratch_image "registry.k8s.io/pause:$PAUSE_VERSION" "$pause_dir/pause" /pause
  ctx=$(mktemp -d); cp "$here"/recipes/kube-proxy/* "$k8s_dir/kube-proxy" "$ctx/"
  docker_build "registry.k8s.io/kube-proxy:$K8S_VERSION" "$ctx" --build-arg "BASE=$base_ref"
  rm -rf "$ctx"

  step "kind base image (Debian packages + kind $KIND_VERSION files)"
  kind_files="$(cd "$here/go/kind" && go list -m -f '{{.Dir}}' sigs.k8s.io/kind)/images/base/files"
  kbase_ref="tierprobe/kind-base:$KIND_VERSION-$node_key"
  if ! have_image "$kbase_ref"; then
    ctx=$(mktemp -d); cp -r "$kind_files" "$ctx/files"; chmod -R u+w "$ctx"
    cp "$here"/recipes/kind-base/* "$crictl_dir/crictl" "$ctx/"
    docker_build "$kbase_ref" "$ctx" --build-arg "BASE=$base_ref" --build-arg "PAUSE_VERSION=$PAUSE_VERSION"
    rm -rf "$ctx"
  fi

  step "kind node image: Kubernetes binaries + preloaded images"
  bash "$here/recipes/node.sh" "$kbase_ref" "$node_ref" "$k8s_dir" "$K8S_VERSION" \
    "registry.k8s.io/kube-apiserver:$K8S_VERSION" "registry.k8s.io/kube-controller-manager:$K8S_VERSION" \
    "registry.k8s.io/kube-scheduler:$K8S_VERSION" "registry.k8s.io/kube-proxy:$K8S_VERSION" \
    "registry.k8s.io/etcd:$ETCD_IMAGE_TAG" "registry.k8s.io/coredns/coredns:$COREDNS_VERSION" \
    "registry.k8s.io/pause:$PAUSE_VERSION" >"$(logfile node)" 2>&1 || fail "node image" "$(logfile node)"
fi
emit node "$node_ref"
