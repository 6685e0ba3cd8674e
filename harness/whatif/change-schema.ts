// The Change document of a CHANGE file (README "tierprobe whatif"): a step's apply and delete
// entries, in the scenario format's own syntax (schema.ts), without the step around them.
import { z } from 'zod';
import { applyEntry, deleteEntry } from '../scenario/schema.ts';

export const changeApiVersion = 'tierprobe/v1alpha1';

export const changeSchema = z.strictObject({
  apiVersion: z.literal(changeApiVersion, { error: `must be ${changeApiVersion}` }),
  kind: z.literal('Change', { error: 'must be Change: a change file holds policy documents, or one Change document with apply and delete' }),
  metadata: z.strictObject({ name: z.string().min(1).optional(), description: z.string().optional() }).optional(),
  apply: z.array(applyEntry).default([]),
  delete: z.array(deleteEntry).default([]),
}).refine((c) => c.apply.length + c.delete.length > 0, 'a Change applies or deletes at least one resource (apply: [...], delete: [...])');

export type ChangeFile = z.output<typeof changeSchema>;

/** A tierprobe document rather than a policy: it is read as a Change (and told so if it is another kind). */
export function isTierprobeDocument(value: unknown): boolean {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { apiVersion, kind } = value as Record<string, unknown>;
  return (typeof apiVersion === 'string' && apiVersion.startsWith('tierprobe/')) || kind === 'Change';
}
