// One direction of one connection, walked and written down: the walk of trace.ts (buildTrace then
// walk), tier by tier, with every policy that applies and every rule looked at.
import type { CompiledPolicy, Direction } from '../compile/compiled.ts';
import type { DecidedBy } from '../types.ts';
import { ruleMatches, type FastRule, type Packet } from './fast-rule.ts';
import { ruleMismatch, type PacketNames } from './fast-rule-why.ts';
import type { Group } from './groups.ts';
import type { FastPolicy, Plan, TierPlan } from './plans.ts';
import type { Decision, EndOfTierNaming } from './trace.ts';
import { policyRef } from './walkthrough-modes.ts';
import type { AddressDependence, DirectionWalk, LeftOut, PolicyStep, RuleStep, TierOutcome, TierStep } from './walkthrough-types.ts';

export interface DirectionInput {
  plan: Plan;
  direction: Direction;
  naming: EndOfTierNaming;
  /** The endpoint whose policies run: the source for egress, the destination for ingress. */
  local: Group;
  endpoint: string;
  packet: Packet;
  names: PacketNames;
  /** The kns.<ns> profile of the local endpoint. */
  profile: string;
  /** Policies that select the endpoint in this tier and direction but are not in this mode. */
  leftOut: (tier: string, direction: Direction, local: Group) => LeftOut[];
  /** What a policy is in this mode beyond its name: staged action, promoted from. */
  describe: (p: CompiledPolicy) => Pick<PolicyStep, 'stagedAction' | 'promotedFrom'>;
  /** Set when the rule's outcome depends on an address a pod has only live. */
  dependence: (rule: FastRule) => AddressDependence | undefined;
  /** Set when the rule tests nets on an address-less pod whose address does not matter here. */
  addressNote: (rule: FastRule) => string | undefined;
}

export interface DirectionResult { walk: DirectionWalk; decision: Decision }

interface Fired { action: 'Allow' | 'Deny' | 'Pass'; decidedBy: DecidedBy }

export function walkDirection(input: DirectionInput, reached = true): DirectionResult {
  const { plan, direction, local } = input;
  const tiers: TierStep[] = [];
  let passedBy: DecidedBy | null = null;
  let decision: Decision | undefined;
  let decidedAt: DirectionWalk['decidedAt'] = 'profile';
  for (const tierPlan of plan) {
    const applied = tierPlan.policies.filter((p) => p.policy.types[direction] && local.bits[p.local] === 1);
    const base = tierBase(tierPlan, input.leftOut(tierPlan.tier.name, direction, local));
    const named = input.naming === 'last' ? applied.at(-1) : applied[0];
    if (!named) {
      tiers.push({ ...base, policies: [], outcome: { kind: 'no-policy' } });
      continue;
    }
    if (decision) {
      tiers.push({ ...base, policies: applied.map((p) => unreached(p, input)), outcome: { kind: 'not-reached' } });
      continue;
    }
    const { policies, fired } = walkTier(applied, input);
    let outcome: TierOutcome;
    if (fired) {
      outcome = { kind: 'rule', ...fired };
      if (fired.action === 'Pass') passedBy = fired.decidedBy;
      else {
        decision = { allow: fired.action === 'Allow', decidedBy: fired.decidedBy };
        decidedAt = 'rule';
      }
    } else {
      outcome = { kind: 'end-of-tier', action: tierPlan.tier.defaultAction, decidedBy: named.endOfTier };
      if (tierPlan.tier.defaultAction === 'Pass') passedBy = named.endOfTier;
      else {
        decision = { allow: false, decidedBy: named.endOfTier };
        decidedAt = 'end-of-tier';
      }
    }
    tiers.push({ ...base, policies, outcome });
  }
  const final = decision ?? { allow: true, decidedBy: passedBy };
  const walk: DirectionWalk = {
    direction, endpoint: input.endpoint, reached, tiers,
    verdict: final.allow ? 'allow' : 'deny', decidedBy: final.decidedBy, decidedAt,
    ...(decision ? {} : { profile: input.profile }),
  };
  return { walk, decision: final };
}

function tierBase(t: TierPlan, leftOut: LeftOut[]): Omit<TierStep, 'policies' | 'outcome'> {
  return { tier: t.tier.name, order: t.tier.order ?? null, defaultAction: t.tier.defaultAction, leftOut };
}

/** The policies of one tier in order; Allow, Deny and Pass end the tier, Log goes on. */
function walkTier(applied: FastPolicy[], input: DirectionInput): { policies: PolicyStep[]; fired: Fired | undefined } {
  const policies: PolicyStep[] = [];
  let fired: Fired | undefined;
  for (const p of applied) {
    if (fired) {
      policies.push(unreached(p, input));
      continue;
    }
    const fast = p.rules[input.direction];
    const compiled = p.policy.rules[input.direction];
    const rules: RuleStep[] = [];
    let i = 0;
    for (; i < fast.length; i++) {
      const rule = fast[i];
      const written = compiled[i];
      if (!rule || !written) continue;
      const matched = ruleMatches(rule, input.packet);
      const dependsOnAddress = input.dependence(rule);
      const reason = matched || dependsOnAddress ? null : ruleMismatch(rule, written, input.packet, input.names);
      const addressNote = dependsOnAddress ? undefined : input.addressNote(rule);
      rules.push({
        index: i, action: rule.action, outcome: dependsOnAddress ? 'depends-on-address' : matched ? 'matched' : 'no-match',
        ...(reason ? { reason } : {}), ...(dependsOnAddress ? { dependsOnAddress } : {}), ...(addressNote ? { addressNote } : {}),
      });
      // Log never decides (CALICO-SEMANTICS.md §7.8).
      if (!matched || rule.action === 'Log') continue;
      const decidedBy = p.decided[input.direction][i];
      if (decidedBy) fired = { action: rule.action, decidedBy };
      break;
    }
    policies.push({ ...ref(p.policy), ...input.describe(p.policy), reached: true, rules, rulesNotReached: fired ? fast.length - i - 1 : 0 });
  }
  return { policies, fired };
}

function unreached(p: FastPolicy, input: DirectionInput): PolicyStep {
  return { ...ref(p.policy), ...input.describe(p.policy), reached: false, rules: [], rulesNotReached: p.rules[input.direction].length };
}

function ref(p: CompiledPolicy): Pick<PolicyStep, 'name' | 'kind' | 'namespace' | 'order'> {
  return { ...policyRef(p), order: Number.isFinite(p.order) ? p.order : null };
}
