// The connection `tierprobe query` walks, from its flags: checked against the scenario, each
// problem a UsageError naming the flag, what is wrong and what would be right.
import { UsageError } from '../../errors.ts';
import { serviceAddress, type Inventory, type Protocol, type WalkthroughQuery } from '../../model/index.ts';

const PROTOCOLS: readonly Protocol[] = ['TCP', 'UDP', 'SCTP'];

export interface QueryFlags { from: string; to: string; port: string }

export function parseQuery(flags: QueryFlags, inventory: Inventory, file: string): WalkthroughQuery {
  const pods = inventory.pods.map((p) => `${p.namespace}/${p.name}`);
  const externals = inventory.externals.map((e) => `external:${e.name}`);
  if (!pods.includes(flags.from)) {
    const shape = /^[^/*\s]+\/[^/*\s]+$/.test(flags.from) ? 'is not a pod of' : 'must be ns/pod, a pod of';
    throw new UsageError(`--from: "${flags.from}" ${shape} ${file}; its pods are: ${pods.join(', ')}`);
  }
  const services = (inventory.services ?? []).map(serviceAddress);
  if (flags.to.startsWith('svc:') && !services.includes(flags.to)) {
    throw new UsageError(`--to: "${flags.to}" is not a Service (svc:NS/NAME) of ${file}; ${services.length === 0 ? 'it declares none (namespaces[].services)' : `its Services are: ${services.join(', ')}`}`);
  }
  if (!flags.to.startsWith('svc:') && !pods.includes(flags.to) && !externals.includes(flags.to)) {
    throw new UsageError(`--to: "${flags.to}" is not a pod (ns/pod), external (external:NAME) or Service (svc:NS/NAME) of ${file}; it has: ${[...pods, ...externals, ...services].join(', ')}`);
  }
  const m = /^([0-9]+)\/([A-Za-z]+)$/.exec(flags.port);
  const port = Number(m?.[1]);
  const protocol = PROTOCOLS.find((p) => p === m?.[2]?.toUpperCase());
  if (!m || !protocol || !Number.isInteger(port) || port < 1 || port > 65535) {
    throw new UsageError(`--port: "${flags.port}" is not a port: write N/PROTO, with N from 1 to 65535 and PROTO one of ${PROTOCOLS.join(', ')} (such as 80/TCP)`);
  }
  const served = servedPorts(inventory, flags.to);
  if (!served.includes(`${port}/${protocol}`)) {
    const what = flags.to.startsWith('svc:') ? `has no port ${port}/${protocol} (give the Service's port, not its targetPort); its ports are` : `does not serve ${port}/${protocol}; it serves`;
    throw new UsageError(`--port: ${flags.to} ${what} ${served.join(', ') || 'nothing'}`);
  }
  return { from: flags.from, to: flags.to, port, protocol };
}

function servedPorts(inventory: Inventory, to: string): string[] {
  const service = (inventory.services ?? []).find((s) => serviceAddress(s) === to);
  if (service) return service.ports.map((p) => `${p.port}/${p.protocol}`);
  const pod = inventory.pods.find((p) => `${p.namespace}/${p.name}` === to);
  const ports = pod?.ports ?? inventory.externals.find((e) => `external:${e.name}` === to)?.ports ?? [];
  return ports.map((p) => `${p.port}/${p.protocol}`);
}
