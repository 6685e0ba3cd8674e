// Who probes whom: per source pod, every destination pod and external on every port it serves.
import { cellKey, type DiffCell } from '../../diff/index.ts';
import type { Inventory, PortSpec } from '../../model/index.ts';
import { servedPorts } from '../deploy/manifests.ts';
import { podKey } from '../deploy/placement.ts';
import type { ReadyPod } from '../deploy/wait-for-pods.ts';
import type { ServiceProbe } from './service-plan.ts';

export interface ProbeTarget {
  /** The cell's key (harness/diff cellKey); also the agent's target id. */
  key: string;
  from: string;
  to: string;
  host: string;
  port: number;
  protocol: 'TCP' | 'UDP';
  path: NonNullable<DiffCell['path']>;
  /** A Service target (to: svc:NS/NAME, host its ClusterIP): it stands for its backends' cells (service-plan.ts). */
  service?: ServiceProbe;
}

/** udpPorts: the UDP ports the source pod serves (never a source port of its attempts). */
export interface SourcePlan { pod: ReadyPod; key: string; targets: ProbeTarget[]; udpPorts?: ReadonlySet<number> }

/**
 * Every pod probes every pod, itself included (through its own IP: the traffic never leaves
 * the pod, so this checks the listener, not policy), and every external. SCTP ports are not
 * probed (the agent cannot speak SCTP): their cells stay unobserved, never counted as deny.
 */
export function planProbes(inventory: Inventory, pods: ReadonlyMap<string, ReadyPod>): SourcePlan[] {
  const destinations = [
    ...inventory.pods.map((p) => ({ to: podKey(p), host: pods.get(podKey(p))?.ip, node: pods.get(podKey(p))?.node, ports: p.ports })),
    ...inventory.externals.map((e) => ({ to: `external:${e.name}`, host: e.ip, node: undefined, ports: e.ports })),
  ];
  return inventory.pods.flatMap((source) => {
    const from = podKey(source);
    const pod = pods.get(from);
    if (!pod) return [];
    const targets = destinations.flatMap((d) => d.host === undefined ? [] : probable(d.ports).map((p): ProbeTarget => {
      const cell = { from, to: d.to, port: p.port, protocol: p.protocol };
      const path = d.node === undefined ? 'external' : d.node === pod.node ? 'same-node' : 'cross-node';
      return { ...cell, key: cellKey(cell), host: d.host ?? '', path };
    }));
    return [{ pod, key: from, targets, udpPorts: new Set(source.ports.filter((p) => p.protocol === 'UDP').map((p) => p.port)) }];
  });
}

function probable(ports: readonly PortSpec[]): { port: number; protocol: 'TCP' | 'UDP' }[] {
  return servedPorts(ports).flatMap((p) => (p.protocol === 'SCTP' ? [] : [{ port: p.port, protocol: p.protocol }]));
}
