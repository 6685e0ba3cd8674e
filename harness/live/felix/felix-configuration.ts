// The cluster's `default` FelixConfiguration, read-only, straight from the CRD Calico stores it
// in (crd.projectcalico.org/v1 felixconfigurations; the spec is the projectcalico.org/v3 spec).
// Felix also takes per-node FelixConfigurations (node.<name>) and FELIX_* environment
// variables of calico-node over this one; those are not read.
import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import { apiFailure, httpStatus } from '../kube-error.ts';
import { denyActionOf, type DenyActionReading, type DenySetting } from './deny-action.ts';

const where = { group: 'crd.projectcalico.org', version: 'v1', plural: 'felixconfigurations', name: 'default' };
const request = 'GET /apis/crd.projectcalico.org/v1/felixconfigurations/default';

/** The stored object, undefined when there is none (a 404: no such object, or no Calico CRDs). */
async function readStored(config: k8s.KubeConfig): Promise<unknown> {
  try {
    const stored: unknown = await config.makeApiClient(k8s.CustomObjectsApi).getClusterCustomObject(where);
    return stored;
  } catch (e) {
    if (httpStatus(e) === 404) return undefined;
    throw apiFailure(request, e);
  }
}

/** The deny action of the `default` FelixConfiguration, and the field it came from. */
export async function readDenyAction(config: k8s.KubeConfig): Promise<DenyActionReading> {
  return denyActionOf(await readStored(config));
}

/** Like readDenyAction, but never fails: a reading the live runner can always hand on. */
export async function readDenySetting(config: k8s.KubeConfig): Promise<DenySetting> {
  try {
    return await readDenyAction(config);
  } catch (e) {
    return { action: 'unknown', why: e instanceof Error ? e.message : String(e) };
  }
}

const storedSpec = z.object({ spec: z.record(z.string(), z.unknown()).optional() });

/** The whole stored spec of `default` (undefined: there is none), for a caller that must restore it exactly. */
export async function readDefaultSpec(config: k8s.KubeConfig): Promise<Record<string, unknown> | undefined> {
  const stored = await readStored(config);
  if (stored === undefined) return undefined;
  return storedSpec.parse(stored).spec ?? {};
}
