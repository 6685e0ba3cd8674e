// Policy documents for tests, built from short specs.
type Spec = Record<string, unknown>;

const calico = (kind: string, metadata: Spec, spec?: Spec) => ({
  apiVersion: 'projectcalico.org/v3', kind, metadata, ...(spec ? { spec } : {}),
});

export const tier = (name: string, order?: number, defaultAction?: 'Deny' | 'Pass') =>
  calico('Tier', { name }, { ...(order === undefined ? {} : { order }), ...(defaultAction ? { defaultAction } : {}) });
export const gnp = (name: string, spec: Spec) => calico('GlobalNetworkPolicy', { name }, spec);
export const np = (namespace: string, name: string, spec: Spec) => calico('NetworkPolicy', { name, namespace }, spec);
export const stagedGnp = (name: string, spec: Spec) => calico('StagedGlobalNetworkPolicy', { name }, spec);
export const stagedNp = (namespace: string, name: string, spec: Spec) => calico('StagedNetworkPolicy', { name, namespace }, spec);
export const stagedKnp = (namespace: string, name: string, spec: Spec) => calico('StagedKubernetesNetworkPolicy', { name, namespace }, spec);
export const globalNetworkSet = (name: string, labels: Record<string, string>, nets: string[]) =>
  calico('GlobalNetworkSet', { name, labels }, { nets });
export const networkSet = (namespace: string, name: string, labels: Record<string, string>, nets: string[]) =>
  calico('NetworkSet', { name, namespace, labels }, { nets });

export const knp = (namespace: string, name: string, spec: Spec) => ({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec,
});
export const anp = (name: string, spec: Spec) => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name }, spec,
});
export const banp = (spec: Spec, name = 'default') => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name }, spec,
});

/** Ingress rules that deny or allow everything, for the common "policy X decides" tests. */
export const denyAll = { ingress: [{ action: 'Deny' }] };
export const allowAll = { ingress: [{ action: 'Allow' }] };
