// Traffic under change in words, shared by the terminal and Markdown reports so both say the
// same: what the step does to the pair, its figure, the rate, the long-lived connection.
import { sinceChange, type DiffCell, type StepDiff } from '../harness/diff/index.ts';
import type { PairChange, PairTraffic } from '../harness/traffic/types.ts';

export const changeWords: Record<PairChange, string> = {
  denies: 'denies', allows: 'allows', 'stays-allowed': 'stays allowed', 'stays-denied': 'stays denied',
};

export type TrafficCell = DiffCell & { traffic: PairTraffic };

/** The step's cells that carry traffic figures, in the step's order. */
export function trafficCells(step: StepDiff): TrafficCell[] {
  return step.cells.filter((c): c is TrafficCell => c.traffic !== undefined);
}

/**
 * The pair's one figure: `enforced after 412.0 ms`, `0 failed, longest gap 6.1 ms`.
 * withResolution: `(±5.0 ms)` after a time figure, where no column says it.
 */
export function figureText(t: PairTraffic, withResolution: boolean): string {
  const pm = withResolution ? ` (±${t.resolutionMs.toFixed(1)} ms)` : '';
  const end = `by the end of the load (${sinceChange(t.afterMs)})`;
  switch (t.change) {
    case 'denies':
      return timed(t.timeToEnforceMs, 'enforced', pm, end);
    case 'allows':
      return timed(t.timeToOpenMs, 'open', pm, end);
    case 'stays-allowed':
      return `${t.disruption?.failed ?? t.failed} failed, longest gap ${(t.disruption?.longestGapMs ?? 0).toFixed(1)} ms`;
    case 'stays-denied':
      return `${t.succeeded} got through`;
  }
}

function timed(figure: number | null | undefined, done: string, pm: string, end: string): string {
  if (figure === undefined) return 'no figure (no request got an answer)';
  if (figure === null) return `not ${done} ${end}`;
  if (figure < 0) return `already ${done} ${sinceChange(figure)}${pm}`;
  return `${done} after ${figure.toFixed(1)} ms${pm}`;
}

/** `200/s asked, 199.6/s reached`. */
export function rateText(t: PairTraffic): string {
  return `${t.ratePerSecond}/s asked, ${t.reachedPerSecond.toFixed(1)}/s reached`;
}

/** The long-lived connection's fate: `kept`, `cut 412.3 ms after the change`, `never opened (why)`. */
export function establishedText(t: PairTraffic): string {
  const e = t.established;
  if (e.result === 'kept') return 'kept';
  if (e.result === 'cut') return `cut ${sinceChange(e.cutAtMs ?? 0)}`;
  return `never opened${e.detail ? ` (${e.detail})` : ''}`;
}

/** The terminal's line for a pair, after its cell key. */
export function trafficLine(t: PairTraffic): string {
  return `${changeWords[t.change]}: ${figureText(t, true)}; ${rateText(t)}; established connection ${establishedText(t)}`;
}
