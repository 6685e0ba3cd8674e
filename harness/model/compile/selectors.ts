// Building Calico's v1 selectors from v3 fields (updateprocessors/rules.go, *policyprocessor.go).
import {
  andNodes, containsGlobal, parseSelector, prefixLabels, replaceFunctions, Selector, SelectorParseError,
  type SelectorNode,
} from '../selector/index.ts';
import type { Path, ProblemSink } from './problems.ts';

export const NAMESPACE_LABEL = 'projectcalico.org/namespace';
export const SERVICE_ACCOUNT_LABEL = 'projectcalico.org/serviceaccount';
export const NAMESPACE_PREFIX = 'pcns.';
export const SERVICE_ACCOUNT_PREFIX = 'pcsa.';

const GLOBAL_ONLY_IN_NAMESPACE_SELECTOR = 'global() can only be used in an EntityRule namespaceSelector';

export const hasNamespace: SelectorNode = { op: 'has', label: NAMESPACE_LABEL };
export const inNamespace = (ns: string): SelectorNode => ({ op: '==', label: NAMESPACE_LABEL, value: ns });

/** Parse a selector field, reporting Calico's parse error; '' and absent give undefined. */
export function parseField(value: string | undefined, sink: ProblemSink, path: Path): SelectorNode | undefined {
  if (value === undefined || value === '') return undefined;
  try {
    return parseSelector(value);
  } catch (e) {
    if (!(e instanceof SelectorParseError)) throw e;
    sink.invalid(path, `invalid selector ${JSON.stringify(value)}: ${e.reason} (at character ${e.position + 1})`);
    return undefined;
  }
}

/** Calico rejects global() everywhere except an entity rule's namespaceSelector. */
export function rejectGlobal(node: SelectorNode | undefined, sink: ProblemSink, path: Path, field: string, value: string | undefined): void {
  if (node !== undefined && containsGlobal(node)) sink.field(path, field, value, GLOBAL_ONLY_IN_NAMESPACE_SELECTOR);
}

/** A namespace selector as seen on endpoints: labels prefixed pcns., all() = in some namespace, global() = in none. */
export function namespaceSelectorNode(node: SelectorNode): SelectorNode {
  return replaceFunctions(prefixLabels(node, NAMESPACE_PREFIX), hasNamespace, { op: 'not', operand: hasNamespace });
}

export function serviceAccountNode(names: string[] | undefined, selector: SelectorNode | undefined): SelectorNode | undefined {
  const parts: SelectorNode[] = [];
  if (selector !== undefined) parts.push(prefixLabels(selector, SERVICE_ACCOUNT_PREFIX));
  if (names !== undefined && names.length > 0) parts.push({ op: 'in', label: SERVICE_ACCOUNT_LABEL, values: names });
  return parts.length === 0 ? undefined : andNodes(...parts);
}

export function toSelector(node: SelectorNode | undefined): Selector | undefined {
  return node === undefined ? undefined : new Selector(node);
}

/**
 * A GlobalNetworkPolicy's v1 selector: selector AND the pcns.-prefixed namespaceSelector AND the
 * pcsa.-prefixed serviceAccountSelector, with Calico's textual all() replacements.
 */
export function globalPolicySelector(
  selector: SelectorNode | undefined, namespaceSelector: SelectorNode | undefined, serviceAccountSelector: SelectorNode | undefined,
): SelectorNode {
  const keepGlobal: SelectorNode = { op: 'global' };
  let node: SelectorNode = selector ?? { op: 'all' };
  if (namespaceSelector) node = replaceFunctions(andNodes(node, prefixLabels(namespaceSelector, NAMESPACE_PREFIX)), hasNamespace, keepGlobal);
  if (serviceAccountSelector) {
    const hasSa: SelectorNode = { op: 'has', label: SERVICE_ACCOUNT_LABEL };
    node = replaceFunctions(andNodes(node, prefixLabels(serviceAccountSelector, SERVICE_ACCOUNT_PREFIX)), hasSa, keepGlobal);
  }
  return node;
}
