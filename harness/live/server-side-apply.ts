// Server-side apply and delete of plain Kubernetes objects (field manager `tierprobe`).
import type { KubernetesObject } from '@kubernetes/client-node';
import { EnvironmentError } from '../errors.ts';
import type { KubeClients } from './kube-clients.ts';
import { apiFailure, httpStatus } from './kube-error.ts';
import { missingFields } from './policies/stored-fields.ts';
import { ForeignObjectError } from './preflight/foreign-object-error.ts';

export const fieldManager = 'tierprobe';

export function describeObject(o: KubernetesObject): string {
  const ns = o.metadata?.namespace ? `${o.metadata.namespace}/` : '';
  return `${o.kind ?? '?'} ${ns}${o.metadata?.name ?? '?'} (${o.apiVersion ?? '?'})`;
}

/** Applies the object as written, and checks that the server kept every field it sets (in meaning: stored-fields.ts). */
export async function serverSideApply(clients: KubeClients, o: KubernetesObject): Promise<void> {
  let stored: unknown;
  try {
    stored = await clients.raw.serverSideApply(o, fieldManager);
  } catch (e) {
    throw apiFailure(`server-side apply ${describeObject(o)}`, e);
  }
  checkStored(o, stored);
}

/**
 * Creates the object as written: a run's first write of anything is a create, so an object
 * of that name that appeared after the preflight (someone else's, another run's) is never
 * taken over. Checks, as apply does, that the server kept every field.
 */
export async function createObject(clients: KubeClients, o: KubernetesObject): Promise<void> {
  let stored: unknown;
  try {
    stored = await clients.raw.createRaw(o, fieldManager);
  } catch (e) {
    if (httpStatus(e) === 409) throw new ForeignObjectError([describeObject(o)], 'it appeared after the check that ran before the run wrote anything');
    throw apiFailure(`create ${describeObject(o)}`, e);
  }
  checkStored(o, stored);
}

function checkStored(o: KubernetesObject, stored: unknown): void {
  const lost = missingFields(o, stored);
  if (lost.length > 0) {
    throw new EnvironmentError(`the API server stored ${describeObject(o)} without ${lost.join(', ')}`, {
      hint: 'the cluster\'s API does not know these fields (an older API version, or a CRD schema that prunes them): the object would not mean what it says',
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
