// Which of a run's claims already exist in the cluster, with their labels. Read-only: a GET
// per namespace and admin policy, one list per Calico kind.
import type { KubeClients } from '../kube-clients.ts';
import { apiFailure, httpStatus } from '../kube-error.ts';
import type { ResourceId } from '../../model/index.ts';
import { calicoClusterResources, isCalicoClusterKind } from '../cleanup/calico-owned.ts';
import { isCalico } from '../policies/policy-client.ts';

export interface Existing { id: ResourceId; labels: Record<string, string> | undefined }

export async function lookUp(clients: KubeClients, claims: readonly ResourceId[]): Promise<Existing[]> {
  const found: Existing[] = [];
  const calicoClaims = claims.filter((c) => isCalico(c));
  if (calicoClaims.length > 0) {
    const stored = await calicoClusterResources(clients, new Set(calicoClaims.map((c) => c.kind)));
    for (const claim of calicoClaims) {
      if (!isCalicoClusterKind(claim.kind)) continue;
      const hit = stored.find((s) => s.id.kind === claim.kind && sameCalicoName(s.id.name, claim.name));
      if (hit) found.push({ id: claim, labels: hit.labels });
    }
  }
  for (const claim of claims.filter((c) => !isCalico(c))) {
    const labels = await labelsOf(clients, claim);
    if (labels !== null) found.push({ id: claim, labels });
  }
  return found;
}

/** A policy in tier default may be stored with or without the tier's prefix. */
function sameCalicoName(stored: string, written: string): boolean {
  const bare = (n: string) => n.replace(/^default\./, '');
  return stored === written || bare(stored) === bare(written);
}

/** The object's labels; null where it does not exist (or its kind is not installed). */
async function labelsOf(clients: KubeClients, id: ResourceId): Promise<Record<string, string> | undefined | null> {
  try {
    const o = id.kind === 'Namespace' && id.apiVersion === 'v1'
      ? await clients.core.readNamespace({ name: id.name })
      : await clients.objects.read({ apiVersion: id.apiVersion, kind: id.kind, metadata: { name: id.name } });
    return o.metadata?.labels;
  } catch (e) {
    if (httpStatus(e) === 404) return null;
    throw apiFailure(`get ${id.kind} ${id.name}`, e);
  }
}
