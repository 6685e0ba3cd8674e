// projectcalico.org/v3 policy resources (spec shapes of github.com/projectcalico/api).
import { z } from 'zod';
import { objectMetaSchema } from './meta.ts';

const numOrString = z.union([z.number(), z.string()]);
const stringMap = z.record(z.string(), z.string());

export const entityRuleSchema = z.strictObject({
  nets: z.array(z.string()).optional(),
  notNets: z.array(z.string()).optional(),
  selector: z.string().optional(),
  notSelector: z.string().optional(),
  namespaceSelector: z.string().optional(),
  ports: z.array(numOrString).optional(),
  notPorts: z.array(numOrString).optional(),
  serviceAccounts: z.strictObject({
    names: z.array(z.string()).optional(),
    selector: z.string().optional(),
  }).optional(),
  services: z.strictObject({ name: z.string(), namespace: z.string().optional() }).optional(),
});
export type EntityRuleDoc = z.infer<typeof entityRuleSchema>;

const icmpSchema = z.strictObject({ type: z.number().int().optional(), code: z.number().int().optional() });

export const ruleSchema = z.strictObject({
  action: z.string(),
  protocol: numOrString.optional(),
  notProtocol: numOrString.optional(),
  icmp: icmpSchema.optional(),
  notICMP: icmpSchema.optional(),
  ipVersion: z.number().int().optional(),
  source: entityRuleSchema.optional(),
  destination: entityRuleSchema.optional(),
  http: z.strictObject({
    methods: z.array(z.string()).optional(),
    paths: z.array(z.strictObject({ exact: z.string().optional(), prefix: z.string().optional() })).optional(),
  }).optional(),
  metadata: z.strictObject({ annotations: stringMap.optional() }).optional(),
});
export type RuleDoc = z.infer<typeof ruleSchema>;

const policyType = z.enum(['Ingress', 'Egress']);

export const networkPolicySpecSchema = z.strictObject({
  order: z.number().optional(),
  tier: z.string().optional(),
  selector: z.string().optional(),
  types: z.array(policyType).optional(),
  ingress: z.array(ruleSchema).optional(),
  egress: z.array(ruleSchema).optional(),
  serviceAccountSelector: z.string().optional(),
  performanceHints: z.array(z.string()).optional(),
});

export const globalNetworkPolicySpecSchema = networkPolicySpecSchema.extend({
  namespaceSelector: z.string().optional(),
  doNotTrack: z.boolean().optional(),
  preDNAT: z.boolean().optional(),
  applyOnForward: z.boolean().optional(),
});

const stagedAction = { stagedAction: z.string().optional() };
export const stagedNetworkPolicySpecSchema = networkPolicySpecSchema.extend(stagedAction);
export const stagedGlobalNetworkPolicySpecSchema = globalNetworkPolicySpecSchema.extend(stagedAction);

/** The spec fields the Calico NP, GNP and staged kinds share (GNP-only fields optional). */
export type CalicoPolicySpec = z.infer<typeof stagedGlobalNetworkPolicySpecSchema>;

export const tierSpecSchema = z.strictObject({
  order: z.number().optional(),
  defaultAction: z.enum(['Deny', 'Pass']).optional(),
});

export const networkSetSpecSchema = z.strictObject({ nets: z.array(z.string()).optional() });

export function calicoDocSchema<S extends z.ZodType>(spec: S) {
  return z.strictObject({
    apiVersion: z.literal('projectcalico.org/v3'),
    kind: z.string(),
    metadata: objectMetaSchema,
    spec: spec.optional(),
  });
}
