// The policies that apply to one group in one direction, and the walk of CALICO-SEMANTICS.md §0.
import type { Direction } from '../compile/compiled.ts';
import type { DecidedBy } from '../types.ts';
import { ruleMatches, type FastRule, type Packet } from './fast-rule.ts';
import type { Group } from './groups.ts';
import type { Plan } from './plans.ts';

interface AppliedPolicy { rules: FastRule[]; decided: (DecidedBy | null)[] }
interface TierTrace { pass: boolean; policies: AppliedPolicy[]; endOfTier: DecidedBy }
export type Trace = TierTrace[];

export interface Decision { allow: boolean; decidedBy: DecidedBy | null }
const PROFILE_ALLOW: Decision = Object.freeze({ allow: true, decidedBy: null });

/** Tiers with no policy selecting the endpoint for this direction are left out entirely. */
export function buildTrace(plan: Plan, group: Group, direction: Direction): Trace {
  const trace: Trace = [];
  for (const { tier, policies } of plan) {
    const applied = policies.filter((p) => p.policy.types[direction] && group.bits[p.local] === 1);
    const last = applied.at(-1);
    if (!last) continue;
    trace.push({
      pass: tier.defaultAction === 'Pass',
      policies: applied.map((p) => ({ rules: p.rules[direction], decided: p.decided[direction] })),
      endOfTier: last.endOfTier,
    });
  }
  return trace;
}

/**
 * Allow and Deny end the walk; Pass leaves the tier; Log goes on. A tier whose policies all
 * fail to match applies its default action. After the last tier the kns.<ns> profile allows.
 */
export function walk(trace: Trace, packet: Packet): Decision {
  let passedBy: DecidedBy | null = null;
  tiers: for (const tier of trace) {
    for (const policy of tier.policies) {
      const rules = policy.rules;
      for (let i = 0; i < rules.length; i++) {
        const rule = rules[i];
        if (rule === undefined || rule.action === 'Log' || !ruleMatches(rule, packet)) continue;
        const decidedBy = policy.decided[i] ?? null;
        if (rule.action === 'Pass') {
          passedBy = decidedBy;
          continue tiers;
        }
        return { allow: rule.action === 'Allow', decidedBy };
      }
    }
    if (!tier.pass) return { allow: false, decidedBy: tier.endOfTier };
    passedBy = tier.endOfTier;
  }
  return passedBy === null ? PROFILE_ALLOW : { allow: true, decidedBy: passedBy };
}
