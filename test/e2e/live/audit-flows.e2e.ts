// audit-flows, live: a scenario runs with --keep, so its probe traffic is in Goldmane; audit-flows
// then reads every flow since the step converged and compares it with the model of the cluster
// captured now (captureCluster in memory): no disagreement, every probe flow mapped. Against a
// capture taken before a policy was applied (a capture directory), the same flows disagree: the
// policy in their trace is not in the capture (drift, exit 1). The kept run is removed after.
import { expect } from 'chai';
import { removeOwned } from '../../../harness/live/cleanup/remove-owned.ts';
import { runFilter } from '../../../harness/live/cleanup/owned-filter.ts';
import { silentLogger } from '../../../harness/live/index.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { leftBehind, liveCluster, readResults, tempDir, testdata, tierprobe } from './live-fixture.ts';

interface AuditJson {
  flows: number; mapped: number; compared: number; agreeing: number;
  unmapped: { reason: string; flows: number; examples: string[] }[];
  disagreements: { from: string; to: string; port: number; reporter: string; logged: string; model: string; class: string; why: string; loggedAs?: { policy: string } | null; modelDecidedBy: { policy: string } | null }[];
}

const namespaces = ['e2e-audit-a', 'e2e-audit-b'];

describe('audit-flows: a kept run\'s flows against the model of its capture, live', function () {
  this.timeout(20 * 60_000);
  let keptRun = '';

  after(async () => {
    if (!keptRun) return;
    const { session, clients } = await liveCluster();
    await removeOwned(clients, session.calico, runFilter(keptRun), { clock: systemClock, logger: silentLogger });
    expect(await leftBehind(clients, keptRun)).to.deep.equal([]);
  });

  it('no disagreement against the cluster captured now, every probe flow mapped; a capture the cluster drifted from is told (exit 1)', async () => {
    const { session } = await liveCluster();
    const out = await tempDir();
    let t = Date.now();
    const run = await tierprobe('run', testdata('audit-flows.yaml'), '--keep', '--out', out);
    expect(run.code, run.stderr).to.equal(0);
    const results = await readResults(out, 'e2e-audit-flows') as Awaited<ReturnType<typeof readResults>> & { run: { startedAt: string }; steps: { live?: { startedMs: number; applyMs: number } }[] };
    keptRun = results.run.id;
    process.stderr.write(`      run --keep: ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    const step = results.steps.at(-1)?.live as { startedMs: number; applyMs: number; convergedMs: number | null } | undefined;
    expect(step?.convergedMs, 'the step converged').to.be.a('number');
    // Flows from 6 s after convergence (Felix's conntrack lag, README "Flow evidence"): none from before the policies held.
    const from = Date.parse(results.run.startedAt) + (step?.startedMs ?? 0) + (step?.applyMs ?? 0) + (step?.convergedMs ?? 0) + 6000;
    const since = `${Math.ceil((Date.now() - from) / 1000)}s`;
    const common = ['--context', session.context, '--kubeconfig', session.kubeconfigPath, '--allow-context', session.context, '--since', since, '--format', 'json'];

    t = Date.now();
    const now = await tierprobe('audit-flows', ...common, '--namespaces', namespaces.join(','));
    process.stderr.write(`      audit-flows (capture in memory, --since ${since}): ${((Date.now() - t) / 1000).toFixed(1)} s\n${now.stderr.replace(/^/gm, '        ')}\n`);
    expect(now.code, now.stdout + now.stderr).to.equal(0);
    const a = JSON.parse(now.stdout) as AuditJson;
    expect(a.disagreements).to.deep.equal([]);
    expect(a.mapped, 'probe flows were mapped to capture groups').to.be.greaterThan(0);
    expect(a.compared).to.equal(a.agreeing);
    expect(a.compared).to.be.greaterThan(0);
    // Every flow of the run's pods was mapped: what is unmapped is other namespaces' or not a workload.
    for (const u of a.unmapped) for (const e of u.examples) expect(namespaces.some((n) => e.startsWith(`${n}/`) && e.includes(' -> e2e-audit-')), `${u.reason}: ${e}`).to.equal(false);

    t = Date.now();
    const stale = await tierprobe('audit-flows', ...common, '--capture', testdata('audit-flows/stale-capture'));
    process.stderr.write(`      audit-flows (stale capture directory): ${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    expect(stale.code, stale.stdout + stale.stderr).to.equal(1);
    const s = JSON.parse(stale.stdout) as AuditJson;
    expect(s.disagreements.length).to.be.greaterThan(0);
    for (const d of s.disagreements) {
      expect(d).to.include({ to: 'e2e-audit-a/db', reporter: 'Dst', logged: 'deny', model: 'allow', class: 'drift' });
      expect(d.why).to.include('knp.default.db-from-web');
      expect(d.loggedAs?.policy).to.equal('knp.default.db-from-web');
    }
    expect(s.disagreements.map((d) => d.from)).to.include('e2e-audit-b/client');
    const table = await tierprobe('audit-flows', ...common.slice(0, -2), '--capture', testdata('audit-flows/stale-capture'));
    expect(table.code).to.equal(1);
    expect(table.stdout).to.include('[drift]').and.include('DISAGREE:');
  });
});
