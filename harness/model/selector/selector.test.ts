import { expect } from 'chai';
import { Selector } from './selector.ts';

// CALICO-SEMANTICS.md §3 "Grammar": each row is (selector, labels, expected match).
type Row = [selector: string, labels: Record<string, string>, expected: boolean];

function check(title: string, rows: Row[]): void {
  describe(title, () => {
    for (const [source, labels, expected] of rows) {
      it(`${JSON.stringify(source)} on ${JSON.stringify(labels)} is ${expected}`, () => {
        expect(Selector.parse(source).matches(new Map(Object.entries(labels)))).to.equal(expected);
      });
    }
  });
}

describe('Calico selector grammar (CALICO-SEMANTICS.md §3)', () => {
  check('== and != (!= is true when the label is absent)', [
    ["a == 'b'", { a: 'b' }, true],
    ["a == 'b'", { a: 'c' }, false],
    ["a == 'b'", {}, false],
    ["a != 'b'", {}, true],
    ["a != 'b'", { a: 'b' }, false],
    ["a != 'b'", { a: 'c' }, true],
  ]);
  check('in is false when absent, not in is true when absent', [
    ["a in {'x', 'y'}", { a: 'y' }, true],
    ["a in {'x', 'y'}", { a: 'z' }, false],
    ["a in {'x', 'y'}", {}, false],
    ['a in {}', { a: '' }, false],
    ["a not in {'x'}", {}, true],
    ["a not in {'x'}", { a: 'x' }, false],
    ["a not in {'x'}", { a: 'z' }, true],
    ["a in {'x',}", { a: 'x' }, true],
  ]);
  check('has(), all(), the empty selector and global()', [
    ['has(a)', { a: '' }, true],
    ['has(a)', { b: 'a' }, false],
    ['has( a )', { a: 'x' }, true],
    ['!has(a)', {}, true],
    ['all()', {}, true],
    ['all( )', { x: 'y' }, true],
    ['', {}, true],
    ['   ', { a: 'b' }, true],
    ['global()', {}, true],
  ]);
  check('contains, starts with, ends with are false when absent', [
    ["a contains 'ell'", { a: 'hello' }, true],
    ["a contains 'xyz'", { a: 'hello' }, false],
    ["a contains ''", {}, false],
    ["a starts with 'he'", { a: 'hello' }, true],
    ["a starts  with 'lo'", { a: 'hello' }, false],
    ["a starts with ''", {}, false],
    ["a ends with 'lo'", { a: 'hello' }, true],
    ["a ends with 'he'", { a: 'hello' }, false],
    ["a ends with ''", {}, false],
  ]);
  check('precedence: ! over && over ||, and parentheses', [
    ["a == 'x' || b == 'y' && c == 'z'", { a: 'x' }, true],
    ["a == 'x' || b == 'y' && c == 'z'", { b: 'y' }, false],
    ["a == 'x' || b == 'y' && c == 'z'", { b: 'y', c: 'z' }, true],
    ["(a == 'x' || b == 'y') && c == 'z'", { a: 'x' }, false],
    ["(a == 'x' || b == 'y') && c == 'z'", { a: 'x', c: 'z' }, true],
    ["!a == 'x' && b == 'y'", { b: 'y' }, true],
    ["!a == 'x' && b == 'y'", { a: 'x', b: 'y' }, false],
    ["!(a == 'x' && b == 'y')", { a: 'x' }, true],
    ["!!a == 'x'", { a: 'x' }, true],
    ["!!!a == 'x'", { a: 'x' }, false],
    ["((a == 'x'))", { a: 'x' }, true],
  ]);
  check("quotes: ' or \", no escapes, tabs are whitespace", [
    ['a == "b"', { a: 'b' }, true],
    ['a == "it\'s"', { a: "it's" }, true],
    ["a == 'say \"hi\"'", { a: 'say "hi"' }, true],
    ["a == 'x\\'", { a: 'x\\' }, true],
    ["\ta\t==\t'b'", { a: 'b' }, true],
    ["projectcalico.org/namespace == 'x'", { 'projectcalico.org/namespace': 'x' }, true],
    ["a_b-c.d/e == 'v'", { 'a_b-c.d/e': 'v' }, true],
  ]);
  check('labels named like keywords are still labels', [
    ["has == 'x'", { has: 'x' }, true],
    ["all == 'x'", { all: 'x' }, true],
    ["in in {'a'}", { in: 'a' }, true],
  ]);

  it('prints the canonical form Calico uses, so equal selectors compare equal', () => {
    expect(Selector.parse("a in {'y','x'}").canonical).to.equal('a in {"x", "y"}');
    expect(Selector.parse("a == 'b' && (c != 'd' || has(e))").canonical)
      .to.equal('(a == "b" && (c != "d" || has(e)))');
    expect(Selector.parse('').canonical).to.equal(Selector.parse('all()').canonical);
  });
});
