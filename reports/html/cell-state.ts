// What colour a cell has in each view of the heatmap: observed (or logged) as the model said,
// predicted only, disagreeing, a probe error, or unknown offline. One character per state, as
// the page's stylesheet names its classes (s-A, s-M, ...).
import type { DiffCell, MismatchClass } from '../../harness/diff/index.ts';
import { markingClasses, verdictIn, type View } from '../matrix.ts';

/** The views of a heatmap: the three of matrix.ts, and whether the flow logs agree. */
export type HeatView = View | 'flows';
export const heatViews = ['verdict', 'stagedVerdict', 'promotedVerdict', 'flows'] as const satisfies readonly HeatView[];

export const heatViewTitles: Record<HeatView, string> = {
  verdict: 'enforced',
  stagedVerdict: 'staged (pending)',
  promotedVerdict: 'promoted',
  flows: 'flow logs',
};

/**
 * A: allow, and the evidence (probe, or flow log) agrees; D: deny, likewise. a / d: the model's
 * verdict, with nothing observed to compare. M: something disagrees. E: the probe itself failed
 * (never a deny). U: unknown offline (depends on pod addresses).
 */
export type CellState = 'A' | 'D' | 'a' | 'd' | 'M' | 'E' | 'U';

export const stateWords: Record<CellState, string> = {
  A: 'allow, observed as expected',
  D: 'deny, observed as expected',
  a: 'allow, not observed (the model\'s verdict)',
  d: 'deny, not observed (the model\'s verdict)',
  M: 'mismatch',
  E: 'probe error (neither allow nor deny)',
  U: 'unknown offline (depends on pod addresses)',
};

/** What the flow-log view marks: the logs' verdict, their decider, or their absence. */
const flowClasses: readonly MismatchClass[] = ['flow-log', 'flow-log-staged', 'attribution', 'missing-evidence'];

export function cellState(c: DiffCell, view: HeatView): CellState {
  if (view === 'flows') {
    if (c.mismatches.some((m) => flowClasses.includes(m.class)) || c.flowEvidence?.flaky !== undefined) return 'M';
    return verdictState(c.loggedVerdict ?? c.verdict, c.loggedVerdict !== undefined);
  }
  if (view === 'verdict' && c.observed === 'error') return 'E';
  if (markingClasses(c, view).length > 0) return 'M';
  // The staged view's evidence is the pending verdict Calico's flow logs report; promotion is only predicted.
  const evidenced = view === 'verdict' ? c.observed !== undefined : view === 'stagedVerdict' ? c.loggedStagedVerdict !== undefined : false;
  return verdictState(verdictIn(c, view), evidenced);
}

function verdictState(verdict: DiffCell['verdict'], evidenced: boolean): CellState {
  if (verdict === 'unknown') return 'U';
  if (verdict === 'allow') return evidenced ? 'A' : 'a';
  return evidenced ? 'D' : 'd';
}
