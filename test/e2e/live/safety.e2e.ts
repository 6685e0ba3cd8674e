// Safe on a cluster tierprobe does not own (issue 7): objects it did not create are never
// touched. Foreign objects with the library's names make a run refuse before it writes
// anything, and are left byte-identical; a policy outside the scenario's namespaces is
// refused at load; two runs that write the same cluster-scoped name never overwrite each other.
import { expect } from 'chai';
import * as k8s from '@kubernetes/client-node';
import { ownedSelector } from '../../../harness/live/labels.ts';
import { liveCluster, readResults, startRun, tempDir, testdata, tierprobe } from './live-fixture.ts';

const foreignTier = `apiVersion: projectcalico.org/v3
kind: Tier
metadata: {name: security, labels: {owner: someone-else}}
spec: {order: 50}
---
apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: security.isolate-payments, labels: {owner: someone-else}}
spec:
  tier: security
  order: 1
  selector: someone-else == 'true'
  types: [Ingress]
  ingress: [{action: Pass}]
`;

const foreignBanp = {
  apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy',
  metadata: { name: 'default', labels: { owner: 'someone-else' } },
  spec: { subject: { namespaces: { matchLabels: { 'someone-else': 'true' } } }, ingress: [{ name: 'theirs', action: 'Allow', from: [{ namespaces: {} }] }] },
};

describe('run: safe on objects it did not create, live', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());

  /** The stored object exactly as the API server returns it (resourceVersion included). */
  async function stored(group: string, version: string, plural: string, name: string): Promise<unknown> {
    const { clients } = await liveCluster();
    return clients.config.makeApiClient(k8s.CustomObjectsApi).getClusterCustomObject({ group, version, plural, name });
  }

  /** What tierprobe itself has in the cluster: its leases and namespaces. */
  async function tierprobeFootprint(): Promise<string[]> {
    const { clients } = await liveCluster();
    const leases = await clients.config.makeApiClient(k8s.CoordinationV1Api).listLeaseForAllNamespaces({ labelSelector: ownedSelector });
    const namespaces = await clients.core.listNamespace({ labelSelector: ownedSelector });
    return [...leases.items, ...namespaces.items].map((o) => o.metadata?.name ?? '').sort();
  }

  it('refuses (exit 3) to run where a Tier and a GlobalNetworkPolicy of its names exist, and leaves them byte-identical', async () => {
    const { session } = await liveCluster();
    await session.calico.apply(foreignTier);
    try {
      const before = await Promise.all([stored('crd.projectcalico.org', 'v1', 'tiers', 'security'),
        stored('crd.projectcalico.org', 'v1', 'globalnetworkpolicies', 'security.isolate-payments')]);
      const footprint = await tierprobeFootprint();
      const r = await tierprobe('run', 'scenarios/tiered-guardrail.yaml', '--out', await tempDir());
      expect(r.code, r.stderr).to.equal(3);
      expect(r.stderr).to.contain('refusing to run:').and.contain('Tier security').and.contain('GlobalNetworkPolicy security.isolate-payments')
        .and.contain('nothing was changed');
      const after = await Promise.all([stored('crd.projectcalico.org', 'v1', 'tiers', 'security'),
        stored('crd.projectcalico.org', 'v1', 'globalnetworkpolicies', 'security.isolate-payments')]);
      expect(after).to.deep.equal(before);
      // Nothing written before the refusal: no lease, no namespace.
      expect(await tierprobeFootprint()).to.deep.equal(footprint);
    } finally {
      // The policy first: a Tier can only go once it is empty.
      for (const doc of foreignTier.split('---\n').reverse()) await session.calico.delete(doc);
    }
  });

  it('refuses (exit 3) where the BaselineAdminNetworkPolicy "default" exists, and leaves it byte-identical', async () => {
    const { clients } = await liveCluster();
    await clients.objects.create(foreignBanp);
    try {
      const before = await stored('policy.networking.k8s.io', 'v1alpha1', 'baselineadminnetworkpolicies', 'default');
      const r = await tierprobe('run', 'scenarios/admin-network-policy.yaml', '--out', await tempDir());
      expect(r.code, r.stderr).to.equal(3);
      expect(r.stderr).to.contain('refusing to run: BaselineAdminNetworkPolicy default already exists and is not tierprobe\'s');
      expect(await stored('policy.networking.k8s.io', 'v1alpha1', 'baselineadminnetworkpolicies', 'default')).to.deep.equal(before);
    } finally {
      await clients.objects.delete(foreignBanp);
    }
  });

  it('refuses at load (exit 2) a policy in a namespace the scenario does not declare, and touches nothing', async () => {
    const footprint = await tierprobeFootprint();
    const r = await tierprobe('run', 'harness/scenario/testdata/invalid-policy-namespace.yaml', '--out', await tempDir());
    expect(r.code).to.equal(2);
    expect(r.stderr).to.match(/invalid-policy-namespace\.yaml:16:\d+: .*namespace "kube-system" is not one of the scenario's namespaces \(x\)/);
    expect(await tierprobeFootprint()).to.deep.equal(footprint);
  });

  it('two runs writing the same cluster-scoped name: the later waits for the earlier, neither overwrites the other', async () => {
    const outA = await tempDir();
    const first = startRun(['run', testdata('concurrent-a.yaml'), '--out', outA]);
    await first.probing;
    const outB = await tempDir();
    const second = await tierprobe('run', testdata('concurrent-b.yaml'), '--out', outB);
    const a = await first.exit;
    expect(a.code, a.stderr).to.equal(0);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stderr).to.match(/GlobalNetworkPolicy e2e-shared belongs to another tierprobe run \(\S+ held by [^)]+\): waiting for that run to end/);
    // Had b replaced a's policy mid-run, a's server would have opened: both saw their own deny, every step.
    for (const [out, name] of [[outA, 'e2e-concurrent-a'], [outB, 'e2e-concurrent-b']] as const) {
      const results = await readResults(out, name);
      expect(results.steps, name).to.have.length(3);
      expect(results.summary['mismatchingCells'], name).to.equal(0);
    }
  });

  it('provider existing: refuses (exit 3) a cluster-wide policy that would select pods outside the run, naming some, and writes nothing', async () => {
    const { session } = await liveCluster();
    const footprint = await tierprobeFootprint();
    const saved = process.env['KUBECONFIG'];
    process.env['KUBECONFIG'] = session.kubeconfigPath;
    let r: Awaited<ReturnType<typeof tierprobe>>;
    try {
      r = await tierprobe('run', testdata('foreign-reach.yaml'), '--out', await tempDir(), '--allow-context', 'kind-tierprobe');
    } finally {
      if (saved === undefined) delete process.env['KUBECONFIG']; else process.env['KUBECONFIG'] = saved;
    }
    expect(r.code, r.stderr).to.equal(3);
    // kube-system's CoreDNS and Calico's own pods run outside the run on every kind cluster.
    expect(r.stderr).to.match(/refusing to run: cluster-wide policies would apply to pods outside the run \(GlobalNetworkPolicy e2e-everything would select [a-z0-9-]+\/[a-z0-9-]+/)
      .and.contain('--allow-foreign-selection');
    expect(await tierprobeFootprint()).to.deep.equal(footprint);
  });
});
