import { z } from 'zod';

// Goldmane's FlowResult (goldmane/proto/api.proto), as @grpc/proto-loader decodes it with
// enums as strings and int64 as strings. Only the fields tierprobe reads.
const int64 = z.union([z.string(), z.number()]).transform(Number);

const hitFields = {
  kind: z.string(),
  namespace: z.string(),
  name: z.string(),
  tier: z.string(),
  action: z.string(),
  policy_index: int64,
  rule_index: int64,
};

/** An EndOfTier hit's trigger: the policy whose tier ended (Felix: the tier's last enforced policy). */
const triggerSchema = z.object({ kind: z.string(), namespace: z.string(), name: z.string(), tier: z.string() });

export const policyHitSchema = z.object({ ...hitFields, trigger: triggerSchema.nullish() });

export const flowResultSchema = z.object({
  id: int64,
  flow: z.object({
    Key: z.object({
      source_name: z.string(),
      source_namespace: z.string(),
      source_type: z.string(),
      dest_name: z.string(),
      dest_namespace: z.string(),
      dest_type: z.string(),
      dest_port: int64,
      proto: z.string(),
      reporter: z.string(),
      action: z.string(),
      policies: z.object({
        enforced_policies: z.array(policyHitSchema).default([]),
        pending_policies: z.array(policyHitSchema).default([]),
      }).nullish(),
    }),
    start_time: int64,
    end_time: int64,
    /** "key=value": the labels every aggregated endpoint carries (Goldmane aggregates pods by name prefix). */
    source_labels: z.array(z.string()).optional(),
    dest_labels: z.array(z.string()).optional(),
    num_connections_started: int64,
  }),
});

export const flowListResultSchema = z.object({
  meta: z.object({ totalPages: int64, totalResults: int64 }).nullish(),
  flows: z.array(flowResultSchema).default([]),
});

export type FlowResult = z.infer<typeof flowResultSchema>;
export type PolicyHit = z.infer<typeof policyHitSchema>;
