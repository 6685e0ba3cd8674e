// The shape of a walkthrough: one connection through every tier, in each mode and direction.
import type { Direction, PolicyKind, RuleAction, StagedAction } from '../compile/compiled.ts';
import type { CellVerdict, DecidedBy, Protocol, Verdict } from '../types.ts';
import type { RuleMismatch } from './fast-rule-why.ts';
import type { Mode } from './plans.ts';

export interface WalkthroughQuery {
  /** ns/pod */
  from: string;
  /** ns/pod, external:NAME or svc:NS/NAME */
  to: string;
  /** A Service's port (to: svc:), else the destination's. */
  port: number;
  protocol: Protocol;
  /** to: svc:NS/NAME only, required there: the backend pod (ns/pod) the connection reaches after DNAT. */
  backend?: string;
}

/** A rule whose outcome differs over the addresses an address-less pod may have offline. */
export interface AddressDependence {
  /** ns/pod of each pod without an address whose address decides it. */
  pods: string[];
  /** The rule's nets / notNets CIDRs on those pods' side. */
  cidrs: string[];
  /** What the rest of this walk shows: the outcome at the first address region of the pod CIDR. */
  walkGoesOnAs: 'matched' | 'no-match';
}

export interface RuleStep {
  index: number;
  action: RuleAction;
  /** matched: an Allow, Deny or Pass fired, or a Log rule logged and the walk went on. */
  outcome: 'matched' | 'no-match' | 'depends-on-address';
  /** The first field that did not match (no-match, and depends-on-address walked as no-match). */
  reason?: RuleMismatch;
  dependsOnAddress?: AddressDependence;
  /** The rule tests nets or notNets on an address-less pod, and every address it may have gives the same outcome. */
  addressNote?: string;
}

export interface PolicyRef { name: string; kind: PolicyKind; namespace?: string }

export interface PolicyStep extends PolicyRef {
  /** null: no order (sorts last). */
  order: number | null;
  /** Staged policies (pending mode). */
  stagedAction?: StagedAction;
  /** Promoted mode: the staged policy this one comes from. */
  promotedFrom?: PolicyRef;
  /** False when an earlier policy of the tier decided: its rules were not looked at. */
  reached: boolean;
  /** The rules looked at, in order, up to the one that fired. */
  rules: RuleStep[];
  /** Rules after the one that fired. */
  rulesNotReached: number;
}

/** A policy that selects the endpoint but is not part of this mode's walk, and why. */
export interface LeftOut extends PolicyRef { why: string }

export type TierOutcome =
  | { kind: 'no-policy' }
  | { kind: 'not-reached' }
  | { kind: 'rule'; action: 'Allow' | 'Deny' | 'Pass'; decidedBy: DecidedBy }
  /** No rule fired: the tier's default action, naming the policy Calico names in this mode. */
  | { kind: 'end-of-tier'; action: 'Deny' | 'Pass'; decidedBy: DecidedBy };

export interface TierStep {
  tier: string;
  order: number | null;
  defaultAction: 'Deny' | 'Pass';
  /** The policies selecting the endpoint for this direction in this mode, in Calico's order. */
  policies: PolicyStep[];
  leftOut: LeftOut[];
  outcome: TierOutcome;
}

export interface DirectionWalk {
  direction: Direction;
  /** The endpoint whose policy this is: the source for egress, the destination for ingress. */
  endpoint: string;
  /** False for the ingress side when egress already denied: shown for reference only. */
  reached: boolean;
  tiers: TierStep[];
  verdict: Verdict;
  decidedBy: DecidedBy | null;
  /** profile: after the last tier, the kns.<ns> profile allows (also after a Pass). */
  decidedAt: 'rule' | 'end-of-tier' | 'profile';
  /** The profile that allowed (decidedAt: profile). */
  profile?: string;
}

export interface ModeWalk {
  mode: Mode;
  egress: DirectionWalk | null;
  /** null: the destination is an external, which Calico does not police, or the pod itself. */
  ingress: DirectionWalk | null;
  /** Equal to the cell's verdict (enforced), stagedVerdict (pending), promotedVerdict (promoted). */
  verdict: CellVerdict;
  /** Equal to the cell's decidedBy (enforced) or stagedDecidedBy (pending). */
  decidedBy: DecidedBy | null;
  /** Present exactly when verdict is 'unknown'. */
  unknownBecause?: string;
}

export interface Walkthrough extends WalkthroughQuery {
  /** A pod to itself: never leaves the pod, always allowed, no policy looked at (CALICO-SEMANTICS.md §7.1). */
  self: boolean;
  /** to: svc: only: the backend's port after DNAT, which the walk is at. */
  targetPort?: number;
  /** to: svc: only: the source is the backend; through the Service both its directions are policed. */
  hairpin?: boolean;
  /** enforced, then pending and promoted when a staged policy is alive. */
  modes: ModeWalk[];
}
