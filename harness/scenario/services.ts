// `namespaces[].services` (issue 10): ClusterIP Services, checked against the pods they select as
// Kubernetes would make their EndpointSlices; every problem at its field.
import { noBackendReason, resolveTargetPort, serviceAddress, serviceSelectedPods, type Inventory, type ServicePortSpec, type ServiceSpec } from '../model/index.ts';
import { inventoryAt } from './relabel.ts';
import type { Scenario } from './types.ts';
import type { Report } from './report.ts';
import type { ScenarioFile } from './schema.ts';
import type { FieldPath } from './yaml-position.ts';

export function resolveServices(file: ScenarioFile, inventory: Inventory, report: Report): ServiceSpec[] {
  const out: ServiceSpec[] = [];
  for (const [nsIndex, ns] of file.namespaces.entries()) {
    const seen = new Set<string>();
    for (const [i, s] of ns.services.entries()) {
      const at: FieldPath = ['namespaces', nsIndex, 'services', i];
      if (seen.has(s.name)) {
        report([...at, 'name'], `duplicate Service "${s.name}" in namespace "${ns.name}"`);
        continue;
      }
      seen.add(s.name);
      const ports = s.ports.map((p): ServicePortSpec => ({
        port: p.port, protocol: p.protocol, targetPort: p.targetPort ?? p.port, ...(p.name === undefined ? {} : { name: p.name }),
      }));
      checkPorts(ports, [...at, 'ports'], report);
      const spec: ServiceSpec = { namespace: ns.name, name: s.name, selector: s.selector, ports };
      out.push(spec);
      if (serviceSelectedPods(inventory, spec).length === 0) {
        report([...at, 'selector'], `${serviceAddress(spec)} selects no pod of namespace ${ns.name}`);
        continue;
      }
      spec.ports.forEach((p, k) => {
        const problem = targetPortProblem(inventory, spec, p, 'no');
        if (problem) report([...at, 'ports', k, s.ports[k]?.targetPort === undefined ? 'port' : 'targetPort'], problem);
      });
    }
  }
  return out;
}

/**
 * After a relabel, the Services select other pods: a numbered targetPort must still be served by
 * each (having no backend at a step is no error: the step's cells and explain say so).
 */
export function checkServicesAt(inventory: Inventory, at: FieldPath, report: Report): void {
  for (const s of inventory.services ?? []) {
    for (const p of s.ports) {
      const problem = typeof p.targetPort === 'number' ? targetPortProblem(inventory, s, p, 'after this relabel,') : undefined;
      if (problem) report(at, problem);
    }
  }
}

/** Kubernetes' service validation: several ports need names, unique; port/protocol pairs unique. */
function checkPorts(ports: readonly ServicePortSpec[], at: FieldPath, report: Report): void {
  const names = new Set<string>();
  const pairs = new Set<string>();
  for (const [i, p] of ports.entries()) {
    if (ports.length > 1 && p.name === undefined) report([...at, i], 'a Service with more than one port names each of them (name: ...)');
    if (p.name !== undefined && names.has(p.name)) report([...at, i, 'name'], `port name "${p.name}" is used twice`);
    if (p.name !== undefined) names.add(p.name);
    const pair = `${p.port}/${p.protocol}`;
    if (pairs.has(pair)) report([...at, i, 'port'], `${pair} is listed twice`);
    pairs.add(pair);
  }
}

/**
 * A numbered targetPort makes every selected pod an endpoint (Kubernetes does not look at the
 * pod's ports), so each must serve it or its share of connections is refused; a named one must
 * be a port name, for the port's protocol, of at least one selected pod.
 */
function targetPortProblem(inventory: Inventory, s: ServiceSpec, p: ServicePortSpec, lead: string): string | undefined {
  const pods = serviceSelectedPods(inventory, s);
  const name = (pod: { namespace: string; name: string }) => `${pod.namespace}/${pod.name}`;
  if (typeof p.targetPort === 'string') {
    if (pods.some((pod) => resolveTargetPort(pod, p) !== undefined)) return undefined;
    return `targetPort "${p.targetPort}": ${lead === 'no' ? 'no' : `${lead} no`} pod ${serviceAddress(s)} selects (${pods.map(name).join(', ')}) names a ${p.protocol} port "${p.targetPort}"`;
  }
  const target = p.targetPort;
  const missing = pods.filter((pod) => !pod.ports.some((q) => q.port === target && q.protocol === p.protocol));
  if (missing.length === 0) return undefined;
  const where = `targetPort ${target}/${p.protocol} of ${serviceAddress(s)}`;
  const head = lead === 'no' ? where : `${lead} ${where}`;
  if (missing.length === pods.length) return `${head}: no pod it selects serves it (${pods.map(name).join(', ')})`;
  return `${head}: ${missing.map(name).join(', ')} ${missing.length === 1 ? 'is' : 'are'} selected but do${missing.length === 1 ? 'es' : ''} not serve it; Kubernetes makes every selected pod an endpoint of a numbered targetPort, so ${missing.length === 1 ? 'its' : 'their'} share of connections would be refused (add the port to the pod, or narrow the selector)`;
}

/** Per step, a line for each Service without a backend at that step (explain says so; no cell shows it). */
export function serviceNotes(scenario: Scenario): string[][] {
  return scenario.steps.map((step) => {
    const inventory = inventoryAt(scenario.inventory, step.labels);
    return (inventory.services ?? []).flatMap((s) => noBackendReason(inventory, s) ?? []);
  });
}
