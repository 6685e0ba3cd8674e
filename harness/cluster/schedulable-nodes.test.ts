import { expect } from 'chai';
import type * as k8s from '@kubernetes/client-node';
import { kindTolerations, schedulableNodes } from './schedulable-nodes.ts';

function node(name: string, o: { ready?: boolean; unschedulable?: boolean; taints?: k8s.V1Taint[] } = {}): k8s.V1Node {
  return {
    metadata: { name },
    spec: { ...(o.unschedulable ? { unschedulable: true } : {}), ...(o.taints ? { taints: o.taints } : {}) },
    status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  };
}

describe('schedulableNodes: where probe pods may go', () => {
  const controlPlane = { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' };

  it('keeps Ready, schedulable, untainted nodes, sorted', () => {
    expect(schedulableNodes([node('b'), node('a')], [])).to.deep.equal({ usable: ['a', 'b'], skipped: [] });
  });

  it('skips a node that is not Ready, one that is cordoned, and one whose taint is not tolerated, saying why', () => {
    const got = schedulableNodes([
      node('down', { ready: false }), node('cordoned', { unschedulable: true }),
      node('gpu', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      node('draining', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }),
      node('soft', { taints: [{ key: 'x', effect: 'PreferNoSchedule' }] }),
      node('cp', { taints: [controlPlane] }),
    ], []);
    expect(got.usable).to.deep.equal(['soft']);
    expect(got.skipped).to.deep.equal([
      { name: 'down', why: 'not Ready' },
      { name: 'cordoned', why: 'cordoned (unschedulable)' },
      { name: 'gpu', why: 'taint dedicated=gpu:NoSchedule not tolerated' },
      { name: 'draining', why: 'taint node.kubernetes.io/unreachable:NoExecute not tolerated' },
      { name: 'cp', why: 'taint node-role.kubernetes.io/control-plane:NoSchedule not tolerated' },
    ]);
  });

  it('on tierprobe\'s kind cluster the control plane takes probe pods, but no other taint is tolerated', () => {
    const got = schedulableNodes([node('cp', { taints: [controlPlane] }), node('gpu', { taints: [{ key: 'dedicated', effect: 'NoSchedule' }] })], kindTolerations);
    expect(got.usable).to.deep.equal(['cp']);
    expect(got.skipped.map((s) => s.name)).to.deep.equal(['gpu']);
  });
});
