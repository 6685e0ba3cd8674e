// The figures of one pair in one step, from what its load reported (README "Traffic under
// change"). Every time is the start of a request relative to the origin (the API accepting the
// step's changes), so a figure is resolved to the request interval, never finer. Requests the
// agent itself failed (verdict error) say nothing about the dataplane: they are counted, told in
// a warning, and left out of every time figure.
import type { LoadRequest, PairChange, PairLoad, PairTraffic, TrafficPair } from './types.ts';

/** Over this share of the asked requests not started, the rate asked was not the rate run. */
const droppedShare = 0.01;

/**
 * originUs: when the API accepted the step's changes, already on the source pod's clock (µs).
 * clock: says which clock that is and how it relates to the origin's (PairTraffic.clock).
 */
export function pairFigures(load: PairLoad, pair: TrafficPair, change: PairChange, originUs: number, clock: string): PairTraffic {
  const all = [...load.requests].sort((a, b) => a.startUs - b.startUs);
  const answered = all.filter((r) => r.verdict !== 'error');
  const succeeded = answered.filter(isSuccess).length;
  const failed = answered.length - succeeded;
  const errors = all.length - answered.length;
  const ranSeconds = (load.stoppedUs - load.startedUs) / 1e6;
  const reached = ranSeconds > 0 ? all.length / ranSeconds : 0;
  const sinceOrigin = (r: LoadRequest) => ms((r.startUs - originUs) / 1000);
  const warnings: string[] = [];
  const out: PairTraffic = {
    change, ratePerSecond: pair.rate, reachedPerSecond: ms(reached), requests: all.length, succeeded, failed, errors,
    droppedIterations: load.droppedIterations, resolutionMs: ms(1000 / pair.rate),
    beforeMs: ms((originUs - load.startedUs) / 1000), afterMs: ms((load.stoppedUs - originUs) / 1000),
    established: established(load, originUs, pair.established),
    ...(pair.maxTimeToEnforceMs === undefined ? {} : { maxTimeToEnforceMs: pair.maxTimeToEnforceMs }),
    ...(pair.maxTimeToOpenMs === undefined ? {} : { maxTimeToOpenMs: pair.maxTimeToOpenMs }),
    clock, warnings,
  };
  if (all.length === 0) warnings.push('the load made no request');
  else if (answered.length === 0) warnings.push('no request got an answer (every one was an error): no time figure');

  /** The time figure of a turn; undefined where no request got an answer. */
  const turnFigure = (before: (r: LoadRequest) => boolean, already: string, fromFirst: string): number | null | undefined => {
    const t = lastTurn(answered, before);
    if (t.kind === 'empty') return undefined;
    if (t.kind === 'still') return null;
    const figure = sinceOrigin(t.first);
    if (t.kind === 'never') warnings.push(figure < 0 ? already : fromFirst);
    return figure;
  };
  if (change === 'denies') {
    const f = turnFigure(isSuccess, 'already denied before the change', 'no request succeeded: denied from the first request on');
    if (f !== undefined) out.timeToEnforceMs = f;
  } else if (change === 'allows') {
    const f = turnFigure((r) => !isSuccess(r), 'already allowed before the change', 'no request failed: allowed from the first request on');
    if (f !== undefined) out.timeToOpenMs = f;
  } else if (change === 'stays-allowed') {
    out.disruption = { failed, longestGapMs: longestGapMs(answered) };
  }
  // stays-denied: a success is the class leak (harness/diff/traffic-classes.ts), not a warning.

  const asked = all.length + load.droppedIterations;
  if (load.droppedIterations > droppedShare * asked) {
    warnings.push(`the agent could not sustain ${pair.rate}/s: reached ${out.reachedPerSecond.toFixed(1)}/s, ${load.droppedIterations} request(s) not started (dropped_iterations)`);
  }
  if (errors > 0) warnings.push(`${errors} request(s) failed in the agent itself (error): counted as neither success nor failure`);
  return out;
}

function isSuccess(r: LoadRequest): boolean {
  return r.verdict === 'connected';
}

type Turn =
  /** The last request matching `before` was followed by this one, and none matched after. */
  | { kind: 'turned'; first: LoadRequest }
  /** The last request still matches `before`: the turn did not come by the end of the load. */
  | { kind: 'still' }
  /** No request matched `before`: it had turned already at the first one. */
  | { kind: 'never'; first: LoadRequest }
  | { kind: 'empty' };

/**
 * Where the pair turned for good: the first request after the last one that still behaved as
 * before the change (a success, for a deny). Requests flapping back count: the last one decides.
 */
function lastTurn(answered: readonly LoadRequest[], before: (r: LoadRequest) => boolean): Turn {
  const first = answered[0];
  if (!first) return { kind: 'empty' };
  const last = answered.findLastIndex(before);
  if (last < 0) return { kind: 'never', first };
  const next = answered[last + 1];
  return next ? { kind: 'turned', first: next } : { kind: 'still' };
}

/**
 * The longest time between the starts of two successive successful requests, counting the
 * edges too (first request to first success, last success to last request): a pair that
 * fails at the start or the end of the load is disrupted there as much as in the middle.
 */
function longestGapMs(answered: readonly LoadRequest[]): number {
  const first = answered[0];
  const last = answered.at(-1);
  if (!first || !last) return 0;
  const starts = [first.startUs, ...answered.filter(isSuccess).map((r) => r.startUs), last.startUs];
  let longest = 0;
  for (let i = 1; i < starts.length; i++) longest = Math.max(longest, (starts[i] ?? 0) - (starts[i - 1] ?? 0));
  return ms(longest / 1000);
}

function established(load: PairLoad, originUs: number, declared: 'cut' | 'kept' | undefined): PairTraffic['established'] {
  const d = declared === undefined ? {} : { declared };
  const held = load.held;
  if (!held) return { result: 'not-opened', pings: 0, ...(load.heldOpenError === undefined ? {} : { detail: load.heldOpenError }), ...d };
  const pings = held.pings.length;
  if (held.cutUs === undefined) return { result: 'kept', pings, ...d };
  return { result: 'cut', cutAtMs: ms((held.cutUs - originUs) / 1000), pings, ...(held.cutDetail === undefined ? {} : { detail: held.cutDetail }), ...d };
}

/** To 0.1 ms (or 0.1/s): finer than any figure's resolution, coarse enough to read. `+ 0` drops -0. */
function ms(x: number): number {
  return Math.round(x * 10) / 10 + 0;
}
