// The capture round trip, live: a library scenario runs with --keep; capture reads its
// namespaces as a ServiceAccount bound only to harness/rbac/tierprobe-capture.yaml; the captured
// scenario's explain equals the original's last-step matrix through pods-map.json; and the
// captured scenario, run on kind, observes that matrix (the replay also clears the kept run);
// whatif --context on the same cluster, as the same account, predicts a known change's flips.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect } from 'chai';
import * as k8s from '@kubernetes/client-node';
import { parseAllDocuments } from 'yaml';
import { removeOwned } from '../../../harness/live/cleanup/remove-owned.ts';
import { runFilter } from '../../../harness/live/cleanup/owned-filter.ts';
import { silentLogger } from '../../../harness/live/index.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { leftBehind, liveCluster, readResults, tempDir, tierprobe } from './live-fixture.ts';

const original = 'scenarios/tiered-guardrail.yaml';
const namespaces = ['payments', 'frontend', 'tools'];
const saNamespace = 'tierprobe-e2e-capture';
const account = 'capturer';

interface ExplainCell { from: string; to: string; port: number; protocol: string; verdict: string }
interface WhatifSide { verdict: string; decidedBy?: { policy: string } }
interface PodsMap { representatives: Record<string, string[]>; podCIDR: string[]; serviceCIDR: string[] }

