// One projectcalico.org/v3 rule -> CompiledRule, with Calico's validation (validator/v3 validateRule).
import { parseCidr, type Cidr } from '../net/cidr.ts';
import { parseProtocol, protocolSupportsPorts } from '../net/protocol.ts';
import type { RuleDoc } from '../schema/calico.ts';
import { compileEntity, type SideNets } from './calico-entity.ts';
import type { CompiledRule, RuleAction } from './compiled.ts';
import type { Path, ProblemSink } from './problems.ts';

const ACTIONS: readonly string[] = ['Allow', 'Deny', 'Pass', 'Log'];
const PORTS_NEED_PROTOCOL = 'rules that specify ports must set protocol to TCP or UDP or SCTP';
const NEVER_MATCHES = 'the model cannot evaluate it, so it treats the rule as never matching';

function isAction(a: string): a is RuleAction {
  return ACTIONS.includes(a);
}

/**
 * Calico's own conversion of (Baseline)AdminNetworkPolicy writes one rule with every network of
 * a peer, IPv4 and IPv6 together, and Felix splits it by family; only user-written rules are held
 * to one family (validator/v3 validateRule).
 */
export interface RuleOrigin { convertedByCalico?: boolean }

/** scopeNamespace: the policy's namespace, or undefined for global policies. */
export function compileCalicoRule(doc: RuleDoc, scopeNamespace: string | undefined, sink: ProblemSink, path: Path, origin: RuleOrigin = {}): CompiledRule | undefined {
  if (!isAction(doc.action)) {
    sink.field([...path, 'action'], 'Action', doc.action, 'failed to validate Field: Action because of Tag: action');
  }
  const protocol = protocolField(doc.protocol, sink, [...path, 'protocol'], 'Protocol');
  const notProtocol = protocolField(doc.notProtocol, sink, [...path, 'notProtocol'], 'NotProtocol');
  checkPortsHaveProtocol(doc, protocol, sink, path);
  checkIcmp(doc, protocol, sink, path);
  if (doc.ipVersion !== undefined && doc.ipVersion !== 4 && doc.ipVersion !== 6) {
    sink.field([...path, 'ipVersion'], 'IPVersion', doc.ipVersion, 'failed to validate Field: IPVersion because of Tag: ipVersion');
  }
  const nets = checkNets(doc, sink, path, origin);
  const source = compileEntity(doc.source ?? {}, scopeNamespace, sink, [...path, 'source'], nets.source);
  const destination = compileEntity(doc.destination ?? {}, scopeNamespace, sink, [...path, 'destination'], nets.destination);
  checkServices(doc, scopeNamespace, sink, path);
  const unsupported = unsupportedFields(doc, sink, path);
  if (!isAction(doc.action)) return undefined;
  const rule: CompiledRule = { action: doc.action, source, destination };
  if (protocol !== undefined) rule.protocol = protocol;
  if (notProtocol !== undefined) rule.notProtocol = notProtocol;
  if (doc.ipVersion === 4 || doc.ipVersion === 6) rule.ipVersion = doc.ipVersion;
  if (unsupported) rule.unsupported = unsupported;
  return rule;
}

function protocolField(value: string | number | undefined, sink: ProblemSink, path: Path, field: string): number | undefined {
  if (value === undefined) return undefined;
  const p = parseProtocol(value);
  if (!p.ok) {
    sink.field(path, field, value, p.message);
    return undefined;
  }
  return p.number;
}

function checkPortsHaveProtocol(doc: RuleDoc, protocol: number | undefined, sink: ProblemSink, path: Path): void {
  if (protocol !== undefined && protocolSupportsPorts(protocol)) return;
  for (const side of ['source', 'destination'] as const) {
    for (const key of ['ports', 'notPorts'] as const) {
      const list = doc[side]?.[key];
      if (list !== undefined && list.length > 0) {
        const field = `${side === 'source' ? 'Source' : 'Destination'}.${key === 'ports' ? 'Ports' : 'NotPorts'}`;
        sink.field([...path, side, key], field, list, PORTS_NEED_PROTOCOL);
      }
    }
  }
}

function checkIcmp(doc: RuleDoc, protocol: number | undefined, sink: ProblemSink, path: Path): void {
  for (const key of ['icmp', 'notICMP'] as const) {
    const icmp = doc[key];
    if (icmp === undefined) continue;
    if (key === 'icmp' && protocol !== 1 && protocol !== 58) {
      sink.field([...path, key], 'ICMP', icmp, 'rules that specify ICMP fields must set protocol to ICMP');
    }
    if (icmp.code !== undefined && icmp.type === undefined) {
      sink.field([...path, key, 'code'], 'Code', icmp.code, 'ICMP code specified without an ICMP type');
    }
  }
}


