// Waiting for enforcement by observing it: probe everything, then re-probe what differs from
// the model until it matches or the deadline passes. A cell that matched and then changed is
// flaky: it is reported, never retried away.
import type { Verdict } from '../../model/index.ts';
import type { Clock } from '../../time/clock.ts';
import { CellHistory } from './cell-history.ts';
import type { RoundResult } from './probe-round.ts';

/** Runs one probe round over the cells `only` names (all without it). */
export type RoundProber = (only?: ReadonlySet<string>) => Promise<RoundResult>;

export interface ConvergeOptions {
  /** Deadline for matching the model, from `since`. */
  convergeTimeoutMs: number;
  /** Least time between the starts of two rounds (rounds that only connect are fast). */
  minRoundGapMs: number;
  /** Full rounds after convergence, to catch cells that change after matching. */
  confirmRounds: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Runs once the matrix matched, before the confirmation rounds (fault injection in tests). */
  onConverged?: () => Promise<void>;
  /** Told after each round: its record and how many probed cells do not match the model yet. */
  onRound?: (round: RoundRecord, differing: number) => void;
  /**
   * Once converged (at wall time convergedWallMs), the wall time until which confirmation rounds
   * go on after the `confirmRounds` (flow evidence needs traffic in a whole bucket after convergence).
   */
  confirmUntil?: (convergedWallMs: number) => number;
  /** Wall clock, ms since the epoch (default Date.now): flow logs are stamped in it. */
  wallNow?: () => number;
}

export interface RoundRecord { startMs: number; durationMs: number; probes: number; full: boolean }

export interface Convergence {
  cells: Map<string, CellHistory>;
  rounds: RoundRecord[];
  /** From `since` to when the attempts of the round in which every probed cell matched left; undefined if never. */
  convergedMs: number | undefined;
  /** Stopped by the signal before finishing. */
  interrupted: boolean;
  /** Wall time (ms since the epoch) when convergence was established, after the round that showed it. */
  convergedWallMs?: number;
}

/** model: the model's verdict for every cell the prober probes; since: when the step's changes were accepted. */
export async function converge(probe: RoundProber, model: ReadonlyMap<string, Verdict>, since: number, o: ConvergeOptions): Promise<Convergence> {
  const cells = new Map([...model].map(([key, verdict]) => [key, new CellHistory(verdict)]));
  const rounds: RoundRecord[] = [];
  const wallNow = o.wallNow ?? Date.now;
  let convergedWallMs: number | undefined;
  const result = (convergedMs: number | undefined, interrupted: boolean): Convergence => ({ cells, rounds, convergedMs, interrupted, ...(convergedWallMs === undefined ? {} : { convergedWallMs }) });
  const round = async (only?: ReadonlySet<string>): Promise<RoundResult | undefined> => {
    const r = await probe(only);
    if (o.signal?.aborted) return undefined; // an interrupted round is not evidence
    rounds.push({ startMs: r.startedAt - since, durationMs: r.durationMs, probes: r.samples.size, full: only === undefined });
    for (const [key, sample] of r.samples) cells.get(key)?.add({ ...sample, at: sample.sentAt ?? r.startedAt });
    const record = rounds[rounds.length - 1];
    if (record) o.onRound?.(record, [...cells.values()].filter((c) => !c.matching).length);
    return r;
  };
  const pause = async (lastStart: number): Promise<boolean> => {
    const wait = lastStart + o.minRoundGapMs - o.clock.now();
    try {
      if (wait > 0) await o.clock.sleep(wait, o.signal);
      return !o.signal?.aborted;
    } catch {
      return false;
    }
  };

  let last = await round();
  if (!last) return result(undefined, true);
  // Cells that did not match at first are watched until all match, so a flip among them shows.
  const watched = new Set([...cells].filter(([, c]) => !c.matching).map(([k]) => k));
  let convergedMs = watched.size === 0 ? Math.max(...[...cells.values()].map((c) => c.convergedAt() ?? 0), last.startedAt) - since : undefined;
  while (convergedMs === undefined && o.clock.now() - since < o.convergeTimeoutMs) {
    if (!(await pause(last.startedAt))) return result(undefined, true);
    last = await round(watched);
    if (!last) return result(undefined, true);
    const at = last.startedAt;
    if ([...watched].every((k) => cells.get(k)?.matching)) convergedMs = Math.max(...[...watched].map((k) => cells.get(k)?.convergedAt() ?? at)) - since;
  }
  if (convergedMs !== undefined) {
    convergedWallMs = wallNow();
    await o.onConverged?.();
  }
  const until = convergedWallMs !== undefined && o.confirmUntil ? o.confirmUntil(convergedWallMs) : undefined;
  for (let i = 0; i < o.confirmRounds || (until !== undefined && wallNow() < until); i++) {
    if (!(await pause(last.startedAt))) return result(convergedMs, true);
    const r = await round();
    if (!r) return result(convergedMs, true);
    last = r;
  }
  return result(convergedMs, false);
}
