// node bench/capture-bench.ts [--quick]: capture over a synthetic API dump (2,000 pods in 200
// namespaces as Deployments' ReplicaSets, 500 policies of every kind capture reads), offline:
// grouping and writing (build + write), loading the captured scenario back, and `tierprobe whatif`
// on the capture directory end to end (target 5 s), explain beside it. Prints the figures.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildCapture } from '../harness/capture/build-capture.ts';
import { replayDefaults } from '../harness/capture/capture.ts';
import type { ClusterDump } from '../harness/capture/types.ts';
import { writeCapture } from '../harness/capture/write-capture.ts';
import { loadScenario } from '../harness/scenario/index.ts';

const main = join(import.meta.dirname, '..', 'harness', 'cli', 'main.ts');
const quick = process.argv.includes('--quick');
const namespaceCount = quick ? 50 : 200;

/** Per namespace 10 pods: web x5, api x3, db x2 (one Deployment each), with their ports. */
function syntheticDump(): ClusterDump {
  const ns = (i: number) => `ns-${String(i).padStart(3, '0')}`;
  const namespaces: unknown[] = [];
  const pods: unknown[] = [];
  const kubePolicies: unknown[] = [];
  const calicoObjects: unknown[] = [{ apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'default', uid: 'x' }, spec: { order: 1000000 } },
    { apiVersion: 'projectcalico.org/v3', kind: 'Tier', metadata: { name: 'security' }, spec: { order: 100, defaultAction: 'Pass' } }];
  const apps = [{ app: 'web', n: 5, port: 8080 }, { app: 'api', n: 3, port: 8080 }, { app: 'db', n: 2, port: 5432 }];
  for (let i = 0; i < namespaceCount; i++) {
    const name = ns(i);
    namespaces.push({ metadata: { name, labels: { team: `team-${i % 20}`, env: i % 3 === 0 ? 'prod' : 'dev', 'kubernetes.io/metadata.name': name }, uid: `n${i}`, resourceVersion: '1' } });
    for (const a of apps) {
      for (let r = 0; r < a.n; r++) {
        pods.push({
          metadata: { name: `${a.app}-6b7c8d9f4-${String(r).padStart(5, 'x')}`, generateName: `${a.app}-6b7c8d9f4-`, namespace: name, labels: { app: a.app, 'pod-template-hash': '6b7c8d9f4' }, ownerReferences: [{ kind: 'ReplicaSet' }], uid: `p${i}-${a.app}-${r}`, resourceVersion: '3' },
          spec: { serviceAccountName: a.app, containers: [{ ports: [{ containerPort: a.port, protocol: 'TCP', name: a.app === 'db' ? 'sql' : 'http' }] }] },
          status: { phase: 'Running', podIP: `10.244.${i}.${r}` },
        });
      }
    }
    // Two Kubernetes policies per namespace: db only from api, api only from web.
    kubePolicies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'db-from-api', namespace: name, uid: 'u', managedFields: [{}] },
      spec: { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] } });
    kubePolicies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'api-from-web', namespace: name, uid: 'u' },
      spec: { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }] } });
  }
  // 100 more: security-tier guards per team and Calico namespaced policies (500 in all at 200 namespaces).
  const extra = quick ? 25 : 100;
  for (let g = 0; g < extra / 2; g++) {
    calicoObjects.push({ apiVersion: 'projectcalico.org/v3', kind: 'GlobalNetworkPolicy', metadata: { name: `security.guard-${g}`, resourceVersion: '4' },
      spec: { tier: 'security', order: g, selector: `team == 'team-${g % 20}'`, namespaceSelector: `env == 'prod'`, types: ['Ingress'], ingress: [{ action: 'Deny', source: { namespaceSelector: `team == 'team-${(g + 1) % 20}'` } }, { action: 'Pass' }] } });
    calicoObjects.push({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: `default.web-${g}`, namespace: ns(g), uid: 'c' },
      spec: { tier: 'default', order: 100, selector: "app == 'web'", types: ['Ingress'], ingress: [{ action: 'Allow', protocol: 'TCP', destination: { ports: [8080] } }] } });
  }
  return { context: 'bench', namespaces, pods, kubePolicies, calicoObjects, ipPools: [{ spec: { cidr: '10.244.0.0/16' } }], serviceCIDRs: [{ spec: { cidrs: ['10.96.0.0/16'] } }], nodePodCIDRs: [], unreadable: [] };
}

const change = `apiVersion: tierprobe/v1alpha1
kind: Change
delete:
  - {kind: GlobalNetworkPolicy, name: security.guard-0}
  - {kind: NetworkPolicy, name: default.web-1, namespace: ns-001, apiVersion: projectcalico.org/v3}
apply:
  - inline: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: close-ingress, namespace: ns-001}
      spec: {podSelector: {}, policyTypes: [Ingress]}
`;

function measure(args: string[]): { wall: number; rssMiB: number; code: number | null; stdout: string } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, main, ...args], { stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const [wall, kb] = (r.stderr.toString().trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  return { wall: wall ?? NaN, rssMiB: Math.round((kb ?? NaN) / 1024), code: r.status, stdout: r.stdout.toString() };
}

const dir = mkdtempSync(join(tmpdir(), 'tierprobe-capture-bench-'));
try {
  const dump = syntheticDump();
  const policies = dump.kubePolicies.length + dump.calicoObjects.length;
  let t = performance.now();
  const capture = buildCapture(dump, { namespaces: 'all', context: 'bench' }, await replayDefaults());
  const built = performance.now() - t;
  t = performance.now();
  await writeCapture(dir, capture);
  const written = performance.now() - t;
  t = performance.now();
  const scenario = await loadScenario(join(dir, 'scenario.yaml'));
  const loaded = performance.now() - t;
  const ports = scenario.inventory.pods.reduce((n, p) => n + p.ports.length, 0);
  console.log(`capture over a synthetic dump: ${dump.pods.length} pods in ${dump.namespaces.length} namespaces, ${policies} policies (this machine):`);
  console.log(`  grouped into ${capture.groups.length} probe pods, ${capture.policies.length} policy files; ${(scenario.inventory.pods.length * ports / 1e6).toFixed(2)}M cells a matrix`);
  console.log(`  build ${built.toFixed(0)} ms, write ${written.toFixed(0)} ms, load the scenario back ${loaded.toFixed(0)} ms`);
  const changeFile = join(dir, 'change.yaml');
  writeFileSync(changeFile, change);
  const w = measure(['whatif', dir, changeFile]);
  const headline = w.stdout.split('\n').find((l) => / of \d+/.test(l)) ?? '(no headline)';
  const reach = w.stdout.split('\n').find((l) => l.startsWith('through pods-map.json')) ?? '';
  console.log(`  whatif DIR CHANGE (table, end to end): ${w.wall.toFixed(2)} s, ${w.rssMiB} MiB (exit ${w.code}; target 5 s)\n    ${headline}\n    ${reach}`);
  const e = measure(['explain', join(dir, 'scenario.yaml'), '--format', 'json']);
  console.log(`  explain --format json on the capture: ${e.wall.toFixed(2)} s, ${e.rssMiB} MiB (exit ${e.code})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
