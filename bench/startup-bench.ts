// Start-up, wall time, in the same run as `node -e 0` (what Node itself costs on this machine
// now): `tierprobe --help` (target 0.3 s) and `explain` on a library scenario (target 0.6 s).
// Medians of 7 alternating runs. The CLI keeps Node's compile cache (harness/cli/main.ts): the
// figures are with it warm, as every run after the first has it, and, beside them, explain with
// an empty one (a first run on a machine). node bench/startup-bench.ts
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const main = new URL('../harness/cli/main.ts', import.meta.url).pathname;
const cases: [string, string[], number | undefined][] = [
  ['node -e 0', ['-e', '0'], undefined],
  ['tierprobe --help', [main, '--help'], 0.3],
  ['tierprobe explain scenarios/tiered-guardrail.yaml', [main, 'explain', 'scenarios/tiered-guardrail.yaml'], 0.6],
  ['tierprobe validate scenarios/tiered-guardrail.yaml', [main, 'validate', 'scenarios/tiered-guardrail.yaml'], undefined],
  ['explain, compile cache empty (a first run)', [main, 'explain', 'scenarios/tiered-guardrail.yaml'], undefined],
];
const cold = 'explain, compile cache empty (a first run)';
const runs = 7;
const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of cases) {
    const empty = name === cold ? mkdtempSync(join(tmpdir(), 'tierprobe-compile-cache-')) : undefined;
    const start = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore', ...(empty ? { env: { ...process.env, NODE_COMPILE_CACHE: empty } } : {}) });
    times.get(name)?.push((performance.now() - start) / 1000);
    if (empty) rmSync(empty, { recursive: true, force: true });
  }
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;
console.log(`start-up, wall time, median of ${runs} (min-max), beside node -e 0:`);
for (const [name, , target] of cases) {
  const xs = times.get(name) ?? [];
  const m = median(xs);
  const verdict = target === undefined ? '' : m <= target ? `  within the ${target} s target` : `  OVER the ${target} s target`;
  console.log(`  ${name.padEnd(52)} ${m.toFixed(3)} s (${Math.min(...xs).toFixed(3)}-${Math.max(...xs).toFixed(3)})${verdict}`);
}
