// npm run bench:live: live figures on the kind cluster (measured, never estimated):
// - one full probe round of 3 namespaces x 3 pods x 3 ports (243 probes, 1 s timeout);
// - apply-to-converged: from the step's first API call to the attempts of the round in which
//   every cell matched the model (median over steps that change cells);
// - wall time per library scenario, and where it goes;
// - round time at 10 namespaces x 5 pods (7500 probes);
// - flow evidence: from a round to its complete flow evidence in Goldmane (watched as it arrives),
//   the share of connected and dropped probes with evidence, and the wall time it adds per step.
// - traffic under change: 4 pairs at 200 new connections/s each while a Kubernetes
//   NetworkPolicy, then a tiered GlobalNetworkPolicy, is applied and deleted 10 times: the
//   rate reached, time-to-enforce and time-to-open (median, max), and their resolution.
// The probing parts run with --no-flows, so their figures stay comparable with earlier ones.
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { openSession, repoRoot, type ClusterSession } from '../harness/cluster/index.ts';
import { runScenarioLive, silentLogger, type LiveRun } from '../harness/live/index.ts';
import { loadScenario } from '../harness/scenario/index.ts';
import { systemClock } from '../harness/time/clock.ts';
import { writeBenchScenario } from './live-scenario.ts';
import { writeTrafficScenario } from './traffic-scenario.ts';

const log = (line: string) => process.stderr.write(`${line}\n`);
const session: ClusterSession = await openSession({ provider: 'kind', kindConfig: 'kind-config/default.yaml' },
  { pull: 'auto', readyTimeoutMs: 300_000, allowContexts: [], log: () => undefined, clock: systemClock });

const maxExecs = process.argv.includes('--max-execs') ? Number(process.argv[process.argv.indexOf('--max-execs') + 1]) : undefined;

async function live(file: string, flows: 'off' | 'on' | 'arrival' = 'off'): Promise<LiveRun> {
  const run = await runScenarioLive(await loadScenario(file), {
    session, clock: systemClock, logger: silentLogger, convergeTimeoutMs: 30_000, ...(maxExecs ? { maxExecs } : {}),
    noFlows: flows === 'off', ...(flows === 'arrival' ? { flowsFirstLook: 'arrival' as const } : {}),
  });
  if (run.failure) throw run.failure;
  return run;
}

const ms = (n: number) => `${Math.round(n)} ms`;
const median = (xs: readonly number[]) => { const s = [...xs].sort((a, b) => a - b); const m = Math.floor(s.length / 2); return s.length % 2 ? s[m] ?? 0 : ((s[m - 1] ?? 0) + (s[m] ?? 0)) / 2; };
const stats = (xs: readonly number[], unit = (n: number) => ms(n)) => `median ${unit(median(xs))}, min ${unit(Math.min(...xs))}, max ${unit(Math.max(...xs))} (n=${xs.length})`;
const perSecond = (n: number) => `${n.toFixed(1)}/s`;
const ms1 = (n: number) => `${n.toFixed(1)} ms`;
/** Full rounds, split by whether the matrix had denied cells (a dropped probe waits out the timeout). */
function fullRounds(run: LiveRun): { open: number[]; withDrops: number[]; probes: number } {
  const open: number[] = [];
  const withDrops: number[] = [];
  let probes = 0;
  run.steps.forEach((s, i) => {
    const denies = run.diff.steps[i]?.cells.some((c) => c.observed === 'dropped') ?? false;
    for (const r of s.rounds.filter((x) => x.full)) { (denies ? withDrops : open).push(r.durationMs); probes = r.probes; }
  });
  return { open, withDrops, probes };
}

// npm run bench:live -- --only small|big|flows|library|traffic: one part only (traffic: --kind NetworkPolicy|GlobalNetworkPolicy for one).
const only = process.argv.includes('--only') ? process.argv[process.argv.indexOf('--only') + 1] : undefined;
const part = (name: string) => only === undefined || only === name;

