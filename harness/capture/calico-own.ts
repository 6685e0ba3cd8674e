// What on a cluster is Calico's own rather than the users': its built-in tiers (which name
// depends on the version) and the policies the Tigera operator writes (tier allow-tigera). A
// replay must not write them: kind's Calico has its own built-in tiers, and allow-tigera belongs
// to the operator. They are recorded as present instead. Pure.

/** Every name Calico has used for a built-in tier (3.30: adminnetworkpolicy...; later kube-admin...). */
export const builtInTiers: ReadonlySet<string> = new Set(['default', 'adminnetworkpolicy', 'baselineadminnetworkpolicy', 'kube-admin', 'kube-baseline']);

/** Calico's names for policies it converts from Kubernetes kinds, which calicoctl may list beside the users' own. */
const convertedPrefixes = ['knp.default.', 'kanp.', 'kbanp.', 'ossg.'];

export type Ownership = { own: false } | { own: true; why: string };

export function calicoOwnership(kind: string, name: string, tier: string | undefined): Ownership {
  if (kind === 'Tier' && builtInTiers.has(name)) return { own: true, why: 'built-in tier: every Calico cluster has it' };
  if (kind === 'Tier' && name === 'allow-tigera') return { own: true, why: "the Tigera operator's tier" };
  if (name.startsWith('allow-tigera.') || tier === 'allow-tigera') return { own: true, why: "the Tigera operator's policy (tier allow-tigera)" };
  return { own: false };
}

/** A v3 name that stands for a Kubernetes object, read separately from its own API. */
export function isConverted(name: string): boolean {
  return convertedPrefixes.some((p) => name.startsWith(p));
}
