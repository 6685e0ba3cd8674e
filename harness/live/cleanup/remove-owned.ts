// Deletes what tierprobe created, found by label: one run's resources at its end, or every
// run's leftovers (a crashed or interrupted run) before a new one starts.
import { EnvironmentError } from '../../errors.ts';
import type { CalicoResourceClient } from '../../cluster/session.ts';
import type { Clock } from '../../time/clock.ts';
import { waitUntil } from '../../time/wait-until.ts';
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure, httpStatus } from '../kube-error.ts';
import type { Logger } from '../logger.ts';
import { policyClient } from '../policies/policy-client.ts';
import { ownedCalicoResources } from './calico-owned.ts';

const adminKinds = [
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy' },
  { apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy' },
] as const;

export interface RemoveOptions {
  /** Labels that select what to delete (ownedLabels(runId), or just the owner label). */
  labels: Record<string, string>;
  clock: Clock;
  logger: Logger;
  /** How long namespaces may take to disappear. */
  timeoutMs?: number;
}

/** Returns how many resources it deleted. Waits until the namespaces are gone, so their names can be reused. */
export async function removeOwned(clients: KubeClients, calico: CalicoResourceClient, o: RemoveOptions): Promise<number> {
  const selector = Object.entries(o.labels).map(([k, v]) => `${k}=${v}`).join(',');
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
    let items: { metadata?: { name?: string } }[];
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
  const calicoIds = await ownedCalicoResources(clients, o.labels);
  await policyClient(clients, calico).delete(calicoIds);
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
