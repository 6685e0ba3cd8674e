import { expect } from 'chai';
import type { Cell } from '../model/index.ts';
import type { TrafficEntry } from './types.ts';
import { plannedTraffic } from './planned-traffic.ts';

const cell = (from: string, to: string, verdict: Cell['verdict']): Cell => ({ from, to, port: 80, protocol: 'TCP', verdict, decidedBy: null });
const entry = (from: string, to: string): TrafficEntry => ({ from, to, port: 80, protocol: 'TCP', rate: 100, beforeMs: 3000, afterMs: 8000, location: { file: 's.yaml', line: 1, column: 1 } });

describe('plannedTraffic: what explain says a step\'s traffic will measure', () => {
  it('names each pair, the change the expected matrix predicts, its figure and the load', () => {
    const lines = plannedTraffic([
      { cells: [cell('x/a', 'y/b', 'allow'), cell('x/c', 'y/b', 'allow')] },
      { cells: [cell('x/a', 'y/b', 'deny'), cell('x/c', 'y/b', 'allow')], traffic: [entry('x/*', 'y/b')] },
      { cells: [cell('x/a', 'y/b', 'deny'), cell('x/c', 'y/b', 'allow')], expect: { default: 'allow', rules: [] }, traffic: [entry('x/a', 'y/b')] },
    ]);
    expect(lines[0]).to.deep.equal([]);
    expect(lines[1]).to.deep.equal([
      'x/a -> y/b 80/TCP  denies: measures time-to-enforce; 100/s, 3 s before, 8 s after',
      'x/c -> y/b 80/TCP  stays allowed: measures disruption (expected 0); 100/s, 3 s before, 8 s after',
    ]);
    // expect (allow) overrides the model (deny): the step re-opens what the one before denied.
    expect(lines[2]).to.deep.equal(['x/a -> y/b 80/TCP  allows: measures time-to-open; 100/s, 3 s before, 8 s after']);
  });
});
