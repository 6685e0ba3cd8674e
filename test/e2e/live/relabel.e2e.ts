// Issue 10, item 2, live: relabel steps. tierprobe patches the labels of its own pod and
// namespace mid-run, Calico follows them, and every cell's observation matches the model.
import { expect } from 'chai';
import { liveCluster, liveRun, testdata } from './live-fixture.ts';

describe('run: relabel steps (live)', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());

  it('a policy follows a pod and a namespace as they are relabelled, and back', async () => {
    const run = await liveRun(testdata('relabel.yaml'));
    const problems = run.diff.steps.flatMap((s) => s.cells.flatMap((c) => c.mismatches.map((m) => `${s.name}: ${c.from} -> ${c.to}: ${m.class}: ${m.message}`)));
    expect(problems).to.deep.equal([]);
    const seen = (step: number, from: string) => run.diff.steps[step]?.cells.find((c) => c.from === from && c.to === 'e2e-relabel-x/a')?.observed;
    expect([0, 1, 2, 3].map((i) => seen(i, 'e2e-relabel-x/b'))).to.deep.equal(['connected', 'dropped', 'dropped', 'connected']);
    expect([0, 1, 2, 3].map((i) => seen(i, 'e2e-relabel-y/a'))).to.deep.equal(['connected', 'connected', 'dropped', 'connected']);
    const relabels = run.applied.filter((a) => a.action === 'relabel');
    expect(relabels.map((a) => `${a.stepName}: ${a.id.kind} ${a.id.namespace ? `${a.id.namespace}/` : ''}${a.id.name}`)).to.deep.equal([
      'b is relabelled away: Pod e2e-relabel-x/b', 'y loses its namespace label: Namespace e2e-relabel-y',
      'b and y are labelled back: Pod e2e-relabel-x/b', 'b and y are labelled back: Namespace e2e-relabel-y',
    ]);
    expect(relabels[0]?.text).to.include('"op": "test"').and.include('"value": "c"');
    for (const t of run.steps.slice(1)) expect(t.convergedMs, `${t.name} converged`).to.be.a('number');
  });
});
