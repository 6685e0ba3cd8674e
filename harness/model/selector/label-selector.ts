// Kubernetes label selectors (matchLabels / matchExpressions) in Calico's selector form,
// as libcalico-go's k8sSelectorToCalico builds them.
import type { SelectorNode } from './ast.ts';

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[] | undefined;
}
export interface LabelSelector {
  matchLabels?: Record<string, string> | undefined;
  matchExpressions?: LabelSelectorRequirement[] | undefined;
}

export const ORCHESTRATOR_K8S: SelectorNode = { op: '==', label: 'projectcalico.org/orchestrator', value: 'k8s' };

/**
 * kind 'pod' always adds projectcalico.org/orchestrator == 'k8s' (so only pods match);
 * kind 'namespace' turns an empty selector into all() (every namespace). An absent selector
 * gives the orchestrator test alone for pods and undefined for namespaces.
 */
export function labelSelectorToNode(selector: LabelSelector | undefined, kind: 'pod' | 'namespace'): SelectorNode | undefined {
  const terms: SelectorNode[] = kind === 'pod' ? [ORCHESTRATOR_K8S] : [];
  if (selector === undefined) return kind === 'pod' ? ORCHESTRATOR_K8S : undefined;
  const labels = selector.matchLabels ?? {};
  const expressions = selector.matchExpressions ?? [];
  if (kind === 'namespace' && Object.keys(labels).length === 0 && expressions.length === 0) return { op: 'all' };
  for (const key of Object.keys(labels).sort()) {
    terms.push({ op: '==', label: key, value: labels[key] ?? '' });
  }
  for (const e of expressions) terms.push(requirementToNode(e));
  if (terms.length === 0) return { op: 'all' };
  return terms.length === 1 && terms[0] ? terms[0] : { op: 'and', operands: terms };
}

function requirementToNode(e: LabelSelectorRequirement): SelectorNode {
  switch (e.operator) {
    case 'In': return { op: 'in', label: e.key, values: e.values ?? [] };
    case 'NotIn': return { op: 'not in', label: e.key, values: e.values ?? [] };
    case 'Exists': return { op: 'has', label: e.key };
    case 'DoesNotExist': return { op: 'not', operand: { op: 'has', label: e.key } };
  }
}