log(`cluster ${session.context}: ${session.nodes.length} nodes, Kubernetes ${session.versions.kubernetes ?? '?'}, Calico ${session.versions.calico ?? '?'}`);

if (part('small')) {
const small = await live(await writeBenchScenario('bench-3x3', { namespaces: 3, pods: 3, changes: 6 }));
const r = fullRounds(small);
const converged = small.steps.slice(1).map((s) => s.convergedMs === null ? Number.NaN : s.applyMs + s.convergedMs);
console.log(`3 ns x 3 pods x 3 ports: ${r.probes} probes per full round (1 s timeout)`);
console.log(`  full round, every cell allowed: ${stats(r.open)}`);
console.log(`  full round, with dropped cells: ${stats(r.withDrops)}`);
console.log(`  apply-to-converged over ${converged.length} changes: ${stats(converged)}; all converged: ${converged.every(Number.isFinite)}`);
console.log(`  scenario wall ${ms(small.wallMs)} (leftovers ${ms(small.phases.leftoversMs)}, deploy ${ms(small.phases.deployMs)}, ${small.steps.length} steps ${ms(small.phases.stepsMs)}, cleanup ${ms(small.phases.cleanupMs)}); mismatching cells: ${small.diff.summary.mismatchingCells}`);

}

if (part('big')) {
const big = await live(await writeBenchScenario('bench-10x5', { namespaces: 10, pods: 5, changes: 2 }));
const b = fullRounds(big);
console.log(`10 ns x 5 pods x 3 ports: ${b.probes} probes per full round (1 s timeout)`);
console.log(`  full round, every cell allowed: ${stats(b.open)}`);
console.log(`  full round, with dropped cells: ${stats(b.withDrops)}`);
console.log(`  scenario wall ${ms(big.wallMs)} (deploy ${ms(big.phases.deployMs)}, cleanup ${ms(big.phases.cleanupMs)}); mismatching cells: ${big.diff.summary.mismatchingCells}`);

}

if (part('flows')) {
const file = await writeBenchScenario('bench-flows', { namespaces: 3, pods: 3, changes: 2 });
const watched = await live(file, 'arrival');
const off = await live(file, 'off');
const on = await live(file, 'on');
const f = watched.flows.checked ? watched.flows.settings : undefined;
const evidence = watched.steps.flatMap((s) => (s.flows ? [s.flows] : []));
const toEvidence = evidence.flatMap((e) => (e.roundToEvidenceMs === null ? [] : [e.roundToEvidenceMs]));
const needing = evidence.reduce((n, e) => n + e.cellsNeeding, 0);
const withEvidence = evidence.reduce((n, e) => n + e.cellsWithEvidence, 0);
const perStep = (r: LiveRun) => r.phases.stepsMs / r.steps.length;
console.log(`flow evidence, 3 ns x 3 pods x 3 ports, ${watched.steps.length} steps; Felix flush ${f?.flushSeconds ?? '?'} s, Goldmane buckets ${f?.windowSeconds ?? '?'} s (target: flush + bucket + 2 s = ${f ? f.flushSeconds + f.windowSeconds + 2 : '?'} s)`);
console.log(`  round to complete evidence (watched as it arrived): ${stats(toEvidence)}; steps complete before the deadline: ${toEvidence.length} of ${evidence.length}`);
console.log(`  List calls per step (watching, a look a second): ${evidence.map((e) => e.lists).join(', ')}`);
console.log(`  connected or dropped cells with evidence: ${withEvidence} of ${needing} (${needing ? ((100 * withEvidence) / needing).toFixed(1) : '?'}%); mismatching cells: ${watched.diff.summary.mismatchingCells}`);
console.log(`  wall per step: ${ms(perStep(off))} with --no-flows, ${ms(perStep(on))} with flow evidence (one look when the bucket's flush is due): +${ms(perStep(on) - perStep(off))} per step`);
}

