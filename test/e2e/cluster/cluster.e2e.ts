// The hermetic kind + Calico cluster, live: real pods, real packets, real policies.
// Issue 3: a TCP connection succeeds, a Kubernetes NetworkPolicy and a Calico
// GlobalNetworkPolicy in a non-default tier each block it and restore it when deleted,
// and Goldmane returns flow records for that traffic.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as k8s from '@kubernetes/client-node';
import { runCli } from '../../../harness/cli/cli.ts';
import { ClusterRecords } from '../../../harness/cluster/kind/cluster-record.ts';
import { cacheDir } from '../../../harness/cluster/paths.ts';
import { openSession, contextsFromEnv, type ClusterSession } from '../../../harness/cluster/index.ts';
import { listFlows } from '../../../harness/flows/goldmane-client.ts';
import { kubeClients, type KubeClients } from '../../../harness/live/kube-clients.ts';
import { execBatch } from '../../../harness/live/probe/exec-batch.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { waitUntil } from '../../../harness/time/wait-until.ts';
import { createPods, deletePods, namespace } from './e2e-pods.ts';

type Result = 'connected' | 'refused' | 'dropped' | 'rejected' | 'error';

describe('kind + Calico cluster (live)', function () {
  this.timeout(20 * 60_000);
  let session: ClusterSession;
  let clients: KubeClients;
  let serverIp = '';
  const startedAt = Math.floor(Date.now() / 1000);

  before(async () => {
    session = await openSession({ provider: 'kind', kindConfig: 'kind-config/default.yaml' }, {
      pull: 'auto', readyTimeoutMs: 300_000, allowContexts: contextsFromEnv(), clock: systemClock,
      log: (l) => process.stderr.write(`      ${l}\n`),
    });
    clients = kubeClients(session);
    await deletePods(clients.config);
    ({ serverIp } = await createPods(clients.config, session.nodes, session.probeImage));
  });

  after(async () => {
    if (!clients) return;
    await session.calico.delete(gnp + tier).catch(() => undefined);
    await deletePods(clients.config);
  });

  async function probe(): Promise<Result> {
    const { results: [r] } = await execBatch(clients, { namespace, name: 'client' },
      { timeoutMs: 1000, targets: [{ id: 'c', host: serverIp, port: 80, protocol: 'TCP' }] }, { clock: systemClock });
    return r?.result ?? 'error';
  }

  /** Probes until the result is `want`, for at most 30 s; returns what it saw last. */
  async function until(want: Result): Promise<Result | undefined> {
    const w = await waitUntil(probe, (r) => r === want, { clock: systemClock, timeoutMs: 30_000, intervalMs: 200 });
    return w.done ? w.value : w.last;
  }

  it('runs Calico on every node, Ready, with the version it was built from', async () => {
    const ds = await clients.config.makeApiClient(k8s.AppsV1Api).readNamespacedDaemonSet({ name: 'calico-node', namespace: 'kube-system' });
    expect(ds.status?.numberReady).to.equal(session.nodes.length);
    expect(session.versions.calico).to.equal('v3.31.0');
    expect(session.nodes).to.have.length(2);
  });

  it('connects across nodes over TCP with no policy', async () => {
    expect(await probe()).to.equal('connected');
  });

  const knp = {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
    metadata: { name: 'deny-to-server', namespace },
    spec: { podSelector: { matchLabels: { app: 'server' } }, policyTypes: ['Ingress'], ingress: [] },
  };

  it('is blocked by a Kubernetes NetworkPolicy, and restored when it is deleted', async () => {
    await clients.objects.create(knp);
    expect(await until('dropped')).to.equal('dropped');
    await clients.objects.delete(knp);
    expect(await until('connected')).to.equal('connected');
  });

  const tier = 'apiVersion: projectcalico.org/v3\nkind: Tier\nmetadata: {name: e2e-security}\nspec: {order: 100}\n';
  const gnp = `apiVersion: projectcalico.org/v3
kind: GlobalNetworkPolicy
metadata: {name: e2e-security.deny-server}
spec:
  tier: e2e-security
  order: 10
  selector: app == 'server' && projectcalico.org/namespace == '${namespace}'
  ingress: [{action: Deny, protocol: TCP, destination: {ports: [80]}}]
---
`;

  it('is blocked by a GlobalNetworkPolicy in a non-default tier, and restored when it is deleted', async () => {
    await session.calico.apply(tier + '---\n' + gnp);
    expect(await until('dropped')).to.equal('dropped');
    await session.calico.delete(gnp);
    expect(await until('connected')).to.equal('connected');
    await session.calico.delete(tier);
  });

  it('has Goldmane flow records for that traffic: allowed by the profile, denied by each policy', async () => {
    const goldmane = session.goldmane;
    if (!goldmane) throw new Error('the kind session names no Goldmane');
    type Flows = Awaited<ReturnType<typeof listFlows>>;
    const hits = (flows: Flows) => flows
      .filter((f) => f.flow.Key.dest_name === 'server' && f.flow.Key.dest_port === 80 && f.flow.Key.reporter === 'Dst')
      .flatMap((f) => (f.flow.Key.policies?.enforced_policies ?? []).map((p) => `${f.flow.Key.action} ${p.kind} ${p.tier}/${p.name} rule ${p.rule_index}`));
    // What Calico 3.31 logs, as seen live: the Kubernetes policy's deny is the default
    // tier's end (EndOfTier, no name, rule -1); the tiered policy is named without its tier.
    const wanted = [
      'Allow Profile /kns.tierprobe-e2e-cluster rule 0',
      'Deny EndOfTier default/ rule -1',
      'Deny GlobalNetworkPolicy e2e-security/deny-server rule 0',
    ];
    // A List that fails is told, not taken for an empty answer.
    let failure = '';
    const seen = await waitUntil(
      () => listFlows({ kubeconfig: clients.config, ...goldmane }, { startTimeGte: startedAt, destNamespaces: [namespace] })
        .catch((e: unknown) => { failure = e instanceof Error ? e.message : String(e); return []; }),
      (flows) => wanted.every((w) => hits(flows).includes(w)),
      { clock: systemClock, timeoutMs: 60_000, intervalMs: 2000 });
    expect(hits(seen.done ? seen.value : (seen.last ?? [])), failure).to.include.members(wanted);
  });

  it('acts only on a kind cluster it created: without its record, up and down refuse, naming the cluster, and change nothing', async () => {
    const records = new ClusterRecords(cacheDir());
    const record = join(records.dir, 'tierprobe.json');
    const saved = await readFile(record, 'utf8');
    const nodesBefore = (await clients.core.listNode()).items.map((n) => `${n.metadata?.name ?? ''} ${n.metadata?.uid ?? ''}`).sort();
    await rm(record);
    try {
      for (const action of ['up', 'down']) {
        let stderr = '';
        const code = await runCli(['cluster', action], { stdout: () => undefined, stderr: (t) => { stderr += t; } });
        expect(code, stderr).to.equal(3);
        expect(stderr).to.contain('kind cluster "tierprobe" was not created by tierprobe').and.contain('refusing to');
      }
    } finally {
      await writeFile(record, saved);
    }
    // The same nodes, not recreated, not deleted.
    expect((await clients.core.listNode()).items.map((n) => `${n.metadata?.name ?? ''} ${n.metadata?.uid ?? ''}`).sort()).to.deep.equal(nodesBefore);
  });

  it('shows long work as bars in a terminal (util-linux script gives it one) and as plain lines in a pipe', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, TERM: 'xterm-256color' };
    delete env['CI'];
    delete env['TIERPROBE_PROGRESS'];
    const inTerminal = spawnSync('script', ['-qec', `${process.execPath} harness/cli/main.ts cluster up`, '/dev/null'], { env, encoding: 'utf8', timeout: 600_000 });
    expect(inTerminal.status, inTerminal.stdout).to.equal(0);
    // cli-progress took the terminal (it hides the cursor while bars are up, and shows it again).
    expect(inTerminal.stdout).to.contain('\u001b[?25l').and.contain('\u001b[?25h');
    expect(inTerminal.stdout).to.match(/all Ready [\d.]+ s after installing Calico/);
    expect(inTerminal.stdout).to.not.contain('nodes and components Ready: started');
    const piped = spawnSync(process.execPath, ['harness/cli/main.ts', 'cluster', 'up'], { env, encoding: 'utf8', timeout: 600_000 });
    expect(piped.status, piped.stderr).to.equal(0);
    expect(piped.stderr).to.contain('nodes and components Ready: started\n').and.match(/all Ready [\d.]+ s after installing Calico\n/);
    // eslint-disable-next-line no-control-regex
    expect(piped.stderr).to.not.match(/\u001b\[/);
  });
});
