import { expect } from 'chai';
import type { Cell } from '../model/index.ts';
import type { PairTraffic } from '../traffic/types.ts';
import { buildRunDiff, hasMismatch } from './build.ts';
import { mismatchClasses } from './types.ts';

const traffic = (extra: Partial<PairTraffic> = {}): PairTraffic => ({
  change: 'stays-allowed', ratePerSecond: 200, reachedPerSecond: 199.6, requests: 2400, succeeded: 2400, failed: 0, errors: 0,
  droppedIterations: 0, resolutionMs: 5, beforeMs: 2000, afterMs: 10000, established: { result: 'kept', pings: 120 },
  clock: 'x/a\'s node clock', warnings: [], ...extra,
});
const cell: Cell = { from: 'x/a', to: 'y/b', port: 80, protocol: 'TCP', verdict: 'allow', decidedBy: null };
const diffOf = (t: PairTraffic, verdict: Cell['verdict'] = 'allow') => buildRunDiff('s', [{
  name: 'one', cells: [{ ...cell, verdict }],
  observations: [{ from: 'x/a', to: 'y/b', port: 80, protocol: 'TCP', observed: verdict === 'allow' ? 'connected' : 'dropped', traffic: t }],
}]);
const mismatches = (t: PairTraffic, verdict: Cell['verdict'] = 'allow') => diffOf(t, verdict).steps[0]?.cells[0]?.mismatches;

describe('the traffic-under-change classes of the diff', () => {
  it('carries the figures onto the cell; none of them mismatch when the pair behaved', () => {
    const d = diffOf(traffic({ disruption: { failed: 0, longestGapMs: 6.1 } }));
    expect(d.steps[0]?.cells[0]?.traffic?.disruption).to.deep.equal({ failed: 0, longestGapMs: 6.1 });
    expect(hasMismatch(d)).to.equal(false);
    expect(d.summary).to.include({ disruption: 0, established: 0, 'time-to-enforce': 0 });
  });

  it('disruption: a pair that stays allowed had failed new connections', () => {
    const d = diffOf(traffic({ succeeded: 2388, failed: 12, disruption: { failed: 12, longestGapMs: 640 } }));
    expect(d.steps[0]?.cells[0]?.mismatches).to.deep.equal([{
      class: 'disruption',
      message: '12 of 2400 new connection(s) failed while the pair should stay allowed; longest gap 640.0 ms (resolution 5.0 ms)',
    }]);
    expect(d.summary).to.include({ disruption: 1, mismatchingCells: 1 });
    expect(hasMismatch(d)).to.equal(true);
  });

  it('leak: a new connection got through a pair that stays denied (the guardrail under load)', () => {
    expect(mismatches(traffic({ change: 'stays-denied', succeeded: 3, failed: 2397 }), 'deny')).to.deep.equal([
      { class: 'leak', message: '3 of 2400 new connection(s) got through while the pair should stay denied (resolution 5.0 ms)' },
    ]);
    expect(mismatches(traffic({ change: 'stays-denied', succeeded: 0, failed: 2400 }), 'deny')).to.deep.equal([]);
  });

  it('established: declared and otherwise; one that never opened is a mismatch too, saying so', () => {
    expect(mismatches(traffic({ established: { result: 'cut', cutAtMs: 412.3, pings: 25, detail: 'read: connection reset by peer', declared: 'kept' } }))).to.deep.equal([
      { class: 'established', message: 'established connection: declared kept, cut 412.3 ms after the change (read: connection reset by peer)' },
    ]);
    expect(mismatches(traffic({ change: 'denies', timeToEnforceMs: 10, established: { result: 'kept', pings: 120, declared: 'cut' } }), 'deny')).to.deep.equal([
      { class: 'established', message: 'established connection: declared cut, kept to the end of the load, 10000.0 ms after the change (120 ping(s))' },
    ]);
    const never = mismatches(traffic({ established: { result: 'not-opened', pings: 0, detail: 'dial tcp: i/o timeout', declared: 'kept' } }));
    expect(never?.[0]?.message).to.equal('established connection: declared kept, but it never opened before the change (dial tcp: i/o timeout), so its fate cannot be judged: counted as a mismatch');
    // Not declared: reported, not judged.
    expect(mismatches(traffic({ established: { result: 'cut', cutAtMs: 5, pings: 1 } }))).to.deep.equal([]);
    expect(mismatches(traffic({ established: { result: 'kept', pings: 1, declared: 'kept' } }))).to.deep.equal([]);
  });

  it('time-to-enforce: over the threshold, or never enforced; at the threshold passes', () => {
    const deny = (timeToEnforceMs: number | null | undefined) => mismatches(traffic({
      change: 'denies', maxTimeToEnforceMs: 500, ...(timeToEnforceMs === undefined ? {} : { timeToEnforceMs }),
    }), 'deny');
    expect(deny(500)).to.deep.equal([]);
    expect(deny(-1000)).to.deep.equal([]);
    expect(deny(612.5)).to.deep.equal([{ class: 'time-to-enforce', message: 'time to enforce: 612.5 ms, over the threshold 500 ms, resolution 5.0 ms' }]);
    expect(deny(null)).to.deep.equal([{ class: 'time-to-enforce', message: 'time to enforce: not enforced by the end of the load, 10000.0 ms after the change; threshold 500 ms, resolution 5.0 ms' }]);
    expect(deny(undefined)?.[0]?.message).to.equal('time to enforce: no figure (no request got an answer); threshold 500 ms, resolution 5.0 ms');
    // No threshold: reported, not judged.
    expect(mismatches(traffic({ change: 'denies', timeToEnforceMs: null }), 'deny')).to.deep.equal([]);
  });

  it('time-to-enforce counts time to open too; a threshold on a pair the step does not change is not judged', () => {
    expect(mismatches(traffic({ change: 'allows', maxTimeToOpenMs: 100, timeToOpenMs: 140 }))).to.deep.equal([
      { class: 'time-to-enforce', message: 'time to open: 140.0 ms, over the threshold 100 ms, resolution 5.0 ms' },
    ]);
    expect(mismatches(traffic({ change: 'allows', maxTimeToOpenMs: 100, timeToOpenMs: null }))?.[0]?.message).to.equal('time to open: not open by the end of the load, 10000.0 ms after the change; threshold 100 ms, resolution 5.0 ms');
    expect(mismatches(traffic({ maxTimeToEnforceMs: 100, maxTimeToOpenMs: 100, disruption: { failed: 0, longestGapMs: 5 } }))).to.deep.equal([]);
  });

  it('every class is in the list and counted by the summary', () => {
    const d = diffOf(traffic());
    for (const c of mismatchClasses) expect(d.summary, c).to.have.property(c, 0);
    expect(mismatchClasses).to.include.members(['disruption', 'established', 'time-to-enforce', 'leak']);
  });
});
