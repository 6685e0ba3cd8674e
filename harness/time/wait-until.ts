import type { Clock } from './clock.ts';

export interface WaitOptions {
  clock: Clock;
  timeoutMs: number;
  /** Time between two looks; the wait ends as soon as a look succeeds. */
  intervalMs: number;
  signal?: AbortSignal;
  /** Errors that looking again cannot cure (refused, forbidden): rethrown at once. */
  stopOn?: (e: unknown) => boolean;
}

/** A wait that gave up says what it saw last: the last value, and the last look that failed. */
export type WaitOutcome<T> =
  | { done: true; value: T; elapsedMs: number }
  | { done: false; last: T | undefined; lastError?: unknown; elapsedMs: number };

/**
 * Looks at something until `ok` says it is as wanted or the deadline passes. Each look is
 * an observation (an API read, a probe); the interval only paces the looks.
 */
export async function waitUntil<T>(look: () => Promise<T>, ok: (v: T) => boolean, o: WaitOptions): Promise<WaitOutcome<T>> {
  const start = o.clock.now();
  let last: T | undefined;
  let lastError: unknown;
  let failed = false;
  for (;;) {
    try {
      last = await look();
      failed = false;
      if (ok(last)) return { done: true, value: last, elapsedMs: o.clock.now() - start };
    } catch (e) {
      if (o.stopOn?.(e)) throw e;
      // A failed look (API not up yet) is one more reason to look again; it is kept to be told.
      lastError = e;
      failed = true;
    }
    const left = start + o.timeoutMs - o.clock.now();
    if (left <= 0) return { done: false, last, ...(failed ? { lastError } : {}), elapsedMs: o.clock.now() - start };
    await o.clock.sleep(Math.min(o.intervalMs, left), o.signal);
  }
}
