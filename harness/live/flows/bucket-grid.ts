// Goldmane's aggregation buckets: fixed-width windows. Goldmane aligns its first bucket to a
// multiple of the width (goldmane/pkg/storage/utils.go GetStartTime), so the grid starts at phase
// 0; a flow's start_time is a window start, so every read confirms (or corrects) the phase.

export interface EvidenceWindow {
  /** Unix seconds: read only buckets starting at or after it (after convergence). */
  fromSec: number;
  /** Wall ms until which probes go on: the end of the first whole bucket from fromSec. */
  coverUntilWallMs: number;
  /** Unix seconds: the start of that bucket, where the grid is known. */
  bucketStartSec?: number;
  /** Whether that bucket's bounds are known (the grid was learned) or the worst case was assumed. */
  gridKnown: boolean;
}

export class BucketGrid {
  readonly windowSeconds: number;
  #phase: number | undefined;

  /** phase: null assumes nothing (two widths are covered until a flow tells it). */
  constructor(windowSeconds: number, phase: number | null = 0) {
    this.windowSeconds = windowSeconds;
    this.#phase = phase ?? undefined;
  }

  /** Learns the phase from flow records' start times (window starts); the newest record wins. */
  learn(startTimes: readonly number[]): void {
    const newest = startTimes.reduce((m, t) => Math.max(m, t), -Infinity);
    if (Number.isFinite(newest)) this.#phase = mod(newest, this.windowSeconds);
  }

  get phase(): number | undefined {
    return this.#phase;
  }

  /**
   * The evidence window of a step that converged at convergedWallMs: buckets that start at or
   * after the next whole second. Probes must cover the first of them entirely; without the grid,
   * a whole bucket surely lies within two widths.
   */
  windowAfter(convergedWallMs: number): EvidenceWindow {
    const fromSec = Math.ceil(convergedWallMs / 1000);
    const w = this.windowSeconds;
    if (this.#phase === undefined) return { fromSec, coverUntilWallMs: (fromSec + 2 * w) * 1000, gridKnown: false };
    const start = fromSec + mod(this.#phase - fromSec, w);
    return { fromSec, coverUntilWallMs: (start + w) * 1000, bucketStartSec: start, gridKnown: true };
  }
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
