// What each mode (plans.ts policyModes) leaves out or changes, said per policy: staged policies
// are not enforced, a staged Delete is never pending, promotion replaces or deletes its target.
import type { CompiledPolicy, CompiledPolicySet } from '../compile/compiled.ts';
import { enforcedIdentity } from '../compile/compile-set.ts';
import type { Mode } from './plans.ts';
import type { PredicateRegistry } from './predicates.ts';
import type { LeftOut, PolicyRef, PolicyStep } from './walkthrough-types.ts';

/** local: the predicate index of the policy's selector, registered before endpoints are grouped. */
export interface LeftOutPolicy { policy: CompiledPolicy; local: number; entry: LeftOut }

export function policyRef(p: CompiledPolicy): PolicyRef {
  return { name: p.name, kind: p.kind, ...(p.namespace === undefined ? {} : { namespace: p.namespace }) };
}

function named(p: CompiledPolicy): string {
  return `${p.kind} ${p.namespace === undefined ? '' : `${p.namespace}/`}${p.name}`;
}

export function leftOutPolicies(set: CompiledPolicySet, registry: PredicateRegistry): Record<Mode, LeftOutPolicy[]> {
  const entry = (policy: CompiledPolicy, why: string): LeftOutPolicy => ({ policy, local: registry.local(policy.selector), entry: { ...policyRef(policy), why } });
  const enforced = set.staged.map((p) => entry(p, p.staged?.action === 'Delete'
    ? 'staged with stagedAction Delete: never enforced nor pending; promoting it deletes the enforced policy of its name'
    : `staged (stagedAction ${p.staged?.action ?? 'Set'}): not enforced; the pending walk evaluates it`));
  const pending = set.staged.filter((p) => p.staged?.action === 'Delete').map((p) => entry(p,
    'stagedAction Delete: never sent to the dataplane, so never in the pending trace; promoting it deletes the enforced policy of its name'));
  const byTarget = new Map(set.staged.map((p) => [p.staged?.target, p]));
  const promoted = [...set.enforced.values()].flatMap((p) => {
    const staged = byTarget.get(enforcedIdentity(p));
    if (!staged) return [];
    return [entry(p, staged.staged?.action === 'Delete'
      ? `deleted by promoting ${named(staged)} (stagedAction Delete)`
      : `replaced by promoting ${named(staged)}`)];
  });
  return { enforced, pending, promoted };
}

export function policyNotes(set: CompiledPolicySet): Record<Mode, (p: CompiledPolicy) => Pick<PolicyStep, 'stagedAction' | 'promotedFrom'>> {
  const from = new Map<CompiledPolicy, CompiledPolicy>();
  for (const s of set.staged) if (s.staged?.promoted) from.set(s.staged.promoted, s);
  return {
    enforced: () => ({}),
    pending: (p) => (p.staged ? { stagedAction: p.staged.action } : {}),
    promoted: (p) => {
      const s = from.get(p);
      return s ? { promotedFrom: policyRef(s) } : {};
    },
  };
}
