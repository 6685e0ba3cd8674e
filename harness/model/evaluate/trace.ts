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

/**
 * Which policy an end-of-tier hit names. Felix's endpoint lookup cache (the enforced trace)
 * names the tier's last policy governing the direction (calc/endpoint_lookup_cache.go); the
 * policy checker that computes the pending trace names the first one that did not match,
 * which at the end of a tier is its first (app-policy/checker/check.go, checkTiers).
 */
export type EndOfTierNaming = 'last' | 'first';

/** Tiers with no policy selecting the endpoint for this direction are left out entirely. */
export function buildTrace(plan: Plan, group: Group, direction: Direction, naming: EndOfTierNaming = 'last'): Trace {
  const trace: Trace = [];
  for (const { tier, policies } of plan) {
    const applied = policies.filter((p) => p.policy.types[direction] && group.bits[p.local] === 1);
    const named = naming === 'last' ? applied.at(-1) : applied[0];
    if (!named) continue;
    trace.push({
      pass: tier.defaultAction === 'Pass',
      policies: applied.map((p) => ({ rules: p.rules[direction], decided: p.decided[direction] })),
      endOfTier: named.endOfTier,
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
