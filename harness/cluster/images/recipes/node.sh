#!/usr/bin/env bash
# recipes/node.sh BASE_REF NODE_REF K8S_BIN_DIR K8S_VERSION IMAGE...
# What `kind build node-image` does, without fetching: the Kubernetes binaries in
# /usr/bin, /kind/version, and every image imported into containerd's k8s.io namespace.
set -euo pipefail
base=$1 ref=$2 bins=$3 version=$4; shift 4
c=tierprobe-nodebuild-$$
trap 'docker rm -f -v "$c" >/dev/null 2>&1 || true' EXIT
docker run -d --pull never --privileged --name "$c" --entrypoint sleep "$base" infinity >/dev/null
for b in kubeadm kubelet kubectl; do docker cp "$bins/$b" "$c:/usr/bin/$b"; done
docker exec "$c" sh -c "chown root:root /usr/bin/kube* && chmod 0755 /usr/bin/kube* && mkdir -p /kind && echo $version > /kind/version"
docker exec -d "$c" sh -c 'containerd >/var/log/containerd-build.log 2>&1'
for _ in $(seq 1 100); do docker exec "$c" ctr version >/dev/null 2>&1 && break; sleep 0.2; done
for img in "$@"; do
  echo "importing $img"
  docker save "$img" | docker exec -i "$c" ctr --namespace=k8s.io images import \
    --label=io.cri-containerd.pinned=pinned --all-platforms --no-unpack --digests -
done
docker exec "$c" ctr --namespace=k8s.io images ls -q
docker exec "$c" sh -c 'pkill containerd; sleep 1; rm -f /var/log/containerd-build.log'
docker commit --change 'ENTRYPOINT [ "/usr/local/bin/entrypoint", "/sbin/init" ]' "$c" "$ref" >/dev/null
