// Namespaces, pods and externals from the parsed file, with defaults and duplicate checks.
import type { ExternalSpec, Inventory, PodSpec, PortSpec } from '../model/index.ts';
import type { ScenarioFile } from './schema.ts';
import type { Report } from './report.ts';
import { resolveServices } from './services.ts';

export const defaultProbePorts: readonly PortSpec[] = [
  { port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }, { port: 81, protocol: 'UDP' },
];

export function resolveInventory(file: ScenarioFile, probePorts: readonly PortSpec[], report: Report): Inventory {
  checkPorts(probePorts, ['probe', 'ports'], report);
  const pods: PodSpec[] = [];
  unique(file.namespaces.map((n) => n.name), (i, n) => report(['namespaces', i, 'name'], `duplicate namespace "${n}"`));
  for (const [nsIndex, ns] of file.namespaces.entries()) {
    unique(ns.pods.map((p) => p.name), (i, n) => report(['namespaces', nsIndex, 'pods', i, 'name'], `duplicate pod "${n}" in namespace "${ns.name}"`));
    for (const [podIndex, pod] of ns.pods.entries()) {
      const at = ['namespaces', nsIndex, 'pods', podIndex, 'ports'];
      checkPorts(pod.ports, at, report);
      pods.push({
        namespace: ns.name, name: pod.name, labels: pod.labels,
        serviceAccount: pod.serviceAccount ?? 'default',
        ports: mergePorts(probePorts, pod.ports, (message) => report(at, message)),
      });
    }
  }
  const externals: ExternalSpec[] = file.externals.map((e, i) => {
    checkPorts(e.ports, ['externals', i, 'ports'], report);
    return { name: e.name, ip: e.ip, ports: e.ports };
  });
  unique(externals.map((e) => e.name), (i, n) => report(['externals', i, 'name'], `duplicate external "${n}"`));
  unique(externals.map((e) => e.ip), (i, ip) => report(['externals', i, 'ip'], `another external already has the address ${ip}`));
  const inventory: Inventory = { namespaces: file.namespaces.map((n) => ({ name: n.name, labels: n.labels })), pods, externals };
  const services = resolveServices(file, inventory, report);
  if (services.length > 0) inventory.services = services;
  return inventory;
}

/** The probe ports every pod serves, plus the pod's own; a pod entry for the same port/protocol adds its name. */
function mergePorts(base: readonly PortSpec[], own: readonly PortSpec[], fail: (message: string) => void): PortSpec[] {
  const merged = base.map((p) => ({ ...p }));
  for (const p of own) {
    const same = merged.find((m) => m.port === p.port && m.protocol === p.protocol);
    if (!same) merged.push({ ...p });
    else if (p.name !== undefined) {
      if (same.name !== undefined && same.name !== p.name) fail(`${p.port}/${p.protocol} has two names: ${same.name} and ${p.name}`);
      same.name = p.name;
    }
  }
  return merged;
}

function checkPorts(ports: readonly PortSpec[], at: (string | number)[], report: Report): void {
  unique(ports.map((p) => `${p.port}/${p.protocol}`), (i, key) => report([...at, i], `${key} is listed twice`));
  const names = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (p.name !== undefined && names.has(p.name)) report([...at, i, 'name'], `port name "${p.name}" is used twice`);
    if (p.name !== undefined) names.add(p.name);
  }
}

/** Calls onDuplicate for each later occurrence of a value. */
function unique(values: readonly string[], onDuplicate: (index: number, value: string) => void): void {
  const seen = new Set<string>();
  for (const [i, v] of values.entries()) {
    if (seen.has(v)) onDuplicate(i, v);
    seen.add(v);
  }
}
