import type { Clock } from './clock.ts';

export interface WaitOptions {
  clock: Clock;
  timeoutMs: number;
  /** Time between two looks; the wait ends as soon as a look succeeds. */
  intervalMs: number;
  signal?: AbortSignal;
}

export type WaitOutcome<T> = { done: true; value: T; elapsedMs: number } | { done: false; last: T | undefined; elapsedMs: number };

/**
 * Looks at something until `ok` says it is as wanted or the deadline passes. Each look is
 * an observation (an API read, a probe); the interval only paces the looks.
 */
export async function waitUntil<T>(look: () => Promise<T>, ok: (v: T) => boolean, o: WaitOptions): Promise<WaitOutcome<T>> {
  const start = o.clock.now();
  let last: T | undefined;
  for (;;) {
    try {
      last = await look();
      if (ok(last)) return { done: true, value: last, elapsedMs: o.clock.now() - start };
    } catch {
      // A failed look (API not up yet) is one more reason to look again.
    }
    const left = start + o.timeoutMs - o.clock.now();
    if (left <= 0) return { done: false, last, elapsedMs: o.clock.now() - start };
    await o.clock.sleep(Math.min(o.intervalMs, left), o.signal);
  }
}
