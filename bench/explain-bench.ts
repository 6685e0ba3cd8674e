// npm run bench (second part): `tierprobe explain` end to end, as a user runs it, on generated
// scenarios of 300, 500 and 1000 pods (4 ports each): wall time and peak RSS of the process,
// for --format json (streamed) and --format table. Peers' figures, where given, are the ones
// issue 10 measured on this machine with the same policies (not re-measured here).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeBenchScenario } from './generate-cluster.ts';

const main = join(import.meta.dirname, '..', 'harness', 'cli', 'main.ts');
/** Issue 10's table: netpol-analyzer `list -o json`, seconds, by pod count. */
const netpolAnalyzer: Record<number, number> = { 300: 10.18, 500: 35.25, 1000: 69.6 };

/** Wall seconds and peak RSS (MiB) of one explain run, its stdout discarded. */
function measure(file: string, format: 'json' | 'table'): { wall: number; rssMiB: number; code: number | null } {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', process.execPath, main, 'explain', file, '--format', format], { stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  const last = r.stderr.toString().trim().split('\n').at(-1) ?? '';
  const [wall, kb] = last.split(' ').map(Number);
  return { wall: wall ?? NaN, rssMiB: Math.round((kb ?? NaN) / 1024), code: r.status };
}

const sizes = process.argv.includes('--quick') ? [300] : [300, 500, 1000];
const dir = mkdtempSync(join(tmpdir(), 'tierprobe-bench-'));
try {
  console.log('explain end to end (wall s, peak RSS MiB; exit code), this machine:');
  for (const pods of sizes) {
    const file = writeBenchScenario(dir, { namespaces: pods / 10, podsPerNamespace: 10, staged: false });
    const cells = pods * (pods + 2) * 4;
    const json = measure(file, 'json');
    const table = measure(file, 'table');
    const peer = netpolAnalyzer[pods];
    console.log(`  ${pods} pods (${(cells / 1e6).toFixed(2)}M cells): json ${json.wall.toFixed(2)} s, ${json.rssMiB} MiB (exit ${json.code}), ` +
      `${Math.round(cells / json.wall).toLocaleString('en-US')} cells/s; table ${table.wall.toFixed(2)} s, ${table.rssMiB} MiB (exit ${table.code})` +
      (peer ? `; netpol-analyzer (issue 10's figure) ${peer} s = ${(peer / json.wall).toFixed(1)}x tierprobe json` : ''));
  }
  const start = spawnSync('/usr/bin/time', ['-f', '%e', process.execPath, main, '--help'], { stdio: ['ignore', 'ignore', 'pipe'] });
  console.log(`  start-up (tierprobe --help): ${start.stderr.toString().trim().split('\n').at(-1)} s`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