const key = (c: Pick<ExplainCell, 'from' | 'to' | 'port' | 'protocol'>) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}`;

/** Every cell of the captured matrix, for each pair of real pods its two representatives stand for. */
function throughMap(cells: readonly ExplainCell[], map: PodsMap): Map<string, string> {
  const out = new Map<string, string>();
  const real = (a: string) => map.representatives[a] ?? (a.startsWith('external:') ? [a] : []);
  for (const c of cells) for (const from of real(c.from)) for (const to of real(c.to)) out.set(key({ ...c, from, to }), c.verdict);
  return out;
}

async function lastStep(file: string): Promise<ExplainCell[]> {
  const r = await tierprobe('explain', file, '--format', 'json');
  expect(r.code, r.stderr).to.equal(0);
  const doc = JSON.parse(r.stdout) as { steps: { cells: ExplainCell[] }[] };
  return doc.steps.at(-1)?.cells ?? [];
}

describe('capture: a kept run, read-only, replayed, live', function () {
  this.timeout(20 * 60_000);
  const created: k8s.KubernetesObject[] = [];
  let keptRun = '';

  after(async () => {
    const { session, clients } = await liveCluster();
    if (keptRun) await removeOwned(clients, session.calico, runFilter(keptRun), { clock: systemClock, logger: silentLogger });
    for (const o of created.reverse()) await clients.objects.delete(o).catch(() => undefined);
  });

  it('captures the kept run under the capture ClusterRole only; explain of the capture equals the original through the pods map; the replay observes it', async () => {
    const { clients } = await liveCluster();
    const out = await tempDir();
    let t = Date.now();
    const kept = await tierprobe('run', original, '--keep', '--no-flows', '--out', out);
    expect(kept.code, kept.stderr).to.equal(0);
    keptRun = (await readResults(out, 'tiered-guardrail')).run.id;
    process.stderr.write(`      run --keep: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);

    // A ServiceAccount with the capture ClusterRole and nothing else, as a kubeconfig with its token.
    const make = async (o: k8s.KubernetesObject) => { await clients.objects.create(o); created.push(o); };
    await make({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: saNamespace } });
    await make({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: account, namespace: saNamespace } } as k8s.KubernetesObject);
    for (const o of parseAllDocuments(await readFile('harness/rbac/tierprobe-capture.yaml', 'utf8')).map((d) => d.toJS() as k8s.KubernetesObject)) {
      if (o.kind === 'ClusterRole') await make(o);
    }
    await make({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding', metadata: { name: 'tierprobe-e2e-capture' },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'tierprobe-capture' }, subjects: [{ kind: 'ServiceAccount', name: account, namespace: saNamespace }] } as k8s.KubernetesObject);
    const token = await clients.core.createNamespacedServiceAccountToken({ name: account, namespace: saNamespace, body: { spec: { expirationSeconds: 3600, audiences: [] } } });
    const cluster = clients.config.getCurrentCluster();
    if (!cluster || !token.status?.token) throw new Error('no cluster or token');
    const kubeconfig = join(await tempDir(), 'kubeconfig');
    const sa = new k8s.KubeConfig();
    sa.loadFromOptions({ clusters: [cluster], users: [{ name: account, token: token.status.token }], contexts: [{ name: 'tierprobe-capture-sa', cluster: cluster.name, user: account }], currentContext: 'tierprobe-capture-sa' });
    await writeFile(kubeconfig, sa.exportConfig());

    // The account may not write: capture needs nothing more than reading.
    const denied = await tierprobe('capture', '--context', 'tierprobe-capture-sa', '--kubeconfig', kubeconfig, '--namespaces', namespaces.join(','), '--out', join(out, 'refused'));
    expect(denied.code, 'a context not allowed is refused before anything is read').to.equal(2);
    expect(denied.stderr).to.include('--allow-context tierprobe-capture-sa');

    const dir = join(out, 'capture');
    t = Date.now();
    const cap = await tierprobe('capture', '--context', 'tierprobe-capture-sa', '--kubeconfig', kubeconfig, '--namespaces', namespaces.join(','), '--out', dir, '--allow-context', 'tierprobe-capture-sa');
    process.stderr.write(`      capture (as the ServiceAccount): ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    expect(cap.code, cap.stderr).to.equal(0);
    expect(cap.stderr).to.not.match(/forbidden|403|PARTIAL/i);
    const meta = JSON.parse(await readFile(join(dir, 'capture.json'), 'utf8')) as { unreadable: unknown[]; present: { kind: string; name: string }[] };
    expect(meta.unreadable).to.deep.equal([]);
    expect(meta.present.map((p) => p.name)).to.include('default');
    const map = JSON.parse(await readFile(join(dir, 'pods-map.json'), 'utf8')) as PodsMap;
    expect(map.representatives).to.deep.equal({ 'frontend/web': ['frontend/web'], 'payments/api': ['payments/api'], 'tools/debug': ['tools/debug'] });
    expect(map.podCIDR).to.deep.equal(['10.244.0.0/16']);
    expect(map.serviceCIDR).to.deep.equal(['10.96.0.0/16']);
    const scenario = await readFile(join(dir, 'scenario.yaml'), 'utf8');
    expect(scenario).to.not.include('tierprobe.dev/');
    expect(scenario).to.not.match(/resourceVersion|creationTimestamp|uid:/);

    // explain of the capture equals the original's last step, cell by cell through the map.
    const before = new Map((await lastStep(original)).map((c) => [key(c), c.verdict]));
    const after = throughMap(await lastStep(join(dir, 'scenario.yaml')), map);
    expect(after.size).to.be.greaterThan(0);
    expect(Object.fromEntries(after)).to.deep.equal(Object.fromEntries(before));

    // whatif against the live cluster, as the same read-only account, with a change whose effect
    // is known: deleting the security tier's deny re-opens tools -> payments, decided by the app
    // tier's allow-tools. The flips equal whatif on the original scenario and on the capture dir.
    const change = 'harness/whatif/testdata/delete-security-policy.yaml';
    const flips = (r: { code: number; stdout: string; stderr: string }) => {
      expect(r.code, r.stderr).to.equal(0);
      const doc = JSON.parse(r.stdout) as { flipped: { key: string; before: WhatifSide; after: WhatifSide }[] };
      return doc.flipped.map((f) => [f.key, f.before.verdict, f.before.decidedBy?.policy, f.after.verdict, f.after.decidedBy?.policy]);
    };
    const expected = flips(await tierprobe('whatif', original, change, '--format', 'json'));
    expect(expected).to.deep.equal([
      ['tools/debug -> payments/api 80/TCP', 'deny', 'security.isolate-payments', 'allow', 'allow-tools'],
      ['tools/debug -> payments/api 80/UDP', 'deny', 'security.isolate-payments', 'allow', 'allow-tools'],
    ]);
    t = Date.now();
    const kept2 = join(out, 'whatif-capture');
    const live = await tierprobe('whatif', '--context', 'tierprobe-capture-sa', '--kubeconfig', kubeconfig, '--allow-context', 'tierprobe-capture-sa',
      '--namespaces', namespaces.join(','), '--capture-out', kept2, change, '--format', 'json');
    process.stderr.write(`      whatif --context (as the ServiceAccount): ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    expect(flips(live)).to.deep.equal(expected);
    expect(live.stderr).to.include('captured tierprobe-capture-sa');
    expect(await readFile(join(kept2, 'scenario.yaml'), 'utf8')).to.equal(scenario);
    expect(flips(await tierprobe('whatif', dir, change, '--format', 'json'))).to.deep.equal(expected);
    const table = await tierprobe('whatif', '--context', 'tierprobe-capture-sa', '--kubeconfig', kubeconfig, '--allow-context', 'tierprobe-capture-sa',
      '--namespaces', namespaces.join(','), change, '--expect', 'harness/whatif/testdata/expect-tools-denied.yaml');
    expect(table.code, 'the change breaks the declared deny of tools').to.equal(1);
    expect(table.stdout).to.contain('through pods-map.json (captured from tierprobe-capture-sa): 2 enforced flip(s) stand for 2 real cell(s)');

    // The replay on kind (it clears the kept run first: that run's lease is gone).
    t = Date.now();
    const replayOut = await tempDir();
    const replay = await tierprobe('run', join(dir, 'scenario.yaml'), '--no-flows', '--out', replayOut);
    process.stderr.write(`      replay run: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    expect(replay.code, replay.stderr).to.equal(0);
    const results = await readResults(replayOut, 'capture-tierprobe-capture-sa');
    const observed = new Map<string, string>();
    const asVerdict = (o: string | undefined) => (o === 'connected' || o === 'refused' ? 'allow' : o === 'dropped' || o === 'rejected' ? 'deny' : `unobserved:${o}`);
    const cells = results.steps.at(-1)?.cells ?? [];
    for (const [k, v] of throughMap(cells.map((c) => ({ ...c, verdict: asVerdict(c.observed) })), map)) observed.set(k, v);
    expect(Object.fromEntries(observed)).to.deep.equal(Object.fromEntries(before));
    expect(await leftBehind(clients, keptRun)).to.deep.equal([]);
    expect(await leftBehind(clients, results.run.id)).to.deep.equal([]);
    keptRun = '';
  });
});
