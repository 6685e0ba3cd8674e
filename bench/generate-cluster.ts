// A generated cluster for the model benchmark: 100 namespaces x 10 pods, 4 ports, and 200 mixed
// policies (tiers with Pass, Calico NP/GNP, Kubernetes NP, ANP/BANP), deterministic.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import type { Inventory, PodSpec, PolicyDocument, PortSpec } from '../harness/model/index.ts';

export interface BenchShape { namespaces: number; podsPerNamespace: number; staged: boolean }

const PORTS: PortSpec[] = [
  { port: 80, protocol: 'TCP' }, { port: 81, protocol: 'TCP' }, { port: 80, protocol: 'UDP' }, { port: 81, protocol: 'UDP' },
];

const nsName = (i: number): string => `ns-${String(i).padStart(3, '0')}`;

export function generateInventory(shape: BenchShape): Inventory {
  const namespaces = Array.from({ length: shape.namespaces }, (_, i) => ({
    name: nsName(i), labels: { team: `t${i % 10}`, env: i % 2 === 0 ? 'prod' : 'dev' },
  }));
  const pods: PodSpec[] = namespaces.flatMap((ns) => Array.from({ length: shape.podsPerNamespace }, (_, j): PodSpec => ({
    namespace: ns.name, name: `p${j}`, labels: { app: `a${j % 5}`, role: `r${j % 3}` },
    serviceAccount: j % 2 === 0 ? 'default' : 'api', ports: PORTS,
  })));
  return {
    namespaces, pods,
    externals: [{ name: 'internet', ip: '203.0.113.10', ports: PORTS }, { name: 'partner', ip: '198.51.100.7', ports: PORTS }],
    podCidrs: ['10.244.0.0/16'],
  };
}

let docIndex = 0;
const doc = (d: unknown): PolicyDocument => ({ source: { file: 'bench.yaml', document: docIndex++ }, doc: d });

