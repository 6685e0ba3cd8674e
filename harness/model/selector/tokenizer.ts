// Calico's selector tokenizer (libcalico-go/lib/selector/tokenizer), reproduced with its
// quirks so that the same strings are accepted and rejected, plus token positions.
import { SelectorParseError } from './selector-error.ts';

export const TokenKinds = [
  'TokNone', 'TokLabel', 'TokStringLiteral', 'TokLBrace', 'TokRBrace', 'TokComma', 'TokEq', 'TokNe',
  'TokIn', 'TokNot', 'TokNotIn', 'TokContains', 'TokStartsWith', 'TokEndsWith', 'TokAll', 'TokHas',
  'TokLParen', 'TokRParen', 'TokAnd', 'TokOr', 'TokGlobal', 'TokEOF',
] as const;
export type TokenKind = (typeof TokenKinds)[number];

export interface Token { kind: TokenKind; value: string; position: number }

/** Calico prints tokens as Kind(value) in its error messages. */
export function tokenText(t: Token): string {
  return `${t.kind}(${t.value})`;
}

const WHITESPACE = ' \t';

function trimLeft(s: string): string {
  let i = 0;
  while (i < s.length && WHITESPACE.includes(s[i] ?? '')) i++;
  return s.slice(i);
}

function isIdentChar(c: string): boolean {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
    c === '_' || c === '.' || c === '/' || c === '-';
}

/** Calico's findIdentifier: note it returns '' when the identifier runs to the end of input. */
function findIdentifier(input: string): string {
  for (let i = 0; i < input.length; i++) {
    if (!isIdentChar(input[i] ?? '')) return input.slice(0, i);
  }
  return '';
}

export function tokenize(selector: string): Token[] {
  const tokens: Token[] = [];
  let input = selector;
  const pos = (): number => selector.length - input.length;
  const fail = (reason: string, at: number = pos()): never => {
    throw new SelectorParseError(selector, reason, at);
  };
  const push = (kind: TokenKind, value: string, at: number): void => {
    tokens.push({ kind, value, position: at });
  };
  for (;;) {
    input = trimLeft(input);
    const start = pos();
    if (input.length === 0) {
      push('TokEOF', '', start);
      return tokens;
    }
    const last = tokens.at(-1);
    const c = input[0];
    if (c === '(' || c === ')' || c === '{' || c === '}' || c === ',') {
      const kinds: Record<string, TokenKind> = { '(': 'TokLParen', ')': 'TokRParen', '{': 'TokLBrace', '}': 'TokRBrace', ',': 'TokComma' };
      push(kinds[c] ?? 'TokNone', '', start);
      input = input.slice(1);
    } else if (c === '"' || c === "'") {
      const end = input.indexOf(c, 1);
      if (end === -1) fail('unterminated string');
      push('TokStringLiteral', input.slice(1, end), start);
      input = input.slice(end + 1);
    } else if (c === '=') {
      if (input[1] !== '=') fail('expected ==');
      push('TokEq', '', start);
      input = input.slice(2);
    } else if (c === '!') {
      if (input[1] === '=') {
        push('TokNe', '', start);
        input = input.slice(2);
      } else {
        push('TokNot', '', start);
        input = input.slice(1);
      }
    } else if (c === '&' || c === '|') {
      if (input[1] !== c) fail(`expected ${c}${c}`);
      push(c === '&' ? 'TokAnd' : 'TokOr', '', start);
      input = input.slice(2);
    } else if (last?.kind === 'TokLabel') {
      input = operatorAfterLabel(input, last, start, push, fail);
    } else {
      input = functionOrLabel(input, start, push, fail);
    }
  }
}

type Push = (kind: TokenKind, value: string, at: number) => void;
type Fail = (reason: string, at?: number) => never;

function operatorAfterLabel(input: string, label: Token, start: number, push: Push, fail: Fail): string {
  const notOperator = (): never => fail(`unexpected characters after label '${label.value}', was expecting an operator`, start);
  const twoWords = (first: string, kind: TokenKind): string => {
    const rest = trimLeft(input.slice(first.length));
    const second = first === 'not' ? 'in' : 'with';
    if (!rest.startsWith(second)) notOperator();
    push(kind, '', start);
    return rest.slice(second.length);
  };
  if (input.startsWith('contains')) {
    push('TokContains', '', start);
    return input.slice('contains'.length);
  }
  if (input.startsWith('starts')) return twoWords('starts', 'TokStartsWith');
  if (input.startsWith('ends')) return twoWords('ends', 'TokEndsWith');
  if (input.startsWith('not')) return twoWords('not', 'TokNotIn');
  if (input.startsWith('in')) {
    push('TokIn', '', start);
    return input.slice(2);
  }
  return notOperator();
}

function functionOrLabel(input: string, start: number, push: Push, fail: Fail): string {
  const noArgFunction = (name: 'all' | 'global', kind: TokenKind): string => {
    const rest = trimLeft(input.slice(name.length + 1));
    if (!rest.startsWith(')')) fail(`no closing ')' after ${name}(`, start);
    push(kind, '', start);
    return rest.slice(1);
  };
  if (input.startsWith('has(')) {
    let rest = trimLeft(input.slice(4));
    const ident = findIdentifier(rest);
    if (ident === '') fail('no label name in has( expression', start);
    rest = trimLeft(rest.slice(ident.length));
    if (!rest.startsWith(')')) fail("no closing ')' after has(", start);
    push('TokHas', ident, start);
    return rest.slice(1);
  }
  if (input.startsWith('all(')) return noArgFunction('all', 'TokAll');
  if (input.startsWith('global(')) return noArgFunction('global', 'TokGlobal');
  const ident = findIdentifier(input);
  if (ident === '') fail('unexpected characters', start);
  push('TokLabel', ident, start);
  return input.slice(ident.length);
}
