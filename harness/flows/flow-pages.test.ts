import { expect } from 'chai';
import { pinnedEnd, readAllPages, TooManyFlowPagesError, type FlowPage } from './flow-pages.ts';
import type { FlowResult } from './flow-schema.ts';

function flow(id: number): FlowResult {
  return {
    id,
    flow: {
      Key: { source_name: 'a', source_namespace: 'x', source_type: 'WorkloadEndpoint', dest_name: 'b', dest_namespace: 'x', dest_type: 'WorkloadEndpoint', dest_port: 80, proto: 'tcp', reporter: 'Src', action: 'Allow', policies: null },
      start_time: 0, end_time: 5, num_connections_started: 1, source_labels: [], dest_labels: [],
    },
  };
}

/** A Goldmane holding `count` flows, 1,000 a page; asked pages are recorded. */
function goldmane(count: () => number, asked: number[] = []) {
  return async (n: number): Promise<FlowPage> => {
    asked.push(n);
    const total = count();
    const ids = Array.from({ length: Math.max(0, Math.min(1000, total - n * 1000)) }, (_, i) => n * 1000 + i);
    return { flows: ids.map(flow), totalPages: Math.ceil(total / 1000) };
  };
}

const o = { maxPages: 200, where: 'Goldmane at calico-system/goldmane-0:7443', pageSize: 1000 };

describe('readAllPages: every page of a Flows.List', () => {
  it('reads past the first page of 1,000: 2,500 flows in three calls', async () => {
    const asked: number[] = [];
    const flows = await readAllPages(goldmane(() => 2500, asked), o);
    expect(flows).to.have.length(2500);
    expect(new Set(flows.map((f) => f.id)).size).to.equal(2500);
    expect(asked).to.deep.equal([0, 1, 2]);
  });

  it('follows the page count of the latest page when the store grows while it is read', async () => {
    let total = 1500;
    const pages = goldmane(() => total);
    const flows = await readAllPages(async (n) => { const p = await pages(n); total = 3200; return p; }, o);
    expect(flows).to.have.length(3200);
  });

  it('stops at an empty page, as when flows expired between pages', async () => {
    let total = 3000;
    const pages = goldmane(() => total);
    const asked: number[] = [];
    const flows = await readAllPages(async (n) => { asked.push(n); const p = await pages(n); total = 1000; return { ...p, totalPages: 3 }; }, o);
    expect(flows).to.have.length(1000);
    expect(asked).to.deep.equal([0, 1]);
  });

  it('no flows: one call', async () => {
    const asked: number[] = [];
    expect(await readAllPages(goldmane(() => 0, asked), o)).to.deep.equal([]);
    expect(asked).to.deep.equal([0]);
  });

  it('more pages than the bound is an error naming Goldmane and what to do, never a cut list', async () => {
    const err = await readAllPages(goldmane(() => 5500), { ...o, maxPages: 3 }).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(TooManyFlowPagesError);
    expect((err as TooManyFlowPagesError).message).to.include('6 pages').and.include('calico-system/goldmane-0');
    expect((err as TooManyFlowPagesError).hint).to.include('--since');
  });

  it('pins a window open at its end to the first page, and keeps one the caller closed', () => {
    expect(pinnedEnd(undefined, 1796171855.4)).to.equal(1796171856);
    expect(pinnedEnd(0, 1796171855.4)).to.equal(1796171856);
    expect(pinnedEnd(1796170000, 1796171855.4)).to.equal(1796170000);
  });
});
