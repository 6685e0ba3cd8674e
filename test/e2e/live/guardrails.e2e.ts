// Issue 11, item 2, live: guardrail proofs. After the step, tierprobe attacks each guardrail
// with adversarial policies in the tiers app teams write in. A guardrail in a security tier
// holds; one that rests on a Kubernetes NetworkPolicy in the default tier is opened by an app
// team's allow-all there, and the run says so, in the model and in the dataplane alike. The
// matrix is back to the step's once the attack is withdrawn.
import { expect } from 'chai';
import { liveCluster, liveRun, testdata } from './live-fixture.ts';

describe('run: guardrails attacked live', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());

  it('proves the security-tier guardrail and catches the weak one', async () => {
    const run = await liveRun(testdata('weak-guardrail.yaml'));
    const phase = (name: string) => run.guardrails?.find((g) => g.guardrail === name);
    const strong = phase('tools-never-reach-vault');
    const weak = phase('weak-tools-to-payments');
    expect(strong, 'the vault guardrail was attacked').to.not.equal(undefined);
    expect(weak, 'the weak guardrail was attacked').to.not.equal(undefined);
    // Held: under attack the denied cell stayed denied; the model said so too.
    expect(strong).to.deep.include({ heldLive: true, heldInModel: true, restored: true, tiers: ['default', 'baselineadminnetworkpolicy'] });
    expect(strong?.cells.map((c) => c.observed)).to.deep.equal(['dropped']);
    expect(strong?.attackConvergedMs).to.be.a('number');
    // Caught: the app team's allow-all in the default tier opened it, live and in the model.
    expect(weak).to.deep.include({ heldLive: false, heldInModel: false, restored: true });
    expect(weak?.brokenLive).to.deep.equal(['e2e-gr-tools/debug -> e2e-gr-payments/api 80/TCP']);
    expect(weak?.cells.map((c) => c.observed)).to.deep.equal(['connected']);
    expect(weak?.policies.map((p) => p.kind).sort()).to.deep.equal(['BaselineAdminNetworkPolicy', 'GlobalNetworkPolicy', 'NetworkPolicy', 'NetworkPolicy', 'NetworkPolicy']);
    // The diff counts it, so the reports and the exit code do.
    const cell = run.diff.steps[0]?.cells.find((c) => c.from === 'e2e-gr-tools/debug' && c.to === 'e2e-gr-payments/api');
    expect(cell?.mismatches.map((m) => m.class)).to.include('guardrail');
    expect(run.diff.summary.guardrail).to.be.greaterThan(0);
    // Nothing else disagreed: the step's own matrix was as the model says, before and after the attacks.
    const others = run.diff.steps.flatMap((s) => s.cells.flatMap((c) => c.mismatches.filter((m) => m.class !== 'guardrail').map((m) => `${c.from} -> ${c.to}: ${m.class}: ${m.message}`)));
    expect(others).to.deep.equal([]);
    expect(run.applied.filter((a) => a.action === 'attack')).to.have.length(10);
    expect(run.applied.filter((a) => a.action === 'withdraw')).to.have.length(10);
  });
});
