import { expect } from 'chai';
import { pairFigures } from './figures.ts';
import type { LoadRequest, PairLoad, TrafficPair } from './types.ts';

// Origin at 10 s; the load from 9 s to 11 s; 200/s asked (a request every 5 ms).
const origin = 10_000_000;
const pair: TrafficPair = {
  from: 'x/a', to: 'y/b', port: 80, protocol: 'TCP', rate: 200, beforeMs: 1000, afterMs: 1000,
  location: { file: 's.yaml', line: 1, column: 1 },
};
/** Requests at these offsets from the origin (ms), with these verdicts ('c' connected, 'd' dropped, 'r' refused, 'j' rejected, 'e' error). */
const reqs = (spec: string): LoadRequest[] => spec.trim().split(/\s+/).map((w) => {
  const [at = '0', v = 'c'] = w.split(':');
  const verdict = ({ c: 'connected', d: 'dropped', r: 'refused', j: 'rejected', e: 'error' } as const)[v as 'c'];
  return { startUs: origin + Math.round(Number(at) * 1000), verdict };
});
const load = (requests: LoadRequest[], extra: Partial<PairLoad> = {}): PairLoad => ({
  requests, droppedIterations: 0, startedUs: origin - 1_000_000, stoppedUs: origin + 1_000_000,
  held: { openedUs: origin - 900_000, pings: [{ startUs: origin - 800_000, ok: true }, { startUs: origin - 700_000, ok: true }] },
  ...extra,
});
const clock = 'x/a\'s node clock';

