// Service cells: per source pod, Service, Service port and backend, the connection after DNAT.
// Calico's policy sees the packet kube-proxy has rewritten to the backend pod and its target port
// (CALICO-SEMANTICS.md §4), so each cell is the model's verdict from the source to that backend.
import type { CompiledPolicySet } from '../compile/compiled.ts';
import { PROTOCOL_NUMBERS } from '../net/protocol.ts';
import { serviceAddress, serviceBackends } from '../services/backends.ts';
import type { Cell, DnsVerdict, Inventory } from '../types.ts';
import type { Outcome } from './address-outcome.ts';
import { Connections } from './connections.ts';
import type { CellRows } from './evaluate-cells.ts';
import { buildEndpoints, type Endpoint } from './endpoints.ts';

/**
 * kube-dns as kind (and kubeadm) deploy it: CoreDNS pods in kube-system labelled
 * k8s-app=kube-dns, service account coredns, behind the Service kube-system/kube-dns. Not in
 * the inventory: only the scenario's own policies are known, and they may select it.
 */
export const KUBE_DNS = 'kube-system/coredns';
const DNS_PORTS = [
  { port: 53, protocol: 'UDP', name: 'dns' }, { port: 53, protocol: 'TCP', name: 'dns-tcp' }, { port: 9153, protocol: 'TCP', name: 'metrics' },
] as const;

function kubeDnsEndpoint(): Endpoint {
  const [dns] = buildEndpoints({
    namespaces: [{ name: 'kube-system', labels: {} }],
    pods: [{ namespace: 'kube-system', name: 'coredns', labels: { 'k8s-app': 'kube-dns' }, serviceAccount: 'coredns', ports: DNS_PORTS.map((p) => ({ ...p })) }],
    externals: [],
  });
  if (!dns) throw new Error('no kube-dns endpoint');
  // The endpoint of kube-system/kube-dns on each port, for a rule's `services` match.
  dns.namedPorts.set('svc:kube-system/kube-dns', new Set(DNS_PORTS.map((p) => `${PROTOCOL_NUMBERS[p.protocol] ?? 0}/${p.port}`)));
  return dns;
}

/** One row per source pod (in inventory order); none when no Service has a backend. */
export function serviceRows(inventory: Inventory, set: CompiledPolicySet): CellRows {
  const services = (inventory.services ?? []).map((s) => ({ to: serviceAddress(s), ports: serviceBackends(inventory, s) }));
  if (!services.some((s) => s.ports.some((p) => p.backends.length > 0))) return { count: 0, visit: () => undefined };
  const endpoints = [...buildEndpoints(inventory), kubeDnsEndpoint()];
  const index = new Map(endpoints.map((e, i) => [e.address, i]));
  const dnsIndex = endpoints.length - 1;
  const sources = endpoints.flatMap((e, i) => (e.isPod && i !== dnsIndex ? [i] : []));
  const connections = new Connections(endpoints, inventory, set);
  return { count: sources.length, visit: (row, visit) => {
    const si = sources[row];
    const from = si === undefined ? undefined : endpoints[si]?.address;
    if (si === undefined || from === undefined) return;
    const dns = dnsVerdict(connections.decide('enforced', si, dnsIndex, 53, 'UDP'));
    for (const { to, ports } of services) {
      for (const { port, backends } of ports) {
        for (const b of backends) {
          const bi = index.get(b.address);
          if (bi === undefined) continue;
          const decide = (mode: 'enforced' | 'pending' | 'promoted') => connections.decide(mode, si, bi, b.targetPort, port.protocol);
          visit(serviceCell({ from, to, backend: b.address, port: port.port, targetPort: b.targetPort, protocol: port.protocol }, decide, connections.staged, dns));
        }
      }
    }
  } };
}

type CellHead = Pick<Cell, 'from' | 'to' | 'backend' | 'port' | 'targetPort' | 'protocol'>;

function serviceCell(head: CellHead, decide: (mode: 'enforced' | 'pending' | 'promoted') => Outcome, staged: boolean, dns: DnsVerdict): Cell {
  const enforced = decide('enforced');
  const cell: Cell = { ...head, verdict: enforced.verdict, decidedBy: enforced.decidedBy };
  let because = enforced.because;
  if (staged) {
    const pending = decide('pending');
    const promoted = decide('promoted');
    cell.stagedVerdict = pending.verdict;
    cell.stagedDecidedBy = pending.decidedBy;
    cell.promotedVerdict = promoted.verdict;
    because ??= prefixed('the pending (staged) verdict', pending.because) ?? prefixed('the promoted verdict', promoted.because);
  }
  if (because !== undefined) cell.unknownBecause = because;
  cell.dns = dns;
  return cell;
}

function dnsVerdict(o: Outcome): DnsVerdict {
  return o.because === undefined ? { verdict: o.verdict, decidedBy: o.decidedBy } : { verdict: o.verdict, decidedBy: o.decidedBy, unknownBecause: o.because };
}

function prefixed(what: string, because: string | undefined): string | undefined {
  return because === undefined ? undefined : `${what} ${because}`;
}
