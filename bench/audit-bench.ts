// node bench/audit-bench.ts [--quick]: audit-flows' comparison offline, on the generated cluster
// (generate-cluster.ts: 100 namespaces x 10 pods, 200 mixed policies, a staged one, so pending
// traces are compared too) as a capture directory whose every representative stands for three
// ReplicaSet pods, against 100,000 synthetic Goldmane records (aggregated names, labels, Src and
// Dst reporters, enforced and pending traces, 2% unmappable): the capture loaded, the records
// mapped and compared. Target: 100k records in 10 s. Prints the figures.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { auditFlows, loadCaptureDir } from '../harness/audit/index.ts';
import type { FlowResult, PolicyHit } from '../harness/flows/flow-schema.ts';
import { generateInventory, writeBenchScenario, type BenchShape } from './generate-cluster.ts';

const quick = process.argv.includes('--quick');
const records = quick ? 20_000 : 100_000;
const shape: BenchShape = { namespaces: 100, podsPerNamespace: 10, staged: true };

/** A deterministic generator (mulberry32), so every run compares the same records. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hash = (ns: string, pod: string) => `${ns.slice(-3)}${pod}`.padEnd(9, '7').slice(0, 9);

function syntheticFlows(n: number): FlowResult[] {
  const inventory = generateInventory(shape);
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const profile = (ns: string): PolicyHit => ({ kind: 'Profile', namespace: '', name: `kns.${ns}`, tier: '', action: 'Allow', policy_index: 0, rule_index: 0, trigger: null });
  const guard: PolicyHit = { kind: 'GlobalNetworkPolicy', namespace: '', name: 'guard-3', tier: 'security', action: 'Deny', policy_index: 0, rule_index: 0, trigger: null };
  // Each source talks to 8 destinations, as services do: cost follows distinct cells, not records.
  const peers = new Map(inventory.pods.map((p) => [p, Array.from({ length: 8 }, () => pick(inventory.pods))]));
  const out: FlowResult[] = [];
  for (let i = 0; i < n; i++) {
    const src = pick(inventory.pods);
    const dst = pick(peers.get(src) ?? inventory.pods);
    const port = pick([80, 81]);
    const reporter = next() < 0.5 ? 'Src' : 'Dst';
    const deny = next() < 0.2;
    const trace = deny ? [guard] : [profile(reporter === 'Src' ? src.namespace : dst.namespace)];
    const unmapped = next() < 0.02;
    out.push({
      id: i,
      flow: {
        Key: {
          source_name: `${src.name}-${hash(src.namespace, src.name)}-*`, source_namespace: unmapped ? 'gone' : src.namespace, source_type: 'WorkloadEndpoint',
          dest_name: `${dst.name}-${hash(dst.namespace, dst.name)}-*`, dest_namespace: dst.namespace, dest_type: 'WorkloadEndpoint',
          dest_port: port, proto: pick(['tcp', 'udp']), reporter, action: deny ? 'Deny' : 'Allow',
          policies: { enforced_policies: trace, pending_policies: trace },
        },
        start_time: 1796171855 + 5 * (i % 180), end_time: 1796171860 + 5 * (i % 180),
        source_labels: Object.entries(src.labels).map(([k, v]) => `${k}=${v}`), dest_labels: Object.entries(dst.labels).map(([k, v]) => `${k}=${v}`),
        num_connections_started: 1 + (i % 4),
      },
    });
  }
  return out;
}

const dir = mkdtempSync(join(tmpdir(), 'tierprobe-audit-bench-'));
try {
  writeBenchScenario(dir, shape);
  const inventory = generateInventory(shape);
  const representatives = Object.fromEntries(inventory.pods.map((p) => [`${p.namespace}/${p.name}`,
    ['a', 'b', 'c'].map((s) => `${p.namespace}/${p.name}-${hash(p.namespace, p.name)}-${s}xyz1`)]));
  writeFileSync(join(dir, 'pods-map.json'), JSON.stringify({ context: 'bench', representatives, podCIDR: ['10.244.0.0/16'], serviceCIDR: ['10.96.0.0/16'] }));
  const flows = syntheticFlows(records);
  const t0 = performance.now();
  const capture = await loadCaptureDir(dir);
  const t1 = performance.now();
  const result = auditFlows(flows, { inventory: capture.inventory, policies: capture.policies, representatives: capture.podsMap.representatives });
  const t2 = performance.now();
  const cells = new Set(flows.map((f) => `${f.flow.Key.source_namespace}/${f.flow.Key.source_name} ${f.flow.Key.dest_namespace}/${f.flow.Key.dest_name} ${f.flow.Key.dest_port}/${f.flow.Key.proto}`)).size;
  console.log(`audit-flows offline: ${records.toLocaleString('en-US')} records over ${cells.toLocaleString('en-US')} distinct cells, against a capture of ${inventory.pods.length} groups (${inventory.pods.length * 3} pods), staged policies: ${result.staged}`);
  console.log(`  capture loaded and compiled: ${((t1 - t0) / 1000).toFixed(2)} s`);
  console.log(`  mapped and compared: ${((t2 - t1) / 1000).toFixed(2)} s (${Math.round(records / ((t2 - t1) / 1000)).toLocaleString('en-US')} records/s); ${result.mapped.toLocaleString('en-US')} mapped, ${result.compared.toLocaleString('en-US')} compared (enforced and pending), ${result.disagreements.length.toLocaleString('en-US')} disagreement(s) (the synthetic actions are not the model's)`);
  console.log(`  total ${((t2 - t0) / 1000).toFixed(2)} s, target 10 s; peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
