// One line saying how a run went, for every report.
import { mismatchClasses, type RunDiff } from '../harness/diff/index.ts';
import { completeStatus, statusHeadline, type RunStatus } from './run-status.ts';

/** status: how the run ended; without it the diff is taken as complete (offline, explain). */
export function summaryLine(diff: RunDiff, status: RunStatus = completeStatus(diff.steps.length)): string {
  const s = diff.summary;
  const base = `${s.steps} step${s.steps === 1 ? '' : 's'}, ${s.cells} cells`;
  const headline = statusHeadline(status);
  const counted = s.mismatchingCells === 0
    ? `${base}: ${headline === undefined ? 'all as expected' : 'none disagree'}`
    : `${base}: ${s.mismatchingCells} cell${s.mismatchingCells === 1 ? '' : 's'} disagree (${mismatchClasses.filter((c) => s[c] > 0).map((c) => `${c} ${s[c]}`).join(', ')})`;
  return headline === undefined ? counted : `${headline}; so far ${counted}`;
}