if (part('library')) {
console.log('library scenarios, with flow evidence (wall time: leftovers + deploy + steps + cleanup):');
const dir = join(repoRoot, 'scenarios');
for (const f of (await readdir(dir)).filter((n) => n.endsWith('.yaml')).sort()) {
  const run = await live(join(dir, f), 'on');
  const p = run.phases;
  console.log(`  ${run.scenario}: ${ms(run.wallMs)} = ${ms(p.leftoversMs)} + ${ms(p.deployMs)} + ${ms(p.stepsMs)} (${run.steps.length} steps) + ${ms(p.cleanupMs)}; mismatching cells: ${run.diff.summary.mismatchingCells}`);
}
}

if (part('traffic')) {
const rate = 200, sources = 4, changes = 10;
console.log(`traffic under change: ${sources} pairs at ${rate} new connections/s each (agent load, one per source pod), ${changes} denies and ${changes} re-opens per kind`);
const kinds = (['NetworkPolicy', 'GlobalNetworkPolicy'] as const).filter((k) => !process.argv.includes('--kind') || process.argv[process.argv.indexOf('--kind') + 1] === k);
for (const kind of kinds) {
  const run = await live(await writeTrafficScenario(`bench-traffic-${kind.toLowerCase()}`, { kind, sources, rate, changes }));
  const figures = run.diff.steps.flatMap((s) => s.cells.flatMap((c) => (c.traffic ? [{ step: s.name, t: c.traffic }] : [])));
  const tte = figures.flatMap((f) => (typeof f.t.timeToEnforceMs === 'number' ? [f.t.timeToEnforceMs] : []));
  const tto = figures.flatMap((f) => (typeof f.t.timeToOpenMs === 'number' ? [f.t.timeToOpenMs] : []));
  const perChange = (name: string, pick: (t: typeof figures[number]['t']) => number | null | undefined) => run.diff.steps.filter((s) => s.name.startsWith(name)).flatMap((s) => {
    const xs = s.cells.flatMap((c) => { const v = c.traffic ? pick(c.traffic) : undefined; return typeof v === 'number' ? [v] : []; });
    return xs.length > 0 ? [Math.max(...xs)] : [];
  });
  const reached = figures.map((f) => f.t.reachedPerSecond);
  const dropped = figures.reduce((n, f) => n + f.t.droppedIterations, 0);
  const requests = figures.reduce((n, f) => n + f.t.requests, 0);
  const notEnforced = figures.filter((f) => f.t.change === 'denies' && f.t.timeToEnforceMs === null).length;
  const kept = figures.filter((f) => f.t.change === 'denies' && f.t.established.result === 'kept').length;
  const denies = figures.filter((f) => f.t.change === 'denies').length;
  console.log(`  ${kind}: rate reached per pair ${stats(reached, perSecond)}; ${requests} requests, ${dropped} not started (dropped_iterations); resolution ${figures[0]?.t.resolutionMs ?? '?'} ms`);
  console.log(`    time-to-enforce, every pair: ${stats(tte, ms1)}; per change (its slowest pair): ${stats(perChange('deny', (t) => t.timeToEnforceMs), ms1)}; not enforced by the tail: ${notEnforced}`);
  console.log(`    time-to-open,    every pair: ${stats(tto, ms1)}; per change (its slowest pair): ${stats(perChange('open', (t) => t.timeToOpenMs), ms1)}`);
  const before = figures.filter((f) => (f.t.timeToEnforceMs ?? f.t.timeToOpenMs ?? 0) < 0).length;
  console.log(`    in force before the API's answer reached the harness (negative figures): ${before} of ${tte.length + tto.length}; step API calls ${stats(run.steps.slice(1).map((s) => s.applyMs))}`);
  console.log(`    established connections kept across a new deny: ${kept} of ${denies}; mismatching cells: ${run.diff.summary.mismatchingCells}`);
  for (const s of run.diff.steps) for (const c of s.cells) for (const m of c.mismatches) console.log(`      ${s.name}: ${c.from} -> ${c.to} ${c.port}/${c.protocol}: ${m.class}: ${m.message}`);
}
}
