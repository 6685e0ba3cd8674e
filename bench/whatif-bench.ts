// node bench/whatif-bench.ts [--quick]: `tierprobe whatif` end to end on the generated cluster
// (generate-cluster.ts: 1000 pods, 4 ports, 200 mixed policies; 4M cells a matrix), as a user runs
// it: wall time and peak RSS of the process, per output format, with explain --format json on the
// same scenario beside it (whatif evaluates the matrix twice: before and after the change).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchScenario } from './generate-cluster.ts';

const main = join(import.meta.dirname, '..', 'harness', 'cli', 'main.ts');

/** A realistic change: the security tier loses a guard, and a team closes its namespace's ingress. */
const change = `apiVersion: tierprobe/v1alpha1
kind: Change
delete:
  - {kind: GlobalNetworkPolicy, name: security.guard-0}
apply:
  - inline: |
      apiVersion: networking.k8s.io/v1
      kind: NetworkPolicy
      metadata: {name: close-ingress, namespace: ns-001}
      spec: {podSelector: {}, policyTypes: [Ingress]}
`;

interface Measured { wall: number; rssMiB: number; code: number | null; stdout: string }

/** Wall seconds and peak RSS (MiB) of one run; stdout kept only when asked (the table), else discarded. */
function measure(args: string[], keep = false): Measured {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, main, ...args], { stdio: ['ignore', keep ? 'pipe' : 'ignore', 'pipe'], maxBuffer: 1 << 28 });
  const last = r.stderr.toString().trim().split('\n').at(-1) ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  return { wall: wall ?? NaN, rssMiB: Math.round((kb ?? NaN) / 1024), code: r.status, stdout: keep ? r.stdout.toString() : '' };
}

const pods = process.argv.includes('--quick') ? 300 : 1000;
const dir = mkdtempSync(join(tmpdir(), 'tierprobe-whatif-bench-'));
try {
  const scenario = writeBenchScenario(dir, { namespaces: pods / 10, podsPerNamespace: 10, staged: false });
  const changeFile = join(dir, 'change.yaml');
  writeFileSync(changeFile, change);
  const cells = pods * (pods + 2) * 4;
  console.log(`whatif end to end, ${pods} pods (${(cells / 1e6).toFixed(2)}M cells a matrix), this machine (wall s, peak RSS MiB; exit code):`);
  const table = measure(['whatif', scenario, changeFile], true);
  const headline = table.stdout.split('\n').find((l) => / of \d+/.test(l)) ?? '(no headline)';
  console.log(`  ${headline}`);
  console.log(`  table: ${table.wall.toFixed(2)} s, ${table.rssMiB} MiB (exit ${table.code})`);
  const json = measure(['whatif', scenario, changeFile, '--format', 'json']);
  console.log(`  json: ${json.wall.toFixed(2)} s, ${json.rssMiB} MiB (exit ${json.code}), ${Math.round((2 * cells) / json.wall).toLocaleString('en-US')} cells/s over both matrices`);
  const dot = measure(['whatif', scenario, changeFile, '--format', 'dot']);
  console.log(`  dot: ${dot.wall.toFixed(2)} s, ${dot.rssMiB} MiB (exit ${dot.code})`);
  const explain = measure(['explain', scenario, '--format', 'json']);
  console.log(`  explain --format json, one matrix, for comparison: ${explain.wall.toFixed(2)} s, ${explain.rssMiB} MiB (exit ${explain.code})`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
