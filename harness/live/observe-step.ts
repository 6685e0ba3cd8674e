// One step's observation: converge on the model's matrix, then turn the histories into the
// diff's observations.
import type { Observation } from '../diff/index.ts';
import type { Cell, Verdict } from '../model/index.ts';
import { cellKey } from '../diff/index.ts';
import type { KubeClients } from './kube-clients.ts';
import { converge, type Convergence, type ConvergeOptions } from './probe/converge.ts';
import { toObservations, type ReproduceContext } from './probe/observations.ts';
import type { SourcePlan } from './probe/probe-plan.ts';

export interface StepObservation { observations: Observation[]; convergence: Convergence }

export async function observeStep(clients: KubeClients, plans: readonly SourcePlan[], cells: readonly Cell[], since: number,
  o: ConvergeOptions & { reproduce: ReproduceContext }): Promise<StepObservation> {
  const model = new Map<string, Verdict>(cells.map((c) => [cellKey(c), c.verdict]));
  const convergence = await converge(clients, plans, model, since, o);
  return { observations: toObservations(plans, convergence.cells, since, o.reproduce), convergence };
}
