// The policy set as seen in each mode (CALICO-SEMANTICS.md §6), tiers and policies in Calico's order:
// enforced (staged skipped), pending (staged beside enforced, Delete never present) and
// promoted (Set replaces the same-named enforced policy, Delete removes it).
import type { CompiledPolicy, CompiledPolicySet, CompiledTier, Direction } from '../compile/compiled.ts';
import { enforcedIdentity } from '../compile/compile-set.ts';
import type { DecidedBy } from '../types.ts';
import { toFastRule, type FastRule } from './fast-rule.ts';
import type { PredicateRegistry } from './predicates.ts';

export type Mode = 'enforced' | 'pending' | 'promoted';

export interface FastPolicy {
  policy: CompiledPolicy;
  /** Predicate index of the policy's selector (label test on the local endpoint). */
  local: number;
  rules: Record<Direction, FastRule[]>;
  /** decidedBy for each rule index; null for Log rules, which never decide. */
  decided: Record<Direction, (DecidedBy | null)[]>;
  /** decidedBy when the tier's default action applies and this was its last policy. */
  endOfTier: DecidedBy;
}

export interface TierPlan { tier: CompiledTier; policies: FastPolicy[] }
export type Plan = TierPlan[];

export interface ModePolicies { enforced: CompiledPolicy[]; pending?: CompiledPolicy[]; promoted?: CompiledPolicy[] }

export function policyModes(set: CompiledPolicySet): ModePolicies {
  const enforced = [...set.enforced.values()];
  if (set.staged.length === 0) return { enforced };
  const pending = [...enforced, ...set.staged.filter((p) => p.staged?.action !== 'Delete')];
  const targets = new Set(set.staged.map((p) => p.staged?.target));
  const promoted = [
    ...enforced.filter((p) => !targets.has(enforcedIdentity(p))),
    ...set.staged.flatMap((p) => (p.staged?.promoted ? [p.staged.promoted] : [])),
  ];
  return { enforced, pending, promoted };
}

export class PlanBuilder {
  readonly #registry: PredicateRegistry;
  readonly #fastRules = new Map<object, FastRule>();
  readonly #tiers: CompiledTier[];

  constructor(registry: PredicateRegistry, tiers: CompiledTier[]) {
    this.#registry = registry;
    this.#tiers = tiers;
  }

  build(policies: CompiledPolicy[]): Plan {
    const byTier = new Map<string, CompiledPolicy[]>();
    for (const p of policies) byTier.set(p.tier, [...(byTier.get(p.tier) ?? []), p]);
    return this.#tiers.map((tier) => ({
      tier,
      policies: (byTier.get(tier.name) ?? []).sort(comparePolicies).map((p) => this.#fast(p, tier)),
    }));
  }

  #fast(policy: CompiledPolicy, tier: CompiledTier): FastPolicy {
    const decided = (r: FastRule, i: number): DecidedBy | null =>
      r.action === 'Log' ? null : decision(policy, i, r.action);
    const rules = {
      ingress: policy.rules.ingress.map((r) => this.#rule(r)),
      egress: policy.rules.egress.map((r) => this.#rule(r)),
    };
    return {
      policy, local: this.#registry.local(policy.selector), rules,
      decided: { ingress: rules.ingress.map(decided), egress: rules.egress.map(decided) },
      endOfTier: decision(policy, -1, tier.defaultAction),
    };
  }

  #rule(r: CompiledPolicy['rules']['ingress'][number]): FastRule {
    let fast = this.#fastRules.get(r);
    if (!fast) {
      fast = toFastRule(r, this.#registry);
      this.#fastRules.set(r, fast);
    }
    return fast;
  }
}

function decision(p: CompiledPolicy, ruleIndex: number, action: 'Allow' | 'Deny' | 'Pass'): DecidedBy {
  const d: DecidedBy = p.namespace === undefined
    ? { tier: p.tier, policy: p.name, kind: p.kind, ruleIndex, action }
    : { tier: p.tier, policy: p.name, kind: p.kind, namespace: p.namespace, ruleIndex, action };
  // Cells share these objects.
  return Object.freeze(d);
}

/** Policies in a tier: by order (none = +inf), then by Calico's key. */
export function comparePolicies(a: CompiledPolicy, b: CompiledPolicy): number {
  if (a.order !== b.order) return a.order < b.order ? -1 : 1;
  return a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0;
}
