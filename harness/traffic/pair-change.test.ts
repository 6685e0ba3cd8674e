import { expect } from 'chai';
import type { Expectation } from '../diff/index.ts';
import type { Cell, Verdict } from '../model/index.ts';
import { expectedOf, pairChanges } from './pair-change.ts';
import type { TrafficPair } from './types.ts';

const location = { file: 's.yaml', line: 1, column: 1 };
const ends = [['x/a', 'y/b'], ['x/a', 'y/c'], ['y/b', 'x/a'], ['y/c', 'x/a']] as const;
const keys = ends.map(([from, to]) => `${from} -> ${to} 80/TCP`);
const pairs: TrafficPair[] = ends.map(([from, to]) => ({ from, to, port: 80, protocol: 'TCP', rate: 100, beforeMs: 1000, afterMs: 1000, location }));
/** The model's cells for the four pairs, verdicts in that order ('a' allow, 'd' deny). */
const cells = (verdicts: string): Cell[] => ends.map(([from, to], i) =>
  ({ from, to, port: 80, protocol: 'TCP', verdict: (verdicts[i] === 'd' ? 'deny' : 'allow') as Verdict, decidedBy: null }));
const pod = (namespace: string, name: string) => ({ kind: 'pod' as const, namespace, pod: name });
const changesOf = (m: Map<string, string>) => keys.map((k) => m.get(k));

describe('pairChanges', () => {
  it('by the model: denies, allows, stays-allowed and stays-denied, keyed by the pair\'s cell key', () => {
    const got = pairChanges({ cells: cells('aadd') }, { cells: cells('daad') }, pairs);
    expect([...got.keys()]).to.deep.equal(keys);
    expect(changesOf(got)).to.deep.equal(['denies', 'stays-allowed', 'allows', 'stays-denied']);
  });

  it('expect, where declared, overrides the model, in both steps', () => {
    // The model says nothing changes (all allowed both times); the expectations say otherwise.
    const previous: Expectation = { rules: [{ from: pod('y', '*'), to: pod('x', 'a'), verdict: 'deny' }] };
    const step: Expectation = { rules: [{ from: pod('*', '*'), to: pod('*', '*'), verdict: 'deny' }, { from: pod('x', 'a'), to: pod('y', 'c'), verdict: 'allow' }, { from: pod('y', 'b'), to: pod('x', 'a'), verdict: 'allow' }] };
    const got = pairChanges({ cells: cells('aaaa'), expect: previous }, { cells: cells('aaaa'), expect: step }, pairs);
    expect(changesOf(got)).to.deep.equal(['denies', 'stays-allowed', 'allows', 'stays-denied']);
  });

  it('cells no rule covers follow the expectation\'s default, else the model', () => {
    const got = pairChanges({ cells: cells('dddd') }, { cells: cells('daad'), expect: { default: 'allow', rules: [{ from: pod('y', 'c'), to: pod('*', '*'), verdict: 'deny' }] } }, pairs);
    expect(changesOf(got)).to.deep.equal(['allows', 'allows', 'allows', 'stays-denied']);
    const noDefault = pairChanges({ cells: cells('dddd') }, { cells: cells('daad'), expect: { rules: [{ from: pod('y', 'c'), to: pod('*', '*'), verdict: 'allow' }] } }, pairs);
    expect(changesOf(noDefault)).to.deep.equal(['stays-denied', 'allows', 'allows', 'allows']);
  });

  it('the first step (no previous) starts from everything allowed, whatever its own expectations', () => {
    const got = pairChanges(undefined, { cells: cells('dada'), expect: { rules: [{ from: pod('y', 'c'), to: pod('x', 'a'), verdict: 'deny' }] } }, pairs);
    expect(changesOf(got)).to.deep.equal(['denies', 'stays-allowed', 'denies', 'denies']);
  });

  it('a pair whose cell is in neither step is taken as allowed throughout', () => {
    const other: TrafficPair = { ...(pairs[0] as TrafficPair), port: 443 };
    const got = pairChanges({ cells: cells('dddd') }, { cells: cells('dddd') }, [other]);
    expect([...got]).to.deep.equal([['x/a -> y/b 443/TCP', 'stays-allowed']]);
  });
});

describe('expectedOf', () => {
  it('is the expected matrix by cell key: expect where declared, else the model; a pod to itself keeps the model', () => {
    const self: Cell = { from: 'x/a', to: 'x/a', port: 80, protocol: 'TCP', verdict: 'allow', decidedBy: null };
    const m = expectedOf({ cells: [...cells('adaa'), self], expect: { rules: [{ from: pod('x', '*'), to: pod('*', '*'), verdict: 'deny' }] } });
    expect([...m]).to.deep.equal([[keys[0], 'deny'], [keys[1], 'deny'], [keys[2], 'allow'], [keys[3], 'allow'], ['x/a -> x/a 80/TCP', 'allow']]);
  });
});
