import { expect } from 'chai';
import { Selector } from './selector.ts';
import { SelectorParseError } from './selector-error.ts';

// Each row: selector, Calico's message (libcalico-go/lib/selector), 0-based position we report.
type Row = [selector: string, reason: string, position: number];

const rows: Row[] = [
  ["a == 'b", 'unterminated string', 5],
  ["a = 'b'", 'expected ==', 2],
  ["a == 'b' & c == 'd'", 'expected &&', 9],
  ["a == 'b' | c == 'd'", 'expected ||', 9],
  ['a ==', 'expected string', 4],
  ['a == b ', 'expected string', 5],
  ['a == b', 'unexpected characters', 5],
  ["a ! 'b'", 'expected == or != not: TokNot()', 2],
  ["a foo 'x'", "unexpected characters after label 'a', was expecting an operator", 2],
  ["a starts 'x'", "unexpected characters after label 'a', was expecting an operator", 2],
  ["a not 'x'", "unexpected characters after label 'a', was expecting an operator", 2],
  // Calico's findIdentifier finds nothing when a label runs to the end of the input.
  ['a', 'unexpected characters', 0],
  ['has(a', 'no label name in has( expression', 0],
  ['has(a b)', "no closing ')' after has(", 0],
  ['has()', 'no label name in has( expression', 0],
  ['all(x)', "no closing ')' after all(", 0],
  ['global(x)', "no closing ')' after global(", 0],
  ["(a == 'b'", 'expected )', 9],
  ["a in {'x'", 'expected }', 9],
  ["a in {'x' 'y'}", 'expected }', 10],
  ["a in 'x'", 'expected set literal', 5],
  ["a == 'b' c == 'd'", 'unexpected content at end of selector [TokLabel(c) TokEq() TokStringLiteral(d) TokEOF()]', 9],
  ["&& a == 'b'", 'unexpected token: TokAnd()', 0],
  ["a == 'b' &&", 'unexpected token: TokEOF()', 11],
  ["a == 'b'\n", 'unexpected characters', 8],
  ['$', 'unexpected characters', 0],
];

describe('Calico selector parse errors: wording and position', () => {
  for (const [source, reason, position] of rows) {
    it(`${JSON.stringify(source)} -> ${reason}`, () => {
      let error: unknown;
      try {
        Selector.parse(source);
      } catch (e) {
        error = e;
      }
      expect(error).to.be.instanceOf(SelectorParseError);
      if (!(error instanceof SelectorParseError)) return;
      expect(error.reason).to.equal(reason);
      expect(error.position).to.equal(position);
      expect(error.message).to.contain(reason).and.to.contain(`character ${position + 1}`);
    });
  }
});
