// Kubernetes object metadata and label selectors, as strict zod schemas.
import { z } from 'zod';

const stringMap = z.record(z.string(), z.string());

export const objectMetaSchema = z.strictObject({
  name: z.string().min(1),
  namespace: z.string().min(1).optional(),
  labels: stringMap.optional(),
  annotations: stringMap.optional(),
  // Fields that appear in YAML exported from a cluster; they carry no policy meaning.
  uid: z.string().optional(),
  resourceVersion: z.string().optional(),
  generation: z.number().optional(),
  creationTimestamp: z.string().optional(),
  managedFields: z.array(z.unknown()).optional(),
  finalizers: z.array(z.string()).optional(),
});
export type ObjectMeta = z.infer<typeof objectMetaSchema>;

export const labelSelectorSchema = z.strictObject({
  matchLabels: stringMap.optional(),
  matchExpressions: z.array(z.strictObject({
    key: z.string().min(1),
    operator: z.enum(['In', 'NotIn', 'Exists', 'DoesNotExist']),
    values: z.array(z.string()).optional(),
  })).optional(),
});
export type LabelSelectorDoc = z.infer<typeof labelSelectorSchema>;

/** The fields every document shares; `spec` is checked by the kind's own schema. */
export const envelopeSchema = z.object({
  apiVersion: z.string(),
  kind: z.string(),
  metadata: z.unknown(),
  spec: z.unknown().optional(),
});
