// What one flow record's policy trace decided, and who decided it, in Calico's own terms and in
// the model's (the documented mapping of README "Flow evidence").
import type { DecidedBy, Verdict } from '../model/index.ts';
import type { PolicyHit } from './flow-schema.ts';

/** A policy hit as Calico logs it: the bare name (no tier prefix, no `staged:`), its kind and tier. */
export interface LoggedHit {
  kind: string;
  tier: string;
  name: string;
  namespace?: string;
  action: 'Allow' | 'Deny' | 'Pass';
  ruleIndex: number;
  /** EndOfTier only: the policy whose tier ended (Felix names the tier's last policy for that direction). */
  trigger?: { kind: string; name: string; namespace?: string };
}

export interface TraceDecision {
  verdict: Verdict;
  /** The last hit by policy_index: what Calico says decided (a Profile for no policy); absent for a record without a trace. */
  decidingHit?: LoggedHit;
  /** decidingHit in the model's terms: null for a Profile allow with no Pass before it; undefined without a trace. */
  asModel?: DecidedBy | null;
}

/**
 * The decision of a trace. Hits are unordered before Calico 3.31.5, so they are sorted by
 * policy_index. A trailing Profile allow after a Pass is the Pass's decision, as in the model
 * (harness/model/evaluate/trace.ts): the last policy that acted. undefined for an empty trace.
 */
export function decideTrace(hits: readonly PolicyHit[]): TraceDecision | undefined {
  const sorted = [...hits].sort((a, b) => a.policy_index - b.policy_index);
  const last = sorted.at(-1);
  if (!last) return undefined;
  const decidingHit = loggedHit(last);
  const verdict: Verdict = decidingHit.action === 'Deny' ? 'deny' : 'allow';
  let attributed: LoggedHit | undefined = decidingHit.kind === 'Profile' ? undefined : decidingHit;
  if (!attributed) {
    const pass = sorted.findLast((h) => h.action === 'Pass');
    if (pass) attributed = loggedHit(pass);
  }
  return { verdict, decidingHit, asModel: attributed ? inModelTerms(attributed) : null };
}

export function loggedHit(h: PolicyHit): LoggedHit {
  const action = h.action === 'Deny' || h.action === 'Pass' ? h.action : 'Allow';
  const trigger = h.trigger ? { kind: h.trigger.kind, name: h.trigger.name, ...(h.trigger.namespace ? { namespace: h.trigger.namespace } : {}) } : undefined;
  return { kind: h.kind, tier: h.tier, name: h.name, ...(h.namespace ? { namespace: h.namespace } : {}), action, ruleIndex: h.rule_index, ...(trigger ? { trigger } : {}) };
}

/**
 * A logged hit as the model names what decided: a Kubernetes NetworkPolicy (and its staged kind)
 * `knp.default.<name>`, an admin policy `kanp.adminnetworkpolicy.<name>` / `kbanp.baselineadminnetworkpolicy.<name>`,
 * a Calico policy `<tier>.<name>` outside `default`; an EndOfTier hit is its trigger's end of tier (rule -1).
 */
export function inModelTerms(h: LoggedHit): DecidedBy | null {
  if (h.kind === 'Profile') return null;
  const of = adminPolicy(h.kind === 'EndOfTier' && h.trigger ? h.trigger : h);
  return {
    tier: h.tier, policy: modelPolicyName(of.kind, h.tier, of.name), kind: of.kind,
    ...(of.namespace ? { namespace: of.namespace } : {}), ruleIndex: h.kind === 'EndOfTier' ? -1 : h.ruleIndex, action: h.action,
  };
}

/**
 * Calico 3.31.0 logs an admin policy's hit as a GlobalNetworkPolicy named `kanp.<tier>.<name>`
 * (Felix prefixes the tier, so Goldmane's parser misses the `kanp.` prefix; seen live): it is the
 * AdminNetworkPolicy <name> (kbanp.: the BaselineAdminNetworkPolicy).
 */
function adminPolicy<T extends { kind: string; name: string }>(p: T): T {
  if (p.kind !== 'GlobalNetworkPolicy') return p;
  const m = /^(kanp|kbanp)\.[^.]+\.(.+)$/.exec(p.name);
  if (!m?.[2]) return p;
  return { ...p, kind: m[1] === 'kanp' ? 'AdminNetworkPolicy' : 'BaselineAdminNetworkPolicy', name: m[2] };
}

function modelPolicyName(kind: string, tier: string, name: string): string {
  switch (kind) {
    case 'NetworkPolicy':
    case 'StagedKubernetesNetworkPolicy': return `knp.default.${name}`;
    case 'AdminNetworkPolicy': return `kanp.adminnetworkpolicy.${name}`;
    case 'BaselineAdminNetworkPolicy': return `kbanp.baselineadminnetworkpolicy.${name}`;
    default: return tier === 'default' ? name : `${tier}.${name}`;
  }
}

/**
 * Whether the model's attribution and the logged one name the same decision. A default-tier
 * Calico policy may be written `default.x` or `x`: both log as `x`.
 */
export function sameDecider(model: DecidedBy | null | undefined, logged: DecidedBy | null | undefined): boolean {
  if (model === undefined || logged === undefined) return true;
  if (model === null || logged === null) return model === logged;
  return model.tier === logged.tier && model.kind === logged.kind && (model.namespace ?? '') === (logged.namespace ?? '')
    && model.ruleIndex === logged.ruleIndex && model.action === logged.action && bare(model.policy, model.tier) === bare(logged.policy, logged.tier);
}

function bare(policy: string, tier: string): string {
  return tier === 'default' && policy.startsWith('default.') ? policy.slice('default.'.length) : policy;
}

/** e.g. "security.deny-x-y rule 0 (GlobalNetworkPolicy, tier security): Deny". */
export function describeDecider(d: DecidedBy | null): string {
  if (d === null) return 'no policy (the namespace profile allows)';
  const where = `${d.kind}${d.namespace ? ` in ${d.namespace}` : ''}, tier ${d.tier}`;
  return `${d.policy} ${d.ruleIndex === -1 ? 'end of tier' : `rule ${d.ruleIndex}`} (${where}): ${d.action}`;
}
