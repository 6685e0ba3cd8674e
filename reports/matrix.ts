// Truth tables from a StepDiff: one matrix per view (enforced, staged, promoted) and port,
// sources down, destinations across. Shared by the terminal and Markdown renderers.
import type { DiffCell, MismatchClass, StepDiff } from '../harness/diff/index.ts';
import type { CellVerdict, Protocol } from '../harness/model/index.ts';

export type View = 'verdict' | 'stagedVerdict' | 'promotedVerdict';
export const viewTitles: Record<View, string> = {
  verdict: 'enforced',
  stagedVerdict: 'staged (pending: what flow logs report)',
  promotedVerdict: 'promoted (after promoting every staged policy)',
};

/** Which mismatch classes mark a cell in which view. */
const viewClasses: Record<View, readonly MismatchClass[]> = {
  verdict: ['policy-intent', 'dataplane-or-model', 'flow-log', 'attribution', 'missing-evidence', 'promotion', 'flaky', 'harness-fault', 'disruption', 'established', 'time-to-enforce', 'leak', 'guardrail'],
  stagedVerdict: ['staged-intent', 'flow-log-staged'],
  promotedVerdict: ['promoted-intent'],
};

export interface Matrix {
  view: View;
  port: number;
  protocol: Protocol;
  sources: string[];
  destinations: string[];
  /** Keyed by `${from} ${column}` (see columnOf); absent where the destination does not serve the port. */
  cells: Map<string, DiffCell>;
}

export function verdictIn(cell: DiffCell, view: View): CellVerdict {
  return cell[view] ?? cell.verdict;
}

export function markingClasses(cell: DiffCell, view: View): MismatchClass[] {
  return cell.mismatches.map((m) => m.class).filter((c) => viewClasses[view].includes(c));
}

/** The matrices of a step. Staged and promoted views appear only when a staged policy is alive. */
export function stepMatrices(step: StepDiff): Matrix[] {
  const views: View[] = step.staged ? ['verdict', 'stagedVerdict', 'promotedVerdict'] : ['verdict'];
  const ports = unique(step.cells.map((c) => `${c.port}/${c.protocol}`));
  const sources = unique(step.cells.map((c) => c.from));
  const matrices: Matrix[] = [];
  for (const view of views) {
    for (const key of ports) {
      const cells = step.cells.filter((c) => `${c.port}/${c.protocol}` === key);
      const first = cells[0];
      if (!first) continue;
      matrices.push({
        view, port: first.port, protocol: first.protocol, sources,
        destinations: unique(cells.map(columnOf)),
        cells: new Map(cells.map((c) => [`${c.from} ${columnOf(c)}`, c])),
      });
    }
  }
  return matrices;
}

/** A destination column: the pod or external, or a Service and the backend it reaches (svc:y/web→y/a). */
export function columnOf(c: DiffCell): string {
  return c.backend === undefined ? c.to : `${c.to}→${c.backend}`;
}

/** Does the view show anything the enforced one does not (another verdict or a mark)? */
export function viewAddsInformation(m: Matrix): boolean {
  return m.view === 'verdict' || [...m.cells.values()].some((c) => verdictIn(c, m.view) !== c.verdict || markingClasses(c, m.view).length > 0);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