function checkNets(doc: RuleDoc, sink: ProblemSink, path: Path, origin: RuleOrigin): { source: SideNets; destination: SideNets } {
  const out: { source: SideNets; destination: SideNets } = { source: {}, destination: {} };
  let seen4 = false;
  let seen6 = false;
  for (const side of ['source', 'destination'] as const) {
    for (const key of ['nets', 'notNets'] as const) {
      const list = doc[side]?.[key];
      if (list === undefined) continue;
      const field = `${side === 'source' ? 'Source' : 'Destination'}.${key === 'nets' ? 'Nets' : 'NotNets'}`;
      const cidrs: Cidr[] = [];
      let v4 = false;
      let v6 = false;
      for (const [i, text] of list.entries()) {
        const c = parseCidr(text);
        if (c === undefined) {
          sink.field([...path, side, key, i], field, text, 'invalid CIDR');
          continue;
        }
        cidrs.push(c);
        v4 ||= c.version === 4;
        v6 ||= c.version === 6;
      }
      if ((doc.ipVersion === 4 && v6) || (doc.ipVersion === 6 && v4)) {
        sink.field([...path, side, key], field, list, "rule IP version doesn't match CIDR version");
      }
      if (!origin.convertedByCalico && ((v4 && seen6) || (v6 && seen4) || (v4 && v6))) {
        sink.field([...path, side, key], field, list, 'rule contains both IPv4 and IPv6 CIDRs');
      }
      seen4 ||= v4;
      seen6 ||= v6;
      out[side][key] = cidrs;
    }
  }
  return out;
}

/**
 * validator/v3 (validateRule, validateNetworkPolicySpec, validateGlobalNetworkPolicySpec): a
 * destination services match only in egress rules and without ports, a source one only in
 * ingress rules; a global policy must name the Service's namespace. A namespaced policy that
 * leaves it out passes validation, but Felix (3.30 to 3.32) then matches no Service at all.
 */
function checkServices(doc: RuleDoc, scopeNamespace: string | undefined, sink: ProblemSink, path: Path): void {
  const dst = doc.destination?.services;
  const src = doc.source?.services;
  if (dst === undefined && src === undefined) return;
  // compileRules' paths end in [..., 'ingress' | 'egress', index].
  const direction = path.at(-2);
  if (dst !== undefined) {
    if ((doc.destination?.ports?.length ?? 0) > 0) sink.field([...path, 'destination', 'ports'], 'Destination.Ports', doc.destination?.ports, 'cannot specify ports with a service selector');
    if ((doc.destination?.notPorts?.length ?? 0) > 0) sink.field([...path, 'destination', 'notPorts'], 'Destination.NotPorts', doc.destination?.notPorts, 'cannot specify notports with a service selector');
    if (direction === 'ingress') sink.field([...path, 'destination', 'services'], 'Services', dst, 'not allowed in ingress rule destination');
  }
  if (src !== undefined && direction === 'egress') sink.field([...path, 'source', 'services'], 'Services', src, 'not allowed in egress rule source');
  const named = direction === 'egress' ? dst : direction === 'ingress' ? src : undefined;
  const side = direction === 'egress' ? 'destination' : 'source';
  if (named === undefined || (named.namespace ?? '') !== '') return;
  if (scopeNamespace === undefined) sink.field([...path, side, 'services', 'namespace'], 'Namespace', '', 'must specify a namespace');
  else {
    sink.deviation([...path, side, 'services'], `${side}.services names no namespace: Calico's API documents the policy's namespace (${scopeNamespace}) as the default, but Felix looks up the Service "/${named.name}" (libcalico-go updateprocessors/rules.go copies the empty namespace; felix/calc/rule_scanner.go), which no Service is, so the rule matches nothing; write namespace: ${scopeNamespace}`);
  }
}

/** Fields the model cannot evaluate: reported, and the rule never matches. */
function unsupportedFields(doc: RuleDoc, sink: ProblemSink, path: Path): string | undefined {
  const reasons: string[] = [];
  if (doc.http !== undefined) {
    if (doc.action !== 'Allow') sink.field([...path, 'http'], 'HTTP', doc.http, 'only valid for Allow rules');
    else {
      sink.unsupported([...path, 'http'], `http match needs Calico's application layer policy; ${NEVER_MATCHES}`);
      reasons.push('http');
    }
  }
  for (const key of ['ports', 'notPorts'] as const) {
    if ((doc.source?.[key]?.length ?? 0) > 0) {
      sink.unsupported([...path, 'source', key], `source.${key} depends on the client's ephemeral port; ${NEVER_MATCHES}`);
      reasons.push(`source.${key}`);
    }
  }
  return reasons.length > 0 ? reasons.join(', ') : undefined;
}
