// One line saying how a run went, for every report.
import { mismatchClasses, type RunDiff } from '../harness/diff/index.ts';
import { completeStatus, statusHeadline, type RunStatus } from './run-status.ts';

/** status: how the run ended; without it the diff is taken as complete (offline, explain). */
export function summaryLine(diff: RunDiff, status: RunStatus = completeStatus(diff.steps.length)): string {
  const s = diff.summary;
  const base = `${s.steps} step${s.steps === 1 ? '' : 's'}, ${s.cells} cells`;
  const headline = statusHeadline(status);
  const counted = s.mismatchingCells === 0
    ? `${base}: ${headline === undefined && s.unchecked === 0 ? 'all as expected' : 'none disagree'}`
    : `${base}: ${s.mismatchingCells} cell${s.mismatchingCells === 1 ? '' : 's'} disagree (${mismatchClasses.filter((c) => s[c] > 0).map((c) => `${c} ${s[c]}`).join(', ')})`;
  const unchecked = s.unchecked > 0
    ? `; ${s.unchecked} cell${s.unchecked === 1 ? '' : 's'} with a declared verdict left unchecked: the model's verdict is unknown offline (it depends on pod addresses; --why says which)`
    : '';
  return (headline === undefined ? counted : `${headline}; so far ${counted}`) + unchecked;
}
