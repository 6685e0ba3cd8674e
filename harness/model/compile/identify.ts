// Resource identity of a document, for de-duplication and `delete` steps.
import { z } from 'zod';
import type { ResourceId } from '../types.ts';

const identitySchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.object({ name: z.string().min(1), namespace: z.string().optional() }),
});

const NAMESPACED_KINDS = new Set([
  'networking.k8s.io/v1/NetworkPolicy',
  'projectcalico.org/v3/NetworkPolicy',
  'projectcalico.org/v3/StagedNetworkPolicy',
  'projectcalico.org/v3/StagedKubernetesNetworkPolicy',
  'projectcalico.org/v3/NetworkSet',
]);

export function isNamespacedKind(apiVersion: string, kind: string): boolean {
  return NAMESPACED_KINDS.has(`${apiVersion}/${kind}`);
}

/**
 * apiVersion, kind, name and (for namespaced kinds) namespace, defaulting to "default" as
 * kubectl does; undefined when the document has no such identity.
 */
export function identify(doc: unknown): ResourceId | undefined {
  const parsed = identitySchema.safeParse(doc);
  if (!parsed.success) return undefined;
  const { apiVersion, kind, metadata } = parsed.data;
  if (!isNamespacedKind(apiVersion, kind)) return { apiVersion, kind, name: metadata.name };
  return { apiVersion, kind, namespace: metadata.namespace ?? 'default', name: metadata.name };
}

export function identityKey(id: ResourceId): string {
  return `${id.apiVersion}/${id.kind}/${id.namespace ?? ''}/${id.name}`;
}
