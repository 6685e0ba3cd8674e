import { expect } from 'chai';
import type { FlowResult } from '../../flows/flow-schema.ts';
import type { FlowQuery } from '../../flows/goldmane-client.ts';
import { BucketGrid } from './bucket-grid.ts';
import { gatherEvidence } from './step-evidence.ts';

const settings = { flushSeconds: 5, windowSeconds: 5, from: { flush: 'test', window: 'test' } };
const cell = { key: 'x/a -> external:e 443/TCP', from: 'x/a', to: 'external:e', port: 443, protocol: 'TCP' as const };
const flow: FlowResult = {
  id: 1, flow: {
    Key: { source_name: 'a', source_namespace: 'x', source_type: 'WorkloadEndpoint', dest_name: 'pub', dest_namespace: '', dest_type: 'Network', dest_port: 443, proto: 'tcp', reporter: 'Src', action: 'Allow',
      policies: { enforced_policies: [{ kind: 'Profile', namespace: '', name: 'kns.x', tier: '', action: 'Allow', policy_index: 0, rule_index: 0 }], pending_policies: [] } },
    start_time: 1005, end_time: 1010, num_connections_started: 3,
  },
};

/** Wall time moves only when the harness sleeps; the lister answers from `arrivesAtMs` on. */
function world(arrivesAtMs: number) {
  let wall = 1_002_000;
  const queries: FlowQuery[] = [];
  return {
    queries,
    clock: { now: () => wall, sleep: async (ms: number) => { wall += ms; } },
    wallNow: () => wall,
    lister: { calls: 0, async list(q: FlowQuery) { this.calls++; queries.push(q); return wall >= arrivesAtMs ? [flow] : []; } },
  };
}

describe('a step\'s flow evidence', () => {
  const window = new BucketGrid(5).windowAfter(1_001_500, { flushSeconds: 5, roundMs: 1500 });

  it('looks once when the covered bucket\'s last flush is due, reading only buckets from convergence on', async () => {
    const w = world(0);
    const e = await gatherEvidence([cell], window, { lister: w.lister, settings, grid: new BucketGrid(5), namespaces: ['x'], staged: false, clock: w.clock, wallNow: w.wallNow });
    expect(w.queries).to.deep.equal([{ startTimeGte: 1002, sourceNamespaces: ['x'] }]);
    expect(e.lists).to.equal(1);
    expect(e.completeWallMs).to.equal(1_016_500); // bucket [1005, 1010) ends, + a jittered flush (5.5 s) + 1 s
    expect(e.cells.get(cell.key)).to.include({ loggedVerdict: 'allow' });
  });

  it('watches late records arrive, and at the deadline leaves what is still missing', async () => {
    const late = world(1_018_000);
    const e = await gatherEvidence([cell], window, { lister: late.lister, settings, grid: new BucketGrid(5), namespaces: ['x'], staged: false, clock: late.clock, wallNow: late.wallNow });
    expect(e.completeWallMs).to.equal(1_018_500);
    expect(e.lists).to.equal(3);
    const never = world(Infinity);
    const m = await gatherEvidence([cell], window, { lister: never.lister, settings, grid: new BucketGrid(5), namespaces: ['x'], staged: false, clock: never.clock, wallNow: never.wallNow });
    expect(m.completeWallMs).to.equal(undefined);
    // The first deadline (+ a bucket + 2 s: 1_023_500) moved on once by a jittered flush and a
    // bucket (10.5 s) from the look that passed it; nothing arrived, so it moved no further.
    expect(m.extensions).to.equal(1);
    expect(m.deadlineWallMs).to.equal(1_023_500 + 10_500);
    expect(m.cells.get(cell.key)?.missing).to.match(/no Src record/);
  });

  it('moves the deadline on when records come late (a node flushing late under load), and again only while more arrive', async () => {
    const late = world(1_030_000);
    const moves: number[] = [];
    const e = await gatherEvidence([cell], window, { lister: late.lister, settings, grid: new BucketGrid(5), namespaces: ['x'], staged: false, clock: late.clock, wallNow: late.wallNow, onExtend: (_c, until) => moves.push(until) });
    expect(e.completeWallMs).to.equal(1_030_500);
    expect(e.extensions).to.equal(1);
    expect(moves).to.deep.equal([1_034_000]);
    const capped = world(Infinity);
    const m = await gatherEvidence([cell], window, { lister: capped.lister, settings, grid: new BucketGrid(5), namespaces: ['x'], staged: false, clock: capped.clock, wallNow: capped.wallNow, maxExtensions: 0 });
    expect(m.extensions).to.equal(0);
    expect(m.deadlineWallMs).to.equal(1_023_500);
  });

  it('moves it a second time only because records arrived during the first move', async () => {
    const cellB = { ...cell, key: 'x/b -> external:e 443/TCP', from: 'x/b' };
    const flowB: FlowResult = { ...flow, id: 2, flow: { ...flow.flow, Key: { ...flow.flow.Key, source_name: 'b' } } };
    const twoCells = (bArrivesAtMs: number) => {
      const w = world(1_030_000);
      const list = w.lister.list.bind(w.lister);
      w.lister.list = async (q: FlowQuery) => [...await list(q), ...(w.wallNow() >= bArrivesAtMs ? [flowB] : [])];
      return gatherEvidence([cell, cellB], window, { lister: w.lister, settings, grid: new BucketGrid(5), namespaces: ['x'], staged: false, clock: w.clock, wallNow: w.wallNow });
    };
    const both = await twoCells(1_040_000);
    expect(both.extensions).to.equal(2);
    expect(both.completeWallMs).to.equal(1_040_000);
    const one = await twoCells(Infinity);
    expect(one.extensions).to.equal(2); // a second move (x/a came in the first), no third (nothing came in the second)
    expect(one.completeWallMs).to.equal(undefined);
    expect(one.cells.get(cellB.key)?.missing).to.match(/no Src record/);
    expect(one.cells.get(cell.key)?.missing).to.equal(undefined);
  });
});
