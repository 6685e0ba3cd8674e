import { expect } from 'chai';
import { wantsBars } from './choose-progress.ts';

describe('wantsBars: bars only for a person at a terminal', () => {
  it('a terminal with no CI: bars', () => {
    expect(wantsBars({ isTTY: true }, { TERM: 'xterm-256color' })).to.equal(true);
    expect(wantsBars({ isTTY: true }, { CI: 'false' })).to.equal(true);
  });
  it('a pipe or file, CI, a dumb terminal or TIERPROBE_PROGRESS=lines: lines', () => {
    expect(wantsBars({}, {})).to.equal(false);
    expect(wantsBars({ isTTY: false }, {})).to.equal(false);
    expect(wantsBars({ isTTY: true }, { CI: 'true' })).to.equal(false);
    expect(wantsBars({ isTTY: true }, { CI: '1' })).to.equal(false);
    expect(wantsBars({ isTTY: true }, { TERM: 'dumb' })).to.equal(false);
    expect(wantsBars({ isTTY: true }, { TIERPROBE_PROGRESS: 'lines' })).to.equal(false);
  });
});
