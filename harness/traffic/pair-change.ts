// What a step does to each traffic pair, by the expected matrix: the author's `expect` where
// declared, else the model. Before the first step no scenario policy exists: every pair is allowed.
import { cellKey, type StepInput } from '../diff/index.ts';
import { expectedVerdict } from '../diff/expectation.ts';
import { knownVerdict, type Cell, type Verdict } from '../model/index.ts';
import type { PairChange, TrafficPair } from './types.ts';

export function expectedOf(step: Pick<StepInput, 'cells' | 'expect'>): Map<string, Verdict> {
  return new Map(step.cells.flatMap((c: Cell): [string, Verdict][] => {
    const v = expectedVerdict(step.expect, c) ?? knownVerdict(c.verdict);
    return v === undefined ? [] : [[cellKey(c), v]];
  }));
}

export function pairChanges(previous: Pick<StepInput, 'cells' | 'expect'> | undefined, step: Pick<StepInput, 'cells' | 'expect'>, pairs: readonly TrafficPair[]): Map<string, PairChange> {
  const before = previous ? expectedOf(previous) : undefined;
  const after = expectedOf(step);
  return new Map(pairs.map((p) => {
    const key = cellKey(p);
    const was = before?.get(key) ?? 'allow';
    const is = after.get(key) ?? 'allow';
    const change: PairChange = was === 'allow' ? (is === 'allow' ? 'stays-allowed' : 'denies') : (is === 'allow' ? 'allows' : 'stays-denied');
    return [key, change];
  }));
}
