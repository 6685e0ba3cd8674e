// Guardrail findings folded into a diff: a cell where a guardrail did not hold gets a `guardrail`
// mismatch at its step, so every report, the summary and the exit code count it.
import { cellKey } from './observation.ts';
import { summarize } from './build.ts';
import type { RunDiff } from './types.ts';

export interface GuardrailFinding { step: number; key: string; message: string }

export function withGuardrailFindings(diff: RunDiff, findings: readonly GuardrailFinding[]): RunDiff {
  if (findings.length === 0) return diff;
  const byStep = new Map<number, Map<string, string[]>>();
  for (const f of findings) {
    const step = byStep.get(f.step) ?? new Map<string, string[]>();
    step.set(f.key, [...(step.get(f.key) ?? []), f.message]);
    byStep.set(f.step, step);
  }
  const steps = diff.steps.map((s, i) => {
    const found = byStep.get(i);
    if (!found) return s;
    return { ...s, cells: s.cells.map((c) => {
      const messages = found.get(cellKey(c));
      return messages ? { ...c, mismatches: [...c.mismatches, ...messages.map((message) => ({ class: 'guardrail' as const, message }))] } : c;
    }) };
  });
  return { ...diff, steps, summary: summarize(steps) };
}
