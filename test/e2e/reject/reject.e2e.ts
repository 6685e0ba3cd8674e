// Calico configured to REJECT denied traffic (FelixConfiguration default, the deny action field
// Felix reads): a denied probe is answered by the node with an ICMP port unreachable, which a
// socket reports as ECONNREFUSED, as it does a missing listener. The agent tells the two apart
// by who sent the answer; this suite checks that live: a policy deny is `rejected` (a deny, no
// mismatch), a missing listener `refused` (a harness fault), each saying what was seen.
//
// It changes a cluster-wide setting, so it runs on its own (its own mocha config, never with
// test/e2e/live) and refuses to start while a tierprobe run holds a live lease. It reads the
// setting first and restores it exactly in `after`, then waits until denied probes are dropped
// again. Killed in between, the cluster keeps Reject: the saved spec is printed at the start,
// to apply by hand (calicoctl apply -f -).
import { spawnSync } from 'node:child_process';
import * as k8s from '@kubernetes/client-node';
import { expect } from 'chai';
import { join } from 'node:path';
import type { ClusterSession } from '../../../harness/cluster/index.ts';
import type { DiffCell } from '../../../harness/diff/index.ts';
import { readDefaultSpec, readDenyAction } from '../../../harness/live/felix/felix-configuration.ts';
import type { DenyActionField } from '../../../harness/live/felix/deny-action.ts';
import { runScenarioLive, silentLogger, type LiveRun } from '../../../harness/live/index.ts';
import type { KubeClients } from '../../../harness/live/kube-clients.ts';
import { ownedSelector } from '../../../harness/live/labels.ts';
import { aliveLeases } from '../../../harness/live/lease-liveness.ts';
import { loadScenario } from '../../../harness/scenario/index.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { waitUntil } from '../../../harness/time/wait-until.ts';
import { renderTerminal } from '../../../reports/index.ts';
import { liveCluster, tempDir } from '../live/live-fixture.ts';

const scenarioFile = join('test', 'e2e', 'reject', 'testdata', 'reject.yaml');
const x = ['e2e-reject-x/a', 'e2e-reject-x/c'];
const b = 'e2e-reject-y/b';
/** b's agent does not listen on 81: the missing listeners. */
const unserved = new Map([[b, new Set(['81/TCP', '81/UDP'])]]);

function felixConfiguration(spec: Record<string, unknown>): string {
  // JSON is YAML: calicoctl takes it as it is.
  return JSON.stringify({ apiVersion: 'projectcalico.org/v3', kind: 'FelixConfiguration', metadata: { name: 'default' }, spec });
}

const cellsOf = (run: LiveRun) => run.diff.steps[0]?.cells ?? [];
const deniedCells = (run: LiveRun) => cellsOf(run).filter((c) => x.includes(c.from) && c.to === b && c.port === 80);
const describeCells = (cells: readonly DiffCell[]) => cells.map((c) => `${c.from} -> ${c.to} ${c.port}/${c.protocol}: ${c.observed ?? '-'} (${c.observedDetail ?? ''})`).join('\n');

