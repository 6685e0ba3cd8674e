// The endpoints of a ClusterIP Service, as Kubernetes' EndpointSlice controller makes them: the
// pods of the Service's namespace whose labels hold every selector pair; a named targetPort
// resolves on each pod for the port's protocol (a pod that lacks it is no endpoint of that port).
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import type { Inventory, PodSpec, ServicePortSpec, ServiceSpec } from '../types.ts';

export interface Backend {
  /** ns/pod */
  address: string;
  pod: PodSpec;
  /** The pod's port after DNAT. */
  targetPort: number;
}

export interface ServicePortBackends { port: ServicePortSpec; backends: Backend[] }

/** svc:NS/NAME */
export function serviceAddress(s: { namespace: string; name: string }): string {
  return `svc:${s.namespace}/${s.name}`;
}

export function selects(selector: Readonly<Record<string, string>>, labels: Readonly<Record<string, string>>): boolean {
  return Object.entries(selector).every(([k, v]) => labels[k] === v);
}

/** The pods the selector picks, in inventory order. */
export function selectedPods(inventory: Inventory, s: ServiceSpec): PodSpec[] {
  return inventory.pods.filter((p) => p.namespace === s.namespace && selects(s.selector, p.labels));
}

/** The pod's port a service port reaches (kube's podutil.FindPort: a name matches name and protocol). */
export function resolveTargetPort(pod: PodSpec, port: ServicePortSpec): number | undefined {
  if (typeof port.targetPort === 'number') return port.targetPort;
  return pod.ports.find((p) => p.name === port.targetPort && p.protocol === port.protocol)?.port;
}

export function serviceBackends(inventory: Inventory, s: ServiceSpec): ServicePortBackends[] {
  const pods = selectedPods(inventory, s);
  return s.ports.map((port) => ({
    port,
    backends: pods.flatMap((pod) => {
      const targetPort = resolveTargetPort(pod, port);
      return targetPort === undefined ? [] : [{ address: `${pod.namespace}/${pod.name}`, pod, targetPort }];
    }),
  }));
}

/**
 * What Calico's service IP sets hold, keyed by a name no port can have (svc:NS/NAME): per
 * backend pod, the protocol/port pairs of its endpoints (felix serviceindex membersFromEndpointSlice,
 * with ports). A destination `services` match tests the packet against these; a source one only
 * asks whether the pod is an endpoint at all (the IP-only set).
 */
export function serviceMembership(inventory: Inventory): Map<string, Map<string, Set<string>>> {
  const out = new Map<string, Map<string, Set<string>>>();
  for (const s of inventory.services ?? []) {
    const key = serviceAddress(s);
    for (const { port, backends } of serviceBackends(inventory, s)) {
      for (const b of backends) {
        const pod = out.get(b.address) ?? new Map<string, Set<string>>();
        const pairs = pod.get(key) ?? new Set<string>();
        pairs.add(`${PROTOCOL_NUMBERS[port.protocol] ?? 0}/${b.targetPort}`);
        pod.set(key, pairs);
        out.set(b.address, pod);
      }
    }
  }
  return out;
}

/** Why a Service has no backend (at a step, with that step's labels); undefined when it has one. */
export function noBackendReason(inventory: Inventory, s: ServiceSpec): string | undefined {
  const ports = serviceBackends(inventory, s);
  if (ports.some((p) => p.backends.length > 0)) return undefined;
  const selector = Object.entries(s.selector).map(([k, v]) => `${k}=${v}`).join(',');
  if (selectedPods(inventory, s).length === 0) return `${serviceAddress(s)} has no backend at this step: no pod of ${s.namespace} matches ${selector}`;
  const names = s.ports.map((p) => `${p.targetPort}/${p.protocol}`).join(', ');
  return `${serviceAddress(s)} has no backend at this step: the pods of ${s.namespace} matching ${selector} define none of its target ports (${names})`;
}
