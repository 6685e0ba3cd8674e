import { expect } from 'chai';
import { buildRunDiff } from '../harness/diff/index.ts';
import type { Cell } from '../harness/model/index.ts';
import { explainJsonChunks, streamExplainJson } from './explain-json-stream.ts';
import { renderExplainJson } from './json.ts';
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
      expect([...explainJsonChunks(run)].join(''), run.scenario).to.equal(renderExplainJson(run));
      let out = '';
      streamExplainJson(run, (t) => { out += t; }, 16);
      expect(out, run.scenario).to.equal(renderExplainJson(run));
    }
  });

  it('writes in pieces, never the whole document at once', () => {
    const many = buildRunDiff('many', [{ name: 's', cells: Array.from({ length: 5000 }, (_, i) => cell(`a/p${i}`, 'c/d')) }]);
    const writes: number[] = [];
    streamExplainJson(many, (t) => { writes.push(t.length); }, 64 * 1024);
    expect(writes.length).to.be.greaterThan(5);
    expect(Math.max(...writes)).to.be.below(64 * 1024 + 1024);
  });
});
