// Why a rule did not match a packet: the first field ruleMatches (fast-rule.ts) fails on, tested
// in the same order on the same predicate bits, with the rule's own values to name it.
import type { CompiledRule } from '../compile/compiled.ts';
import { printPort, type PortMatch } from '../net/port.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import { ruleMatches, type FastRule, type Packet } from './fast-rule.ts';

/** field: the rule field, as written in Calico's v1 form (source.selector, destination.ports, ...). */
export interface RuleMismatch { field: string; message: string }

/** How each end of the packet is called in a message, such as "x/a" or "external:db (10.0.0.9)". */
export interface PacketNames { src: string; dst: string }

const PROTOCOL_NAMES = new Map(Object.entries(PROTOCOL_NUMBERS).map(([name, n]) => [n, name]));

export function protocolName(n: number): string {
  return PROTOCOL_NAMES.get(n) ?? String(n);
}

/** null exactly when ruleMatches(r, p) is true. */
export function ruleMismatch(r: FastRule, c: CompiledRule, p: Packet, names: PacketNames): RuleMismatch | null {
  if (r.never) {
    return { field: 'unsupported', message: `uses ${c.unsupported ?? 'a field'}, which the model cannot evaluate: the rule never matches` };
  }
  if (r.protocol !== -1 && r.protocol !== p.protocol) {
    return { field: 'protocol', message: `the protocol is ${protocolName(p.protocol)}; the rule wants ${protocolName(r.protocol)}` };
  }
  if (r.notProtocol !== -1 && r.notProtocol === p.protocol) {
    return { field: 'notProtocol', message: `the protocol is ${protocolName(p.protocol)}, which notProtocol excludes` };
  }
  if (r.ipVersion !== 0 && r.ipVersion !== p.ipVersion) {
    return { field: 'ipVersion', message: `the rule is for IPv${r.ipVersion}; the connection is IPv${p.ipVersion}` };
  }
  const s = p.src.bits;
  const d = p.dst.bits;
  const sides = [
    { side: 'source', bits: s, name: names.src, e: c.source, sel: r.srcSel, notSel: r.srcNotSel, nets: r.srcNets, notNets: r.srcNotNets },
    { side: 'destination', bits: d, name: names.dst, e: c.destination, sel: r.dstSel, notSel: r.dstNotSel, nets: r.dstNets, notNets: r.dstNotNets },
  ];
  if (r.srcService !== null && s[r.srcSel] === 0) {
    return { field: 'source.services', message: `source ${names.src} is not an endpoint of Service ${r.srcService.slice(4)}${emptyNamespace(r.srcService)}` };
  }
  for (const x of sides) {
    if (x.sel !== -1 && x.bits[x.sel] === 0) {
      return { field: `${x.side}.selector`, message: `${x.side} ${x.name} does not match selector ${x.e.selector?.canonical ?? '?'}${viaNetworkSets(x.name)}` };
    }
    if (x.notSel !== -1 && x.bits[x.notSel] === 1) {
      return { field: `${x.side}.notSelector`, message: `${x.side} ${x.name} matches notSelector ${x.e.notSelector?.canonical ?? '?'}` };
    }
    if (x.nets !== -1 && x.bits[x.nets] === 0) {
      return { field: `${x.side}.nets`, message: `${x.side} ${x.name} is in none of nets ${cidrs(x.e.nets)}` };
    }
    if (x.notNets !== -1 && x.bits[x.notNets] === 1) {
      return { field: `${x.side}.notNets`, message: `${x.side} ${x.name} is in notNets ${cidrs(x.e.notNets)}` };
    }
  }
  if (r.dstService !== null && r.dstPorts !== null && !portListMatches(r, r.dstPorts, p)) {
    return { field: 'destination.services', message: `${names.dst} ${p.port}/${protocolName(p.protocol)} is not an endpoint port of Service ${r.dstService.slice(4)}${emptyNamespace(r.dstService)}` };
  }
  if (r.dstPorts !== null && !portListMatches(r, r.dstPorts, p)) {
    return { field: 'destination.ports', message: `port ${p.port} is not in ports ${ports(r.dstPorts)}${namedNote(r.dstPorts, names.dst)}` };
  }
  if (r.dstNotPorts !== null && portListMatches(r, r.dstNotPorts, p)) {
    return { field: 'destination.notPorts', message: `port ${p.port} is in notPorts ${ports(r.dstNotPorts)}` };
  }
  return null;
}

/** ruleMatches' port test alone: the rule with only that list set. */
function portListMatches(r: FastRule, list: PortMatch[], p: Packet): boolean {
  const only: FastRule = {
    ...r, never: false, protocol: -1, notProtocol: -1, ipVersion: 0, srcSel: -1, srcNotSel: -1, srcNets: -1, srcNotNets: -1,
    dstSel: -1, dstNotSel: -1, dstNets: -1, dstNotNets: -1, dstPorts: list, dstNotPorts: null,
  };
  return ruleMatches(only, p);
}

/** A namespaced policy's services match without a namespace: Felix looks up /NAME. */
function emptyNamespace(key: string): string {
  return key.startsWith('svc:/') ? ' (no namespace written: Felix looks up "/NAME", which no Service is)' : '';
}

function viaNetworkSets(name: string): string {
  return name.startsWith('external:') ? ' (an external matches a selector only through a NetworkSet holding its address)' : '';
}

function cidrs(list: readonly { text: string }[] | undefined): string {
  return (list ?? []).map((c) => c.text).join(', ');
}

function ports(list: readonly PortMatch[]): string {
  return list.map(printPort).join(', ');
}

function namedNote(list: readonly PortMatch[], dst: string): string {
  return list.some((m) => m.kind === 'named') ? ` (a named port resolves on ${dst}'s own ports)` : '';
}
