// A parsed selector with a fast matcher compiled from its syntax tree.
import { evaluateNode, printNode, type Labels, type SelectorNode } from './ast.ts';
import { parseSelector } from './parser.ts';

export type Matcher = (labels: Labels) => boolean;

export class Selector {
  readonly node: SelectorNode;
  /** Calico's canonical form: equal strings mean equal selectors. */
  readonly canonical: string;
  readonly matches: Matcher;

  constructor(node: SelectorNode) {
    this.node = node;
    this.canonical = printNode(node);
    this.matches = compileNode(node);
  }

  /** Throws SelectorParseError with Calico's wording and a position. */
  static parse(source: string): Selector {
    return new Selector(parseSelector(source));
  }
}

function compileNode(node: SelectorNode): Matcher {
  switch (node.op) {
    case 'all':
    case 'global':
      return () => true;
    case 'has': {
      const { label } = node;
      return (l) => l.has(label);
    }
    case '==': {
      const { label, value } = node;
      return (l) => l.get(label) === value;
    }
    case '!=': {
      const { label, value } = node;
      return (l) => l.get(label) !== value;
    }
    case 'in': {
      const { label } = node;
      const values = new Set(node.values);
      return (l) => {
        const v = l.get(label);
        return v !== undefined && values.has(v);
      };
    }
    case 'not in': {
      const { label } = node;
      const values = new Set(node.values);
      return (l) => {
        const v = l.get(label);
        return v === undefined || !values.has(v);
      };
    }
    case 'not': {
      const inner = compileNode(node.operand);
      return (l) => !inner(l);
    }
    case 'and': {
      const parts = node.operands.map(compileNode);
      return (l) => parts.every((p) => p(l));
    }
    case 'or': {
      const parts = node.operands.map(compileNode);
      return (l) => parts.some((p) => p(l));
    }
    default:
      return (l) => evaluateNode(node, l);
  }
}
