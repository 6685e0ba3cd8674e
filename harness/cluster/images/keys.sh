# What each group builds, its cache keys, and the background work a cold build starts
# early (module downloads, debootstrap). Sourced by prepare.sh after lib.sh.

kind_ld="-X sigs.k8s.io/kind/pkg/internal/version.gitCommit=$KIND_VERSION"

calico_bi=github.com/projectcalico/calico/pkg/buildinfo
calico_ld="-X $calico_bi.Version=$CALICO_VERSION -X $calico_bi.GitRevision=${CALICO_MODULE_VERSION##*-} -X $calico_bi.BuildDate=2025-10-21T21:38:02Z"
# Every binary of Calico's that the cluster runs, calicoctl included: the go.mod's tool block.
calico_tools=$(sed -n '/^tool (/,/^)/p' "$here/go/calico/go.mod" | sed '1d;$d' | tr -d '\t')
calico_images="node cni kube-controllers goldmane"
calico_key=$(key "$CALICO_VERSION" "$here/go/calico/go.mod" "$here/go/calico/go.sum" \
  "$here/recipes/calico-node/Dockerfile" "$here/steps-calico.sh" "$here/keys.sh" "$here/lib.sh" "$here/recipes/bookworm.sh")

k8s_minor=${K8S_VERSION#v1.}; k8s_minor=${k8s_minor%%.*}
k8s_ld=""
for p in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
  k8s_ld="$k8s_ld -X $p.gitVersion=$K8S_VERSION -X $p.gitMajor=1 -X $p.gitMinor=$k8s_minor -X $p.gitTreeState=clean -X $p.buildDate=$K8S_BUILD_DATE"
  k8s_ld="$k8s_ld -X $p.gitCommit=0000000000000000000000000000000000000000"
done
k8s_pkgs=$(printf 'k8s.io/kubernetes/cmd/%s ' kube-apiserver kube-controller-manager kube-scheduler kube-proxy kubelet kubeadm kubectl)
etcd_ld="-X go.etcd.io/etcd/api/v3/version.GitSHA=v$ETCD_VERSION"
crictl_ld="-X sigs.k8s.io/cri-tools/pkg/version.Version=$CRICTL_VERSION"
node_key=$(key "$K8S_VERSION" "$ETCD_VERSION" "$COREDNS_VERSION" "$PAUSE_VERSION" "$CRICTL_VERSION" \
  "$here"/go/{kubernetes,etcd,coredns,cri-tools,kind}/go.{mod,sum} \
  "$here"/recipes/bookworm.sh "$here"/recipes/kind-base/* "$here"/recipes/kube-proxy/* \
  "$here"/recipes/node.sh "$here"/steps-kubernetes.sh "$here"/keys.sh "$here"/lib.sh)
node_ref="tierprobe/kind-node:$K8S_VERSION-$node_key"
base_ref="tierprobe/bookworm:$DEBIAN_SUITE-$(key "$here/recipes/bookworm.sh")"

calico_images_missing() {
  local i
  for i in $calico_images; do have_image "tierprobe/calico-$i:$CALICO_VERSION-$calico_key" || return 0; done
  return 1
}

# start_background_work: when something must be built here (no registry answers, or
# --pull never), downloads the Go modules of every later build and bootstraps Debian in
# the background, so that network and dpkg time overlap the first compilations.
TP_BASE_PID=""
start_background_work() {
  local need_node=0 need_calico=0 first=""
  if want kubernetes && ! have_image "$node_ref"; then need_node=1; first=$KIND_NODE_UPSTREAM; fi
  if want calico && calico_images_missing; then need_calico=1; first=${first:-quay.io/calico/node:$CALICO_VERSION}; fi
  [ -n "$first" ] || return 0
  # One pull decides whether a registry answers (the image is needed anyway).
  if [ "$TP_PULL" != never ] && try_pull "$first"; then return 0; fi
  note "building here: downloading Go modules and bootstrapping Debian in the background"
  [ "$need_node" = 1 ] && {
    prefetch kubernetes "$here/go/kubernetes" $k8s_pkgs
    prefetch etcd "$here/go/etcd" go.etcd.io/etcd/server/v3
    prefetch coredns "$here/go/coredns" github.com/coredns/coredns
    prefetch cri-tools "$here/go/cri-tools" sigs.k8s.io/cri-tools/cmd/crictl
  }
  [ "$need_calico" = 1 ] && prefetch calico "$here/go/calico" $calico_tools
  if ! have_image "$base_ref"; then
    bash "$here/recipes/bookworm.sh" "$base_ref" >"$(logfile bookworm)" 2>&1 &
    TP_BASE_PID=$!
  fi
}

# need_base: the Debian base image, waiting for the background debootstrap if one runs.
need_base() {
  if [ -n "$TP_BASE_PID" ]; then
    step "Debian $DEBIAN_SUITE base (debootstrap, started in the background)"
    wait "$TP_BASE_PID" || fail "Debian base" "$(logfile bookworm)"
    TP_BASE_PID=""
  elif ! have_image "$base_ref"; then
    step "Debian $DEBIAN_SUITE base (debootstrap)"
    bash "$here/recipes/bookworm.sh" "$base_ref" >"$(logfile bookworm)" 2>&1 || fail "Debian base" "$(logfile bookworm)"
  fi
}
