// The cells where declared intent and the model disagree, as lines for a terminal.
import { cellKey, type RunDiff } from '../diff/index.ts';
import { describeDecision } from '../../reports/glyphs.ts';

export function intentReport(diff: RunDiff): string {
  const lines: string[] = [];
  for (const step of diff.steps) {
    for (const cell of step.cells) {
      for (const m of cell.mismatches) {
        // A staged expectation is about the pending trace: say what decided that one.
        const why = m.class === 'staged-intent' && cell.stagedDecidedBy !== undefined && cell.stagedVerdict !== undefined
          ? `pending: ${describeDecision(cell.stagedDecidedBy, cell.stagedVerdict, cell.unknownBecause)}` : describeDecision(cell.decidedBy, cell.verdict, cell.unknownBecause);
        lines.push(`  step "${step.name}": ${cellKey(cell)}: ${m.message} (${why})`);
      }
    }
  }
  return lines.join('\n') + (lines.length ? '\n' : '');
}
