// Server-side apply and delete of plain Kubernetes objects (field manager `tierprobe`).
import type { KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';
import type { KubeClients } from './kube-clients.ts';
import { apiFailure, httpStatus } from './kube-error.ts';
import { missingFields } from './policies/stored-fields.ts';

export const fieldManager = 'tierprobe';

export function describeObject(o: KubernetesObject): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind ?? '?'} ${ns}${o.metadata?.name ?? '?'} (${o.apiVersion ?? '?'})`;
}

/** Applies the object as written, and checks that the server kept every field it sets. */
export async function serverSideApply(clients: KubeClients, o: KubernetesObject): Promise<void> {
  let stored: unknown;
  try {
    stored = await clients.raw.serverSideApply(o, fieldManager);
  } catch (e) {
    throw apiFailure(`server-side apply ${describeObject(o)}`, e);
  }
  const lost = missingFields(o, stored);
  if (lost.length > 0) {
    throw new EnvironmentError(`the API server stored ${describeObject(o)} without ${lost.join(', ')}`, {
      hint: 'the cluster\'s API does not know these fields (an older API version?): the policy would not mean what it says',
    });
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
