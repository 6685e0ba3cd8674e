import { expect } from 'chai';
import { BucketGrid } from './bucket-grid.ts';
import { durationSeconds } from './flow-settings.ts';

describe('Goldmane\'s bucket grid', () => {
  it('reads buckets from the next whole second and covers the first whole bucket from there (phase 0 as Goldmane aligns)', () => {
    const w = new BucketGrid(5).windowAfter(1_000_002_300);
    expect(w).to.deep.equal({ fromSec: 1_000_003, coverUntilWallMs: 1_000_010_000, bucketStartSec: 1_000_005, gridKnown: true });
    expect(new BucketGrid(5).windowAfter(1_000_005_000).coverUntilWallMs).to.equal(1_000_010_000);
  });

  it('learns the phase from flow start times, and without one covers two widths', () => {
    const g = new BucketGrid(15, null);
    expect(g.windowAfter(100_000)).to.deep.equal({ fromSec: 100, coverUntilWallMs: 130_000, gridKnown: false });
    g.learn([92, 107]);
    expect(g.phase).to.equal(2);
    expect(g.windowAfter(100_000)).to.include({ bucketStartSec: 107, coverUntilWallMs: 122_000 });
  });

  it('parses Felix and Go durations', () => {
    expect(durationSeconds('5')).to.equal(5);
    expect(durationSeconds('15s')).to.equal(15);
    expect(durationSeconds('5m0s')).to.equal(300);
    expect(durationSeconds('1m30s')).to.equal(90);
    expect(durationSeconds('soon')).to.equal(undefined);
  });
});
