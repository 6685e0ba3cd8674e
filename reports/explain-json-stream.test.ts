import { expect } from 'chai';
import { buildRunDiff } from '../harness/diff/index.ts';
import type { Cell } from '../harness/model/index.ts';
import { explainJsonChunks } from './explain-json-stream.ts';
import { ExplainJsonWriter } from './explain-json-writer.ts';
import { explainDocument } from './json.ts';
import { sampleRun } from './fixture.test-helper.ts';

const cell = (from: string, to: string): Cell => ({ from, to, port: 80, protocol: 'TCP', verdict: 'deny', decidedBy: { kind: 'NetworkPolicy', tier: 'default', policy: 'knp.default.deny', namespace: 'c', ruleIndex: -1, action: 'Deny' } });

describe('explain --format json, streamed', () => {
  it('writes exactly the bytes of the whole document, for a run with cells, an empty step and no steps', () => {
    const runs = [
      sampleRun(),
      buildRunDiff('empty-step', [{ name: 'none', cells: [] }, { name: 'one', cells: [cell('a/b', 'c/d')] }]),
      buildRunDiff('no-steps', []),
      buildRunDiff('quo"ted', [{ name: 'step "1"', cells: [cell('a/b', 'c/d'), cell('c/d', 'a/b')] }]),
      buildRunDiff('staged', [{ name: 's', cells: [{
        ...cell('a/b', 'c/d'), stagedVerdict: 'allow', promotedVerdict: 'allow',
        stagedDecidedBy: { kind: 'StagedGlobalNetworkPolicy', tier: 'security', policy: 'security.pass', ruleIndex: 0, action: 'Pass' },
      }, { ...cell('c/d', 'a/b'), decidedBy: null, stagedVerdict: 'deny' }] }]),
      buildRunDiff('service', [{ name: 's', cells: [
        { ...cell('a/b', 'svc:c/web'), backend: 'c/d', targetPort: 8080, dns: { verdict: 'deny', decidedBy: cell('a/b', 'c/d').decidedBy } },
        { ...cell('a/b', 'svc:c/web'), backend: 'c/e', targetPort: 8080, verdict: 'unknown', unknownBecause: 'depends', dns: { verdict: 'allow', decidedBy: null } },
      ] }]),
    ];
    for (const run of runs) {
      const text = [...explainJsonChunks(run)].join('');
      expect(JSON.parse(text), run.scenario).to.deep.equal(explainDocument(run));
      // A cell per line, compact; the document around them indented.
      const cellLines = text.split('\n').filter((l) => l.startsWith('        {'));
      expect(cellLines.length, run.scenario).to.equal(run.steps.reduce((n, st) => n + st.cells.length, 0));
      for (const line of cellLines) expect(() => JSON.parse(line.trim().replace(/,$/, ''))).to.not.throw();
    }
  });

  it('writes in pieces, never the whole document at once', () => {
    const cells = Array.from({ length: 5000 }, (_, i) => cell(`a/p${i}`, 'c/d'));
    const many = buildRunDiff('many', [{ name: 's', cells }]);
    const writes: number[] = [];
    let text = '';
    const writer = new ExplainJsonWriter('many', 1, (b) => { writes.push(b.length); text += Buffer.from(b).toString('utf8'); }, 64 * 1024);
    writer.beginStep('s');
    for (const c of many.steps[0]?.cells ?? []) writer.cell(c);
    writer.endStep();
    writer.end();
    expect(writes.length).to.be.greaterThan(3);
    expect(Math.max(...writes)).to.be.below(64 * 1024 + 1024);
    expect(text).to.equal([...explainJsonChunks(many)].join(''));
  });
});
