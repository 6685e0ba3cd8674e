// The Kubernetes e2e netpol layout (namespaces x, y, z; pods a, b, c) and a truth-table check in
// the spirit of its Reachability type: expected verdicts from a rule, compared to the model's.
import { expect } from 'chai';
import type { Inventory, PortSpec } from '../types.ts';
import { inventory, type Matrix } from './model-fixture.ts';

export const E2E_PORTS: PortSpec[] = (['TCP', 'UDP', 'SCTP'] as const).flatMap((protocol) =>
  [80, 81].map((port) => ({ port, protocol })));

export function e2eInventory(extra: { podIps?: boolean } = {}): Inventory {
  const ns = (name: string, n: number) => ({
    labels: { ns: name },
    pods: Object.fromEntries(['a', 'b', 'c'].map((pod, j) => [pod, {
      labels: { pod },
      ports: [...E2E_PORTS, { port: 8080, protocol: 'TCP' as const, name: 'serve-80-tcp' }],
      ...(extra.podIps ? { ip: `10.0.${n}.${j + 1}` } : {}),
    }])),
  });
  return inventory({ x: ns('x', 0), y: ns('y', 1), z: ns('z', 2) });
}

export const PODS = ['x/a', 'x/b', 'x/c', 'y/a', 'y/b', 'y/c', 'z/a', 'z/b', 'z/c'];

/** Every pod-to-pod pair on `port` must follow `expected(from, to)`; pods to themselves are always allowed. */
export function expectReachability(m: Matrix, port: string, expected: (from: string, to: string) => 'allow' | 'deny'): void {
  const wrong: string[] = [];
  for (const from of PODS) {
    for (const to of PODS) {
      const want = from === to ? 'allow' : expected(from, to);
      const got = m.verdict(from, to, port);
      if (got !== want) wrong.push(`${from} -> ${to} ${port}: expected ${want}, model says ${got}`);
    }
  }
  expect(wrong, wrong.join('\n')).to.deep.equal([]);
}

export const ns = (address: string): string => address.split('/')[0] ?? '';
export const pod = (address: string): string => address.split('/')[1] ?? '';
