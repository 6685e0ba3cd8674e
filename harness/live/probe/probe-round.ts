// One probe round: one exec per source pod, all source pods at once.
import type { Observed } from '../../diff/index.ts';
import type { Clock } from '../../time/clock.ts';
import type { DenySetting } from '../felix/deny-action.ts';
import { readAnswer } from './answer-reading.ts';
import { execBatch, type PodExec } from './exec-batch.ts';
import type { ProbeTarget, SourcePlan } from './probe-plan.ts';
import { foldServiceAnswers } from './service-answers.ts';
import { agentTargetsOf, cellKeysOf } from './service-plan.ts';
import type { SourcePorts } from './source-ports.ts';

export interface Sample {
  observed: Observed;
  latencyMs?: number;
  detail?: string;
  /** When the attempt left (see BatchAnswer.sentAt); unknown when the exec failed. */
  sentAt?: number;
}

export interface RoundResult {
  /** When the round started, on the run's clock: the moment the attempts were made. */
  startedAt: number;
  durationMs: number;
  samples: Map<string, Sample>;
}

export interface RoundOptions {
  timeoutMs: number;
  clock: Clock;
  signal?: AbortSignal;
  /** Execs in flight at once (default: as many as the probe budget allows). */
  maxExecs?: number;
  /**
   * Probes in flight at once across the round (default 1500): beyond what the nodes' CPUs
   * keep up with, agents see their timers fire late and report drops that are not there.
   */
  maxProbes?: number;
  /** The cluster's deny action: how a refusal the agent could not place is read (answer-reading.ts). */
  denyAction?: DenySetting;
  /** Gives every UDP attempt a source port of its own (source-ports.ts); absent: the kernel's choice. */
  sourcePorts?: SourcePorts;
}

/** A `dropped` noticed this late was not observed at its deadline: the agent was starved of CPU. */
export function starved(latencyMs: number, timeoutMs: number): boolean {
  return latencyMs > timeoutMs + Math.max(100, timeoutMs * 0.2);
}

/** Probes the targets `only` names (every target without it); a failed exec makes its cells `error`. */
export async function probeRound(clients: { exec: PodExec }, plans: readonly SourcePlan[], o: RoundOptions, only?: ReadonlySet<string>): Promise<RoundResult> {
  const startedAt = o.clock.now();
  const samples = new Map<string, Sample>();
  const queue = plans.map((plan) => ({ plan, targets: only ? plan.targets.filter((t) => cellKeysOf(t).some((k) => only.has(k))) : plan.targets })).filter((q) => q.targets.length > 0);
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      for (const [key, sample] of await probeSource(clients, next.plan, next.targets, o)) samples.set(key, sample);
    }
  };
  const perExec = Math.max(1, ...queue.map((q) => q.targets.reduce((n, t) => n + agentTargetsOf(t).length, 0)));
  const execs = Math.min(queue.length, o.maxExecs ?? queue.length, Math.max(1, Math.floor((o.maxProbes ?? 1500) / perExec)));
  await Promise.all(Array.from({ length: execs }, worker));
  return { startedAt, durationMs: o.clock.now() - startedAt, samples };
}

async function probeSource(clients: { exec: PodExec }, plan: SourcePlan, targets: readonly ProbeTarget[], o: RoundOptions): Promise<Map<string, Sample>> {
  const ports = o.sourcePorts;
  const sent = targets.flatMap(agentTargetsOf);
  const batch = { timeoutMs: o.timeoutMs, targets: ports ? sent.map((t) => (t.protocol === 'UDP' ? { ...t, sourcePort: ports.take(plan.key, plan.udpPorts) } : t)) : sent };
  try {
    const { results, sentAt } = await execBatch(clients, plan.pod, batch, { clock: o.clock, ...(o.signal ? { signal: o.signal } : {}) });
    const byId = new Map(results.map((r) => [r.id, r]));
    const services = targets.flatMap((t) => (t.service ? [...foldServiceAnswers({ ...t, service: t.service }, byId, { timeoutMs: o.timeoutMs, sentAt, starved, ...(o.denyAction ? { denyAction: o.denyAction } : {}) })] : []));
    const direct = new Set(targets.filter((t) => !t.service).map((t) => t.key));
    return new Map([...results.filter((r) => direct.has(r.id)).map((r): [string, Sample] => {
      if (r.result === 'dropped' && starved(r.latencyMs, o.timeoutMs)) {
        return [r.id, { observed: 'error', latencyMs: r.latencyMs, sentAt, detail: `the agent noticed its ${o.timeoutMs} ms timeout only after ${Math.round(r.latencyMs)} ms (starved of CPU): not counted as a drop${r.detail ? `; ${r.detail}` : ''}` }];
      }
      // Served: every planned target is a port its destination declares (probe-plan.ts).
      const read = readAnswer(r, o.denyAction, true);
      return [r.id, { observed: read.observed, latencyMs: r.latencyMs, sentAt, ...(read.detail ? { detail: read.detail } : {}) }];
    }), ...services]);
  } catch (e) {
    // Never a deny: the probe itself failed.
    const detail = e instanceof Error ? e.message : String(e);
    return new Map(targets.flatMap(cellKeysOf).map((key) => [key, { observed: 'error', detail }]));
  }
}
