// Server-side apply and delete of plain Kubernetes objects (field manager `tierprobe`).
import { PatchStrategy, type KubernetesObject } from '@kubernetes/client-node';
import type { KubeClients } from './kube-clients.ts';
import { apiFailure, httpStatus } from './kube-error.ts';

export const fieldManager = 'tierprobe';

export function describeObject(o: KubernetesObject): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind ?? '?'} ${ns}${o.metadata?.name ?? '?'} (${o.apiVersion ?? '?'})`;
}

export async function serverSideApply(clients: KubeClients, o: KubernetesObject): Promise<void> {
  try {
    await clients.objects.patch(o, undefined, undefined, fieldManager, true, PatchStrategy.ServerSideApply);
  } catch (e) {
    throw apiFailure(`server-side apply ${describeObject(o)}`, e);
  }
}

/** Deletes an object; one already gone is fine. */
export async function deleteObject(clients: KubeClients, o: KubernetesObject, gracePeriodSeconds?: number): Promise<void> {
  try {
    await clients.objects.delete(o, undefined, undefined, gracePeriodSeconds, undefined, 'Background');
  } catch (e) {
    if (httpStatus(e) === 404) return;
    throw apiFailure(`delete ${describeObject(o)}`, e);
  }
}
