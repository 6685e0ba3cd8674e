import { expect } from 'chai';
import type { Cell, DecidedBy } from '../harness/model/index.ts';
import { CellBytes } from './explain-json-cell-bytes.ts';
import { cellWriter } from './explain-json-stream.ts';

const allowA: DecidedBy = { tier: 'default', policy: 'allow-a', kind: 'KubernetesNetworkPolicy', namespace: 'a', ruleIndex: 0, action: 'Allow' };
const denyB: DecidedBy = { tier: 'security', policy: 'security.deny-b', kind: 'GlobalNetworkPolicy', ruleIndex: 1, action: 'Deny' };

/** Rows of cells in the model's order (destinations, then ports), each row from one source. */
function rows(): Cell[][] {
  const row = (from: string, f: (to: string, port: number) => Partial<Cell>): Cell[] =>
    ['a/p', 'b/q', 'svc:b/web'].flatMap((to) => [80, 443].map((port) => ({ from, to, port, protocol: 'TCP' as const, verdict: 'allow' as const, decidedBy: allowA, ...f(to, port) })));
  return [
    row('a/p', () => ({})),
    row('a/r', () => ({})), // all as the row before: every tail reused
    row('b/q', (to, port) => (port === 443 ? { verdict: 'deny', decidedBy: denyB } : {})), // the decider changes in a column
    row('b/s', (to) => (to === 'b/q' ? { verdict: 'unknown', decidedBy: null, unknownBecause: 'depends on the pod’s address → 10.0.0.0/8' } : {})),
    row('c/t', (to) => (to.startsWith('svc:') ? { backend: 'b/q', targetPort: 8080, dns: { name: 'web.b.svc', verdict: 'allow' } as never } : {})),
    row('c/u', () => ({ stagedVerdict: 'deny', promotedVerdict: 'deny', stagedDecidedBy: denyB })),
    row('c/v', () => ({ stagedVerdict: 'deny', promotedVerdict: 'allow', stagedDecidedBy: null })),
    row('c/w', () => ({})),
  ];
}

describe('CellBytes: explain json cell lines as bytes, reused by column', () => {
  it('writes exactly the UTF-8 of cellWriter’s lines, whatever changes between rows', () => {
    const text = cellWriter();
    const bytes = new CellBytes();
    let want = '';
    const got: Buffer[] = [];
    let first = true;
    for (const row of rows()) {
      for (const c of row) {
        want += (first ? '' : ',\n') + text(c);
        got.push(bytes.opening(c.from, first), bytes.tail(c));
        first = false;
      }
    }
    expect(Buffer.concat(got).toString('utf8')).to.equal(want);
  });

  it('reuses a column’s bytes while nothing from "to" on changes, and makes new ones when something does', () => {
    const bytes = new CellBytes();
    const [one = [], two = [], three = []] = rows();
    const firstRow = one.map((c) => bytes.tail(c));
    const secondRow = two.map((c) => bytes.tail(c));
    expect(secondRow.every((b, i) => b === firstRow[i])).to.equal(true);
    const thirdRow = three.map((c) => bytes.tail(c));
    expect(thirdRow.map((b, i) => b === secondRow[i])).to.deep.equal([true, false, true, false, true, false]);
  });
});
