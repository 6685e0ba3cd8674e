// Each mismatch class, made to happen for real: a wrong expectation, a dataplane the model does
// not know about, a listener that is not there, a probe that cannot run, a cell that flips.
import { expect } from 'chai';
import type { LiveOptions, LiveRun } from '../../../harness/live/index.ts';
import { execBatch } from '../../../harness/live/probe/exec-batch.ts';
import { systemClock } from '../../../harness/time/clock.ts';
import { waitUntil } from '../../../harness/time/wait-until.ts';
import { liveCluster, liveRun, outOfBandPolicy, readResults, tempDir, testdata, tierprobe } from './live-fixture.ts';

/** A Calico policy tierprobe does not know about: it denies ingress to e2e-pods-y. */
const outOfBand = outOfBandPolicy('e2e-out-of-band-deny', 'Deny', 1);

const live = (file: string, o: Partial<LiveOptions> = {}): Promise<LiveRun> => liveRun(file, { convergeTimeoutMs: 3000, ...o });

const classes = (run: LiveRun, step = 0) => new Set(run.diff.steps[step]?.cells.flatMap((c) => c.mismatches.map((m) => m.class)));

describe('run: every mismatch class, made to happen live', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());
  afterEach(async () => {
    const { session } = await liveCluster();
    await session.calico.delete(outOfBand);
  });

  it('policy-intent: a wrong expect exits 1; the model and the dataplane agree with each other', async () => {
    const out = await tempDir();
    const r = await tierprobe('run', testdata('wrong-intent.yaml'), '--out', out, '--converge-timeout', '5');
    expect(r.code, r.stderr).to.equal(1);
    expect(r.stdout).to.match(/! e2e-intent-a\/a -> e2e-intent-b\/b 80\/TCP: expect: declared allow, model deny \[policy-intent\]/);
    const results = await readResults(out, 'e2e-wrong-intent');
    expect(results.summary['policy-intent']).to.equal(1);
    expect(results.summary['dataplane-or-model']).to.equal(0);
    const cell = results.steps[0]?.cells.find((c) => c.from === 'e2e-intent-a/a' && c.to === 'e2e-intent-b/b');
    expect(cell).to.include({ expected: 'allow', verdict: 'deny', observed: 'dropped' });
  });

  it('dataplane-or-model: a deny the model does not know shows as observed dropped, with the command to reproduce it', async () => {
    const { session } = await liveCluster();
    await session.calico.apply(outOfBand);
    const run = await live(testdata('two-pods.yaml'));
    const cell = run.diff.steps[0]?.cells.find((c) => c.from === 'e2e-pods-x/a' && c.to === 'e2e-pods-y/b' && c.port === 80);
    expect(cell).to.include({ verdict: 'allow', observed: 'dropped' });
    expect(cell?.mismatches.map((m) => m.class)).to.deep.equal(['dataplane-or-model']);
    expect(cell?.reproduce).to.match(/^kubectl --kubeconfig \S+ --context \S+ exec -n e2e-pods-x a -c probe -- \/agent probe --to [\d.]+:80\/TCP --timeout-ms 1000$/);
    expect(run.steps[0]?.convergedMs).to.equal(null);
    // Diagnostics taken before cleanup: Felix's log for the run's window, the run's pods and policies as stored.
    const files = run.diagnostics?.files;
    expect(run.diagnostics?.reason).to.match(/cell\(s\) disagreed with the model in the dataplane/);
    const names = [...(files?.keys() ?? [])];
    expect(names.filter((n) => /^logs\/kube-system_calico-node-[a-z0-9]+_calico-node\.log$/.test(n))).to.have.length(session.nodes.length);
    expect(names).to.include.members(['status/nodes.json', 'status/pods.json', 'objects/namespaces.json']);
    expect(names.filter((n) => n.endsWith('.error.txt'))).to.deep.equal([]);
    const pods = JSON.parse(files?.get('status/pods.json') ?? '[]') as { pod: string }[];
    expect(pods.map((p) => p.pod).sort()).to.deep.equal(['e2e-pods-x/a', 'e2e-pods-y/b', 'e2e-pods-y/c']);
    for (const [name, text] of files ?? []) expect(Buffer.byteLength(text), name).to.be.at.most(1024 * 1024 + 100);
  });

  it('harness-fault (refused): a listener that is not there is reported, and counts as allow, not deny', async () => {
    const run = await live(testdata('two-pods.yaml'), { faults: { unserved: new Map([['e2e-pods-y/b', new Set(['81/TCP'])]]) } });
    const cells = run.diff.steps[0]?.cells.filter((c) => c.to === 'e2e-pods-y/b' && c.port === 81) ?? [];
    expect(cells).to.have.length(3);
    for (const c of cells) {
      expect(c.observed).to.equal('refused');
      expect(c.mismatches.map((m) => m.class)).to.deep.equal(['harness-fault']);
    }
    expect(run.steps[0]?.convergedMs).to.be.a('number');
  });

  it('harness-fault (error): a source pod gone mid-step makes its cells errors, never denies', async () => {
    const { clients } = await liveCluster();
    const run = await live(testdata('two-pods.yaml'), { faults: { onConverged: async (step) => {
      if (step === 0) await clients.core.deleteNamespacedPod({ namespace: 'e2e-pods-y', name: 'c', gracePeriodSeconds: 0 });
    } } });
    const fromC = run.diff.steps[0]?.cells.filter((c) => c.from === 'e2e-pods-y/c') ?? [];
    expect(fromC.length).to.be.greaterThan(0);
    for (const c of fromC) {
      expect(c.observed).to.equal('error');
      expect(c.mismatches.map((m) => m.class)).to.include('harness-fault');
      expect(c.mismatches.map((m) => m.class)).to.not.include('dataplane-or-model');
    }
  });

  it('flaky: a cell that matched and then changed is reported, not retried away', async () => {
    const { session } = await liveCluster();
    const { clients } = await liveCluster();
    const run = await live(testdata('two-pods.yaml'), { faults: { onConverged: async (step) => {
      if (step !== 0) return;
      await session.calico.apply(outOfBand);
      // Felix enforces within about a second; the confirmation round must come after that, on
      // the cell looked at below: wait, by probing it, until it is dropped.
      const b = (await clients.core.readNamespacedPod({ namespace: 'e2e-pods-y', name: 'b' })).status?.podIP ?? '';
      const probe = async () => (await execBatch(clients, { namespace: 'e2e-pods-x', name: 'a' },
        { timeoutMs: 1000, targets: [{ id: 'c', host: b, port: 80, protocol: 'TCP' }] }, { clock: systemClock })).results[0]?.result;
      const enforced = await waitUntil(probe, (r) => r === 'dropped', { clock: systemClock, timeoutMs: 30_000, intervalMs: 200 });
      expect(enforced.done, 'the out-of-band deny was never enforced').to.equal(true);
    } } });
    expect(classes(run)).to.include('flaky');
    const cell = run.diff.steps[0]?.cells.find((c) => c.from === 'e2e-pods-x/a' && c.to === 'e2e-pods-y/b' && c.port === 80);
    expect(cell).to.include({ verdict: 'allow', observed: 'dropped', flaky: true });
    expect(cell?.observedDetail).to.match(/looks: connected@\d+ms dropped@\d+ms/);
    expect(run.diff.summary.flaky).to.be.greaterThan(0);
  });
});
