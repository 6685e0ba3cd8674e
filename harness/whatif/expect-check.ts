// The --expect file's expect block checked against the matrix after the change, a cell at a
// time: the scenario format's rules (the last rule covering a cell wins, else the default; a
// pod to itself is never checked). An unknown cell is counted unchecked, never as agreeing. Pure.
import { expectedVerdict, ruleCovers, type Expectation } from '../diff/expectation.ts';
import { knownVerdict, type Cell } from '../model/index.ts';
import type { Location } from '../scenario/types.ts';
import { cellId, cellSide } from './cell-delta.ts';
import type { BrokenCell, ExpectResult } from './types.ts';

export class ExpectCheck {
  readonly #expect: Expectation;
  readonly #ruleLocations: readonly Location[];
  readonly #broken: BrokenCell[] = [];
  #checked = 0;
  #unchecked = 0;

  constructor(expect: Expectation, ruleLocations: readonly Location[]) {
    this.#expect = expect;
    this.#ruleLocations = ruleLocations;
  }

  add(cell: Cell): void {
    const declared = expectedVerdict(this.#expect, cell);
    if (declared === undefined) return;
    const verdict = knownVerdict(cell.verdict);
    if (verdict === undefined) {
      this.#unchecked++;
      return;
    }
    this.#checked++;
    if (verdict !== declared) this.#broken.push({ ...cellId(cell), declared, after: cellSide(cell), by: this.#declaredBy(cell) });
  }

  result(): ExpectResult {
    return { checked: this.#checked, unchecked: this.#unchecked, broken: [...this.#broken] };
  }

  /** Only for a broken cell: which rule expectedVerdict took (the last covering one), for the message. */
  #declaredBy(cell: Cell): BrokenCell['by'] {
    const rules = this.#expect.rules;
    for (let i = rules.length - 1; i >= 0; i--) {
      const rule = rules[i];
      const location = this.#ruleLocations[i];
      if (rule && location && ruleCovers(rule, cell)) return { rule: i, location };
    }
    return 'default';
  }
}
