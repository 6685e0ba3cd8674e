// Rules in a form that is quick to test against a packet: peer tests are indices into the
// endpoints' predicate bits (-1: no such test).
import type { CompiledRule, EntityMatch, RuleAction } from '../compile/compiled.ts';
import type { PortMatch } from '../net/port.ts';
import type { Group } from './groups.ts';
import type { PredicateRegistry } from './predicates.ts';

export interface FastRule {
  action: RuleAction;
  never: boolean;
  protocol: number;
  notProtocol: number;
  ipVersion: number;
  srcSel: number;
  srcNotSel: number;
  srcNets: number;
  srcNotNets: number;
  dstSel: number;
  dstNotSel: number;
  dstNets: number;
  dstNotNets: number;
  dstPorts: PortMatch[] | null;
  dstNotPorts: PortMatch[] | null;
  /** svc:NS/NAME of a source `services` match (then srcSel tests it), for the why of a mismatch. */
  srcService: string | null;
  /** svc:NS/NAME of a destination `services` match (then dstPorts holds it as a named port). */
  dstService: string | null;
}

export interface Packet { src: Group; dst: Group; port: number; protocol: number; ipVersion: number }

export function toFastRule(r: CompiledRule, reg: PredicateRegistry): FastRule {
  const side = (e: EntityMatch) => ({
    sel: e.selector ? reg.selector(e.selector) : -1,
    notSel: e.notSelector ? reg.selector(e.notSelector) : -1,
    nets: e.nets ? reg.nets(e.nets) : -1,
    notNets: e.notNets ? reg.nets(e.notNets) : -1,
  });
  const src = side(r.source);
  const dst = side(r.destination);
  // Calico's service sets: the source's pod among the endpoints (IP only); the destination's pod,
  // protocol and port among the endpoints' (IP, port, protocol) members. services stands alone
  // on its side (validateEntityRule), so the slots are free; the DecisionTables then see them.
  const srcService = r.source.services ? serviceKey(r.source.services) : null;
  const dstService = r.destination.services ? serviceKey(r.destination.services) : null;
  if (srcService !== null) src.sel = reg.service(srcService);
  return {
    action: r.action, never: r.unsupported !== undefined,
    protocol: r.protocol ?? -1, notProtocol: r.notProtocol ?? -1, ipVersion: r.ipVersion ?? 0,
    srcSel: src.sel, srcNotSel: src.notSel, srcNets: src.nets, srcNotNets: src.notNets,
    dstSel: dst.sel, dstNotSel: dst.notSel, dstNets: dst.nets, dstNotNets: dst.notNets,
    dstPorts: dstService !== null ? [{ kind: 'named', name: dstService }] : r.destination.ports ?? null, dstNotPorts: r.destination.notPorts ?? null,
    srcService, dstService,
  };
}

function serviceKey(s: { namespace: string; name: string }): string {
  return `svc:${s.namespace}/${s.name}`;
}

function portMatches(ports: PortMatch[], p: Packet): boolean {
  for (const m of ports) {
    if (m.kind === 'range') {
      if (p.port >= m.min && p.port <= m.max) return true;
    } else if (p.dst.namedPorts.get(m.name)?.has(`${p.protocol}/${p.port}`)) {
      // A named port resolves on the destination endpoint, for the rule's (= packet's) protocol.
      return true;
    }
  }
  return false;
}

export function ruleMatches(r: FastRule, p: Packet): boolean {
  if (r.never) return false;
  if (r.protocol !== -1 && r.protocol !== p.protocol) return false;
  if (r.notProtocol !== -1 && r.notProtocol === p.protocol) return false;
  if (r.ipVersion !== 0 && r.ipVersion !== p.ipVersion) return false;
  const s = p.src.bits;
  const d = p.dst.bits;
  if (r.srcSel !== -1 && s[r.srcSel] === 0) return false;
  if (r.srcNotSel !== -1 && s[r.srcNotSel] === 1) return false;
  if (r.srcNets !== -1 && s[r.srcNets] === 0) return false;
  if (r.srcNotNets !== -1 && s[r.srcNotNets] === 1) return false;
  if (r.dstSel !== -1 && d[r.dstSel] === 0) return false;
  if (r.dstNotSel !== -1 && d[r.dstNotSel] === 1) return false;
  if (r.dstNets !== -1 && d[r.dstNets] === 0) return false;
  if (r.dstNotNets !== -1 && d[r.dstNotNets] === 1) return false;
  if (r.dstPorts !== null && !portMatches(r.dstPorts, p)) return false;
  if (r.dstNotPorts !== null && portMatches(r.dstNotPorts, p)) return false;
  return true;
}
