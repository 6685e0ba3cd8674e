// The cells where declared intent and the model disagree, as lines for a terminal.
import { cellKey, type RunDiff } from '../diff/index.ts';
import { describeDecision } from '../../reports/glyphs.ts';

export function intentReport(diff: RunDiff): string {
  const lines: string[] = [];
  for (const step of diff.steps) {
    for (const cell of step.cells) {
      for (const m of cell.mismatches) {
        lines.push(`  step "${step.name}": ${cellKey(cell)}: ${m.message} (${describeDecision(cell.decidedBy, cell.verdict)})`);
      }
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
