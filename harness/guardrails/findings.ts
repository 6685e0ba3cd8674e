// Where guardrails did not hold, as diff findings: by the model (at the step, or against the
// adversarial policies) and, live, by what the dataplane did under attack.
import type { GuardrailFinding } from '../diff/guardrail-findings.ts';
import type { GuardrailPhase } from '../live/run-types.ts';
import type { GuardrailCheck } from './prove.ts';

export function modelFindings(checks: readonly GuardrailCheck[]): GuardrailFinding[] {
  return checks.flatMap((c) => [
    ...c.broken.map((x) => ({ step: c.stepIndex, key: x.key, message: `guardrail ${c.guardrail} (${c.verdict}) does not hold at this step: the model says ${x.verdict}` })),
    ...c.opened.map((x) => ({
      step: c.stepIndex, key: x.key,
      message: `guardrail ${c.guardrail} (${c.verdict}) is broken by its adversarial policies in tier(s) ${c.attack.tiers.join(', ')}: the model says ${x.attacked}${x.attackedBy ? ` by ${x.attackedBy.policy} (tier ${x.attackedBy.tier})` : ''}`,
    })),
  ]);
}

export function liveFindings(phases: readonly GuardrailPhase[]): GuardrailFinding[] {
  return phases.flatMap((p) => p.cells.filter((c) => p.brokenLive.includes(c.key)).map((c) => ({
    step: p.stepIndex, key: c.key,
    message: `guardrail ${p.guardrail} (${p.verdict}) did not hold live under ${p.policies.length} adversarial polic${p.policies.length === 1 ? 'y' : 'ies'} in tier(s) ${p.tiers.join(', ')}: observed ${c.observed}${c.detail ? ` (${c.detail})` : ''}`,
  })));
}
