// Issue 10, item 3, live: ClusterIP Services. tierprobe creates the scenario's Services, probes
// them through the ClusterIP and by name, and each backend cell's observation matches the model:
// a backend a policy denies never answers while the other does, a lookup the policies block
// fails (and is said), and a relabel takes a backend out of the Service.
import { expect } from 'chai';
import { liveCluster, liveRun, testdata } from './live-fixture.ts';

describe('run: Services (live)', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());

  it('observes every backend of a Service through its ClusterIP and its name, per step', async () => {
    const run = await liveRun(testdata('services.yaml'));
    const problems = run.diff.steps.flatMap((s) => s.cells.flatMap((c) => c.mismatches.map((m) => `${s.name}: ${c.from} -> ${c.to} ${c.backend ?? ''} ${c.port}/${c.protocol}: ${m.class}: ${m.message}`)));
    expect(problems).to.deep.equal([]);
    expect(run.services?.map((s) => s.service)).to.deep.equal(['svc:e2e-svc-y/web']);
    expect(run.services?.[0]?.clusterIP).to.match(/^\d+\.\d+\.\d+\.\d+$/);
    const svc = (step: number, backend: string, port: number) => run.diff.steps[step]?.cells.find((c) => c.from === 'e2e-svc-x/a' && c.to === 'svc:e2e-svc-y/web' && c.backend === backend && c.port === port);
    const seen = (step: number, backend: string, port: number) => svc(step, backend, port)?.observed;
    // TCP through port http (8080 on the pods) and UDP 5353 -> 53: each backend is a cell.
    for (const port of [80, 5353]) {
      expect([0, 1, 2].map((i) => seen(i, 'e2e-svc-y/a', port)), `y/a ${port}`).to.deep.equal(['connected', 'connected', 'connected']);
      expect([0, 1, 2].map((i) => seen(i, 'e2e-svc-y/b', port)), `y/b ${port}`).to.deep.equal(['connected', 'dropped', 'dropped']);
    }
    // Step 1: half the attempts went by name, and the answering pod was told apart.
    expect(svc(0, 'e2e-svc-y/a', 80)?.observedDetail).to.match(/^a answered \d+ of 16 attempt\(s\) through [\d.]+:80\/TCP \(\d+ by the name web\.e2e-svc-y\.svc\)/);
    expect(svc(0, 'e2e-svc-y/b', 5353)?.observedDetail).to.match(/^b answered \d+ of 16 attempt\(s\) through [\d.]+:5353\/UDP/);
    // Step 2: the denied backend never answered; the odds of that for an allowed one are said.
    expect(svc(1, 'e2e-svc-y/b', 80)?.observedDetail).to.match(/^b never answered 16 attempt\(s\) through .*; an allowed backend misses all 16 with probability 1\.5e-5/);
    // Step 3: x cannot reach kube-dns; the lookup failed as the model says, the ClusterIP still answers.
    expect(svc(2, 'e2e-svc-y/a', 80)?.observedDetail).to.contain('the lookup of web.e2e-svc-y.svc failed, as the model says');
    // Step 4: y/b is no backend any more: its Service cells are gone, y/a answers every attempt.
    expect(svc(3, 'e2e-svc-y/b', 80)).to.equal(undefined);
    expect(svc(3, 'e2e-svc-y/a', 80)?.observedDetail).to.match(/^a answered 8 of 8 attempt\(s\)/);
    for (const t of run.steps.slice(1)) expect(t.convergedMs, `${t.name} converged`).to.be.a('number');
  });
});
