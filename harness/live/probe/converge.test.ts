import { expect } from 'chai';
import type { Observed } from '../../diff/index.ts';
import type { Clock } from '../../time/clock.ts';
import { converge, type RoundProber } from './converge.ts';
import type { Sample } from './probe-round.ts';

/** A clock whose sleeps pass instantly; each round takes `roundMs`. */
function fakeClock(): Clock & { advance(ms: number): void } {
  let t = 0;
  return { now: () => t, sleep: async (ms) => { t += ms; }, advance: (ms) => { t += ms; } };
}

/** A prober that answers from a script: per cell, the observation of each successive look. */
function scripted(clock: ReturnType<typeof fakeClock>, script: Record<string, Observed[]>, roundMs = 50): RoundProber & { asked: string[][] } {
  const looks = new Map<string, number>();
  const asked: string[][] = [];
  const prober = async (only?: ReadonlySet<string>) => {
    const startedAt = clock.now();
    const keys = Object.keys(script).filter((k) => !only || only.has(k));
    asked.push(keys);
    const samples = new Map<string, Sample>(keys.map((k) => {
      const i = looks.get(k) ?? 0;
      looks.set(k, i + 1);
      const seq = script[k] ?? [];
      return [k, { observed: seq[Math.min(i, seq.length - 1)] ?? 'error', sentAt: startedAt + 5 }];
    }));
    clock.advance(roundMs);
    return { startedAt, durationMs: roundMs, samples };
  };
  return Object.assign(prober, { asked });
}

const options = (clock: Clock) => ({ convergeTimeoutMs: 1000, minRoundGapMs: 100, confirmRounds: 1, clock });

describe('converge', () => {
  it('stops after the first round and one confirmation when everything matches', async () => {
    const clock = fakeClock();
    const probe = scripted(clock, { a: ['connected'], b: ['dropped'] });
    const c = await converge(probe, new Map([['a', 'allow'], ['b', 'deny']]), 0, options(clock));
    expect(c.convergedMs).to.equal(5);
    expect(probe.asked).to.deep.equal([['a', 'b'], ['a', 'b']]);
    expect(c.rounds.map((r) => r.full)).to.deep.equal([true, true]);
  });

  it('re-probes only the cells that differ, and times their convergence from when the attempt left', async () => {
    const clock = fakeClock();
    const probe = scripted(clock, { a: ['connected'], b: ['connected', 'connected', 'dropped'] });
    const c = await converge(probe, new Map([['a', 'allow'], ['b', 'deny']]), 0, options(clock));
    expect(probe.asked).to.deep.equal([['a', 'b'], ['b'], ['b'], ['a', 'b']]);
    expect(c.convergedMs).to.equal(205);
    expect(c.cells.get('b')?.convergedAt()).to.equal(205);
    expect(c.cells.get('b')?.flaky).to.equal(false);
  });

  it('gives up at the deadline and says the matrix never matched', async () => {
    const clock = fakeClock();
    const probe = scripted(clock, { a: ['connected'] });
    const c = await converge(probe, new Map([['a', 'deny']]), 0, { ...options(clock), convergeTimeoutMs: 350 });
    expect(c.convergedMs).to.equal(undefined);
    expect(c.rounds.filter((r) => !r.full)).to.have.length(3);
  });

  it('reports a cell that matched and then changed as flaky, and does not retry it away', async () => {
    const clock = fakeClock();
    const probe = scripted(clock, { a: ['connected'], b: ['connected', 'dropped', 'connected'] });
    const c = await converge(probe, new Map([['a', 'allow'], ['b', 'deny']]), 0, options(clock));
    const b = c.cells.get('b');
    // It matched in round 2 (the matrix converged), then the confirmation round saw it change.
    expect(c.convergedMs).to.equal(105);
    expect(b?.flaky).to.equal(true);
    expect(b?.convergedAt()).to.equal(undefined);
    expect(b?.looks.map((l) => l.observed)).to.deep.equal(['connected', 'dropped', 'connected']);
  });

  it('never counts an error as a deny, nor as a flip', async () => {
    const clock = fakeClock();
    const probe = scripted(clock, { a: ['error', 'dropped', 'error'] });
    const c = await converge(probe, new Map([['a', 'deny']]), 0, options(clock));
    const a = c.cells.get('a');
    expect(c.convergedMs).to.equal(105);
    expect(a?.flaky).to.equal(false);
    expect(a?.last()?.observed).to.equal('error');
    expect(a?.convergedAt()).to.equal(undefined);
  });

  it('stops when the signal fires and keeps only complete rounds', async () => {
    const clock = fakeClock();
    const stop = new AbortController();
    const inner = scripted(clock, { a: ['connected'] });
    let rounds = 0;
    const probe: RoundProber = async (only) => {
      if (++rounds === 2) stop.abort();
      return inner(only);
    };
    const c = await converge(probe, new Map([['a', 'deny']]), 0, { ...options(clock), signal: stop.signal });
    expect(c.interrupted).to.equal(true);
    expect(c.rounds).to.have.length(1);
  });
});
