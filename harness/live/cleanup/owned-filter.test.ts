import { expect } from 'chai';
import { labelSelector, leftoverFilter, matches, runFilter } from './owned-filter.ts';

describe('owned-filter', () => {
  it("one run's filter takes exactly that run's resources", () => {
    const f = runFilter('r1');
    expect(labelSelector(f)).to.equal('tierprobe.dev/owned-by=tierprobe,tierprobe.dev/run=r1');
    expect(matches(f, { 'tierprobe.dev/owned-by': 'tierprobe', 'tierprobe.dev/run': 'r1' })).to.equal(true);
    expect(matches(f, { 'tierprobe.dev/owned-by': 'tierprobe', 'tierprobe.dev/run': 'r2' })).to.equal(false);
  });

  it('the leftover filter spares live runs and resources that belong to no run', () => {
    const f = leftoverFilter(['live1', 'live2']);
    expect(labelSelector(f)).to.equal('tierprobe.dev/owned-by=tierprobe,tierprobe.dev/run,tierprobe.dev/run notin (live1,live2)');
    expect(matches(f, { 'tierprobe.dev/owned-by': 'tierprobe', 'tierprobe.dev/run': 'dead' })).to.equal(true);
    expect(matches(f, { 'tierprobe.dev/owned-by': 'tierprobe', 'tierprobe.dev/run': 'live2' })).to.equal(false);
    expect(matches(f, { 'tierprobe.dev/owned-by': 'tierprobe' })).to.equal(false);
    expect(matches(f, { 'tierprobe.dev/run': 'dead' })).to.equal(false);
    expect(matches(f, undefined)).to.equal(false);
  });
});
