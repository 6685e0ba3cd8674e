// policy.networking.k8s.io/v1alpha1 AdminNetworkPolicy / BaselineAdminNetworkPolicy -> a
// GlobalNetworkPolicy in the admin tiers, as Calico 3.30/3.31 convert them (CALICO-SEMANTICS.md §5).
import type { RuleDoc } from '../schema/calico.ts';
import type { AnpEgressRuleDoc, AnpIngressRuleDoc, AnpPeerDoc, AnpPortDoc, BanpSpec } from '../schema/kubernetes.ts';
import { labelSelectorToNode, ORCHESTRATOR_K8S, printNode, Selector } from '../selector/index.ts';
import type { SourceRef } from '../types.ts';
import { compileCalicoRule } from './calico-rule.ts';
import type { CompiledPolicy, CompiledRule, Direction, PolicyKind } from './compiled.ts';
import type { CompileContext } from './context.ts';
import { validateLabelSelector } from './k8s-validation.ts';
import { builtInTierNames, displayName, sortKey } from './names.ts';
import type { Path, ProblemSink } from './problems.ts';
import { globalPolicySelector } from './selectors.ts';
import { parseCidr } from '../net/cidr.ts';
import { addPort, ANY_PORT, expandRule, type PortsByProtocol } from './rule-expansion.ts';

export type AdminKind = 'AdminNetworkPolicy' | 'BaselineAdminNetworkPolicy';
type AdminSpec = BanpSpec & { priority?: number | undefined };
type AnyRule = (AnpIngressRuleDoc | AnpEgressRuleDoc) & { from?: AnpPeerDoc[]; to?: AnpPeerDoc[] };

export function compileAdminPolicy(kind: AdminKind, name: string, spec: AdminSpec, source: SourceRef, ctx: CompileContext): CompiledPolicy | undefined {
  const { sink } = ctx;
  if (ctx.version === '3.32') {
    sink.unsupported([], `Calico 3.32 replaced ${kind} with ClusterNetworkPolicy; the model ignores this resource`);
    return undefined;
  }
  if (kind === 'BaselineAdminNetworkPolicy' && name !== 'default') {
    sink.invalid(['metadata', 'name'], 'Invalid value: "object": Only one baseline admin network policy with metadata.name="default" can be created in the cluster');
  }
  const selector = subjectSelector(spec, sink);
  const rules = {
    ingress: compileAdminRules(spec.ingress, 'ingress', kind, name, ctx),
    egress: compileAdminRules(spec.egress, 'egress', kind, name, ctx),
  };
  if (sink.hasInvalid() || selector === undefined) return undefined;
  const tiers = builtInTierNames(ctx.version);
  const k: PolicyKind = kind;
  return {
    name: displayName({ kind: k, name }), kind: k,
    tier: kind === 'AdminNetworkPolicy' ? tiers.admin : tiers.baseline,
    order: kind === 'AdminNetworkPolicy' ? (spec.priority ?? 0) : 1000,
    sortKey: sortKey(ctx.version, { kind: k, name }),
    selector,
    // The admin tiers pass by default, so only directions with rules matter.
    types: { ingress: rules.ingress.length > 0, egress: rules.egress.length > 0 },
    rules, source,
  };
}

function subjectSelector(spec: AdminSpec, sink: ProblemSink): Selector | undefined {
  const { namespaces, pods } = spec.subject;
  if ((namespaces === undefined) === (pods === undefined)) {
    sink.invalid(['spec', 'subject'], 'Invalid value: "object": Exactly one of namespaces or pods must be set');
    return undefined;
  }
  validateLabelSelector(namespaces ?? pods?.namespaceSelector, sink, ['spec', 'subject', namespaces ? 'namespaces' : 'pods']);
  const nsNode = labelSelectorToNode(namespaces ?? pods?.namespaceSelector ?? {}, 'namespace') ?? { op: 'all' };
  const podNode = pods ? labelSelectorToNode(pods.podSelector, 'pod') ?? ORCHESTRATOR_K8S : ORCHESTRATOR_K8S;
  return new Selector(globalPolicySelector(podNode, nsNode, undefined));
}

function compileAdminRules(rules: AnyRule[] | undefined, direction: Direction, kind: AdminKind, name: string, ctx: CompileContext): CompiledRule[] {
  const out: CompiledRule[] = [];
  const actions = kind === 'AdminNetworkPolicy' ? ['Allow', 'Deny', 'Pass'] : ['Allow', 'Deny'];
  for (const [i, rule] of (rules ?? []).entries()) {
    const path: Path = ['spec', direction, i];
    if (!actions.includes(rule.action)) {
      ctx.sink.invalid([...path, 'action'], `Unsupported value: ${JSON.stringify(rule.action)}: supported values: ${actions.map((a) => `"${a}"`).join(', ')}`);
      continue;
    }
    warnNamedPort(rule, `${kind} ${name} ${direction}[${i}]`, ctx, path);
    const docs = adminRuleToCalico(rule, direction, ctx.sink, path);
    if (docs === undefined) {
      // Calico fails closed: Deny and Pass rules it cannot convert become an unconditional Deny.
      if (rule.action !== 'Allow') out.push({ action: 'Deny', source: {}, destination: {} });
      continue;
    }
    for (const doc of docs) {
      const compiled = compileCalicoRule(doc, undefined, ctx.sink, path, { convertedByCalico: true });
      if (compiled) out.push(compiled);
    }
  }
  return out;
}

