// Externals: the probe server started with testcontainers at a fixed address on the nodes'
// Docker network; egress to it is denied by a Kubernetes policy and let out again by a Calico
// policy on a GlobalNetworkSet, live. The container is gone after the run.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import { getContainerRuntimeClient } from 'testcontainers';
import { liveCluster, readResults, tempDir, tierprobe } from './live-fixture.ts';

/** An address near the top of the network's IPv4 subnet, far from what Docker hands out. */
async function freeAddress(network: string): Promise<string> {
  const client = await getContainerRuntimeClient();
  const info: unknown = await client.container.dockerode.getNetwork(network).inspect();
  const configs = typeof info === 'object' && info !== null && 'IPAM' in info ? (info.IPAM as { Config?: { Subnet?: string }[] }).Config ?? [] : [];
  const subnet = configs.map((c) => c.Subnet ?? '').find((s) => /^\d+\.\d+\.\d+\.\d+\/\d+$/.test(s));
  if (!subnet) throw new Error(`no IPv4 subnet on Docker network ${network}`);
  const [base = '', bits = '24'] = subnet.split('/');
  const n = base.split('.').reduce((a, o) => a * 256 + Number(o), 0) + 2 ** (32 - Number(bits)) - 20;
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

function scenario(ip: string): string {
  return `apiVersion: tierprobe/v1alpha1
kind: Scenario
metadata:
  name: e2e-externals
probe:
  ports: [80/TCP]
namespaces:
  - name: e2e-ext
    pods: [{name: a, labels: {app: a}}, {name: b, labels: {app: b}}]
externals:
  - name: outside
    ip: ${ip}
    ports: [8080/TCP, 5353/UDP]
steps:
  - name: no policy
    expect: {default: allow}
  - name: egress only to pods
    apply:
      - inline: |
          apiVersion: networking.k8s.io/v1
          kind: NetworkPolicy
          metadata: {name: egress-to-pods, namespace: e2e-ext}
          spec:
            podSelector: {}
            policyTypes: [Egress]
            egress:
              - to: [{namespaceSelector: {}}]
    expect:
      default: allow
      rules:
        - {from: "*/*", to: "external:outside", verdict: deny}
  - name: a may reach the outside network set
    apply:
      - inline: |
          apiVersion: projectcalico.org/v3
          kind: GlobalNetworkSet
          metadata: {name: e2e-outside, labels: {role: outside}}
          spec: {nets: ["${ip}/32"]}
      - inline: |
          apiVersion: projectcalico.org/v3
          kind: NetworkPolicy
          metadata: {name: a-to-outside, namespace: e2e-ext}
          spec:
            order: 100
            selector: app == 'a'
            types: [Egress]
            egress:
              - action: Allow
                protocol: TCP
                # A namespaced policy's selector means its own namespace unless told otherwise:
                # global() reaches the GlobalNetworkSet.
                destination: {selector: role == 'outside', namespaceSelector: global()}
    expect:
      default: allow
      rules:
        - {from: "*/*", to: "external:outside", verdict: deny}
        - {from: "e2e-ext/a", to: "external:outside", port: 8080/TCP, verdict: allow}
`;
}

describe('run: externals, live', function () {
  this.timeout(20 * 60_000);

  it('probes an external started with testcontainers; egress policies to it are enforced as the model says', async () => {
    const { session } = await liveCluster();
    const dir = await tempDir();
    const file = join(dir, 'externals.yaml');
    const ip = await freeAddress(session.dockerNetwork ?? 'kind');
    await writeFile(file, scenario(ip));
    const out = await tempDir();
    const r = await tierprobe('run', file, '--out', out);
    expect(r.code, r.stderr + r.stdout).to.equal(0);
    const results = await readResults(out, 'e2e-externals');
    const toOutside = (step: number) => results.steps[step]?.cells.filter((c) => c.to === 'external:outside').map((c) => `${c.from} ${c.port}/${c.protocol} ${c.observed ?? '-'} ${c.path ?? '-'}`);
    expect(toOutside(0)).to.deep.equal([
      'e2e-ext/a 8080/TCP connected external', 'e2e-ext/a 5353/UDP connected external',
      'e2e-ext/b 8080/TCP connected external', 'e2e-ext/b 5353/UDP connected external',
    ]);
    expect(toOutside(1)).to.have.length(4);
    expect(toOutside(1)?.every((c) => c.includes(' dropped '))).to.equal(true);
    expect(toOutside(2)).to.deep.equal([
      'e2e-ext/a 8080/TCP connected external', 'e2e-ext/a 5353/UDP dropped external',
      'e2e-ext/b 8080/TCP dropped external', 'e2e-ext/b 5353/UDP dropped external',
    ]);
    const client = await getContainerRuntimeClient();
    const left = await client.container.dockerode.listContainers({ all: true, filters: { label: [`tierprobe.dev/run=${results.run.id}`] } });
    expect(left).to.deep.equal([]);
  });
});
