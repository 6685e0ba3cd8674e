// Deletes what tierprobe runs created, found by label: one run's resources at its end, or what
// dead runs left (crashed, killed) before a new run starts.
import * as k8s from '@kubernetes/client-node';
import { EnvironmentError } from '../../errors.ts';
import type { CalicoResourceClient } from '../../cluster/session.ts';
import type { Clock } from '../../time/clock.ts';
import { waitUntil } from '../../time/wait-until.ts';
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure, httpStatus } from '../kube-error.ts';
import type { Logger } from '../logger.ts';
import { policyClient } from '../policies/policy-client.ts';
import { leaseNamespace } from '../run-lease.ts';
import { ownedCalicoResources } from './calico-owned.ts';
import { labelSelector, type OwnedFilter } from './owned-filter.ts';

const adminKinds = [
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy' },
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy' },
] as const;

export interface RemoveOptions {
  clock: Clock;
  logger: Logger;
  /** How long namespaces may take to disappear. */
  timeoutMs?: number;
}

/**
 * Returns how many resources it deleted. Namespaces go first (with the namespaced policies in
 * them) and are waited for, so their names can be reused; then admin policies, Calico global
 * policies and tiers (a tier must be empty), then the runs' leases.
 */
export async function removeOwned(clients: KubeClients, calico: CalicoResourceClient, filter: OwnedFilter, o: RemoveOptions): Promise<number> {
  const selector = labelSelector(filter);
  const namespaces = (await request(`list namespaces -l ${selector}`, () => clients.core.listNamespace({ labelSelector: selector })))
    .items.map((n) => n.metadata?.name ?? '').filter(Boolean);
  // Pods first, without grace: the agent holds no state, and the namespace goes faster.
  await Promise.all(namespaces.map((namespace) => request(`delete pods -n ${namespace}`,
    () => clients.core.deleteCollectionNamespacedPod({ namespace, labelSelector: selector, gracePeriodSeconds: 0 }))));
  await Promise.all(namespaces.map((name) => remove(`delete namespace ${name}`, () => clients.core.deleteNamespace({ name }))));
  if (namespaces.length > 0) {
    o.logger.info(`deleting namespace(s) ${namespaces.join(', ')}`);
    const gone = await waitUntil(() => clients.core.listNamespace({ labelSelector: selector }), (l) => l.items.length === 0,
      { clock: o.clock, timeoutMs: o.timeoutMs ?? 180_000, intervalMs: 250 });
    if (!gone.done) {
      throw new EnvironmentError(`namespace(s) ${namespaces.join(', ')} still exist ${Math.round(gone.elapsedMs / 1000)} s after their deletion`, {
        hint: 'look for finalizers: kubectl get namespace -o yaml; then run again', command: `kubectl get namespaces -l ${selector}`,
      });
    }
  }
  let admin = 0;
  for (const { apiVersion, kind } of adminKinds) {
    let items: k8s.KubernetesObject[];
    try {
      items = (await clients.objects.list(apiVersion, kind, undefined, undefined, undefined, undefined, undefined, selector)).items;
    } catch (e) {
      if (httpStatus(e) === 404) continue; // the CRD is not installed
      throw apiFailure(`list ${kind} -l ${selector}`, e);
    }
    for (const item of items) {
      const name = item.metadata?.name;
      if (!name) continue;
      await remove(`delete ${kind} ${name}`, () => clients.objects.delete({ apiVersion, kind, metadata: { name } }));
      admin++;
    }
  }
  const calicoIds = await ownedCalicoResources(clients, filter);
  await policyClient(clients, calico).delete(calicoIds);
  const leases = clients.config.makeApiClient(k8s.CoordinationV1Api);
  await remove(`delete leases -l ${selector}`, () => leases.deleteCollectionNamespacedLease({ namespace: leaseNamespace, labelSelector: selector }));
  return namespaces.length + admin + calicoIds.length;
}

async function request<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (e) {
    throw apiFailure(what, e);
  }
}

/** A delete; what is already gone is fine. */
async function remove(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (e) {
    if (httpStatus(e) !== 404) throw apiFailure(what, e);
  }
}
