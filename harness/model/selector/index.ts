// Calico selectors: grammar, evaluation, and Kubernetes label selectors in the same form.
export { Selector, type Matcher } from './selector.ts';
export { SelectorParseError } from './selector-error.ts';
export {
  type Labels, type SelectorNode, andNodes, containsGlobal, evaluateNode, prefixLabels, printNode, replaceFunctions,
} from './ast.ts';
export { parseSelector } from './parser.ts';
export { type LabelSelector, type LabelSelectorRequirement, labelSelectorToNode, ORCHESTRATOR_K8S } from './label-selector.ts';