/**
 * Calico 3.30/3.31 do not translate namedPort: the rule matches every port and protocol. Calico
 * runs it that way, so the model does too; a warning, never an error (CALICO-SEMANTICS.md §5).
 */
function warnNamedPort(rule: AnyRule, where: string, ctx: CompileContext, path: Path): void {
  const j = (rule.ports ?? []).findIndex((p) => p.namedPort !== undefined);
  if (j === -1) return;
  const named = rule.ports?.[j]?.namedPort;
  ctx.sink.deviation([...path, 'ports', j, 'namedPort'],
    `${where}.ports[${j}]: namedPort ${JSON.stringify(named)} — Calico ${ctx.version} does not translate namedPort in (Baseline)AdminNetworkPolicy, ` +
    'so this rule matches every port and protocol, against the spec; the matrix shows what that opens or closes');
}

/** Rules per protocol (sorted), then per peer; undefined when Calico cannot convert the rule. */
function adminRuleToCalico(rule: AnyRule, direction: Direction, sink: ProblemSink, path: Path): RuleDoc[] | undefined {
  const byProtocol = groupAdminPorts(rule.ports, sink, [...path, 'ports']);
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  const peers = rule[peerKey] ?? [];
  const unsupportedPeer = peers.findIndex((p) => p.nodes !== undefined || (p.namespaces === undefined && p.pods === undefined && p.networks === undefined));
  if (unsupportedPeer !== -1) {
    const effect = rule.action === 'Allow' ? 'drops this Allow rule' : 'replaces this rule with an unconditional Deny';
    sink.unsupported([...path, peerKey, unsupportedPeer], `Calico cannot convert this peer (only namespaces, pods and networks are supported); it ${effect}`);
    return undefined;
  }
  return expandRule(rule.action, direction, byProtocol, peers, (peer, j) => adminPeerToEntity(peer, sink, [...path, peerKey, j]));
}

function groupAdminPorts(ports: AnpPortDoc[] | undefined, sink: ProblemSink, path: Path): PortsByProtocol {
  const out: PortsByProtocol = new Map();
  if (ports === undefined || ports.length === 0) return new Map(ANY_PORT);
  for (const [i, p] of ports.entries()) {
    const set = [p.portNumber, p.portRange, p.namedPort].filter((x) => x !== undefined).length;
    if (set !== 1) sink.invalid([...path, i], 'Invalid value: "object": Exactly one of portNumber, portRange or namedPort must be set');
    let value: string | number | undefined;
    let protocol = 'TCP';
    if (p.portNumber) {
      value = p.portNumber.port;
      protocol = p.portNumber.protocol ?? 'TCP';
    } else if (p.portRange) {
      if (p.portRange.start >= p.portRange.end) sink.invalid([...path, i, 'portRange'], 'Invalid value: "object": Start port must be less than End port');
      value = `${p.portRange.start}:${p.portRange.end}`;
      protocol = p.portRange.protocol ?? 'TCP';
    }
    if (value !== undefined) addPort(out, protocol, value);
  }
  // An untranslated namedPort (warnNamedPort) leaves the rule with no port match at all.
  return ports.some((p) => p.namedPort !== undefined) ? new Map(ANY_PORT) : out;
}

function adminPeerToEntity(peer: AnpPeerDoc, sink: ProblemSink, path: Path): NonNullable<RuleDoc['source']> {
  if (peer.networks !== undefined) {
    peer.networks.forEach((n, i) => {
      if (parseCidr(n) === undefined) sink.invalid([...path, 'networks', i], `Invalid value: ${JSON.stringify(n)}: must be a valid CIDR`);
    });
    return { nets: peer.networks };
  }
  if (peer.namespaces !== undefined) {
    validateLabelSelector(peer.namespaces, sink, [...path, 'namespaces']);
    return { namespaceSelector: printNode(labelSelectorToNode(peer.namespaces, 'namespace') ?? { op: 'all' }) };
  }
  const pods = peer.pods;
  if (pods === undefined) return {};
  validateLabelSelector(pods.podSelector, sink, [...path, 'pods', 'podSelector']);
  validateLabelSelector(pods.namespaceSelector, sink, [...path, 'pods', 'namespaceSelector']);
  return {
    selector: printNode(labelSelectorToNode(pods.podSelector, 'pod') ?? ORCHESTRATOR_K8S),
    namespaceSelector: printNode(labelSelectorToNode(pods.namespaceSelector, 'namespace') ?? { op: 'all' }),
  };
}
