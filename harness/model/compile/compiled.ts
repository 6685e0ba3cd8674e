// The compiled form of policies: what the evaluator walks. Calico's v1 data model, in short.
import type { Cidr } from '../net/cidr.ts';
import type { PortMatch } from '../net/port.ts';
import type { Selector } from '../selector/index.ts';
import type { CalicoVersion, SourceRef } from '../types.ts';

export type Direction = 'ingress' | 'egress';
export type RuleAction = 'Allow' | 'Deny' | 'Pass' | 'Log';
export type StagedAction = 'Set' | 'Delete' | 'Learn' | 'Ignore';

/** Policy kinds as Calico's flow logs (Goldmane PolicyKind) name them. */
export type PolicyKind =
  | 'CalicoNetworkPolicy' | 'GlobalNetworkPolicy' | 'NetworkPolicy'
  | 'StagedNetworkPolicy' | 'StagedGlobalNetworkPolicy' | 'StagedKubernetesNetworkPolicy'
  | 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';

/** One side (source or destination) of a rule; every present field must match. */
export interface EntityMatch {
  /** Already scoped to namespaces and service accounts, as Calico's v1 selector. */
  selector?: Selector;
  notSelector?: Selector;
  nets?: Cidr[];
  notNets?: Cidr[];
  ports?: PortMatch[];
  notPorts?: PortMatch[];
  /**
   * Calico's `services` match, as Felix builds it: the namespace as written ('' when a namespaced
   * policy leaves it out: Felix then looks up "/NAME", which no Service is).
   */
  services?: { namespace: string; name: string };
}

export interface CompiledRule {
  action: RuleAction;
  /** IP protocol numbers. */
  protocol?: number;
  notProtocol?: number;
  ipVersion?: 4 | 6;
  source: EntityMatch;
  destination: EntityMatch;
  /** Set when the rule uses a field the model cannot evaluate; such a rule never matches. */
  unsupported?: string;
}

export interface CompiledPolicy {
  /** Calico's name of the policy, as reported in decidedBy (e.g. knp.default.x). */
  name: string;
  kind: PolicyKind;
  namespace?: string;
  tier: string;
  /** +Infinity when the policy has no order. */
  order: number;
  /** Tie-break key for equal orders (version dependent, see CALICO-SEMANTICS.md §1). */
  sortKey: string;
  /** Which endpoints the policy applies to. */
  selector: Selector;
  types: Record<Direction, boolean>;
  rules: Record<Direction, CompiledRule[]>;
  source: SourceRef;
  /** Present on staged policies only. */
  staged?: StagedInfo;
}

export interface StagedInfo {
  action: StagedAction;
  /** Identity of the enforced policy it would replace or delete when promoted. */
  target: string;
  /** The enforced policy it becomes when promoted; absent for Delete. */
  promoted?: CompiledPolicy;
}

export interface CompiledTier {
  name: string;
  /** Undefined sorts last. */
  order: number | undefined;
  defaultAction: 'Deny' | 'Pass';
}

export interface CompiledNetworkSet {
  name: string;
  namespace?: string;
  /** Labels as selectors see them (namespaced sets carry projectcalico.org/namespace). */
  labels: Map<string, string>;
  nets: Cidr[];
}

export interface CompiledPolicySet {
  version: CalicoVersion;
  /** Sorted in Calico's tier order. */
  tiers: CompiledTier[];
  /** Enforced policies, keyed by identity (see policyIdentity). */
  enforced: Map<string, CompiledPolicy>;
  staged: CompiledPolicy[];
  networkSets: CompiledNetworkSet[];
}

/** Identity used to match a staged policy to its enforced counterpart. */
export function policyIdentity(kind: 'calico-namespaced' | 'calico-global' | 'kubernetes' | 'admin', namespace: string | undefined, name: string): string {
  return `${kind}/${namespace ?? ''}/${name}`;
}
