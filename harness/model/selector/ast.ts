// Selector syntax tree, evaluation and Calico's canonical printing (parser/ast.go).

/** Labels as a selector sees them. */
export type Labels = ReadonlyMap<string, string>;

export type SelectorNode =
  | { op: 'all' }
  | { op: 'global' }
  | { op: 'has'; label: string }
  | { op: '==' | '!=' | 'contains' | 'starts with' | 'ends with'; label: string; value: string }
  | { op: 'in' | 'not in'; label: string; values: readonly string[] }
  | { op: 'not'; operand: SelectorNode }
  | { op: 'and' | 'or'; operands: readonly SelectorNode[] };

export function evaluateNode(node: SelectorNode, labels: Labels): boolean {
  switch (node.op) {
    case 'all':
    case 'global':
      return true;
    case 'has':
      return labels.has(node.label);
    case 'not':
      return !evaluateNode(node.operand, labels);
    case 'and':
      return node.operands.every((o) => evaluateNode(o, labels));
    case 'or':
      return node.operands.some((o) => evaluateNode(o, labels));
    default:
      return evaluateLabelTest(node, labels.get(node.label));
  }
}

type LabelTest = Extract<SelectorNode, { label: string }>;

function evaluateLabelTest(node: LabelTest, value: string | undefined): boolean {
  // Calico: only != and "not in" are true for an absent label.
  if (value === undefined) return node.op === '!=' || node.op === 'not in';
  switch (node.op) {
    case '==': return value === node.value;
    case '!=': return value !== node.value;
    case 'contains': return value.includes(node.value);
    case 'starts with': return value.startsWith(node.value);
    case 'ends with': return value.endsWith(node.value);
    case 'in': return node.values.includes(value);
    case 'not in': return !node.values.includes(value);
    case 'has': return true;
  }
}

function quote(s: string): string {
  return s.includes('"') ? `'${s}'` : `"${s}"`;
}

/** Calico's canonical string form (used to deduplicate selectors). */
export function printNode(node: SelectorNode): string {
  switch (node.op) {
    case 'all': return 'all()';
    case 'global': return 'global()';
    case 'has': return `has(${node.label})`;
    case 'not': return `!${printNode(node.operand)}`;
    case 'and':
    case 'or':
      return `(${node.operands.map(printNode).join(node.op === 'and' ? ' && ' : ' || ')})`;
    case 'in':
    case 'not in':
      return `${node.label} ${node.op} {${[...new Set(node.values)].sort().map(quote).join(', ')}}`;
    default:
      return `${node.label} ${node.op} ${quote(node.value)}`;
  }
}

/** Prefix every label name (Calico's PrefixVisitor: pcns. for namespaces, pcsa. for service accounts). */
export function prefixLabels(node: SelectorNode, prefix: string): SelectorNode {
  switch (node.op) {
    case 'all':
    case 'global':
      return node;
    case 'not':
      return { op: 'not', operand: prefixLabels(node.operand, prefix) };
    case 'and':
    case 'or':
      return { op: node.op, operands: node.operands.map((o) => prefixLabels(o, prefix)) };
    default:
      return { ...node, label: prefix + node.label };
  }
}

/** Replace all() and global() nodes (Calico does this textually for namespace selectors). */
export function replaceFunctions(node: SelectorNode, all: SelectorNode, global: SelectorNode): SelectorNode {
  switch (node.op) {
    case 'all': return all;
    case 'global': return global;
    case 'not': return { op: 'not', operand: replaceFunctions(node.operand, all, global) };
    case 'and':
    case 'or':
      return { op: node.op, operands: node.operands.map((o) => replaceFunctions(o, all, global)) };
    default:
      return node;
  }
}

export function andNodes(...nodes: SelectorNode[]): SelectorNode {
  const operands = nodes.filter((n) => n.op !== 'all');
  if (operands.length === 0) return { op: 'all' };
  if (operands.length === 1 && operands[0]) return operands[0];
  return { op: 'and', operands };
}

export function containsGlobal(node: SelectorNode): boolean {
  switch (node.op) {
    case 'global': return true;
    case 'not': return containsGlobal(node.operand);
    case 'and':
    case 'or': return node.operands.some(containsGlobal);
    default: return false;
  }
}
