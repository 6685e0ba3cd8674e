// The traffic benchmark's scenario: 4 source pods each send new connections at a fixed rate to
// one server while a deny is applied and deleted again, `changes` times, by a Kubernetes
// NetworkPolicy or a GlobalNetworkPolicy in a tier.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';

export interface TrafficShape { kind: 'NetworkPolicy' | 'GlobalNetworkPolicy'; sources: number; rate: number; changes: number }

export async function writeTrafficScenario(name: string, shape: TrafficShape): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'tierprobe-bench-'));
  const knp = { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-ingress', namespace: 'bench-dst' }, spec: { podSelector: {}, policyTypes: ['Ingress'] } };
  const tier = { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'bench-security' }, spec: { order: 100 } };
  const gnp = {
    apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: 'bench-security.deny-src' },
    spec: { tier: 'bench-security', order: 10, selector: "projectcalico.org/namespace == 'bench-dst'", types: ['Ingress'],
      ingress: [{ action: 'Deny', source: { namespaceSelector: "kubernetes.io/metadata.name == 'bench-src'" } }, { action: 'Pass' }] },
  };
  const deny = shape.kind === 'NetworkPolicy' ? knp : gnp;
  await writeFile(join(dir, 'deny.yaml'), stringify(deny));
  await writeFile(join(dir, 'tier.yaml'), stringify(tier));
  const traffic = [{ from: 'bench-src/*', to: 'bench-dst/server', port: '80/TCP', rate: shape.rate, before: '2s', after: '4s' }];
  const steps: object[] = [{ name: 'baseline', ...(shape.kind === 'GlobalNetworkPolicy' ? { apply: [{ file: 'tier.yaml' }] } : {}) }];
  const ref = { kind: deny.kind, name: deny.metadata.name, ...('namespace' in deny.metadata ? { namespace: deny.metadata.namespace } : {}) };
  for (let i = 1; i <= shape.changes; i++) {
    steps.push({ name: `deny ${i}`, apply: [{ file: 'deny.yaml' }], traffic });
    steps.push({ name: `open ${i}`, delete: [ref], traffic });
  }
  const scenario = {
    apiVersion: 'tierprobe/v1alpha1', kind: 'Scenario', metadata: { name },
    probe: { timeout: '1s', ports: ['80/TCP'] },
    namespaces: [
      { name: 'bench-src', pods: Array.from({ length: shape.sources }, (_, j) => ({ name: `c${j}`, labels: { app: 'client' } })) },
      { name: 'bench-dst', pods: [{ name: 'server', labels: { app: 'server' } }] },
    ],
    steps,
  };
  const file = join(dir, `${name}.yaml`);
  await writeFile(file, stringify(scenario));
  return file;
}
