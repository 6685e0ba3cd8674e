// Cluster-wide Calico resources carrying tierprobe's labels. Calico stores a v3 resource as a
// crd.projectcalico.org/v1 object whose own labels are empty: the v3 name and labels sit in
// its `projectcalico.org/metadata` annotation. Reading that is read-only; deleting goes through
// Calico's client like every other Calico write.
import * as k8s from '@kubernetes/client-node';
import { z } from 'zod';
import { EnvironmentError } from '../../errors.ts';
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure, httpStatus } from '../kube-error.ts';
import type { ResourceId } from '../../model/index.ts';
import { matches, type OwnedFilter } from './owned-filter.ts';

const calicoClusterKinds = [
  { kind: 'GlobalNetworkPolicy', plural: 'globalnetworkpolicies' },
  { kind: 'StagedGlobalNetworkPolicy', plural: 'stagedglobalnetworkpolicies' },
  { kind: 'GlobalNetworkSet', plural: 'globalnetworksets' },
  // Last: a Tier can only go once no policy is in it.
  { kind: 'Tier', plural: 'tiers' },
] as const;

const crdList = z.object({
  items: z.array(z.object({
    metadata: z.object({ name: z.string(), annotations: z.record(z.string(), z.string()).optional() }),
  })),
});
const v3Metadata = z.object({ name: z.string().optional(), labels: z.record(z.string(), z.string()).optional() });

/** A cluster-wide Calico resource as stored, with its v3 name and labels. */
export interface StoredCalicoResource { id: ResourceId; labels: Record<string, string> | undefined }

/**
 * Every cluster-wide Calico resource of the given kinds (default: all of them), policies
 * before tiers; one list per kind.
 */
export async function calicoClusterResources(clients: KubeClients, kinds: ReadonlySet<string> = allKinds): Promise<StoredCalicoResource[]> {
  const api = clients.config.makeApiClient(k8s.CustomObjectsApi);
  const found: StoredCalicoResource[] = [];
  for (const { kind, plural } of calicoClusterKinds) {
    if (!kinds.has(kind)) continue;
    let raw: unknown;
    try {
      raw = await api.listClusterCustomObject({ group: 'crd.projectcalico.org', version: 'v1', plural });
    } catch (e) {
      if (httpStatus(e) === 404) continue;
      throw apiFailure(`list ${plural}.crd.projectcalico.org`, e);
    }
    const list = crdList.safeParse(raw);
    if (!list.success) throw new EnvironmentError(`${plural}.crd.projectcalico.org came back in a shape tierprobe does not know: ${list.error.issues[0]?.message ?? ''}`, { hint: 'is this a Calico version tierprobe supports (3.30 or later)? npx tierprobe cluster status names it' });
    for (const item of list.data.items) {
      const meta = parseMetadata(item.metadata.annotations?.['projectcalico.org/metadata']);
      found.push({ id: { apiVersion: 'projectcalico.org/v3', kind, name: meta?.name ?? item.metadata.name }, labels: meta?.labels });
    }
  }
  return found;
}

/** The cluster-wide Calico resources the filter takes, policies before tiers. */
export async function ownedCalicoResources(clients: KubeClients, filter: OwnedFilter): Promise<ResourceId[]> {
  return (await calicoClusterResources(clients)).filter((r) => matches(filter, r.labels)).map((r) => r.id);
}

const allKinds: ReadonlySet<string> = new Set(calicoClusterKinds.map((k) => k.kind));

/** Whether a kind is one of Calico's cluster-wide kinds. */
export function isCalicoClusterKind(kind: string): boolean {
  return allKinds.has(kind);
}

function parseMetadata(text: string | undefined): z.infer<typeof v3Metadata> | undefined {
  if (text === undefined) return undefined;
  try {
    const parsed = v3Metadata.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}
