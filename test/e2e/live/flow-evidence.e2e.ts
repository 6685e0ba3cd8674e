// The flow-log leg, live: staged verdicts and who decided them, read back from Goldmane, against
// the model; a wrong expectStaged and an attribution the model cannot know, made to happen.
import { expect } from 'chai';
import type { LiveRun } from '../../../harness/live/index.ts';
import { liveCluster, liveRun, outOfBandPolicy, testdata } from './live-fixture.ts';

const live = liveRun;

const classes = (run: LiveRun) => run.diff.steps.flatMap((s) => s.cells.flatMap((c) => c.mismatches.map((m) => m.class)));
const flowClasses = ['flow-log', 'flow-log-staged', 'attribution', 'missing-evidence'];

/** Allows all ingress to e2e-pods-y from a policy the scenario does not know: verdicts stay allow, the decider changes. */
const outOfBandAllow = outOfBandPolicy('e2e-out-of-band-allow', 'Allow', 1);

describe('run: flow evidence from Calico\'s flow logs (live)', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());
  after(async () => {
    const { session } = await liveCluster();
    await session.calico.delete(outOfBandAllow);
  });

  it('staged verdicts from real flow logs equal the model\'s: a pending end-of-tier deny (staged KNP) and a staged Pass', async () => {
    const run = await live(testdata('staged-flows.yaml'));
    expect(run.flows.checked).to.equal(true);
    expect(classes(run)).to.deep.equal([]);
    const staged = run.diff.steps[1]?.cells ?? [];
    const probed = staged.filter((c) => c.from !== c.to);
    expect(probed.length).to.equal(12); // 3 pods x 2 other pods x 2 ports
    for (const c of probed) {
      expect(c.loggedVerdict, `${c.from} -> ${c.to} ${c.port}`).to.equal(c.verdict);
      expect(c.loggedStagedVerdict, `${c.from} -> ${c.to} ${c.port}`).to.equal(c.stagedVerdict);
    }
    const toC = probed.find((c) => c.to === 'e2e-flows-b/c' && c.from === 'e2e-flows-a/a' && c.port === 80);
    expect(toC?.loggedStagedBy).to.deep.include({ kind: 'EndOfTier', tier: 'default', action: 'Deny', ruleIndex: -1 });
    expect(toC?.loggedStagedBy?.trigger).to.deep.include({ kind: 'StagedKubernetesNetworkPolicy', name: 'default-deny' });
    const passed = probed.find((c) => c.from === 'e2e-flows-b/c' && c.to === 'e2e-flows-a/a' && c.port === 80);
    expect(passed).to.include({ stagedVerdict: 'allow', loggedStagedVerdict: 'allow' });
    expect(passed?.stagedDecidedBy).to.include({ kind: 'StagedGlobalNetworkPolicy', action: 'Pass' });
    expect(passed?.flowEvidence?.loggedStagedAs).to.deep.equal(passed?.stagedDecidedBy);
    // Every connected or dropped probe of every step has its evidence.
    for (const s of run.steps) expect(s.flows?.cellsWithEvidence, s.name).to.equal(s.flows?.cellsNeeding);
  });

  it('a wrong expectStaged is caught against the flow logs', async () => {
    const run = await live(testdata('staged-flows-wrong.yaml'));
    const wrong = run.diff.steps[1]?.cells.filter((c) => c.from.startsWith('e2e-flows-a/') && c.to.startsWith('e2e-flows-a/') && c.from !== c.to) ?? [];
    expect(wrong.length).to.equal(4);
    for (const c of wrong) {
      expect(c.loggedStagedVerdict).to.equal('deny');
      expect(c.mismatches.map((m) => m.message)).to.include('expectStaged: declared allow, flow logs (pending) deny');
    }
    expect(run.diff.summary['staged-intent']).to.equal(8); // each cell: against the model and against the logs
  });

  it('an attribution mismatch: a policy the model does not know allows what the profile would, and the logs name it', async () => {
    const { session } = await liveCluster();
    await session.calico.apply(outOfBandAllow);
    const run = await live(testdata('two-pods.yaml'));
    const intoY = run.diff.steps[0]?.cells.filter((c) => c.to.startsWith('e2e-pods-y/') && c.from !== c.to) ?? [];
    expect(intoY.length).to.be.greaterThan(0);
    for (const c of intoY) {
      expect(c).to.include({ verdict: 'allow', loggedVerdict: 'allow', decidedBy: null });
      expect(c.flowEvidence?.loggedAs).to.include({ policy: 'e2e-out-of-band-allow', kind: 'GlobalNetworkPolicy', action: 'Allow' });
      expect(c.mismatches.map((m) => m.class)).to.deep.equal(['attribution']);
    }
    const intoX = run.diff.steps[0]?.cells.filter((c) => c.to.startsWith('e2e-pods-x/') && c.from !== c.to) ?? [];
    for (const c of intoX) expect(c.mismatches.filter((m) => flowClasses.includes(m.class))).to.deep.equal([]);
  });
});
