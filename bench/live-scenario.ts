// Generated scenarios for the live benchmark: N namespaces x M pods on three ports, and steps
// that switch policies on and off (Kubernetes and Calico), so that every step changes cells.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface LiveShape { namespaces: number; pods: number; changes: number }

const ns = (i: number) => `bench-${i}`;

/** Writes the scenario (and its policy files) to a temporary directory; returns its path. */
export async function writeBenchScenario(name: string, shape: LiveShape): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-bench-'));
  const denyIngress = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-ingress', namespace: ns(0) }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
  const gnp = {
    apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'deny-1-to-2' },
    spec: { order: 10, selector: `projectcalico.org/namespace == '${ns(2 % shape.namespaces)}'`, types: ['Ingress'],
      ingress: [{ action: 'Deny', source: { namespaceSelector: `bench == '${1 % shape.namespaces}'` } }, { action: 'Pass' }] },
  };
  await writeFile(join(dir, 'deny-ingress.yaml'), stringify(denyIngress));
  await writeFile(join(dir, 'gnp.yaml'), stringify(gnp));
  const steps: object[] = [{ name: 'baseline' }];
  for (let i = 0; i < shape.changes; i++) {
    const [file, kind, doc] = i % 2 === 0 ? ['deny-ingress.yaml', 'NetworkPolicy', denyIngress] : ['gnp.yaml', 'GlobalNetworkPolicy', gnp];
    steps.push({ name: `apply ${kind} ${i + 1}`, apply: [{ file }] });
    steps.push({ name: `delete ${kind} ${i + 1}`, delete: [{ kind, name: doc.metadata.name, ...('namespace' in doc.metadata ? { namespace: doc.metadata.namespace, apiVersion: doc.apiVersion } : {}) }] });
  }
  const scenario = {
    apiVersion: 'tierprobe/v1alpha1', kind: 'Scenario', metadata: { name },
    probe: { timeout: '1s', ports: ['80/TCP', '81/TCP', '80/UDP'] },
    namespaces: Array.from({ length: shape.namespaces }, (_, i) => ({
      name: ns(i), labels: { bench: String(i) },
      pods: Array.from({ length: shape.pods }, (_, j) => ({ name: `p${j}`, labels: { app: `a${j}` } })),
    })),
    steps,
  };
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, stringify(scenario));
  return file;
}
