import { expect } from 'chai';
import { parseAllDocuments } from 'yaml';
import { patchCalicoManifest } from './calico-manifests.ts';

// The shape of Calico's calico-vxlan.yaml where the patch acts, cut down.
const manifest = `apiVersion: v1
kind: ConfigMap
metadata: {name: calico-config, namespace: kube-system}
---
apiVersion: apps/v1
kind: DaemonSet
metadata: {name: calico-node, namespace: kube-system}
spec:
  template:
    spec:
      initContainers:
        - {name: install-cni, image: quay.io/calico/cni:v3.31.0}
        - {name: ebpf-bootstrap, image: quay.io/calico/node:v3.31.0}
      containers:
        - name: calico-node
          image: quay.io/calico/node:v3.31.0
          env:
            - {name: CALICO_IPV4POOL_VXLAN, value: CrossSubnet}
            - {name: FELIX_HEALTHENABLED, value: "true"}
`;

const settings = { podCidr: '10.244.0.0/16', goldmaneAddress: '10.96.100.100:7443', flowLogsFlushSeconds: 5 };

function node(out: string) {
  const ds = parseAllDocuments(out).map((d) => d.toJS()).find((o) => o.kind === 'DaemonSet');
  return ds.spec.template.spec;
}

describe('patchCalicoManifest', () => {
  it('sets the pool, VXLAN Always, no XDP, Goldmane and the flush interval, replacing what was there', () => {
    const env = node(patchCalicoManifest(manifest, settings)).containers[0].env as { name: string; value: string }[];
    const get = (n: string) => env.filter((e) => e.name === n).map((e) => e.value);
    expect(get('CALICO_IPV4POOL_VXLAN')).to.deep.equal(['Always']);
    expect(get('CALICO_IPV4POOL_CIDR')).to.deep.equal(['10.244.0.0/16']);
    expect(get('FELIX_XDPENABLED')).to.deep.equal(['false']);
    expect(get('FELIX_FLOWLOGSGOLDMANESERVER')).to.deep.equal(['10.96.100.100:7443']);
    expect(get('FELIX_FLOWLOGSFLUSHINTERVAL')).to.deep.equal(['5']);
    expect(get('FELIX_HEALTHENABLED')).to.deep.equal(['true']);
  });

  it('drops the eBPF bootstrap init container and keeps the others and the other documents', () => {
    const out = patchCalicoManifest(manifest, settings);
    expect(node(out).initContainers.map((c: { name: string }) => c.name)).to.deep.equal(['install-cni']);
    expect(parseAllDocuments(out)).to.have.length(2);
  });

  it('refuses a manifest without calico-node', () => {
    expect(() => patchCalicoManifest('kind: ConfigMap\nmetadata: {name: x}\n', settings)).to.throw(/no calico-node DaemonSet/);
  });
});
