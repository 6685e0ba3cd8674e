// Start-up, wall time, in the same run as `node -e 0` (what Node itself costs on this machine
// now): `tierprobe --help` (target 0.3 s) and `explain` on a library scenario (target 0.6 s).
// Medians of 7 alternating runs. node bench/startup-bench.ts
import { execFileSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';

const main = new URL('../harness/cli/main.ts', import.meta.url).pathname;
const cases: [string, string[], number | undefined][] = [
  ['node -e 0', ['-e', '0'], undefined],
  ['tierprobe --help', [main, '--help'], 0.3],
  ['tierprobe explain scenarios/tiered-guardrail.yaml', [main, 'explain', 'scenarios/tiered-guardrail.yaml'], 0.6],
  ['tierprobe validate scenarios/tiered-guardrail.yaml', [main, 'validate', 'scenarios/tiered-guardrail.yaml'], undefined],
];
const runs = 7;
const times = new Map<string, number[]>(cases.map(([name]) => [name, []]));
for (let i = 0; i < runs; i++) {
  for (const [name, args] of cases) {
    const start = performance.now();
    execFileSync(process.execPath, args, { stdio: 'ignore' });
    times.get(name)?.push((performance.now() - start) / 1000);
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
