import { expect } from 'chai';
import type { Inventory } from '../../model/index.ts';
import type { ReadyPod } from '../deploy/wait-for-pods.ts';
import { planProbes } from './probe-plan.ts';

describe('planProbes', () => {
  const inventory: Inventory = {
    namespaces: [{ name: 'x', labels: {} }],
    pods: [
      { namespace: 'x', name: 'a', labels: {}, serviceAccount: 'default', ports: [{ port: 80, protocol: 'TCP' }, { port: 9, protocol: 'SCTP' }] },
      { namespace: 'x', name: 'b', labels: {}, serviceAccount: 'default', ports: [{ port: 53, protocol: 'UDP' }] },
    ],
    externals: [{ name: 'net', ip: '172.18.0.200', ports: [{ port: 443, protocol: 'TCP' }] }],
  };
  const pods = new Map<string, ReadyPod>([
    ['x/a', { namespace: 'x', name: 'a', ip: '10.0.0.1', node: 'n1' }],
    ['x/b', { namespace: 'x', name: 'b', ip: '10.0.0.2', node: 'n2' }],
  ]);

  it('probes every pod (itself through its own IP) and external on every port it serves, SCTP left out', () => {
    const [a] = planProbes(inventory, pods);
    expect(a?.targets.map((t) => `${t.key} ${t.host} ${t.path}`)).to.deep.equal([
      'x/a -> x/a 80/TCP 10.0.0.1 same-node',
      'x/a -> x/b 53/UDP 10.0.0.2 cross-node',
      'x/a -> external:net 443/TCP 172.18.0.200 external',
    ]);
  });
});
