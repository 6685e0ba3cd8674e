import { expect } from 'chai';
import type { Clock } from './clock.ts';
import { waitUntil } from './wait-until.ts';

/** A clock whose sleep advances time instantly. */
function fakeClock(): Clock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  return { slept, now: () => t, sleep: async (ms) => { slept.push(ms); t += ms; } };
}

describe('waitUntil', () => {
  it('returns as soon as a look succeeds, without sleeping first', async () => {
    const clock = fakeClock();
    const r = await waitUntil(async () => 3, (v) => v === 3, { clock, timeoutMs: 1000, intervalMs: 100 });
    expect(r).to.deep.equal({ done: true, value: 3, elapsedMs: 0 });
    expect(clock.slept).to.deep.equal([]);
  });

  it('looks again after failures and thrown looks until the value is right', async () => {
    const clock = fakeClock();
    const seen = [1, 2, 'throw', 4];
    let i = 0;
    const r = await waitUntil(async () => { const v = seen[i++]; if (v === 'throw') throw new Error('not yet'); return v; },
      (v) => v === 4, { clock, timeoutMs: 1000, intervalMs: 100 });
    expect(r.done).to.equal(true);
    expect(r.elapsedMs).to.equal(300);
  });

  it('gives up at the deadline and reports the last value seen', async () => {
    const clock = fakeClock();
    const r = await waitUntil(async () => 'pending', () => false, { clock, timeoutMs: 250, intervalMs: 100 });
    expect(r).to.deep.equal({ done: false, last: 'pending', elapsedMs: 250 });
    expect(clock.slept).to.deep.equal([100, 100, 50]);
  });

  it('gives up at the deadline with the last error, when the last look failed', async () => {
    const clock = fakeClock();
    const r = await waitUntil(async () => { throw new Error('403: forbidden'); }, () => true, { clock, timeoutMs: 250, intervalMs: 100 });
    expect(r.done).to.equal(false);
    if (r.done) return;
    expect(r.lastError).to.be.instanceOf(Error).with.property('message', '403: forbidden');
  });

  it('rethrows at once an error stopOn names, without looking again', async () => {
    const clock = fakeClock();
    let looks = 0;
    const wait = waitUntil(async () => { looks++; throw new Error('refused'); }, () => true,
      { clock, timeoutMs: 1000, intervalMs: 100, stopOn: (e) => e instanceof Error && e.message === 'refused' });
    const caught = await wait.catch((e: unknown) => e);
    expect(caught).to.be.instanceOf(Error).with.property('message', 'refused');
    expect(looks).to.equal(1);
    expect(clock.slept).to.deep.equal([]);
  });
});
