// The policies a capture writes, as users write them, in the order a replay applies them: tiers,
// then network sets (policies name them), then policies. Calico's own objects are recorded as
// present instead (calico-own.ts). Pure.
import { calicoOwnership, isConverted } from './calico-own.ts';
import { isRecord, stripServerFields } from './strip.ts';
import type { PolicyDocument, PresentObject } from './types.ts';

/** The projectcalico.org/v3 kinds the model reads, with whether they are namespaced. */
export const calicoKinds = [
  { kind: 'Tier', plural: 'tiers', namespaced: false },
  { kind: 'GlobalNetworkSet', plural: 'globalnetworksets', namespaced: false },
  { kind: 'NetworkSet', plural: 'networksets', namespaced: true },
  { kind: 'GlobalNetworkPolicy', plural: 'globalnetworkpolicies', namespaced: false },
  { kind: 'StagedGlobalNetworkPolicy', plural: 'stagedglobalnetworkpolicies', namespaced: false },
  { kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true },
  { kind: 'StagedNetworkPolicy', plural: 'stagednetworkpolicies', namespaced: true },
  { kind: 'StagedKubernetesNetworkPolicy', plural: 'stagedkubernetesnetworkpolicies', namespaced: true },
] as const;

/** The Kubernetes-side kinds, read through the API (no Calico client in between). */
export const kubeKinds = [
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', plural: 'adminnetworkpolicies', namespaced: false },
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', plural: 'baselineadminnetworkpolicies', namespaced: false },
  { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', plural: 'networkpolicies', namespaced: true },
] as const;

const rank = (o: Record<string, unknown>): number => {
  const kind = String(o['kind']);
  if (kind === 'Tier') return 0;
  if (kind.endsWith('NetworkSet')) return 1;
  return 2;
};

export interface PolicySelection {
  documents: PolicyDocument[];
  present: PresentObject[];
  /** Namespaced policies in namespaces not captured: left out, counted. */
  outside: number;
}

export function policyDocuments(kube: readonly unknown[], calico: readonly unknown[], namespaces: ReadonlySet<string>): PolicySelection {
  const present: PresentObject[] = [];
  const kept: Record<string, unknown>[] = [];
  let outside = 0;
  for (const raw of [...kube, ...calico]) {
    if (!isRecord(raw) || !isRecord(raw['metadata'])) continue;
    const kind = String(raw['kind'] ?? '');
    const name = String(raw['metadata']['name'] ?? '');
    const namespace = typeof raw['metadata']['namespace'] === 'string' ? raw['metadata']['namespace'] : undefined;
    const calicoObject = String(raw['apiVersion'] ?? '').startsWith('projectcalico.org/');
    if (calicoObject && isConverted(name)) continue;
    if (namespace !== undefined && !namespaces.has(namespace)) { outside++; continue; }
    const spec = isRecord(raw['spec']) ? raw['spec'] : {};
    const owner = calicoObject ? calicoOwnership(kind, name, typeof spec['tier'] === 'string' ? spec['tier'] : undefined) : { own: false as const };
    if (owner.own) { present.push({ kind, name, ...(namespace === undefined ? {} : { namespace }), why: owner.why }); continue; }
    kept.push(stripServerFields(raw));
  }
  kept.sort((a, b) => rank(a) - rank(b));
  const width = String(kept.length).length;
  const documents = kept.map((object, i): PolicyDocument => {
    const meta = isRecord(object['metadata']) ? object['metadata'] : {};
    const name = String(meta['name'] ?? '');
    const namespace = typeof meta['namespace'] === 'string' ? meta['namespace'] : undefined;
    const kind = String(object['kind']);
    const slug = [kind, namespace, name].filter(Boolean).join('-').toLowerCase().replace(/[^a-z0-9.-]+/g, '-');
    return { file: `policies/${String(i + 1).padStart(Math.max(2, width), '0')}-${slug}.yaml`, apiVersion: String(object['apiVersion']), kind, name, ...(namespace === undefined ? {} : { namespace }), object };
  });
  present.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name));
  return { documents, present, outside };
}
