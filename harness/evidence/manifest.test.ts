import { expect } from 'chai';
import { InputError, formatProblem } from '../errors.ts';
import { formatManifest, parseManifest } from './manifest.ts';

const h = (c: string) => c.repeat(64);

describe('MANIFEST: format and strict parsing', () => {
  it('round-trips, sorted by path whatever the order given', () => {
    const entries = [{ path: 'report.md', sha256: h('b') }, { path: 'policies/01-x/a.yaml', sha256: h('a') }, { path: 'MANIFEST-notes', sha256: h('c') }];
    const text = formatManifest(entries);
    expect(text).to.equal(`${h('c')}  MANIFEST-notes\n${h('a')}  policies/01-x/a.yaml\n${h('b')}  report.md\n`);
    expect(parseManifest(text, 'M')).to.deep.equal([...entries].sort((a, b) => (a.path < b.path ? -1 : 1)));
  });

  it('takes an empty MANIFEST (an empty directory) and a path with spaces', () => {
    expect(parseManifest('', 'M')).to.deep.equal([]);
    expect(parseManifest(`${h('0')}  a b/c d.txt\n`, 'M')).to.deep.equal([{ path: 'a b/c d.txt', sha256: h('0') }]);
  });

  it('names file:line of every malformed line', () => {
    const text = [`${h('a')}  ok.txt`, `${h('a')} one-space.txt`, `${h('A')}  upper.txt`, 'garbage', `${h('a')}  ../escape`, `${h('a')}  /abs`, `${h('a')}  ok.txt`, `${h('a')}  MANIFEST`, ''].join('\n');
    let err: unknown;
    try {
      parseManifest(text, 'out/s/MANIFEST');
    } catch (e) {
      err = e;
    }
    expect(err).to.be.instanceOf(InputError);
    const lines = (err as InputError).problems.map(formatProblem);
    expect(lines).to.have.length(7);
    expect(lines[0]).to.match(/^out\/s\/MANIFEST:2: not a MANIFEST line/);
    expect(lines[1]).to.match(/^out\/s\/MANIFEST:3: not a MANIFEST line/);
    expect(lines[2]).to.match(/^out\/s\/MANIFEST:4: not a MANIFEST line .*"garbage"/);
    expect(lines[3]).to.match(/^out\/s\/MANIFEST:5: "\.\.\/escape": not a plain relative path/);
    expect(lines[4]).to.match(/^out\/s\/MANIFEST:6: "\/abs": not a plain relative path/);
    expect(lines[5]).to.equal('out/s/MANIFEST:7: ok.txt is listed twice');
    expect(lines[6]).to.equal('out/s/MANIFEST:8: "MANIFEST": MANIFEST does not list itself');
  });

  it('a blank line is malformed, not skipped', () => {
    expect(() => parseManifest(`${h('a')}  a\n\n${h('a')}  b\n`, 'M')).to.throw(InputError, /^M:2: not a MANIFEST line/);
  });

  it('refuses to write a name sha256sum would have to escape', () => {
    expect(() => formatManifest([{ path: 'a\nb', sha256: h('a') }])).to.throw(/control character or a backslash/);
  });
});