export function generatePolicies(shape: BenchShape): PolicyDocument[] {
  docIndex = 0;
  const out: PolicyDocument[] = [
    doc({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 100, defaultAction: 'Pass' } }),
    doc({ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'platform' }, spec: { order: 200 } }),
    doc({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkSet', metadata: { name: 'partners', labels: { zone: 'partner' } }, spec: { nets: ['198.51.100.0/24'] } }),
  ];
  // 20 security GNPs: deny some team pairs on 81, pass the rest on to later tiers.
  for (let i = 0; i < 20; i++) {
    out.push(doc({
      apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: `security.guard-${i}` },
      spec: {
        tier: 'security', order: i * 10, namespaceSelector: `team == 't${i % 10}'`, selector: `role == 'r${i % 3}'`,
        ingress: [
          { action: 'Deny', protocol: 'TCP', source: { namespaceSelector: `team == 't${(i + 3) % 10}'` }, destination: { ports: [81] } },
          { action: 'Pass', source: { selector: `app in {'a${i % 5}', 'a${(i + 1) % 5}'}` } },
        ],
        egress: [{ action: 'Deny', destination: { selector: "zone == 'partner'" } }, { action: 'Pass' }],
      },
    }));
  }
  // 20 platform NPs: allow DNS-like UDP, log, otherwise the tier ends in Deny for selected pods.
  for (let i = 0; i < 20; i++) {
    out.push(doc({
      apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: `platform.app-${i}`, namespace: nsName((i * 5) % shape.namespaces) },
      spec: {
        tier: 'platform', order: 100 + i, selector: `app == 'a${i % 5}'`,
        ingress: [{ action: 'Log' }, { action: 'Allow', protocol: 'UDP' }, { action: 'Allow', source: { selector: 'all()' } }],
      },
    }));
  }
  // 40 default-tier Calico NPs before the Kubernetes ones (order < 1000).
  for (let i = 0; i < 40; i++) {
    out.push(doc({
      apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: `early-${i}`, namespace: nsName((i * 7) % shape.namespaces) },
      spec: {
        order: 500, selector: `role == 'r${i % 3}'`,
        ingress: [{ action: i % 2 === 0 ? 'Deny' : 'Allow', protocol: 'TCP', source: { namespaceSelector: `env == 'dev'` }, destination: { ports: ['80:81'] } }],
      },
    }));
  }
  // 100 Kubernetes NPs, one per namespace.
  for (let i = 0; i < 100; i++) {
    out.push(doc({
      apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `allow-team-${i}`, namespace: nsName(i % shape.namespaces) },
      spec: {
        podSelector: { matchLabels: { app: `a${i % 5}` } },
        policyTypes: i % 4 === 0 ? ['Ingress', 'Egress'] : ['Ingress'],
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: `t${i % 10}` } } }, { podSelector: { matchExpressions: [{ key: 'role', operator: 'In', values: ['r0', 'r1'] }] } }], ports: [{ port: 80 }, { port: 81, protocol: 'UDP' }] }],
        egress: i % 4 === 0 ? [{ to: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['198.51.100.0/24'] } }, { namespaceSelector: {} }] }] : [],
      },
    }));
  }
  // 19 ANPs and the BANP.
  for (let i = 0; i < 19; i++) {
    const action = ['Allow', 'Deny', 'Pass'][i % 3];
    out.push(doc({
      apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'AdminNetworkPolicy', metadata: { name: `anp-${i}` },
      spec: {
        priority: i * 5, subject: { namespaces: { matchLabels: { env: i % 2 === 0 ? 'prod' : 'dev' } } },
        ingress: [{ action, from: [{ pods: { namespaceSelector: { matchLabels: { team: `t${i % 10}` } }, podSelector: { matchLabels: { app: `a${i % 5}` } } } }], ports: [{ portNumber: { port: 80 + (i % 2) } }] }],
      },
    }));
  }
  out.push(doc({
    apiVersion: 'policy.networking.k8s.io/v1alpha1', kind: 'BaselineAdminNetworkPolicy', metadata: { name: 'default' },
    spec: { subject: { namespaces: {} }, ingress: [{ action: 'Deny', from: [{ namespaces: { matchLabels: { env: 'dev' } } }] }] },
  }));
  if (shape.staged) out.push(...stagedPolicies());
  return out;
}

function stagedPolicies(): PolicyDocument[] {
  return [
    doc({
      apiVersion: 'projectcalico.org/v3', kind: 'StagedGlobalNetworkPolicy', metadata: { name: 'security.guard-3' },
      spec: { tier: 'security', order: 30, selector: 'all()', ingress: [{ action: 'Deny', protocol: 'UDP' }] },
    }),
    doc({
      apiVersion: 'projectcalico.org/v3', kind: 'StagedKubernetesNetworkPolicy', metadata: { name: 'allow-team-7', namespace: nsName(7) },
      spec: { stagedAction: 'Delete' },
    }),
  ];
}

/** The generated cluster as a scenario file (and its policies file) in dir; returns its path. */
export function writeBenchScenario(dir: string, shape: BenchShape): string {
  const inventory = generateInventory(shape);
  writeFileSync(join(dir, 'policies.yaml'), generatePolicies(shape).map((d) => stringify(d.doc)).join('---\n'));
  const scenario = {
    apiVersion: 'tierprobe/v1alpha1', kind: 'Scenario', metadata: { name: 'bench' },
    namespaces: inventory.namespaces.map((n) => ({
      name: n.name, labels: n.labels,
      pods: inventory.pods.filter((p) => p.namespace === n.name).map((p) => ({ name: p.name, labels: p.labels, serviceAccount: p.serviceAccount })),
    })),
    externals: inventory.externals.map((e) => ({ name: e.name, ip: e.ip, ports: e.ports.map((p) => `${p.port}/${p.protocol}`) })),
    steps: [{ name: 'bench', apply: [{ file: 'policies.yaml' }] }],
  };
  const file = join(dir, 'scenario.yaml');
  writeFileSync(file, stringify(scenario));
  return file;
}
