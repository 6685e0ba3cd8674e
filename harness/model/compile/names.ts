// Policy names, tiers and sort keys (libcalico-go/lib/names, validator/v3).
import type { CalicoVersion } from '../types.ts';
import type { PolicyKind } from './compiled.ts';

const LABEL = '[a-z0-9]([-a-z0-9]*[a-z0-9])?';
const SUBDOMAIN = `${LABEL}(\\.${LABEL})*`;
export const NAME_LABEL_REGEX = LABEL;
const networkPolicyName = new RegExp(`^((${LABEL})(\\.${LABEL})?|((?:knp|ossg)\\.default\\.(${SUBDOMAIN})))$`);
const globalNetworkPolicyName = new RegExp(`^(${LABEL}\\.)?${LABEL}$`);
const tierName = new RegExp(`^${LABEL}$`);
const subdomainName = new RegExp(`^${SUBDOMAIN}$`);

export const NAME_REASON = `name must consist of lower case alphanumeric characters or '-' (regex: ${LABEL})`;
export const SUBDOMAIN_REASON = `name must consist of lower case alphanumeric characters, '-' or '.' (regex: ${SUBDOMAIN})`;

export function isValidPolicyName(name: string, scope: 'namespaced' | 'global'): boolean {
  if (name.length > 253) return false;
  return (scope === 'namespaced' ? networkPolicyName : globalNetworkPolicyName).test(name);
}
export function isValidTierName(name: string): boolean {
  return name.length <= 63 && tierName.test(name);
}
export function isValidSubdomainName(name: string): boolean {
  return name.length <= 253 && subdomainName.test(name);
}

/** ValidateTieredPolicyName: names outside the default tier must be `<tier>.<name>`. */
export function tierPrefixProblem(name: string, tier: string): string | undefined {
  const dot = name.indexOf('.');
  if (dot === -1 && tier === 'default') return undefined;
  if (dot !== -1 && name.startsWith(`${tier}.`)) return undefined;
  return `Incorrectly formatted policy name ${name}`;
}

/** The backend name: default-tier policies without a prefix get `default.`. */
export function tieredName(name: string): string {
  return name.includes('.') ? name : `default.${name}`;
}

export interface BuiltInTiers { admin: string; baseline: string }

export function builtInTierNames(version: CalicoVersion): BuiltInTiers {
  return version === '3.32'
    ? { admin: 'kube-admin', baseline: 'kube-baseline' }
    : { admin: 'adminnetworkpolicy', baseline: 'baselineadminnetworkpolicy' };
}

export interface SortKeyInput {
  kind: PolicyKind;
  /** The resource's metadata.name. */
  name: string;
  namespace?: string | undefined;
}

/**
 * Tie-break key between policies of equal order (CALICO-SEMANTICS.md §1): the v1 name in
 * 3.30/3.31, name/namespace/kind in 3.32.
 */
export function sortKey(version: CalicoVersion, p: SortKeyInput): string {
  const ns = p.namespace === undefined ? '' : `${p.namespace}/`;
  if (version === '3.32') return `${displayName(p)}/${p.namespace ?? ''}/${p.kind}`;
  switch (p.kind) {
    case 'GlobalNetworkPolicy': return tieredName(p.name);
    case 'CalicoNetworkPolicy': return `${ns}${tieredName(p.name)}`;
    case 'StagedGlobalNetworkPolicy': return `staged:${tieredName(p.name)}`;
    case 'StagedNetworkPolicy': return `${ns}staged:${tieredName(p.name)}`;
    case 'NetworkPolicy': return `${ns}knp.default.${p.name}`;
    case 'StagedKubernetesNetworkPolicy': return `${ns}staged:knp.default.${p.name}`;
    case 'AdminNetworkPolicy': return `kanp.adminnetworkpolicy.${p.name}`;
    case 'BaselineAdminNetworkPolicy': return `kbanp.baselineadminnetworkpolicy.${p.name}`;
  }
}

/** The name Calico reports for a policy (decidedBy.policy). */
export function displayName(p: SortKeyInput): string {
  switch (p.kind) {
    case 'NetworkPolicy':
    case 'StagedKubernetesNetworkPolicy':
      return `knp.default.${p.name}`;
    case 'AdminNetworkPolicy': return `kanp.adminnetworkpolicy.${p.name}`;
    case 'BaselineAdminNetworkPolicy': return `kbanp.baselineadminnetworkpolicy.${p.name}`;
    default: return p.name;
  }
}
