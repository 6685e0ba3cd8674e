// Guardrail proofs as text: per guardrail, the steps it held at and against what, or exactly
// which cells broke it and what opened them. Pure.
import type { GuardrailCheck, GuardrailCell } from '../harness/guardrails/prove.ts';
import type { GuardrailPhase } from '../harness/live/run-types.ts';

/** A live run's guardrail phases: held or not under attack, and whether the matrix came back. */
export function renderGuardrailPhases(phases: readonly GuardrailPhase[]): string {
  const out = ['guardrails, attacked live:'];
  for (const p of phases) {
    const n = p.policies.length;
    const against = `${n} adversarial polic${n === 1 ? 'y' : 'ies'} in tier(s) ${p.tiers.join(', ') || 'none'}`;
    const held = p.heldLive ? `held against ${against}` : `NOT HELD against ${against}: ${p.brokenLive.join(', ') || `${p.cells.length} cell(s) observed`}`;
    const model = p.heldInModel === p.heldLive ? '' : ` (the model says it ${p.heldInModel ? 'holds' : 'does not hold'})`;
    const timing = `attack matched ${p.attackConvergedMs === null ? 'never' : `${p.attackConvergedMs} ms`} after it was applied; matrix ${p.restored ? `back ${p.restoredMs} ms after the withdrawal` : 'NOT back after the withdrawal'}`;
    out.push(`  step ${p.stepIndex + 1} ${p.step}: ${p.guardrail} (${p.verdict}): ${held}${model}; ${timing}${p.notes.length > 0 ? ` (${p.notes.join('; ')})` : ''}`);
  }
  return `${out.join('\n')}\n`;
}

export function renderGuardrails(checks: readonly GuardrailCheck[], observedHeld?: ReadonlyMap<string, string | undefined>): string {
  if (checks.length === 0) return '';
  const out = ['guardrails:'];
  const byName = new Map<string, GuardrailCheck[]>();
  for (const c of checks) byName.set(c.guardrail, [...(byName.get(c.guardrail) ?? []), c]);
  for (const [name, list] of byName) {
    const first = list[0];
    if (!first) continue;
    out.push(`  ${name} (${first.verdict}, ${list[0]?.cells.length ?? 0} cell(s)):`);
    for (const c of list) {
      const live = observedHeld?.get(`${c.stepIndex}/${c.guardrail}`);
      out.push(`    step ${c.stepIndex + 1} ${c.step}: ${describeCheck(c)}${live === undefined ? '' : `; live: ${live}`}`);
    }
  }
  return `${out.join('\n')}\n`;
}

export function describeCheck(c: GuardrailCheck): string {
  const n = c.attack.documents.length;
  const against = `${n} adversarial polic${n === 1 ? 'y' : 'ies'} in tier(s) ${c.attack.tiers.join(', ') || 'none'}`;
  const notes = c.attack.notes.length > 0 ? ` (${c.attack.notes.join('; ')})` : '';
  if (c.held) return `held against ${against}${notes}`;
  const parts: string[] = [];
  if (c.broken.length > 0) parts.push(`does not hold at the step itself: ${cellList(c.broken, (x) => `${x.verdict}${decider(x.decidedBy)}`)}`);
  if (c.opened.length > 0) parts.push(`broken by ${against}: ${cellList(c.opened, (x) => `${x.attacked}${decider(x.attackedBy)}`)}`);
  if (c.unknown.length > 0) parts.push(`${c.unknown.length} cell(s) unknown offline (they depend on pod addresses): not proved`);
  return `NOT HELD: ${parts.join('; ')}${notes}`;
}

function cellList(cells: readonly GuardrailCell[], what: (c: GuardrailCell) => string): string {
  const shown = cells.slice(0, 5).map((c) => `${c.from} -> ${c.to} ${c.port}/${c.protocol} ${what(c)}`);
  return shown.join(', ') + (cells.length > 5 ? ` and ${cells.length - 5} more` : '');
}

function decider(d: GuardrailCell['decidedBy']): string {
  return d ? ` by ${d.policy} (tier ${d.tier}${d.ruleIndex >= 0 ? `, rule ${d.ruleIndex}` : ', end of tier'})` : ' (no policy)';
}
