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
    expect(m.deadlineWallMs).to.equal(1_023_500); // + a bucket + 2 s
    expect(m.cells.get(cell.key)?.missing).to.match(/no Src record/);
  });
});
