// A step's traffic under change: the load starts in every source pod before the step's
// changes are applied, runs through them, and each pair stops `after` past the origin (the
// API accepting the changes). Figures per pair come from the agents' own timestamps.
import { cellKey } from '../../diff/index.ts';
import { EnvironmentError } from '../../errors.ts';
import type { Clock } from '../../time/clock.ts';
import { pairFigures } from '../../traffic/figures.ts';
import type { PairChange, PairTraffic, TrafficPair } from '../../traffic/types.ts';
import type { PodExec } from '../probe/exec-batch.ts';
import type { SourcePlan } from '../probe/probe-plan.ts';
import { startLoad, type LoadConfig, type LoadRun } from './load-exec.ts';

export interface TrafficOptions {
  clock: Clock;
  wallNow: () => number;
  /** Per request, the probes' own timeout. */
  timeoutMs: number;
  /** kind nodes are containers on the harness's host and share its clock; elsewhere it is estimated. */
  sharedClock: boolean;
  /** Bounds the agents' run if the harness never says stop. */
  maxRunMs: number;
  signal?: AbortSignal;
  holdIntervalMs?: number;
}

interface Source {
  from: string;
  pod: { namespace: string; name: string };
  run: LoadRun;
  pairs: { id: string; pair: TrafficPair }[];
  /** The source pod's clock minus the harness's wall clock (ms), and how sure that is. */
  offsetMs: number;
  offsetUncertaintyMs: number;
}

export interface RunningTraffic {
  /** When every pair will have stopped, on the harness's wall clock (flow evidence must start after). */
  stopsAtWallMs(originWallMs: number): number;
  /**
   * The step's changes were accepted at originWallMs, after applyMs of API calls: schedules each
   * pair's stop, then gathers the figures by cell key.
   */
  finish(originWallMs: number, applyMs: number, changes: ReadonlyMap<string, PairChange>): Promise<Map<string, PairTraffic>>;
  abort(): void;
}

const startDeadlineMs = 30_000;

