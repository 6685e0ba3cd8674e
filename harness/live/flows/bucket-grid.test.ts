import { expect } from 'chai';
import { BucketGrid } from './bucket-grid.ts';

const felix = { flushSeconds: 5, roundMs: 1500 };
import { durationSeconds } from './flow-settings.ts';

describe('Goldmane\'s bucket grid', () => {
  it('reads buckets from the next whole second and covers the first whole bucket from there (phase 0 as Goldmane aligns)', () => {
    const w = new BucketGrid(5).windowAfter(1_000_002_300, felix);
    expect(w).to.deep.equal({ fromSec: 1_000_003, coverUntilWallMs: 1_000_010_000, bucketStartSec: 1_000_005, gridKnown: true, probeUntilWallMs: 1_000_010_000, flushedByWallMs: 1_000_016_500 });
    expect(new BucketGrid(5).windowAfter(1_000_005_000, felix).coverUntilWallMs).to.equal(1_000_010_000);
  });

  it('probes until every node\'s first Felix interval in the window saw a round: its ticker jitters by 10%, so an interval can skip a bucket', () => {
    const w = new BucketGrid(5).windowAfter(1_000_004_100, felix);
    expect(w).to.include({ fromSec: 1_000_005, coverUntilWallMs: 1_000_010_000 });
    expect(w.probeUntilWallMs).to.equal(1_000_012_000); // 1.1 flushes + a round after the window opens
    expect(w.flushedByWallMs).to.equal(1_000_017_000); // that interval ends 1.1 flushes later, + 1 s
  });

  it('opens the window only after Felix\'s conntrack lag, so packets from before convergence it learns of late are not read', () => {
    const w = new BucketGrid(5).windowAfter(1_000_002_300, { ...felix, lagMs: 5500 });
    expect(w).to.include({ fromSec: 1_000_008, bucketStartSec: 1_000_010, coverUntilWallMs: 1_000_015_000 });
  });

  it('learns the phase from flow start times, and without one covers two widths', () => {
    const g = new BucketGrid(15, null);
    expect(g.windowAfter(100_000, felix)).to.deep.equal({ fromSec: 100, coverUntilWallMs: 130_000, gridKnown: false, probeUntilWallMs: 130_000, flushedByWallMs: 136_500 });
    g.learn([92, 107]);
    expect(g.phase).to.equal(2);
    expect(g.windowAfter(100_000, felix)).to.include({ bucketStartSec: 107, coverUntilWallMs: 122_000 });
  });

  it('parses Felix and Go durations', () => {
    expect(durationSeconds('5')).to.equal(5);
    expect(durationSeconds('15s')).to.equal(15);
    expect(durationSeconds('5m0s')).to.equal(300);
    expect(durationSeconds('1m30s')).to.equal(90);
    expect(durationSeconds('soon')).to.equal(undefined);
  });
});
