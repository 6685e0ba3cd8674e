// Pods and externals as Calico sees them: labels with the projectcalico.org/* additions and the
// labels inherited from the namespace (pcns.*) and service account (pcsa.*) profiles.
import { NAMESPACE_LABEL, NAMESPACE_PREFIX, SERVICE_ACCOUNT_LABEL, SERVICE_ACCOUNT_PREFIX } from '../compile/selectors.ts';
import { parseIp, type IpAddress } from '../net/cidr.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import { serviceMembership } from '../services/backends.ts';
import type { Inventory, PortSpec } from '../types.ts';

export interface Endpoint {
  /** ns/pod or external:NAME */
  address: string;
  isPod: boolean;
  /** Labels a selector sees (pods only; externals match selectors through network sets). */
  labels: Map<string, string>;
  ip: IpAddress | undefined;
  ports: PortSpec[];
  /**
   * name -> "protocolNumber/port" entries, for named-port rules; also svc:NS/NAME -> the pod's
   * endpoint ports of that Service (no port name has a colon), for Calico's `services` match.
   */
  namedPorts: Map<string, Set<string>>;
}

export class InventoryError extends Error {
  override name = 'InventoryError';
}

/** Labels the namespace profile (kns.<ns>) passes on, before the pcns. prefix. */
export function namespaceLabels(name: string, labels: Record<string, string>): Map<string, string> {
  const out = new Map(Object.entries(labels));
  out.set('kubernetes.io/metadata.name', name);
  out.set('projectcalico.org/name', name);
  return out;
}

export function buildEndpoints(inventory: Inventory): Endpoint[] {
  const nsLabels = new Map(inventory.namespaces.map((n) => [n.name, namespaceLabels(n.name, n.labels)]));
  const services = inventory.services?.length ? serviceMembership(inventory) : undefined;
  const pods = inventory.pods.map((pod): Endpoint => {
    const labels = new Map<string, string>();
    for (const [k, v] of nsLabels.get(pod.namespace) ?? namespaceLabels(pod.namespace, {})) labels.set(NAMESPACE_PREFIX + k, v);
    labels.set(`${SERVICE_ACCOUNT_PREFIX}projectcalico.org/name`, pod.serviceAccount);
    for (const [k, v] of Object.entries(pod.labels)) labels.set(k, v);
    labels.set(NAMESPACE_LABEL, pod.namespace);
    labels.set('projectcalico.org/orchestrator', 'k8s');
    labels.set(SERVICE_ACCOUNT_LABEL, pod.serviceAccount);
    return {
      address: `${pod.namespace}/${pod.name}`, isPod: true, labels, ip: ipOf(pod.ip, pod.name), ports: pod.ports,
      namedPorts: withServices(namedPorts(pod.ports), services?.get(`${pod.namespace}/${pod.name}`)),
    };
  });
  const externals = inventory.externals.map((e): Endpoint => ({
    address: `external:${e.name}`, isPod: false, labels: new Map(), ip: ipOf(e.ip, e.name), ports: e.ports, namedPorts: new Map(),
  }));
  return [...pods, ...externals];
}

function ipOf(ip: string | undefined, owner: string): IpAddress | undefined {
  if (ip === undefined) return undefined;
  const parsed = parseIp(ip);
  if (parsed === undefined) throw new InventoryError(`${owner}: ${JSON.stringify(ip)} is not an IP address`);
  return parsed;
}

function namedPorts(ports: PortSpec[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const p of ports) {
    if (p.name === undefined) continue;
    const set = out.get(p.name) ?? new Set<string>();
    set.add(`${PROTOCOL_NUMBERS[p.protocol] ?? 0}/${p.port}`);
    out.set(p.name, set);
  }
  return out;
}

function withServices(named: Map<string, Set<string>>, services: Map<string, Set<string>> | undefined): Map<string, Set<string>> {
  if (services) for (const [key, pairs] of services) named.set(key, pairs);
  return named;
}
