// Traffic under change, live (issue 9): the probe agent's load runs in the source pods while
// a step is applied; time-to-enforce, time-to-open and disruption come from its timestamps.
import { expect } from 'chai';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DiffCell } from '../../../harness/diff/index.ts';
import type { LiveRun } from '../../../harness/live/index.ts';
import { liveCluster, liveRun, readResults, tempDir, testdata, tierprobe } from './live-fixture.ts';

const classes = (run: LiveRun) => run.diff.steps.flatMap((s) => s.cells.flatMap((c) => c.mismatches.map((m) => `${s.name}: ${c.from} -> ${c.to} ${c.port}/${c.protocol}: ${m.class}: ${m.message}`)));
const cell = (run: LiveRun, step: number, from: string, to: string, port: string): DiffCell | undefined =>
  run.diff.steps[step]?.cells.find((c) => c.from === from && c.to === to && `${c.port}/${c.protocol}` === port);

describe('run: traffic under change (live)', function () {
  this.timeout(20 * 60_000);
  before(() => liveCluster());

  it('a deny-all applied under load, then deleted under load: time-to-enforce, time-to-open, and no disruption of the pair that stays allowed', async () => {
    const run = await liveRun(testdata('traffic-deny-open.yaml'));
    expect(classes(run)).to.deep.equal([]);
    const a = 'e2e-traffic-a/client', server = 'e2e-traffic-b/server', peer = 'e2e-traffic-a/peer';

    const enforced = cell(run, 0, a, server, '80/TCP')?.traffic;
    expect(enforced?.change).to.equal('denies');
    expect(enforced?.resolutionMs).to.equal(10);
    expect(enforced?.timeToEnforceMs, JSON.stringify(enforced)).to.be.a('number').within(0, 30_000);
    // Enforced no later than the probes saw it: the load's last success came before convergence.
    expect(enforced?.timeToEnforceMs ?? Infinity).to.be.at.most((run.steps[0]?.convergedMs ?? 0) + 2 * (enforced?.resolutionMs ?? 0) + 1000);
    expect(enforced?.beforeMs).to.be.at.least(1900);
    expect(enforced?.afterMs).to.be.at.least(5900);
    expect(enforced?.reachedPerSecond).to.be.within(80, 105);
    expect(enforced?.failed).to.be.greaterThan(0);
    expect(enforced?.succeeded).to.be.greaterThan(0);
    expect(['kept', 'cut']).to.include(enforced?.established.result);
    expect(enforced?.clock).to.contain('harness host');

    const udp = cell(run, 0, a, server, '80/UDP')?.traffic;
    expect(udp?.change).to.equal('denies');
    expect(udp?.timeToEnforceMs, JSON.stringify(udp)).to.be.a('number').within(0, 30_000);
    expect(udp?.resolutionMs).to.equal(20);

    for (const step of [0, 1]) {
      const stays = cell(run, step, a, peer, '80/TCP')?.traffic;
      expect(stays?.change).to.equal('stays-allowed');
      expect(stays?.disruption, JSON.stringify(stays)).to.deep.include({ failed: 0 });
      expect(stays?.disruption?.longestGapMs).to.be.below(1000);
      expect(stays?.established.result).to.equal('kept');
      expect(stays?.requests).to.be.greaterThan(600);
    }

    const opened = cell(run, 1, a, server, '80/TCP')?.traffic;
    expect(opened?.change).to.equal('allows');
    expect(opened?.timeToOpenMs, JSON.stringify(opened)).to.be.a('number').within(0, 30_000);
    // Opened before the deny went: the long-lived connection could not connect.
    expect(opened?.established.result).to.equal('not-opened');
    // The load stopped before the flow evidence was read, and every probed cell has its evidence.
    for (const s of run.steps) {
      expect(s.traffic, s.name).to.deep.include({ sources: 1 });
      expect(s.flows?.cellsWithEvidence, s.name).to.equal(s.flows?.cellsNeeding);
    }
  });

  it('a disruption made to happen: expect keeps the pair allowed, the policy denies it, the load sees the failures; the class reaches results.json, JUnit and the exit code', async () => {
    const out = await tempDir();
    const r = await tierprobe('run', testdata('traffic-disruption.yaml'), '--out', out);
    expect(r.code, r.stderr).to.equal(1);
    const results = await readResults(out, 'e2e-traffic-disruption');
    expect(results.summary['disruption']).to.equal(1);
    const c = results.steps[0]?.cells.find((x) => x.from === 'e2e-disrupt-a/client' && x.to === 'e2e-disrupt-b/server');
    const t = (c as { traffic?: { change: string; disruption?: { failed: number } } } | undefined)?.traffic;
    expect(t?.change).to.equal('stays-allowed');
    expect(t?.disruption?.failed).to.be.greaterThan(0);
    expect(c?.mismatches.map((m) => m.class)).to.include.members(['disruption', 'policy-intent']);
    const junit = await readFile(join(out, 'e2e-traffic-disruption', 'junit.xml'), 'utf8');
    expect(junit).to.contain('disruption');
    expect(r.stdout + r.stderr).to.contain('disruption');
  });
});
