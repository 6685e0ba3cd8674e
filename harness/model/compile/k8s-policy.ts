// networking.k8s.io/v1 NetworkPolicy and StagedKubernetesNetworkPolicy -> CompiledPolicy,
// through the Calico rules libcalico-go's K8sNetworkPolicyToCalico would build.
import type { RuleDoc } from '../schema/calico.ts';
import type { K8sNetworkPolicySpec, K8sPeerDoc, K8sPortDoc } from '../schema/kubernetes.ts';
import { andNodes, labelSelectorToNode, printNode, Selector } from '../selector/index.ts';
import type { SourceRef } from '../types.ts';
import { compileCalicoRule } from './calico-rule.ts';
import type { CompiledPolicy, CompiledRule, Direction, PolicyKind } from './compiled.ts';
import { policyIdentity } from './compiled.ts';
import type { CompileContext } from './context.ts';
import { validateK8sPeer, validateK8sPort, validateLabelSelector } from './k8s-validation.ts';
import { displayName, isValidSubdomainName, sortKey, SUBDOMAIN_REASON } from './names.ts';
import { checkStagedAction } from './policy-common.ts';
import type { Path } from './problems.ts';
import { inNamespace } from './selectors.ts';
import { addPort, ANY_PORT, expandRule, type PortsByProtocol } from './rule-expansion.ts';

export type K8sPolicyKind = 'NetworkPolicy' | 'StagedKubernetesNetworkPolicy';
type StagedK8sSpec = K8sNetworkPolicySpec & { stagedAction?: string | undefined };

export function k8sIdentity(name: string, namespace: string | undefined): string {
  return policyIdentity('kubernetes', namespace ?? 'default', `knp.default.${name}`);
}

export function compileK8sPolicy(
  kind: K8sPolicyKind, name: string, namespace: string | undefined, spec: StagedK8sSpec, source: SourceRef, ctx: CompileContext,
): CompiledPolicy | undefined {
  const ns = namespace ?? 'default';
  const { sink } = ctx;
  if (!isValidSubdomainName(name)) sink.invalid(['metadata', 'name'], `Invalid value: ${JSON.stringify(name)}: ${SUBDOMAIN_REASON}`);
  const staged = kind === 'StagedKubernetesNetworkPolicy'
    ? checkStagedAction(spec, sink, (s) => Object.entries(s).every(([k, v]) => k === 'stagedAction' || v === undefined),
      'Spec fields should all be zero-value if stagedAction is Delete')
    : undefined;
  validateLabelSelector(spec.podSelector, sink, ['spec', 'podSelector']);
  const rules = {
    ingress: compileK8sRules(spec.ingress?.map((r) => ({ peers: r.from, ports: r.ports })), 'ingress', ns, ctx),
    egress: compileK8sRules(spec.egress?.map((r) => ({ peers: r.to, ports: r.ports })), 'egress', ns, ctx),
  };
  if (sink.hasInvalid()) return undefined;
  const selector = new Selector(andNodes(labelSelectorToNode(spec.podSelector ?? {}, 'pod') ?? { op: 'all' }, inNamespace(ns)));
  // Promotion writes a networking.k8s.io NetworkPolicy, which Kubernetes then defaults.
  const make = (k: PolicyKind): CompiledPolicy => ({
    name: displayName({ kind: k, name }), kind: k, namespace: ns, tier: 'default', order: 1000,
    sortKey: sortKey(ctx.version, { kind: k, name, namespace: ns }), selector,
    types: k8sTypes(spec, k === 'NetworkPolicy' ? 'NetworkPolicy' : kind), rules, source,
  });
  const policy = make(kind === 'NetworkPolicy' ? 'NetworkPolicy' : 'StagedKubernetesNetworkPolicy');
  if (staged !== undefined) {
    const target = k8sIdentity(name, ns);
    policy.staged = staged === 'Delete' ? { action: staged, target } : { action: staged, target, promoted: make('NetworkPolicy') };
  }
  return policy;
}

/**
 * Kubernetes defaults policyTypes to Ingress, plus Egress when egress rules exist.
 * A StagedKubernetesNetworkPolicy gets no such defaulting: without policyTypes it is Ingress-only.
 */
function k8sTypes(spec: K8sNetworkPolicySpec, kind: K8sPolicyKind): Record<Direction, boolean> {
  const types = spec.policyTypes ?? [];
  if (types.length > 0) return { ingress: types.includes('Ingress'), egress: types.includes('Egress') };
  if (kind === 'StagedKubernetesNetworkPolicy') return { ingress: true, egress: false };
  return { ingress: true, egress: (spec.egress?.length ?? 0) > 0 };
}

interface K8sRule { peers: K8sPeerDoc[] | undefined; ports: K8sPortDoc[] | undefined }

function compileK8sRules(rules: K8sRule[] | undefined, direction: Direction, ns: string, ctx: CompileContext): CompiledRule[] {
  const out: CompiledRule[] = [];
  for (const [i, rule] of (rules ?? []).entries()) {
    const path: Path = ['spec', direction, i];
    rule.peers?.forEach((p, j) => validateK8sPeer(p, ctx.sink, [...path, direction === 'ingress' ? 'from' : 'to', j]));
    rule.ports?.forEach((p, j) => validateK8sPort(p, ctx.sink, [...path, 'ports', j]));
    if (ctx.sink.hasInvalid()) continue;
    for (const doc of k8sRuleToCalico(rule, direction)) {
      const compiled = compileCalicoRule(doc, ns, ctx.sink, path);
      if (compiled) out.push(compiled);
    }
  }
  return out;
}

/** libcalico-go's k8sRuleToCalico. */
export function k8sRuleToCalico(rule: K8sRule, direction: Direction): RuleDoc[] {
  const peers: (K8sPeerDoc | undefined)[] = rule.peers && rule.peers.length > 0 ? rule.peers : [undefined];
  return expandRule('Allow', direction, groupPorts(rule.ports), peers, peerToEntity);
}

function groupPorts(ports: K8sPortDoc[] | undefined): PortsByProtocol {
  if (ports === undefined || ports.length === 0) return new Map(ANY_PORT);
  const out: PortsByProtocol = new Map();
  for (const p of ports) {
    addPort(out, p.protocol ?? 'TCP', p.port === undefined ? undefined : p.endPort !== undefined ? `${p.port}:${p.endPort}` : p.port);
  }
  return out;
}

function peerToEntity(peer: K8sPeerDoc | undefined): NonNullable<RuleDoc['source']> {
  if (peer === undefined) return {};
  if (peer.ipBlock !== undefined) {
    return { nets: [peer.ipBlock.cidr], ...(peer.ipBlock.except?.length ? { notNets: peer.ipBlock.except } : {}) };
  }
  const selector = labelSelectorToNode(peer.podSelector, 'pod');
  const nsSelector = labelSelectorToNode(peer.namespaceSelector, 'namespace');
  return {
    ...(selector ? { selector: printNode(selector) } : {}),
    ...(nsSelector ? { namespaceSelector: printNode(nsSelector) } : {}),
  };
}
