// What `explain` says of a step's traffic before any run: each pair, what the expected matrix
// says the step does to it, and the load asked for.
import type { StepInput } from '../diff/index.ts';
import { cellKey } from '../diff/index.ts';
import type { TrafficEntry } from './types.ts';
import { trafficPairs } from './expand.ts';
import { pairChanges } from './pair-change.ts';

const changeWords = { denies: 'denies', allows: 'allows', 'stays-allowed': 'stays allowed', 'stays-denied': 'stays denied' } as const;
const figureOf = { denies: 'time-to-enforce', allows: 'time-to-open', 'stays-allowed': 'disruption (expected 0)', 'stays-denied': 'leaks (expected 0)' } as const;

/** One line per pair per step (empty for a step without traffic), in step order. */
export function plannedTraffic(steps: readonly (Pick<StepInput, 'cells' | 'expect'> & { traffic?: readonly TrafficEntry[] | undefined })[]): string[][] {
  return steps.map((step, i) => {
    if (!step.traffic || step.traffic.length === 0) return [];
    const pairs = trafficPairs(step.traffic, step.cells);
    const changes = pairChanges(steps[i - 1], step, pairs);
    return pairs.map((p) => {
      const change = changes.get(cellKey(p)) ?? 'stays-allowed';
      return `${cellKey(p)}  ${changeWords[change]}: measures ${figureOf[change]}; ${p.rate}/s, ${p.beforeMs / 1000} s before, ${p.afterMs / 1000} s after`;
    });
  });
}
