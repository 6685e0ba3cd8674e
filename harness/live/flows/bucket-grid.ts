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
  /** Wall ms until which probes go on (see probeWindow): at least coverUntilWallMs. */
  probeUntilWallMs: number;
  /** Wall ms when the last Felix flush the evidence relies on is due: the first look. */
  flushedByWallMs: number;
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
  windowAfter(convergedWallMs: number, felix: FelixTiming): EvidenceWindow {
    const fromSec = Math.ceil((convergedWallMs + (felix.lagMs ?? 0)) / 1000);
    const w = this.windowSeconds;
    if (this.#phase === undefined) return withFelix({ fromSec, coverUntilWallMs: (fromSec + 2 * w) * 1000, gridKnown: false }, felix);
    const start = fromSec + mod(this.#phase - fromSec, w);
    return withFelix({ fromSec, coverUntilWallMs: (start + w) * 1000, bucketStartSec: start, gridKnown: true }, felix);
  }
}

/**
 * Felix's flush interval, how long a full probe round takes, and lagMs: how late Felix may learn
 * of packets sent before convergence. It reads conntrack every 5 s (jittered by 10%:
 * felix/config DefaultConntrackPollingInterval, collector/iptables.go), and an allowed UDP flow
 * it first sees there is logged as started in the interval it was seen in, with the trace from
 * before the change (seen live: a pre-change UDP echo, one packet each way, in a bucket after
 * convergence). The window opens only after that lag.
 */
export interface FelixTiming { flushSeconds: number; roundMs: number; lagMs?: number }

/** Felix's conntrack poll (5 s) with its 10% jitter. */
export const conntrackLagMs = 5500;

/**
 * Felix flushes on a ticker jittered by up to 10% (felix/collector/flowlog/reporter.go), and a
 * record lands in the bucket of its flush interval's start: with intervals a little longer than
 * the buckets, a node's interval can skip a bucket. So probes go on until every node's first
 * interval that starts in the window (at the latest 1.1 flushes after it opens) has seen a whole
 * round, and the first look waits until that interval, and the covered bucket's, have been flushed.
 */
function withFelix(w: Omit<EvidenceWindow, 'probeUntilWallMs' | 'flushedByWallMs'>, f: FelixTiming): EvidenceWindow {
  const interval = 1.1 * f.flushSeconds * 1000;
  const lastStart = Math.max(w.coverUntilWallMs, w.fromSec * 1000 + interval);
  return { ...w, probeUntilWallMs: Math.max(w.coverUntilWallMs, w.fromSec * 1000 + interval + f.roundMs), flushedByWallMs: lastStart + interval + 1000 };
}

function mod(a: number, n: number): number {
  return ((a % n) + n) % n;
}