describe('pairFigures', () => {
  it('counts successes, failures (dropped, rejected, refused) and errors apart; rate, resolution and cover', () => {
    const t = pairFigures(load(reqs('-10:c -5:d 0:j 5:r 10:e 15:c')), pair, 'stays-allowed', origin, clock);
    expect(t).to.include({
      change: 'stays-allowed', requests: 6, succeeded: 2, failed: 3, errors: 1, ratePerSecond: 200, reachedPerSecond: 3,
      resolutionMs: 5, beforeMs: 1000, afterMs: 1000, droppedIterations: 0, clock,
    });
    expect(t.warnings).to.deep.equal(['1 request(s) failed in the agent itself (error): counted as neither success nor failure']);
  });

  it('reached: requests over the time the load ran; figures to 0.1 ms', () => {
    const requests = Array.from({ length: 997 }, (_, i) => ({ startUs: origin - 1_000_000 + i * 5003, verdict: 'connected' as const }));
    const t = pairFigures(load(requests, { startedUs: origin - 1_234_567, stoppedUs: origin + 3_333_333 }), { ...pair, rate: 300 }, 'stays-allowed', origin, clock);
    expect(t.reachedPerSecond).to.equal(218.3);
    expect(t.resolutionMs).to.equal(3.3);
    expect(t.beforeMs).to.equal(1234.6);
    expect(t.afterMs).to.equal(3333.3);
  });

  describe('denies: time to enforce', () => {
    const enforce = (spec: string) => pairFigures(load(reqs(spec)), pair, 'denies', origin, clock);

    it('is the start of the first request after the last success, from the origin', () => {
      const t = enforce('-10:c -5:c 0:c 5:c 10:d 15:d 20:d');
      expect(t.timeToEnforceMs).to.equal(10);
      expect(t.warnings).to.deep.equal([]);
      expect(t).to.not.have.property('timeToOpenMs');
      expect(t).to.not.have.property('disruption');
    });

    it('a success after failures moves it: the last success decides; errors are skipped', () => {
      expect(enforce('-5:c 0:d 5:c 10:e 15:d 20:d').timeToEnforceMs).to.equal(15);
      expect(enforce('-5:c 0:d 5:c 10:d 15:e').timeToEnforceMs).to.equal(10);
    });

    it('null when the last answered request still succeeded (an error after it changes nothing)', () => {
      expect(enforce('-5:c 0:d 5:c').timeToEnforceMs).to.equal(null);
      expect(enforce('-5:c 0:d 5:c 10:e').timeToEnforceMs).to.equal(null);
    });

    it('none ever succeeded: the first request\'s start, negative, with a warning', () => {
      const t = enforce('-1000:d -500:j 0:d 500:d');
      expect(t.timeToEnforceMs).to.equal(-1000);
      expect(t.warnings).to.deep.equal(['already denied before the change']);
    });

    it('no answered request: no figure, and a warning', () => {
      const t = enforce('0:e 5:e');
      expect(t).to.not.have.property('timeToEnforceMs');
      expect(t.warnings[0]).to.equal('no request got an answer (every one was an error): no time figure');
    });

    it('reads requests in the order they started, not the order they were reported', () => {
      expect(enforce('10:d 0:c -5:c 15:d 5:c').timeToEnforceMs).to.equal(10);
    });

    it('carries the threshold', () => {
      const t = pairFigures(load(reqs('0:c 5:d')), { ...pair, maxTimeToEnforceMs: 500 }, 'denies', origin, clock);
      expect(t).to.include({ timeToEnforceMs: 5, maxTimeToEnforceMs: 500 });
    });
  });

  describe('allows: time to open', () => {
    const open = (spec: string) => pairFigures(load(reqs(spec)), pair, 'allows', origin, clock);

    it('is the start of the first request after the last failure', () => {
      expect(open('-5:d 0:d 5:j 10:r 15:c 20:c').timeToOpenMs).to.equal(15);
      expect(open('-5:d 0:c 5:d 10:e 15:c').timeToOpenMs).to.equal(15);
    });

    it('null when the last answered request failed', () => {
      expect(open('-5:d 0:c 5:d 10:e').timeToOpenMs).to.equal(null);
    });

    it('none ever failed: the first request\'s start with a warning', () => {
      const t = open('-20:c 0:c 20:c');
      expect(t.timeToOpenMs).to.equal(-20);
      expect(t.warnings).to.deep.equal(['already allowed before the change']);
      expect(t).to.not.have.property('timeToEnforceMs');
    });
  });

  describe('stays-allowed: disruption', () => {
    const disruption = (spec: string) => pairFigures(load(reqs(spec)), pair, 'stays-allowed', origin, clock).disruption;

    it('failed and the longest gap between successive successes\' starts', () => {
      expect(disruption('-10:c -5:c 0:c 5:c')).to.deep.equal({ failed: 0, longestGapMs: 5 });
      expect(disruption('-10:c -5:d 0:d 5:d 10:c 15:c')).to.deep.equal({ failed: 3, longestGapMs: 20 });
    });

    it('counts the edges: first request to first success, last success to last request', () => {
      expect(disruption('0:d 5:d 10:d 15:c 20:c')).to.deep.equal({ failed: 3, longestGapMs: 15 });
      expect(disruption('0:c 5:c 10:d 20:d 30:d')).to.deep.equal({ failed: 3, longestGapMs: 25 });
      expect(disruption('0:d 5:d 30.25:d')).to.deep.equal({ failed: 3, longestGapMs: 30.3 });
    });

    it('errors are neither: left out of the gap', () => {
      expect(disruption('0:c 5:e 10:e 15:c 40:e')).to.deep.equal({ failed: 0, longestGapMs: 15 });
    });
  });

  it('stays-denied: no figure, and a success is no warning (the diff\'s class leak)', () => {
    const t = pairFigures(load(reqs('-5:d 0:c 5:c 10:d')), pair, 'stays-denied', origin, clock);
    expect(t).to.not.have.any.keys('timeToEnforceMs', 'timeToOpenMs', 'disruption');
    expect(t.warnings).to.deep.equal([]); // the diff's leak class says it
    expect(pairFigures(load(reqs('0:d')), pair, 'stays-denied', origin, clock).warnings).to.deep.equal([]);
  });

  describe('the established connection', () => {
    it('kept: opened and no ping failed', () => {
      const t = pairFigures(load(reqs('0:c')), { ...pair, established: 'kept' }, 'stays-allowed', origin, clock);
      expect(t.established).to.deep.equal({ result: 'kept', pings: 2, declared: 'kept' });
    });

    it('cut: when, from the origin, and why', () => {
      const held = { openedUs: origin - 900_000, pings: [{ startUs: origin - 100_000, ok: true }, { startUs: origin + 412_345, ok: false }], cutUs: origin + 412_345, cutDetail: 'read: connection reset by peer' };
      const t = pairFigures(load(reqs('0:d'), { held }), pair, 'denies', origin, clock);
      expect(t.established).to.deep.equal({ result: 'cut', cutAtMs: 412.3, pings: 2, detail: 'read: connection reset by peer' });
    });

    it('not-opened: the agent\'s error', () => {
      const { held: _held, ...rest } = load(reqs('0:d'));
      const t = pairFigures({ ...rest, heldOpenError: 'dial tcp: i/o timeout' }, { ...pair, established: 'cut' }, 'denies', origin, clock);
      expect(t.established).to.deep.equal({ result: 'not-opened', pings: 0, detail: 'dial tcp: i/o timeout', declared: 'cut' });
    });
  });

  describe('dropped iterations', () => {
    const requests = Array.from({ length: 99 }, (_, i) => ({ startUs: origin + i * 5000, verdict: 'connected' as const }));
    it('warns above 1% of the requests asked', () => {
      const t = pairFigures(load(requests, { droppedIterations: 2 }), pair, 'stays-allowed', origin, clock);
      expect(t.warnings).to.deep.equal(['the agent could not sustain 200/s: reached 49.5/s, 2 request(s) not started (dropped_iterations)']);
      expect(t.droppedIterations).to.equal(2);
    });
    it('says nothing at 1% or below', () => {
      expect(pairFigures(load(requests, { droppedIterations: 1 }), pair, 'stays-allowed', origin, clock).warnings).to.deep.equal([]);
    });
  });

  it('the load made no request: a warning', () => {
    expect(pairFigures(load([]), pair, 'denies', origin, clock).warnings).to.deep.equal(['the load made no request']);
  });
});
