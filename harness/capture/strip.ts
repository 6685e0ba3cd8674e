// Policies as users write them: the fields the server sets are removed, everything the object
// says about itself (Calico's defaulted types, order, tier; annotations users set) stays. Pure.

const serverSetMetadata = ['uid', 'resourceVersion', 'creationTimestamp', 'generation', 'selfLink', 'managedFields', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'ownerReferences', 'finalizers'] as const;
const serverSetAnnotations = ['kubectl.kubernetes.io/last-applied-configuration'];
/** tierprobe's own labels: a replay puts its own on; captured, they would only repeat a dead run's id. */
export const tierprobeLabelPrefix = 'tierprobe.dev/';

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Labels without tierprobe's; undefined when nothing is left. */
export function userLabels(labels: unknown): Record<string, string> {
  if (!isRecord(labels)) return {};
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(labels)) if (!k.startsWith(tierprobeLabelPrefix) && typeof v === 'string') out[k] = v;
  return out;
}

/** A copy of the object without status and server-set metadata; apiVersion, kind, metadata first. */
export function stripServerFields(o: Record<string, unknown>): Record<string, unknown> {
  const { status: _status, metadata, apiVersion, kind, ...rest } = o;
  const meta: Record<string, unknown> = isRecord(metadata) ? { ...metadata } : {};
  for (const key of serverSetMetadata) delete meta[key];
  const labels = userLabels(meta['labels']);
  if (Object.keys(labels).length > 0) meta['labels'] = labels; else delete meta['labels'];
  if (isRecord(meta['annotations'])) {
    const annotations = Object.fromEntries(Object.entries(meta['annotations']).filter(([k]) => !serverSetAnnotations.includes(k)));
    if (Object.keys(annotations).length > 0) meta['annotations'] = annotations; else delete meta['annotations'];
  }
  return { apiVersion, kind, metadata: meta, ...rest };
}
