import { expect } from 'chai';
import type { Location } from '../scenario/types.ts';
import { maxTrafficPairsPerStep, maxTrafficRatePerStep, trafficBoundsProblem, trafficPairs, type TrafficCell } from './expand.ts';
import type { TrafficEntry, TrafficPair } from './types.ts';

const at = (line: number): Location => ({ file: 's.yaml', line, column: 9 });
const entry = (from: string, to: string, more: Partial<TrafficEntry> = {}): TrafficEntry => ({
  location: at(1), from, to, port: 80, protocol: 'TCP', rate: 50, beforeMs: 3000, afterMs: 10000, ...more,
});
const pods = ['x/a', 'x/b', 'y/a'];
/** Every pod to every pod and the external, as the model orders them; pods serve 80/TCP and 80/UDP. */
const cells: TrafficCell[] = pods.flatMap((from) => [
  ...pods.flatMap((to) => (['TCP', 'UDP'] as const).map((protocol) => ({ from, to, port: 80, protocol }))),
  { from, to: 'external:internet', port: 443, protocol: 'TCP' as const },
]);
const keys = (pairs: readonly TrafficPair[]) => pairs.map((p) => `${p.from} ${p.to} ${p.port}/${p.protocol}`);

describe('trafficPairs', () => {
  it('matches wildcards on either side as expect rules do, on the entry\'s port and protocol only', () => {
    expect(keys(trafficPairs([entry('x/*', '*/a')], cells))).to.deep.equal(['x/a y/a 80/TCP', 'x/b x/a 80/TCP', 'x/b y/a 80/TCP']);
    expect(keys(trafficPairs([entry('*/a', 'x/b', { protocol: 'UDP' })], cells))).to.deep.equal(['x/a x/b 80/UDP', 'y/a x/b 80/UDP']);
  });

  it('reaches externals by name or by external:*, never through */*', () => {
    const https = { port: 443 };
    expect(keys(trafficPairs([entry('y/a', 'external:internet', https)], cells))).to.deep.equal(['y/a external:internet 443/TCP']);
    expect(keys(trafficPairs([entry('x/a', 'external:*', https)], cells))).to.deep.equal(['x/a external:internet 443/TCP']);
    expect(trafficPairs([entry('*/*', '*/*', https)], cells)).to.deep.equal([]);
  });

  it('leaves out a pod to itself', () => {
    expect(keys(trafficPairs([entry('*/*', '*/*')], cells))).to.deep.equal([
      'x/a x/b 80/TCP', 'x/a y/a 80/TCP', 'x/b x/a 80/TCP', 'x/b y/a 80/TCP', 'y/a x/a 80/TCP', 'y/a x/b 80/TCP',
    ]);
    expect(trafficPairs([entry('x/a', 'x/a')], cells)).to.deep.equal([]);
  });

  it('lets a later entry override an earlier one for the same cell, and keeps the order of the cells', () => {
    const pairs = trafficPairs([
      entry('x/a', 'y/a', { rate: 5, location: at(3) }),
      entry('x/*', '*/*', { rate: 100, established: 'cut', maxTimeToEnforceMs: 2000, location: at(4) }),
      entry('x/b', 'x/a', { rate: 7, beforeMs: 1000, afterMs: 60000, established: 'kept', maxTimeToOpenMs: 500, location: at(5) }),
    ], cells);
    expect(pairs.map((p) => `${p.from} ${p.to} ${p.rate} line ${p.location.line}`)).to.deep.equal([
      'x/a x/b 100 line 4', 'x/a y/a 100 line 4', 'x/b x/a 7 line 5', 'x/b y/a 100 line 4',
    ]);
    expect(pairs[2]).to.deep.equal({
      from: 'x/b', to: 'x/a', port: 80, protocol: 'TCP', rate: 7, beforeMs: 1000, afterMs: 60000,
      established: 'kept', maxTimeToOpenMs: 500, location: at(5),
    });
    expect(pairs[0]).to.not.have.property('maxTimeToOpenMs');
    expect(pairs[0]).to.include({ established: 'cut', maxTimeToEnforceMs: 2000 });
  });

  it('makes no pair from an entry whose address does not parse', () => {
    expect(trafficPairs([entry('svc:y/web', 'x/a'), entry('x/a', 'svc:y/web')], cells)).to.deep.equal([]);
  });
});

describe('trafficBoundsProblem', () => {
  const pairs = (n: number, rate: number): TrafficPair[] => Array.from({ length: n }, (_, i) => ({
    from: 'x/a', to: `y/p${i}`, port: 80, protocol: 'TCP', rate, beforeMs: 3000, afterMs: 10000, location: at(1),
  }));

  it('accepts up to the bounds', () => {
    expect(trafficBoundsProblem([])).to.equal(undefined);
    expect(trafficBoundsProblem(pairs(maxTrafficPairsPerStep, maxTrafficRatePerStep / maxTrafficPairsPerStep))).to.equal(undefined);
  });

  it('says which bound a step is over, and by how much', () => {
    expect(trafficBoundsProblem(pairs(65, 1))).to.equal(
      "this step's traffic is too much for one step: 65 pairs, at most 64 (narrow the from/to patterns or lower the rates)");
    expect(trafficBoundsProblem(pairs(3, 6667))).to.include('a summed rate of 20001/s, at most 20000/s');
    expect(trafficBoundsProblem(pairs(70, 300))).to.include('70 pairs, at most 64; a summed rate of 21000/s, at most 20000/s');
  });
});
