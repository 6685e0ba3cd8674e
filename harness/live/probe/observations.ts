// The converged histories as the diff's observations, each with the command that reproduces it.
import type { Observation } from '../../diff/index.ts';
import { shellLine } from '../../exec/run-command.ts';
import { probeContainer } from '../deploy/manifests.ts';
import type { CellHistory } from './cell-history.ts';
import type { ProbeTarget, SourcePlan } from './probe-plan.ts';

export interface ReproduceContext { kubeconfigPath: string; context: string; timeoutMs: number }

/** The exact command that sends this one probe again by hand. */
export function reproduceCommand(r: ReproduceContext, source: { namespace: string; name: string }, t: ProbeTarget): string {
  return shellLine('kubectl', ['--kubeconfig', r.kubeconfigPath, '--context', r.context, 'exec', '-n', source.namespace, source.name,
    '-c', probeContainer, '--', '/agent', 'probe', '--to', `${t.host}:${t.port}/${t.protocol}`, '--timeout-ms', String(r.timeoutMs)]);
}

/** since: when the step's changes were accepted (convergedMs counts from there). */
export function toObservations(plans: readonly SourcePlan[], cells: ReadonlyMap<string, CellHistory>, since: number, r: ReproduceContext): Observation[] {
  return plans.flatMap((plan) => plan.targets.flatMap(cellsOf).flatMap(({ t, key, backend, path }): Observation[] => {
    const history = cells.get(key);
    const last = history?.last();
    if (!history || !last) return [];
    const convergedAt = history.convergedAt();
    const changed = new Set(history.looks.map((l) => l.observed)).size > 1;
    const detail = [last.detail, history.flaky || changed ? `looks: ${history.describe(since)}` : undefined].filter(Boolean).join('; ');
    return [{
      from: t.from, to: t.to, ...(backend === undefined ? {} : { backend }), port: t.port, protocol: t.protocol,
      observed: last.observed,
      ...(detail ? { observedDetail: detail } : {}),
      ...(last.latencyMs === undefined ? {} : { latencyMs: round3(last.latencyMs) }),
      ...(convergedAt === undefined ? {} : { convergedMs: Math.round(convergedAt - since) }),
      ...(history.flaky ? { flaky: true } : {}),
      path,
      reproduce: reproduceCommand(r, plan.pod, t),
    }];
  }));
}

/** A target's cells: itself, or a Service target's backends (each with its own path). */
function cellsOf(t: ProbeTarget): { t: ProbeTarget; key: string; backend?: string; path: ProbeTarget['path'] }[] {
  if (!t.service) return [{ t, key: t.key, path: t.path }];
  return t.service.backends.map((b) => ({ t, key: b.key, backend: b.backend, path: b.path }));
}

function round3(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
