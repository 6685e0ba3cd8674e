// One line saying how a run went, for every report.
import { mismatchClasses, type RunDiff } from '../harness/diff/index.ts';

export function summaryLine(diff: RunDiff): string {
  const s = diff.summary;
  const base = `${s.steps} step${s.steps === 1 ? '' : 's'}, ${s.cells} cells`;
  if (s.mismatchingCells === 0) return `${base}: all as expected`;
  const parts = mismatchClasses.filter((c) => s[c] > 0).map((c) => `${c} ${s[c]}`);
  return `${base}: ${s.mismatchingCells} cell${s.mismatchingCells === 1 ? '' : 's'} disagree (${parts.join(', ')})`;
}
