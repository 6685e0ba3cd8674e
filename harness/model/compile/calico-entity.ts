// One side (source or destination) of a Calico rule -> EntityMatch (updateprocessors/rules.go).
import type { Cidr } from '../net/cidr.ts';
import { parsePort, type PortMatch } from '../net/port.ts';
import type { EntityRuleDoc } from '../schema/calico.ts';
import { andNodes, type SelectorNode } from '../selector/index.ts';
import { tokenize } from '../selector/tokenizer.ts';
import type { EntityMatch } from './compiled.ts';
import type { Path, ProblemSink } from './problems.ts';
import { inNamespace, namespaceSelectorNode, parseField, rejectGlobal, serviceAccountNode, toSelector } from './selectors.ts';

export interface SideNets { nets?: Cidr[]; notNets?: Cidr[] }

function compilePorts(list: (string | number)[] | undefined, sink: ProblemSink, path: Path): PortMatch[] | undefined {
  if (list === undefined || list.length === 0) return undefined;
  const out: PortMatch[] = [];
  for (const [i, v] of list.entries()) {
    const p = parsePort(v);
    if (p.ok) out.push(p.port);
    else sink.field([...path, i], 'Port', v, p.message);
  }
  return out;
}

/** Calico's GetEntityRuleSelector: the namespace scope applies once any selector field is used. */
export function compileEntity(e: EntityRuleDoc, scopeNamespace: string | undefined, sink: ProblemSink, path: Path, nets: SideNets): EntityMatch {
  const selector = parseField(e.selector, sink, [...path, 'selector']);
  rejectGlobal(selector, sink, [...path, 'selector'], 'Selector field', e.selector);
  const notSelector = parseField(e.notSelector, sink, [...path, 'notSelector']);
  const namespaceSelector = parseField(e.namespaceSelector, sink, [...path, 'namespaceSelector']);
  checkGlobalAlone(e.namespaceSelector, sink, [...path, 'namespaceSelector']);
  const saSelector = parseField(e.serviceAccounts?.selector, sink, [...path, 'serviceAccounts', 'selector']);
  const parts: SelectorNode[] = [];
  const sa = e.serviceAccounts === undefined ? undefined : serviceAccountNode(e.serviceAccounts.names, saSelector);
  if (sa !== undefined) parts.push(sa);
  if (selector !== undefined) parts.push(selector);
  let scoped: SelectorNode | undefined = parts.length > 0 ? andNodes(...parts) : undefined;
  const nsNode = namespaceSelector !== undefined ? namespaceSelectorNode(namespaceSelector)
    : scopeNamespace !== undefined ? inNamespace(scopeNamespace) : undefined;
  if (nsNode !== undefined && (scoped !== undefined || notSelector !== undefined || namespaceSelector !== undefined)) {
    scoped = scoped === undefined ? nsNode : andNodes(nsNode, scoped);
  }
  const match: EntityMatch = {};
  const sel = toSelector(scoped);
  if (sel) match.selector = sel;
  const notSel = toSelector(notSelector);
  if (notSel) match.notSelector = notSel;
  if (nets.nets) match.nets = nets.nets;
  if (nets.notNets) match.notNets = nets.notNets;
  const ports = compilePorts(e.ports, sink, [...path, 'ports']);
  if (ports) match.ports = ports;
  const notPorts = compilePorts(e.notPorts, sink, [...path, 'notPorts']);
  if (notPorts) match.notPorts = notPorts;
  if (e.services !== undefined) {
    checkServices(e, sink, [...path, 'services']);
    match.services = { namespace: e.services.namespace ?? '', name: e.services.name };
  }
  return match;
}

/** validator/v3 validateEntityRule: what a services match cannot stand beside, in Calico's words. */
function checkServices(e: EntityRuleDoc, sink: ProblemSink, path: Path): void {
  const value = e.services;
  const problem = (reason: string) => sink.field(path, 'Services field', value, reason);
  if (value?.name === '') problem('must specify a service name');
  if (e.namespaceSelector !== undefined && e.namespaceSelector !== '') problem('cannot specify NamespaceSelector and Services on the same rule');
  if ((e.selector ?? '') !== '' || (e.notSelector ?? '') !== '') problem('cannot specify Selector/NotSelector and Services on the same rule');
  if (e.serviceAccounts !== undefined) problem('cannot specify ServiceAccounts and Services on the same rule');
  if ((e.nets?.length ?? 0) > 0 || (e.notNets?.length ?? 0) > 0) problem('cannot specify Nets/NotNets and Services on the same rule');
}

function checkGlobalAlone(value: string | undefined, sink: ProblemSink, path: Path): void {
  if (value === undefined || !value.includes('global(') || value === 'global()') return;
  let ok = false;
  try {
    const tokens = tokenize(value);
    ok = tokens.length <= 2 && tokens[0]?.kind === 'TokGlobal';
  } catch {
    ok = false;
  }
  if (!ok) sink.field(path, 'NamespaceSelector field', value, 'global() cannot be combined with other selectors');
}