describe('run: Calico rejects instead of dropping (FelixConfiguration deny action Reject), live', function () {
  this.timeout(20 * 60_000);
  let session: ClusterSession;
  let clients: KubeClients;
  let field: DenyActionField = 'iptablesFilterDenyAction';
  /** The default FelixConfiguration's spec before the suite; undefined: there was none. */
  let saved: Record<string, unknown> | undefined;
  let changed = false;

  async function observeOnce(withMissingListeners: boolean): Promise<LiveRun> {
    const run = await runScenarioLive(await loadScenario(scenarioFile), {
      session, clock: systemClock, logger: silentLogger, convergeTimeoutMs: 5000,
      ...(withMissingListeners ? { faults: { unserved } } : {}),
    });
    if (run.failure) throw run.failure;
    return run;
  }

  /** Runs the scenario until its denied cells all read `want`: the dataplane has the setting. */
  async function untilDenied(want: 'rejected' | 'dropped'): Promise<void> {
    const w = await waitUntil(() => observeOnce(false), (run) => deniedCells(run).length === 4 && deniedCells(run).every((c) => c.observed === want),
      { clock: systemClock, timeoutMs: 240_000, intervalMs: 2000 });
    if (!w.done) {
      throw new Error(`denied probes never all read ${want} within 240 s; last run:\n${w.last ? describeCells(deniedCells(w.last)) : String(w.lastError)}`);
    }
  }

  before(async function () {
    ({ session, clients } = await liveCluster());
    const leases = await clients.config.makeApiClient(k8s.CoordinationV1Api).listNamespacedLease({ namespace: 'default', labelSelector: ownedSelector });
    const live = aliveLeases(leases.items, Date.now());
    if (live.size > 0) throw new Error(`tierprobe run(s) ${[...live.keys()].join(', ')} are live: this suite changes the cluster's deny action and must run alone`);
    const initial = await readDenyAction(clients.config);
    if (initial.field === 'bpfEnabled') this.skip(); // the eBPF dataplane has no Reject
    field = initial.field;
    saved = await readDefaultSpec(clients.config);
    process.stderr.write(`      FelixConfiguration default before the suite (${initial.source}); to restore by hand: ${saved === undefined
      ? 'calicoctl delete felixconfiguration default' : `echo '${felixConfiguration(saved)}' | calicoctl apply -f -`}\n`);
    changed = true;
    await session.calico.apply(felixConfiguration({ ...saved, [field]: 'Reject' }));
    expect(await readDenyAction(clients.config)).to.include({ action: 'Reject', field, set: true });
    await untilDenied('rejected');
  });

  after(async () => {
    if (!changed) return;
    if (saved === undefined) await session.calico.delete(felixConfiguration({}));
    else await session.calico.apply(felixConfiguration(saved));
    expect(await readDefaultSpec(clients.config), 'the FelixConfiguration default restored exactly').to.deep.equal(saved);
    // The next suite must find the dataplane dropping again, not merely the object restored.
    await untilDenied('dropped');
  });

  it('a policy deny is rejected (a deny: no mismatch), a missing listener refused (a harness fault), each saying who answered', async () => {
    const run = await observeOnce(true);
    const cells = cellsOf(run);
    const ipOf = (pod: string) => run.pods.find((p) => p.pod === pod)?.ip ?? '';

    const denied = deniedCells(run);
    expect(denied, describeCells(cells)).to.have.length(4);
    for (const c of denied) {
      const what = describeCells([c]);
      expect(c.observed, what).to.equal('rejected');
      expect(c.mismatches, what).to.deep.equal([]);
      // The node answered (from its own address), not b; and the cell names the setting.
      const sender = /ICMP port unreachable \(ICMP type 3 code 3\) from (\S+), not the destination/.exec(c.observedDetail ?? '')?.[1];
      expect(sender, what).to.be.a('string').and.not.equal(ipOf(b));
      expect(c.observedDetail, what).to.include(`FelixConfiguration default sets ${field}=Reject`);
    }

    const missing = cells.filter((c) => x.includes(c.from) && c.to === b && c.port === 81);
    expect(missing, describeCells(cells)).to.have.length(4);
    for (const c of missing) {
      const what = describeCells([c]);
      if ((c.observedDetail ?? '').includes('this kernel does not say which')) {
        // The documented ambiguity (TCP on a kernel before 5.8): taken as a reject, and said so.
        expect(c.observed, what).to.equal('rejected');
        expect(c.observedDetail, what).to.include('a missing listener would look the same');
        continue;
      }
      expect(c.observed, what).to.equal('refused');
      expect(c.mismatches.map((m) => m.class), what).to.deep.equal(['harness-fault']);
      expect(c.observedDetail, what).to.include(c.protocol === 'TCP' ? 'a TCP reset came back' : `from ${ipOf(b)}, the destination itself: nothing listens there`);
    }

    // Nothing else is answered otherwise than the model says: allowed cells with a listener connect.
    const rest = cells.filter((c) => !denied.includes(c) && !missing.includes(c) && !(c.from === b && c.to === b && c.port === 81));
    expect(rest.filter((c) => c.observed !== 'connected'), describeCells(rest)).to.deep.equal([]);
    expect(renderTerminal(run.diff)).to.match(/e2e-reject-x\/a\s.*✗⊘/);
  });

  it('tierprobe run refuses (exit 3) while Calico 3.31.0 is not Ready under Reject, naming calico-node (Calico issue #7914)', async () => {
    // Calico 3.31.0 renders the raw table's reverse-path check with the deny action too
    // (felix/rules/static.go:1364, RPFilter(..., r.IptablesFilterDenyAction())); REJECT is not
    // allowed there, so iptables-restore fails, Felix panics and restarts, and calico-node is
    // never Ready (projectcalico/calico#7914; fix proposed in #12036). Between restarts Felix
    // has programmed the filter table, which is why the direct run above sees rejects. A run
    // from the CLI checks the cluster first and must refuse a cluster that is not Ready, naming
    // what is not. When Calico fixes this, this test fails: then a CLI run must exit 0 here.
    const out = await tempDir();
    const r = spawnSync(process.execPath, ['harness/cli/main.ts', 'run', scenarioFile, '--out', out, '--ready-timeout', '20'], { encoding: 'utf8', timeout: 300_000 });
    expect(r.status, r.stdout + r.stderr).to.equal(3);
    expect(r.stderr).to.contain('Calico is not Ready after 20 s').and.match(/calico-node: 0\/2 ready/);
  });
});
