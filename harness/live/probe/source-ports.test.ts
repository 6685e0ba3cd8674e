import { expect } from 'chai';
import { SourcePorts, sourcePortRange } from './source-ports.ts';

describe('SourcePorts: a UDP attempt never reuses a recent source port', () => {
  it('hands out the range in turn per source pod, below the ephemeral range, skipping what the pod serves', () => {
    const ports = new SourcePorts();
    expect([ports.take('x/a'), ports.take('x/a'), ports.take('y/b')]).to.deep.equal([10000, 10001, 10000]);
    expect(ports.take('x/a', new Set([10002, 10003]))).to.equal(10004);
    expect(sourcePortRange.last).to.be.below(32768);
  });

  it('comes back to a port only after the whole range was used from that pod', () => {
    const ports = new SourcePorts();
    const size = sourcePortRange.last - sourcePortRange.first + 1;
    const seen = new Set(Array.from({ length: size }, () => ports.take('x/a')));
    expect(seen.size).to.equal(size);
    expect(ports.take('x/a')).to.equal(sourcePortRange.first);
  });
});
