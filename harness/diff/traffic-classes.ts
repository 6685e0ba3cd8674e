// The mismatch classes of traffic under change (README "Traffic under change"): a pair's load
// figures against what the step expects of it. Warnings (already denied, agent could not keep
// the rate, ...) stay warnings: they say the figure is weaker, not that the dataplane is wrong.
import type { PairTraffic } from '../traffic/types.ts';
import type { Mismatch } from './types.ts';

export function trafficMismatches(t: PairTraffic): Mismatch[] {
  const out: Mismatch[] = [];
  const resolution = `resolution ${t.resolutionMs.toFixed(1)} ms`;
  if (t.change === 'stays-allowed' && t.disruption && t.disruption.failed > 0) {
    out.push({
      class: 'disruption',
      message: `${t.disruption.failed} of ${t.requests} new connection(s) failed while the pair should stay allowed; longest gap ${t.disruption.longestGapMs.toFixed(1)} ms (${resolution})`,
    });
  }
  // A guardrail under load: not one new connection may pass a pair that stays denied.
  if (t.change === 'stays-denied' && t.succeeded > 0) {
    out.push({ class: 'leak', message: `${t.succeeded} of ${t.requests} new connection(s) got through while the pair should stay denied (${resolution})` });
  }
  const established = establishedMismatch(t);
  if (established) out.push({ class: 'established', message: established });
  if (t.change === 'denies' && t.maxTimeToEnforceMs !== undefined) {
    const m = overThreshold('time to enforce', 'enforced', t.timeToEnforceMs, t.maxTimeToEnforceMs, t);
    if (m) out.push({ class: 'time-to-enforce', message: m });
  }
  if (t.change === 'allows' && t.maxTimeToOpenMs !== undefined) {
    const m = overThreshold('time to open', 'open', t.timeToOpenMs, t.maxTimeToOpenMs, t);
    if (m) out.push({ class: 'time-to-enforce', message: m });
  }
  return out;
}

/** Declared cut or kept, and the connection did otherwise; one that never opened cannot pass either. */
function establishedMismatch(t: PairTraffic): string | undefined {
  const e = t.established;
  if (e.declared === undefined || e.declared === e.result) return undefined;
  const detail = e.detail ? ` (${e.detail})` : '';
  if (e.result === 'not-opened') return `established connection: declared ${e.declared}, but it never opened before the change${detail}, so its fate cannot be judged: counted as a mismatch`;
  if (e.result === 'cut') return `established connection: declared kept, cut ${sinceChange(e.cutAtMs ?? 0)}${detail}`;
  return `established connection: declared cut, kept to the end of the load, ${t.afterMs.toFixed(1)} ms after the change (${e.pings} ping(s))`;
}

/** A time figure over its threshold, or missing where the threshold needs one. */
function overThreshold(what: string, done: string, figure: number | null | undefined, max: number, t: PairTraffic): string | undefined {
  const threshold = `threshold ${max} ms, resolution ${t.resolutionMs.toFixed(1)} ms`;
  if (figure === undefined) return `${what}: no figure (no request got an answer); ${threshold}`;
  if (figure === null) return `${what}: not ${done} by the end of the load, ${t.afterMs.toFixed(1)} ms after the change; ${threshold}`;
  if (figure > max) return `${what}: ${figure.toFixed(1)} ms, over the ${threshold}`;
  return undefined;
}

/** `412.0 ms after the change`, or before it for a negative figure. */
export function sinceChange(ms: number): string {
  return ms < 0 ? `${(-ms).toFixed(1)} ms before the change` : `${ms.toFixed(1)} ms after the change`;
}
