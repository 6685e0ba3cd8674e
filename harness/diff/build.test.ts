import { expect } from 'chai';
import type { Cell } from '../model/index.ts';
import { buildRunDiff, hasMismatch } from './build.ts';
import { stepDelta } from './delta.ts';
import type { Observation } from './observation.ts';

const cell = (from: string, to: string, verdict: 'allow' | 'deny', extra: Partial<Cell> = {}): Cell =>
  ({ from, to, port: 80, protocol: 'TCP', verdict, decidedBy: null, ...extra });
const seen = (from: string, to: string, observed: Observation['observed'], extra: Partial<Observation> = {}): Observation =>
  ({ from, to, port: 80, protocol: 'TCP', observed, ...extra });
const classes = (c: { mismatches: { class: string }[] } | undefined) => c?.mismatches.map((m) => m.class);

describe('buildRunDiff', () => {
  it('reports policy-intent where the declared verdict differs from the model', () => {
    const diff = buildRunDiff('s', [{
      name: 'one',
      cells: [cell('x/a', 'y/a', 'allow'), cell('x/a', 'x/a', 'allow'), cell('y/a', 'x/a', 'deny')],
      expect: { default: 'deny', rules: [] },
    }]);
    const [xy, self, yx] = diff.steps[0]?.cells ?? [];
    expect(xy?.expected).to.equal('deny');
    expect(xy?.mismatches).to.deep.equal([{ class: 'policy-intent', message: 'expect: declared deny, model allow' }]);
    expect(self?.expected).to.equal(undefined);
    expect(classes(self)).to.deep.equal([]);
    expect(classes(yx)).to.deep.equal([]);
    expect(diff.summary).to.include({ 'policy-intent': 1, cells: 3, mismatchingCells: 1, steps: 1 });
    expect(hasMismatch(diff)).to.equal(true);
  });

  it('compares expectStaged with the pending verdict, which is the enforced one when nothing is staged', () => {
    const diff = buildRunDiff('s', [
      { name: 'no staged', cells: [cell('x/a', 'y/a', 'allow')], expectStaged: { default: 'deny', rules: [] } },
      { name: 'staged', cells: [cell('x/a', 'y/a', 'allow', { stagedVerdict: 'deny', promotedVerdict: 'allow' })],
        expectStaged: { default: 'deny', rules: [] }, expectPromoted: { default: 'deny', rules: [] } },
    ]);
    expect(classes(diff.steps[0]?.cells[0])).to.deep.equal(['staged-intent']);
    expect(diff.steps[0]?.staged).to.equal(false);
    const staged = diff.steps[1]?.cells[0];
    expect(classes(staged)).to.deep.equal(['promoted-intent']);
    expect(staged?.notices).to.deep.equal(['staged-not-promoted']);
    expect(diff.summary.stagedNotPromoted).to.equal(1);
  });

  it('classifies observations: dropped vs allow, error never a deny, refused a harness fault', () => {
    const diff = buildRunDiff('s', [{
      name: 'live',
      cells: [cell('x/a', 'y/a', 'allow'), cell('x/a', 'y/b', 'deny'), cell('x/a', 'y/c', 'deny'), cell('x/a', 'y/d', 'allow'), cell('x/a', 'y/e', 'deny')],
      observations: [
        seen('x/a', 'y/a', 'dropped', { reproduce: 'kubectl exec ...' }),
        seen('x/a', 'y/b', 'error', { observedDetail: 'exec failed' }),
        seen('x/a', 'y/c', 'dropped', { loggedVerdict: 'allow', flaky: true }),
        seen('x/a', 'y/d', 'refused'),
        seen('x/a', 'y/e', 'refused'),
      ],
    }]);
    const [a, b, c, d, e] = diff.steps[0]?.cells ?? [];
    expect(a).to.include({ observed: 'dropped', reproduce: 'kubectl exec ...' });
    expect(classes(a)).to.deep.equal(['dataplane-or-model']);
    expect(classes(b)).to.deep.equal(['harness-fault']);
    expect(b?.mismatches[0]?.message).to.include('exec failed');
    expect(classes(c)).to.deep.equal(['flow-log', 'flaky']);
    expect(classes(d)).to.deep.equal(['harness-fault']);
    expect(classes(e)).to.deep.equal(['dataplane-or-model']);
    expect(diff.summary).to.include({ 'dataplane-or-model': 2, 'harness-fault': 2, 'flow-log': 1, flaky: 1, mismatchingCells: 5 });
  });

  it('counts rejected as a deny wherever dropped is: a match where the model denies, a mismatch where it allows', () => {
    const diff = buildRunDiff('s', [{
      name: 'reject',
      cells: [cell('x/a', 'y/a', 'deny'), cell('x/a', 'y/b', 'allow'), cell('x/a', 'y/c', 'deny')],
      expect: { default: 'deny', rules: [] },
      observations: [
        seen('x/a', 'y/a', 'rejected', { observedDetail: 'ICMP port unreachable from 172.18.0.3' }),
        seen('x/a', 'y/b', 'rejected'),
        seen('x/a', 'y/c', 'dropped'),
      ],
    }]);
    const [a, b, c] = diff.steps[0]?.cells ?? [];
    expect(classes(a)).to.deep.equal([]);
    expect(a).to.include({ observed: 'rejected', observedDetail: 'ICMP port unreachable from 172.18.0.3' });
    expect(b?.mismatches).to.deep.equal([
      { class: 'policy-intent', message: 'expect: declared deny, model allow' },
      { class: 'dataplane-or-model', message: 'model allow, observed rejected' },
    ]);
    expect(classes(c)).to.deep.equal([]);
    expect(diff.summary).to.include({ 'dataplane-or-model': 1, 'harness-fault': 0, mismatchingCells: 1 });
  });

  it('leaves cells without an observation unobserved and without mismatch', () => {
    const diff = buildRunDiff('s', [{ name: 'one', cells: [cell('x/a', 'y/a', 'deny')], observations: [] }]);
    expect(diff.steps[0]?.cells[0]).to.not.have.property('observed');
    expect(hasMismatch(diff)).to.equal(false);
  });
});

describe('stepDelta', () => {
  it('lists the cells whose verdicts a step changed', () => {
    const diff = buildRunDiff('s', [
      { name: 'a', cells: [cell('x/a', 'y/a', 'allow'), cell('y/a', 'x/a', 'allow')] },
      { name: 'b', cells: [cell('x/a', 'y/a', 'deny'), cell('y/a', 'x/a', 'allow', { stagedVerdict: 'deny', promotedVerdict: 'allow' })] },
    ]);
    const [a, b] = diff.steps;
    if (!a || !b) throw new Error('two steps');
    expect(stepDelta(undefined, a)).to.deep.equal([]);
    expect(stepDelta(a, b)).to.deep.equal([
      { from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', field: 'verdict', before: 'allow', after: 'deny' },
      { from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', field: 'stagedVerdict', before: 'allow', after: 'deny' },
      { from: 'x/a', to: 'y/a', port: 80, protocol: 'TCP', field: 'promotedVerdict', before: 'allow', after: 'deny' },
      { from: 'y/a', to: 'x/a', port: 80, protocol: 'TCP', field: 'stagedVerdict', before: 'allow', after: 'deny' },
    ]);
  });
});
