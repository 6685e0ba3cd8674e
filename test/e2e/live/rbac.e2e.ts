// A run under the shipped least-privilege RBAC (harness/rbac/tierprobe-run.yaml), as a
// ServiceAccount that has nothing else: provider existing, on the kind cluster by a
// kubeconfig holding only that account's token.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { leftBehind, liveCluster, readResults, tempDir, testdata, tierprobe } from './live-fixture.ts';

const namespace = 'tierprobe-e2e-rbac';
const account = 'runner';

describe('run: under the shipped least-privilege RBAC, live', function () {
  this.timeout(20 * 60_000);
  const created: k8s.KubernetesObject[] = [];

  after(async () => {
    const { clients } = await liveCluster();
    for (const o of created.reverse()) await clients.objects.delete(o).catch(() => undefined);
  });

  it('a ServiceAccount bound only to tierprobe-run runs a scenario with Kubernetes and Calico policies, and leaves nothing behind', async () => {
    const { session, clients } = await liveCluster();
    const make = async (o: k8s.KubernetesObject) => { await clients.objects.create(o); created.push(o); };
    await make({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
    await make({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace } } as k8s.KubernetesObject);
    const manifest = parseAllDocuments(await readFile('harness/rbac/tierprobe-run.yaml', 'utf8')).map((d) => d.toJS() as k8s.KubernetesObject);
    for (const o of manifest) await make(o);
    const subject = [{ kind: 'ServiceAccount', name: account, namespace }];
    await make({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'tierprobe-e2e-rbac' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tierprobe-run' }, subjects: subject } as k8s.KubernetesObject);
    await make({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'tierprobe-e2e-rbac-lease', namespace: 'default' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'tierprobe-run-lease' }, subjects: subject } as k8s.KubernetesObject);
    await make({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding', metadata: { name: 'tierprobe-e2e-rbac-flows', namespace: 'calico-system' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'tierprobe-run-flows' }, subjects: subject } as k8s.KubernetesObject);
    const token = await clients.core.createNamespacedServiceAccountToken({ name: account, namespace, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
    const cluster = clients.config.getCurrentCluster();
    if (!cluster || !token.status?.token) throw new Error('no cluster or token');
    const kubeconfig = join(await tempDir(), 'kubeconfig');
    const sa = new k8s.KubeConfig();
    sa.loadFromOptions({
      clusters: [cluster], users: [{ name: 'runner', token: token.status.token }],
      contexts: [{ name: 'tierprobe-rbac', cluster: cluster.name, user: 'runner' }], currentContext: 'tierprobe-rbac',
    });
    await writeFile(kubeconfig, sa.exportConfig());

    const saved = process.env['KUBECONFIG'];
    process.env['KUBECONFIG'] = kubeconfig;
    const out = await tempDir();
    let r: Awaited<ReturnType<typeof tierprobe>>;
    try {
      // The image is on the nodes already (cluster up loaded it); a registry image would be pulled.
      r = await tierprobe('run', testdata('rbac.yaml'), '--out', out, '--allow-context', 'tierprobe-rbac', '--probe-image', session.probeImage);
    } finally {
      if (saved === undefined) delete process.env['KUBECONFIG']; else process.env['KUBECONFIG'] = saved;
    }
    expect(r.code, r.stderr).to.equal(0);
    expect(r.stderr).to.not.match(/forbidden|403/i);
    // Goldmane found under these rules (on kind: plain gRPC, read through the port-forward).
    expect(r.stderr).to.include('Goldmane: calico-system, port 7443, plain gRPC');
    const results = await readResults(out, 'e2e-rbac');
    expect(results.steps).to.have.length(2);
    expect(results.summary['mismatchingCells']).to.equal(0);
    expect(await leftBehind(clients, results.run.id)).to.deep.equal([]);
  });
});
