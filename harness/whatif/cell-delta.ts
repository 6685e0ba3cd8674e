// The delta between two matrices of the same inventory, a source row at a time: only the cells
// whose verdicts differ are kept, so two matrices of millions of cells are never held. Pure.
import { cellKey } from '../diff/observation.ts';
import type { Cell, CellRows } from '../model/index.ts';
import { flipFields, type CellFlip, type CellId, type CellSide, type Delta, type FlipField } from './types.ts';

/**
 * Walks both row sets in step. visitAfter sees every cell after the change (for the --expect
 * checks), so the after matrix is evaluated once. Both are evaluated on one inventory, so the
 * model gives them the same cells in the same order; a row that does not is a bug, and says so.
 */
export function matrixDelta(before: CellRows, after: CellRows, visitAfter: (cell: Cell) => void = () => undefined): Delta {
  if (before.count !== after.count) throw new Error(`whatif: ${before.count} rows before the change but ${after.count} after; both come from one inventory`);
  const flips: CellFlip[] = [];
  let cells = 0;
  let enforced = 0;
  let staged = false;
  for (let row = 0; row < before.count; row++) {
    const old: Cell[] = [];
    before.visit(row, (c) => { old.push(c); });
    let i = 0;
    after.visit(row, (c) => {
      const was = old[i++];
      if (!was || cellKey(was) !== cellKey(c)) throw new Error(`whatif: row ${row} differs in its cells before and after the change (${was ? cellKey(was) : 'none'} vs ${cellKey(c)})`);
      cells++;
      staged ||= was.stagedVerdict !== undefined || c.stagedVerdict !== undefined;
      visitAfter(c);
      const flip = cellFlip(was, c);
      if (!flip) return;
      flips.push(flip);
      if (flip.changed[0] === 'verdict') enforced++;
    });
    if (i !== old.length) throw new Error(`whatif: row ${row} has ${old.length} cells before the change but ${i} after`);
  }
  return { cells, flips, enforced, staged };
}

/**
 * The flip of one cell, if any verdict of it changes. Staged and promoted verdicts count where a
 * staged policy is alive on either side; one side without them counts as the enforced one (no staged policy: the pending and the promoted trace are the
 * enforced one), as stepDelta (diff/delta.ts) counts a step's changes.
 */
export function cellFlip(before: Cell, after: Cell): CellFlip | undefined {
  const changed: FlipField[] = flipFields.filter((f) => (f === 'verdict' || before[f] !== undefined || after[f] !== undefined) &&
    (before[f] ?? before.verdict) !== (after[f] ?? after.verdict));
  if (changed.length === 0) return undefined;
  return { ...cellId(after), before: cellSide(before), after: cellSide(after), changed };
}

export function cellId(c: Cell): CellId {
  return {
    key: cellKey(c), from: c.from, to: c.to,
    ...(c.backend === undefined ? {} : { backend: c.backend }),
    port: c.port,
    ...(c.targetPort === undefined ? {} : { targetPort: c.targetPort }),
    protocol: c.protocol,
  };
}

/** The verdict fields of a cell, as `explain --format json` names them. */
export function cellSide(c: Cell): CellSide {
  return {
    verdict: c.verdict, decidedBy: c.decidedBy,
    ...(c.unknownBecause === undefined ? {} : { unknownBecause: c.unknownBecause }),
    ...(c.stagedVerdict === undefined ? {} : { stagedVerdict: c.stagedVerdict, stagedDecidedBy: c.stagedDecidedBy ?? null }),
    ...(c.promotedVerdict === undefined ? {} : { promotedVerdict: c.promotedVerdict }),
  };
}
