// Calico's recursive-descent selector parser (libcalico-go/lib/selector/parser/parser.go).
// Precedence: ! binds tighter than &&, which binds tighter than ||.
import type { SelectorNode } from './ast.ts';
import { SelectorParseError } from './selector-error.ts';
import { tokenize, tokenText, type Token, type TokenKind } from './tokenizer.ts';

class Cursor {
  readonly tokens: Token[];
  readonly selector: string;
  index = 0;
  constructor(selector: string, tokens: Token[]) {
    this.selector = selector;
    this.tokens = tokens;
  }
  peek(offset = 0): Token {
    // The token list always ends with TokEOF; reading past it keeps returning EOF.
    return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)] ?? { kind: 'TokEOF', value: '', position: this.selector.length };
  }
  fail(reason: string, token: Token = this.peek()): never {
    throw new SelectorParseError(this.selector, reason, token.position);
  }
}

/** Parse a Calico selector; the empty selector means all(). Throws SelectorParseError. */
export function parseSelector(selector: string): SelectorNode {
  const cursor = new Cursor(selector, tokenize(selector));
  if (cursor.peek().kind === 'TokEOF') return { op: 'all' };
  const node = parseOr(cursor);
  if (cursor.peek().kind !== 'TokEOF') {
    const rest = cursor.tokens.slice(cursor.index).map(tokenText).join(' ');
    cursor.fail(`unexpected content at end of selector [${rest}]`);
  }
  return node;
}

/** One or more operands separated by `separator`: || over &&-expressions, && over operations. */
function parseList(c: Cursor, separator: 'TokOr' | 'TokAnd', op: 'or' | 'and', operand: (c: Cursor) => SelectorNode): SelectorNode {
  const operands = [operand(c)];
  while (c.peek().kind === separator) {
    c.index++;
    operands.push(operand(c));
  }
  return operands.length === 1 && operands[0] ? operands[0] : { op, operands };
}

function parseOr(c: Cursor): SelectorNode {
  return parseList(c, 'TokOr', 'or', parseAnd);
}

function parseAnd(c: Cursor): SelectorNode {
  return parseList(c, 'TokAnd', 'and', parseOperation);
}

function parseOperation(c: Cursor): SelectorNode {
  let negated = false;
  while (c.peek().kind === 'TokNot') {
    negated = !negated;
    c.index++;
  }
  const node = parseOperand(c);
  return negated ? { op: 'not', operand: node } : node;
}

function parseOperand(c: Cursor): SelectorNode {
  const t = c.peek();
  switch (t.kind) {
    case 'TokHas':
      c.index++;
      return { op: 'has', label: t.value };
    case 'TokAll':
      c.index++;
      return { op: 'all' };
    case 'TokGlobal':
      c.index++;
      return { op: 'global' };
    case 'TokLabel':
      return parseLabelTest(c, t);
    case 'TokLParen': {
      c.index++;
      const inner = parseOr(c);
      if (c.peek().kind !== 'TokRParen') c.fail('expected )');
      c.index++;
      return inner;
    }
    default:
      return c.fail(`unexpected token: ${tokenText(t)}`);
  }
}

type StringOp = '==' | '!=' | 'contains' | 'starts with' | 'ends with';

function stringOp(kind: TokenKind): StringOp | undefined {
  switch (kind) {
    case 'TokEq': return '==';
    case 'TokNe': return '!=';
    case 'TokContains': return 'contains';
    case 'TokStartsWith': return 'starts with';
    case 'TokEndsWith': return 'ends with';
    default: return undefined;
  }
}

function parseLabelTest(c: Cursor, label: Token): SelectorNode {
  // Calico checks for three tokens (label, operator, operand); the list always ends with EOF.
  if (c.tokens.length - c.index < 3) c.fail('unexpected end of string looking for op', c.peek(1));
  const opToken = c.peek(1);
  const operand = c.peek(2);
  const op = stringOp(opToken.kind);
  if (op !== undefined) {
    if (operand.kind !== 'TokStringLiteral') c.fail('expected string', operand);
    c.index += 3;
    return { op, label: label.value, value: operand.value };
  }
  if (opToken.kind === 'TokIn' || opToken.kind === 'TokNotIn') {
    if (operand.kind !== 'TokLBrace') c.fail('expected set literal', operand);
    c.index += 3;
    const values: string[] = [];
    while (c.peek().kind === 'TokStringLiteral') {
      values.push(c.peek().value);
      c.index++;
      if (c.peek().kind !== 'TokComma') break;
      c.index++;
    }
    if (c.peek().kind !== 'TokRBrace') c.fail('expected }');
    c.index++;
    return { op: opToken.kind === 'TokIn' ? 'in' : 'not in', label: label.value, values };
  }
  return c.fail(`expected == or != not: ${tokenText(opToken)}`, opToken);
}
