// Interruption and cleanup: Ctrl-C writes the partial results and removes what the run made;
// a killed run's leftovers are removed by the next run; a namespace tierprobe did not create
// is never touched; an existing cluster needs its context allowed.
import { expect } from 'chai';
import { runScenarioLive } from '../../../harness/live/index.ts';
import { loadScenario } from '../../../harness/scenario/index.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { leftBehind, liveCluster, outOfBandPolicy, readResults, startRun, tempDir, testdata, tierprobe } from './live-fixture.ts';

const outOfBand = outOfBandPolicy('e2e-cleanup-out-of-band', 'Deny');

describe('run: interruption and cleanup, live', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());
  afterEach(async () => {
    const { session, clients } = await liveCluster();
    await session.calico.delete(outOfBand);
    await clients.core.deleteNamespace({ name: 'e2e-pods-x' }).catch(() => undefined);
  });

  it('SIGINT stops probing, writes the partial results and deletes what the run created', async () => {
    const { session, clients } = await liveCluster();
    // The step cannot converge (a deny the model does not know): the run is still probing when stopped.
    await session.calico.apply(outOfBand);
    const out = await tempDir();
    const run = startRun(['run', testdata('two-pods.yaml'), '--out', out, '--converge-timeout', '60']);
    const runId = await run.runId;
    await run.probing;
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exit;
    expect(code, stderr).to.equal(3);
    expect(stderr).to.match(/SIGINT: stopping/).and.match(/interrupted by SIGINT: \d of 2 step\(s\) of e2e-two-pods observed; partial results in/);
    const results = await readResults(out, 'e2e-two-pods');
    expect(results.run).to.include({ id: runId, interrupted: true, complete: false });
    expect(results.steps).to.have.length(1);
    expect(results.steps[0]?.live?.interrupted).to.equal(true);
    expect(results.steps[0]?.cells.filter((c) => c.observed !== undefined).length).to.be.greaterThan(0);
    expect(await leftBehind(clients, runId)).to.deep.equal([]);
  });

  it('SIGINT during deploy exits 3 "interrupted", writes results and leaves nothing behind', async () => {
    const { clients } = await liveCluster();
    const out = await tempDir();
    const run = startRun(['run', testdata('two-pods.yaml'), '--out', out]);
    const runId = await run.runId;
    await run.seen(/waiting for \d+ probe pod/);
    run.child.kill('SIGINT');
    const { code, stderr } = await run.exit;
    expect(code, stderr).to.equal(3);
    expect(stderr).to.match(/tierprobe: interrupted by SIGINT: 0 of 2 step\(s\) of e2e-two-pods observed/).and.not.match(/unexpected error|bug in tierprobe/);
    const results = await readResults(out, 'e2e-two-pods');
    expect(results.run).to.include({ id: runId, interrupted: true, complete: false });
    expect(await leftBehind(clients, runId)).to.deep.equal([]);
  });

  it('a killed run leaves its resources; the next run waits for its lease to lapse, removes them and runs', async () => {
    const { clients, session } = await liveCluster();
    // Killed while probing a step that cannot converge (an out-of-band deny), never while cleaning up.
    await session.calico.apply(outOfBand);
    const killed = startRun(['run', testdata('two-pods.yaml'), '--out', await tempDir(), '--converge-timeout', '60']);
    const deadId = await killed.runId;
    await killed.probing;
    killed.child.kill('SIGKILL');
    await killed.exit;
    await session.calico.delete(outOfBand);
    expect(await leftBehind(clients, deadId)).to.include.members(['namespace/e2e-pods-x', 'namespace/e2e-pods-y', `lease/default/tierprobe-run-${deadId}`]);
    // Straight away, on the open session: the dead run's lease has not lapsed yet.
    const lines: string[] = [];
    const logger = { info: (m: string) => lines.push(m), warn: (m: string) => lines.push(m) };
    const again = await runScenarioLive(await loadScenario(testdata('two-pods.yaml')), { session, clock: systemClock, logger });
    expect(again.failure).to.equal(undefined);
    expect(again.diff.summary.mismatchingCells).to.equal(0);
    expect(lines.join("\n"), lines.join("\n")).to.match(/Namespace e2e-pods-x, Namespace e2e-pods-y belong to another tierprobe run \(\S+ held by [^)]+\): waiting for that run to end/)
      .and.match(/removed [23] resource\(s\) and 0 container\(s\) left by runs that are gone/);
    expect(await leftBehind(clients, deadId)).to.deep.equal([]);
    expect(await leftBehind(clients, again.runId)).to.deep.equal([]);
  });

  it('refuses a namespace it did not create (exit 3) and leaves it as it was', async () => {
    const { clients } = await liveCluster();
    await clients.core.createNamespace({ body: { metadata: { name: 'e2e-pods-x', labels: { mine: 'yes' } } } });
    const r = await tierprobe('run', testdata('two-pods.yaml'), '--out', await tempDir());
    expect(r.code).to.equal(3);
    expect(r.stderr).to.contain('refusing to run: Namespace e2e-pods-x already exists and is not tierprobe\'s');
    const ns = await clients.core.readNamespace({ name: 'e2e-pods-x' });
    expect(ns.metadata?.labels).to.deep.include({ mine: 'yes' });
    expect(ns.metadata?.deletionTimestamp).to.equal(undefined);
  });

  it('provider existing: refuses a context that is not allowed (exit 2), runs on an allowed one, and its traffic figures name the clock they were measured on', async () => {
    const { session } = await liveCluster();
    const saved = { KUBECONFIG: process.env['KUBECONFIG'], TIERPROBE_ALLOW_CONTEXTS: process.env['TIERPROBE_ALLOW_CONTEXTS'] };
    process.env['KUBECONFIG'] = session.kubeconfigPath;
    delete process.env['TIERPROBE_ALLOW_CONTEXTS'];
    try {
      const refused = await tierprobe('run', testdata('existing.yaml'), '--out', await tempDir());
      expect(refused.code).to.equal(2);
      expect(refused.stderr).to.contain('context "kind-tierprobe" is not allowed').and.contain('--allow-context kind-tierprobe');
      const out = await tempDir();
      const allowed = await tierprobe('run', testdata('existing.yaml'), '--out', out, '--allow-context', 'kind-tierprobe');
      expect(allowed.code, allowed.stderr).to.equal(0);
      const results = await readResults(out, 'e2e-existing');
      expect(results.summary['mismatchingCells']).to.equal(0);
      // Traffic on provider existing: measured on the source node's clock, its offset estimated and said.
      const t = (results.steps[0]?.cells.find((c) => c.from === 'e2e-existing-a/a' && c.to === 'e2e-existing-b/b') as { traffic?: { change: string; clock: string; timeToEnforceMs?: number | null } } | undefined)?.traffic;
      expect(t?.change).to.equal('denies');
      expect(t?.clock).to.match(/^e2e-existing-a\/a's node clock; its offset to the harness's, [+−][0-9.]+ ms ± [0-9.]+ ms/);
      expect(t?.timeToEnforceMs).to.be.a('number');
    } finally {
      for (const [k, v] of Object.entries(saved)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
    }
  });
});
