// Issue 10, item 5, live: the API server drops empty lists (deny-all written `ingress: []`,
// `egress: []`); what it stored means the same, so the run goes on and the deny holds.
import { expect } from 'chai';
import { liveCluster, liveRun, testdata } from './live-fixture.ts';

describe('run: objects stored without their empty lists (live)', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());

  it('a deny-all written with ingress: [] and egress: [] is applied, and denies both ways', async () => {
    const run = await liveRun(testdata('empty-lists.yaml'));
    const cells = run.diff.steps[0]?.cells ?? [];
    expect(cells.flatMap((c) => c.mismatches.map((m) => `${c.from} -> ${c.to}: ${m.class}: ${m.message}`))).to.deep.equal([]);
    const intoB = cells.filter((c) => c.to.startsWith('e2e-empty-b/') && c.from.startsWith('e2e-empty-a/') && c.protocol === 'TCP');
    expect(intoB.length).to.equal(2);
    for (const c of intoB) expect(c.observed, `${c.from} -> ${c.to}`).to.equal('dropped');
    const outOfB = cells.filter((c) => c.from.startsWith('e2e-empty-b/') && c.to.startsWith('e2e-empty-a/'));
    for (const c of outOfB) expect(c.observed, `${c.from} -> ${c.to}`).to.equal('dropped');
  });
});
