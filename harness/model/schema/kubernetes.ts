// networking.k8s.io/v1 NetworkPolicy and policy.networking.k8s.io/v1alpha1 admin policies.
import { z } from 'zod';
import { labelSelectorSchema, objectMetaSchema } from './meta.ts';

export const k8sPortSchema = z.strictObject({
  protocol: z.string().optional(),
  port: z.union([z.number(), z.string()]).optional(),
  endPort: z.number().int().optional(),
});
export type K8sPortDoc = z.infer<typeof k8sPortSchema>;

export const k8sPeerSchema = z.strictObject({
  podSelector: labelSelectorSchema.optional(),
  namespaceSelector: labelSelectorSchema.optional(),
  ipBlock: z.strictObject({ cidr: z.string(), except: z.array(z.string()).optional() }).optional(),
});
export type K8sPeerDoc = z.infer<typeof k8sPeerSchema>;

export const k8sNetworkPolicySpecSchema = z.strictObject({
  podSelector: labelSelectorSchema.optional(),
  policyTypes: z.array(z.enum(['Ingress', 'Egress'])).optional(),
  ingress: z.array(z.strictObject({ from: z.array(k8sPeerSchema).optional(), ports: z.array(k8sPortSchema).optional() })).optional(),
  egress: z.array(z.strictObject({ to: z.array(k8sPeerSchema).optional(), ports: z.array(k8sPortSchema).optional() })).optional(),
});
export type K8sNetworkPolicySpec = z.infer<typeof k8sNetworkPolicySpecSchema>;

export const k8sNetworkPolicyDocSchema = z.strictObject({
  apiVersion: z.literal('networking.k8s.io/v1'),
  kind: z.literal('NetworkPolicy'),
  metadata: objectMetaSchema,
  spec: k8sNetworkPolicySpecSchema.optional(),
  status: z.unknown().optional(),
});

const protocol = z.enum(['TCP', 'UDP', 'SCTP']);
export const anpPortSchema = z.strictObject({
  portNumber: z.strictObject({ protocol: protocol.optional(), port: z.number().int() }).optional(),
  namedPort: z.string().optional(),
  portRange: z.strictObject({ protocol: protocol.optional(), start: z.number().int(), end: z.number().int() }).optional(),
});
export type AnpPortDoc = z.infer<typeof anpPortSchema>;

const namespacedPod = z.strictObject({ namespaceSelector: labelSelectorSchema, podSelector: labelSelectorSchema });
export const anpSubjectSchema = z.strictObject({ namespaces: labelSelectorSchema.optional(), pods: namespacedPod.optional() });
export const anpPeerSchema = z.strictObject({
  namespaces: labelSelectorSchema.optional(),
  pods: namespacedPod.optional(),
  nodes: labelSelectorSchema.optional(),
  networks: z.array(z.string()).optional(),
});
export type AnpPeerDoc = z.infer<typeof anpPeerSchema>;

const anpIngressPeer = anpPeerSchema.pick({ namespaces: true, pods: true });
const anpRuleBase = { name: z.string().optional(), action: z.string(), ports: z.array(anpPortSchema).optional() };
const anpIngressRule = z.strictObject({ ...anpRuleBase, from: z.array(anpIngressPeer).min(1) });
const anpEgressRule = z.strictObject({ ...anpRuleBase, to: z.array(anpPeerSchema).min(1) });
export type AnpIngressRuleDoc = z.infer<typeof anpIngressRule>;
export type AnpEgressRuleDoc = z.infer<typeof anpEgressRule>;

export const anpSpecSchema = z.strictObject({
  priority: z.number().int().min(0).max(1000),
  subject: anpSubjectSchema,
  ingress: z.array(anpIngressRule).max(100).optional(),
  egress: z.array(anpEgressRule).max(100).optional(),
});
export const banpSpecSchema = anpSpecSchema.omit({ priority: true });
export type AnpSpec = z.infer<typeof anpSpecSchema>;
export type BanpSpec = z.infer<typeof banpSpecSchema>;

export function adminDocSchema<S extends z.ZodType>(kind: 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy', spec: S) {
  return z.strictObject({
    apiVersion: z.literal('policy.networking.k8s.io/v1alpha1'),
    kind: z.literal(kind),
    metadata: objectMetaSchema,
    spec,
    status: z.unknown().optional(),
  });
}