/** Starts the load and returns once every pair has run its `before`. */
export async function startTraffic(clients: { exec: PodExec }, plans: readonly SourcePlan[], pairs: readonly TrafficPair[], o: TrafficOptions): Promise<RunningTraffic> {
  const maxBefore = Math.max(...pairs.map((p) => p.beforeMs));
  const maxAfter = Math.max(...pairs.map((p) => p.afterMs));
  const bySource = new Map<string, TrafficPair[]>();
  for (const p of pairs) bySource.set(p.from, [...(bySource.get(p.from) ?? []), p]);
  // Every source is planned before any load starts: a plan that fails leaves no load running.
  const planned: { from: string; pod: Source['pod']; config: LoadConfig; ids: Source['pairs'] }[] = [];
  for (const [from, list] of bySource) {
    const plan = plans.find((s) => s.key === from);
    if (!plan) throw new EnvironmentError(`traffic from ${from}: no probe pod of that name is running`, { hint: 'the probe pods are deployed before the first step; see the log above for why this one is not' });
    const ids = list.map((pair, i) => ({ id: `p${i}`, pair }));
    const config: LoadConfig = {
      timeoutMs: o.timeoutMs, maxDurationMs: Math.ceil(maxBefore + o.maxRunMs), holdIntervalMs: o.holdIntervalMs ?? 100,
      pairs: ids.map(({ id, pair }) => {
        const target = plan.targets.find((t) => t.key === cellKey(pair));
        if (!target) throw new EnvironmentError(`traffic ${cellKey(pair)}: the probe plan has no such target`, { hint: 'the target pod or external is not running, or its port is not served' });
        return { id, host: target.host, port: pair.port, protocol: target.protocol, rate: pair.rate, delayMs: maxBefore - pair.beforeMs, hold: true };
      }),
    };
    planned.push({ from, pod: { namespace: plan.pod.namespace, name: plan.pod.name }, config, ids });
  }
  const sources: Source[] = planned.map(({ from, pod, config, ids }) =>
    ({ from, pod, run: startLoad(clients, pod, config, o.wallNow), pairs: ids, offsetMs: 0, offsetUncertaintyMs: 0 }));
  const abort = () => { for (const s of sources) s.run.abort(); };
  try {
    const timeout = new AbortController();
    const deadline = o.clock.sleep(startDeadlineMs, timeout.signal).then(() => { throw new EnvironmentError(`the traffic load did not start within ${startDeadlineMs / 1000} s in ${sources.map((s) => s.from).join(', ')}`, { hint: 'check the source pods (kubectl describe pod) and that the probe image is this tierprobe\'s (npx tierprobe cluster up)' }); }, () => undefined);
    try {
      await Promise.race([Promise.all(sources.map(async (s) => {
        const st = await s.run.started;
        if (!o.sharedClock) {
          // The agent wrote its start line between the exec call and its arrival.
          s.offsetMs = st.agentUs / 1000 - (st.sentWallMs + st.seenWallMs) / 2;
          s.offsetUncertaintyMs = (st.seenWallMs - st.sentWallMs) / 2;
        }
      })), deadline]);
    } finally {
      timeout.abort();
    }
    await o.clock.sleep(maxBefore, o.signal);
  } catch (e) {
    abort();
    throw e;
  }
  return {
    stopsAtWallMs: (origin) => origin + maxAfter,
    abort,
    async finish(originWallMs, applyMs, changes) {
      try {
        const stops = sources.flatMap((s) => s.pairs.map(({ id, pair }) => ({ at: originWallMs + pair.afterMs, stop: () => s.run.stop(id) })))
          .sort((a, b) => a.at - b.at);
        for (const s of stops) {
          const wait = s.at - o.wallNow();
          if (wait > 0) await o.clock.sleep(wait, o.signal);
          s.stop();
        }
        for (const s of sources) s.run.end();
        const out = new Map<string, PairTraffic>();
        for (const s of sources) {
          const loads = await s.run.finished;
          for (const { id, pair } of s.pairs) {
            const load = loads.get(id);
            const key = cellKey(pair);
            if (!load) throw new EnvironmentError(`${s.from}: the agent's load said nothing of ${key}`, { hint: 'the probe image must be this tierprobe\'s (npx tierprobe cluster up builds it)' });
            const figures = pairFigures(load, pair, changes.get(key) ?? 'stays-allowed', (originWallMs + s.offsetMs) * 1000, clockNote(s, o.sharedClock));
            out.set(key, { ...figures, warnings: [...figures.warnings, ...beforeTheAnswer(figures, applyMs)] });
          }
        }
        return out;
      } catch (e) {
        abort();
        throw e;
      }
    },
  };
}

/**
 * A turn before the origin: the API server commits a change (and Calico's watch sees it) before
 * its answer reaches the harness, which can take long on a loaded cluster. Said, with the window.
 */
function beforeTheAnswer(t: PairTraffic, applyMs: number): string[] {
  const figure = t.timeToEnforceMs ?? t.timeToOpenMs;
  if (typeof figure !== 'number' || figure >= 0 || t.warnings.some((w) => w.startsWith('already'))) return [];
  return [`in force ${(-figure).toFixed(1)} ms before the API's answer reached the harness: the change took effect when the API server committed it, inside the ${applyMs.toFixed(0)} ms the step's API calls took`];
}

function clockNote(s: Source, shared: boolean): string {
  if (shared) return `${s.from}'s node clock, which is the harness host's (kind nodes are containers on it)`;
  const sign = s.offsetMs >= 0 ? '+' : '−';
  return `${s.from}'s node clock; its offset to the harness's, ${sign}${Math.abs(s.offsetMs).toFixed(1)} ms ± ${s.offsetUncertaintyMs.toFixed(1)} ms (from the agent's start line), was taken out of every figure`;
}
