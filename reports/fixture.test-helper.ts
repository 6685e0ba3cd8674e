// Small hand-made runs for renderer tests: two steps, a staged policy, live observations;
// and one step under traffic (its figures as the live runner would put them on the cells).
import { buildRunDiff, type Observation, type RunDiff } from '../harness/diff/index.ts';
import type { Cell, DecidedBy } from '../harness/model/index.ts';
import type { PairTraffic } from '../harness/traffic/types.ts';

const deny: DecidedBy = { tier: 'security', policy: 'security.deny-x-y', kind: 'GlobalNetworkPolicy', ruleIndex: 0, action: 'Deny' };
const cell = (from: string, to: string, verdict: Cell['verdict'], extra: Partial<Cell> = {}): Cell =>
  ({ from, to, port: 80, protocol: 'TCP', verdict, decidedBy: null, ...extra });

export function sampleRun(): RunDiff {
  const baseline = [cell('x/a', 'x/a', 'allow'), cell('x/a', 'y/a', 'allow'), cell('y/a', 'x/a', 'allow'), cell('y/a', 'y/a', 'allow')];
  const guarded = [
    cell('x/a', 'x/a', 'allow', { stagedVerdict: 'allow', promotedVerdict: 'allow' }),
    cell('x/a', 'y/a', 'deny', { decidedBy: deny, stagedVerdict: 'deny', promotedVerdict: 'deny' }),
    cell('y/a', 'x/a', 'allow', { stagedVerdict: 'deny', promotedVerdict: 'allow' }),
    cell('y/a', 'y/a', 'allow', { stagedVerdict: 'allow', promotedVerdict: 'allow' }),
    cell('x/a', 'external:internet', 'allow', { port: 443 }),
  ];
  const observations: Observation[] = [
    { from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', observed: 'connected', reproduce: 'kubectl -n x exec a -- probe y/a 80/TCP' },
    { from: 'y/a', to: 'x/a', port: 80, protocol: 'TCP', observed: 'connected' },
  ];
  return buildRunDiff('pci <guardrails> & "co"', [
    { name: 'baseline', cells: baseline, expect: { default: 'allow', rules: [] } },
    { name: 'security | tier', cells: guarded, expect: { default: 'deny', rules: [] }, observations },
  ]);
}

const figures = (extra: Partial<PairTraffic>): PairTraffic => ({
  change: 'stays-allowed', ratePerSecond: 200, reachedPerSecond: 199.6, requests: 2400, succeeded: 2400, failed: 0, errors: 0,
  droppedIterations: 0, resolutionMs: 5, beforeMs: 2000, afterMs: 10000, established: { result: 'kept', pings: 120 },
  clock: "x/a's node clock, which is the harness host's", warnings: [], ...extra,
});

/**
 * One step under load: a pair denied in time, one that stays allowed but was disrupted, one
 * opened too late whose long-lived connection never opened, and one that stays allowed untouched.
 */
export function trafficRun(): RunDiff {
  const cells = [cell('x/a', 'y/a', 'deny'), cell('x/a', 'y/b', 'allow'), cell('x/a', 'y/c', 'allow'), cell('x/a', 'y/d', 'allow')];
  const seen = (to: string, observed: Observation['observed'], traffic: PairTraffic): Observation =>
    ({ from: 'x/a', to, port: 80, protocol: 'TCP', observed, traffic });
  return buildRunDiff('load', [{
    name: 'deny y/a',
    cells,
    observations: [
      seen('y/a', 'dropped', figures({
        change: 'denies', succeeded: 480, failed: 1920, timeToEnforceMs: 412, maxTimeToEnforceMs: 1000, established: { result: 'kept', pings: 120 },
      })),
      seen('y/b', 'connected', figures({
        succeeded: 2388, failed: 12, disruption: { failed: 12, longestGapMs: 640 }, droppedIterations: 40, reachedPerSecond: 183.3,
        warnings: ['the agent could not sustain 200/s: reached 183.3/s, 40 request(s) not started (dropped_iterations)'],
      })),
      seen('y/c', 'connected', figures({
        change: 'allows', succeeded: 1900, failed: 500, errors: 2, timeToOpenMs: 140, maxTimeToOpenMs: 100,
        established: { result: 'not-opened', pings: 0, detail: 'dial tcp 10.0.0.9:80: i/o timeout', declared: 'kept' },
        warnings: ['2 request(s) failed in the agent itself (error): counted as neither success nor failure'],
      })),
      seen('y/d', 'connected', figures({ disruption: { failed: 0, longestGapMs: 6.1 } })),
    ],
  }]);
}
