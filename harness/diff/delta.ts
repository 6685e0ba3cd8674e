// What a step changed: the cells whose model verdicts differ from the previous step's.
import type { CellVerdict, Protocol } from '../model/index.ts';
import { cellKey } from './observation.ts';
import type { DiffCell, StepDiff } from './types.ts';

export interface CellChange {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  field: 'verdict' | 'stagedVerdict' | 'promotedVerdict';
  before: CellVerdict;
  after: CellVerdict;
}

const fields = ['verdict', 'stagedVerdict', 'promotedVerdict'] as const;

/** Changes from `before` to `after`; a missing staged or promoted verdict counts as the enforced one. */
export function stepDelta(before: StepDiff | undefined, after: StepDiff): CellChange[] {
  if (!before) return [];
  const previous = new Map<string, DiffCell>(before.cells.map((c) => [cellKey(c), c]));
  const changes: CellChange[] = [];
  for (const cell of after.cells) {
    const old = previous.get(cellKey(cell));
    if (!old) continue;
    for (const field of fields) {
      const was = old[field] ?? old.verdict;
      const is = cell[field] ?? cell.verdict;
      if (was !== is) changes.push({ from: cell.from, to: cell.to, port: cell.port, protocol: cell.protocol, field, before: was, after: is });
    }
  }
  return changes;
}
