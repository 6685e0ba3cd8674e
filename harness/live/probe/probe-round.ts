// One probe round: one exec per source pod, all source pods at once.
import type { Observed } from '../../diff/index.ts';
import type { Clock } from '../../time/clock.ts';
import type { KubeClients } from '../kube-clients.ts';
import { execBatch } from './exec-batch.ts';
import type { ProbeTarget, SourcePlan } from './probe-plan.ts';

export interface Sample {
  observed: Observed;
  latencyMs?: number;
  detail?: string;
  /** When the attempt left (the exec stream opened); unknown when the exec failed. */
  sentAt?: number;
}

export interface RoundResult {
  /** When the round started, on the run's clock: the moment the attempts were made. */
  startedAt: number;
  durationMs: number;
  samples: Map<string, Sample>;
}

export interface RoundOptions { timeoutMs: number; clock: Clock; signal?: AbortSignal }

/** Probes the targets `only` names (every target without it); a failed exec makes its cells `error`. */
export async function probeRound(clients: KubeClients, plans: readonly SourcePlan[], o: RoundOptions, only?: ReadonlySet<string>): Promise<RoundResult> {
  const startedAt = o.clock.now();
  const samples = new Map<string, Sample>();
  await Promise.all(plans.map(async (plan) => {
    const targets = only ? plan.targets.filter((t) => only.has(t.key)) : plan.targets;
    if (targets.length === 0) return;
    for (const [key, sample] of await probeSource(clients, plan, targets, o)) samples.set(key, sample);
  }));
  return { startedAt, durationMs: o.clock.now() - startedAt, samples };
}

async function probeSource(clients: KubeClients, plan: SourcePlan, targets: readonly ProbeTarget[], o: RoundOptions): Promise<Map<string, Sample>> {
  const batch = { timeoutMs: o.timeoutMs, targets: targets.map((t) => ({ id: t.key, host: t.host, port: t.port, protocol: t.protocol })) };
  try {
    const { results, openedAt } = await execBatch(clients, plan.pod, batch, { clock: o.clock, ...(o.signal ? { signal: o.signal } : {}) });
    return new Map(results.map((r) => [r.id, { observed: r.result, latencyMs: r.latencyMs, sentAt: openedAt, ...(r.detail ? { detail: r.detail } : {}) }]));
  } catch (e) {
    // Never a deny: the probe itself failed.
    const detail = e instanceof Error ? e.message : String(e);
    return new Map(targets.map((t) => [t.key, { observed: 'error', detail }]));
  }
}
