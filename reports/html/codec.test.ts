import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { runInNewContext } from 'node:vm';
import { z } from 'zod';
import { cellTokens, templated, tokenMark } from './cell-tokens.ts';
import { packFigures, packIntegers, type Packed, type PackedFigures } from './packed.ts';

// The page's decoder itself (browser/codec.js), run here as the page runs it: a plain script.
const fn = <T>() => z.custom<T>((v) => typeof v === 'function');
const codec = z.object({
  packedAt: fn<(p: Packed, i: number) => number>(),
  figureAt: fn<(p: PackedFigures | undefined, i: number) => number | undefined>(),
  cellTokens: fn<(from: string, column: string, port: number, protocol: string, ips: Record<string, string>) => string[]>(),
  untemplate: fn<(text: string, tokens: readonly string[]) => string>(),
}).parse(runInNewContext(`${readFileSync(new URL('./browser/codec.js', import.meta.url), 'utf8')}\n({ packedAt, figureAt, cellTokens, untemplate })`));

describe('report.html codec: what the page decodes is what the renderer encoded', () => {
  it('packs integers in the fewest characters and reads each back at its offset', () => {
    const values = [0, 1, 63, 64, 4095, 4096, 262_143, 7];
    const p = packIntegers(values);
    expect(p.w).to.equal(3);
    expect(p.s).to.have.length(values.length * 3);
    expect(values.map((_, i) => codec.packedAt(p, i))).to.deep.equal(values);
    expect(packIntegers([0, 5]).w).to.equal(1);
    expect(() => packIntegers([1.5])).to.throw(RangeError);
  });

  it('packs figures to their step, absent ones as none, and none at all as no field', () => {
    const p = packFigures([0.42, undefined, 1000.25, -3], 0.1);
    expect(p).to.not.equal(undefined);
    expect([0, 1, 2, 3].map((i) => codec.figureAt(p, i))).to.deep.equal([0.4, undefined, 1000.3, -3]);
    expect(packFigures([undefined, undefined], 1)).to.equal(undefined);
  });

  it('takes a cell\'s names out of its texts and the page puts them back, for pods, externals and Services', () => {
    const ips = { 'x/a': '10.244.0.2', 'y/a': '10.244.1.2' };
    const cases: [string, string, number, string, string][] = [
      ['x/a', 'y/a', 80, 'TCP', "kubectl --context kind-x exec -n x a -c probe -- /agent probe --to 10.244.1.2:80/TCP --timeout-ms 1000"],
      ['x/a', 'external:internet', 443, 'TCP', 'model allow, observed dropped (dial internet:443: i/o timeout)'],
      ['x/a', 'svc:y/web→y/a', 80, 'UDP', 'y/a answered 8 of 8 attempt(s) through web.y.svc: policy y/allow-x, a y a'],
      ['x/a', 'y/a', 80, 'TCP', `a text with ${tokenMark}0 and ${tokenMark}~ of its own, and x`],
    ];
    for (const [from, column, port, protocol, text] of cases) {
      const tokens = cellTokens(from, column, port, protocol, ips);
      expect(codec.cellTokens(from, column, port, protocol, ips), column).to.deep.equal(tokens);
      const t = templated(text, tokens);
      expect(codec.untemplate(t, tokens), text).to.equal(text);
    }
  });

  it('stores texts that differ only by the cell\'s names once, and leaves a policy name whole', () => {
    const text = (ns: string, pod: string, ip: string) => `kubectl exec -n ${ns} ${pod} -- probe --to ${ip}:80/TCP; decided by security.deny-x-y`;
    const a = templated(text('x', 'a', '10.244.1.2'), cellTokens('x/a', 'y/b', 80, 'TCP', { 'y/b': '10.244.1.2' }));
    const b = templated(text('z', 'c', '10.244.1.9'), cellTokens('z/c', 'y/b', 80, 'TCP', { 'y/b': '10.244.1.9' }));
    expect(a).to.equal(b);
    expect(a).to.contain('security.deny-x-y');
  });
});
