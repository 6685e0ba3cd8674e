// One step's observation: converge on the model's matrix, then turn the histories into the
// diff's observations.
import type { Observation } from '../diff/index.ts';
import { knownVerdict, type Cell, type Verdict } from '../model/index.ts';
import { cellKey } from '../diff/index.ts';
import type { DenySetting } from './felix/deny-action.ts';
import type { KubeClients } from './kube-clients.ts';
import { converge, type Convergence, type ConvergeOptions } from './probe/converge.ts';
import { toObservations, type ReproduceContext } from './probe/observations.ts';
import type { SourcePlan } from './probe/probe-plan.ts';
import { probeRound } from './probe/probe-round.ts';
import { cellKeysOf } from './probe/service-plan.ts';
import type { SourcePorts } from './probe/source-ports.ts';

export interface StepObservation { observations: Observation[]; convergence: Convergence }

export async function observeStep(clients: KubeClients, plans: readonly SourcePlan[], cells: readonly Cell[], since: number,
  o: ConvergeOptions & { timeoutMs: number; maxExecs?: number; maxProbes?: number; denyAction?: DenySetting; sourcePorts?: SourcePorts; reproduce: ReproduceContext }): Promise<StepObservation> {
  // Only cells the plan probes (SCTP ones are not) and the model has.
  // Live, every pod has its address: no cell is unknown.
  const verdicts = new Map<string, Verdict>(cells.flatMap((c): [string, Verdict][] => {
    const v = knownVerdict(c.verdict);
    return v === undefined ? [] : [[cellKey(c), v]];
  }));
  const model = new Map(plans.flatMap((p) => p.targets).flatMap(cellKeysOf).flatMap((key): [string, Verdict][] => {
    const v = verdicts.get(key);
    return v === undefined ? [] : [[key, v]];
  }));
  const round = { timeoutMs: o.timeoutMs, clock: o.clock, ...(o.signal ? { signal: o.signal } : {}), ...(o.maxExecs === undefined ? {} : { maxExecs: o.maxExecs }),
    ...(o.maxProbes === undefined ? {} : { maxProbes: o.maxProbes }), ...(o.denyAction ? { denyAction: o.denyAction } : {}), ...(o.sourcePorts ? { sourcePorts: o.sourcePorts } : {}) };
  const convergence = await converge((only) => probeRound(clients, plans, round, only), model, since, o);
  return { observations: toObservations(plans, convergence.cells, since, o.reproduce), convergence };
}
