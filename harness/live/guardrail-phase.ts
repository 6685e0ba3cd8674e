// A step's extra phase for one guardrail, live: apply its adversarial policies, observe until the
// dataplane matches the model under attack (where the guardrail's cells keep their verdict, if it
// is a guardrail at all), withdraw them, and observe until the matrix is back to the step's.
import { cellKey, observedVerdict } from '../diff/index.ts';
import type { GuardrailCheck } from '../guardrails/prove.ts';
import { compilePolicies, evaluate, type Cell, type Inventory } from '../model/index.ts';
import { inventoryAt } from '../scenario/relabel.ts';
import type { ScenarioStep } from '../scenario/index.ts';
import { appliedDocument } from './policies/applied-document.ts';
import type { PolicyClient } from './policies/policy-client.ts';
import { observeStep, type StepObservation } from './observe-step.ts';
import type { KubeClients } from './kube-clients.ts';
import type { ReproduceContext } from './probe/observations.ts';
import type { SourcePlan } from './probe/probe-plan.ts';
import type { ConvergeOptions } from './probe/converge.ts';
import type { DenySetting } from './felix/deny-action.ts';
import type { SourcePorts } from './probe/source-ports.ts';
import type { AppliedRecord, GuardrailPhase } from './run-types.ts';

export interface PhaseContext {
  clients: KubeClients;
  policies: PolicyClient;
  plans: readonly SourcePlan[];
  runId: string;
  /** The live inventory (pod IPs): the model under attack is evaluated with it. */
  inventory: Inventory;
  observe: ConvergeOptions & { timeoutMs: number; maxExecs?: number; maxProbes?: number; denyAction?: DenySetting; sourcePorts?: SourcePorts; reproduce: ReproduceContext };
}

export interface PhaseOutcome { phase: GuardrailPhase; applied: AppliedRecord[] }

export async function attackGuardrail(ctx: PhaseContext, step: ScenarioStep, stepCells: readonly Cell[], check: GuardrailCheck, calicoVersion: Parameters<typeof compilePolicies>[1]): Promise<PhaseOutcome> {
  const clock = ctx.observe.clock;
  const docs = check.attack.documents.map((d) => appliedDocument(d, ctx.runId));
  const record = (action: AppliedRecord['action'], d: (typeof docs)[number]): AppliedRecord =>
    ({ step: step.index, stepName: step.name, action, id: d.id, text: d.text, sha256: d.sha256, location: d.location });
  const { policies } = compilePolicies([...step.alive, ...check.attack.documents], calicoVersion);
  const attacked = evaluate(inventoryAt(ctx.inventory, step.labels), policies);
  const start = clock.now();
  await ctx.policies.apply(docs);
  const since = clock.now();
  const under = await observeStep(ctx.clients, ctx.plans, attacked, since, ctx.observe);
  const guarded = new Set(check.cells.map((c) => c.key));
  const seen = under.observations.filter((o) => guarded.has(cellKey(o)));
  const broken = seen.filter((o) => observedVerdict(o.observed) !== check.verdict);
  const withdrawStart = clock.now();
  await ctx.policies.delete(docs.map((d) => d.id));
  const back = clock.now();
  const after = await observeStep(ctx.clients, ctx.plans, stepCells, back, ctx.observe);
  const phase: GuardrailPhase = {
    guardrail: check.guardrail, step: step.name, stepIndex: step.index, verdict: check.verdict,
    tiers: check.attack.tiers, notes: check.attack.notes, policies: docs.map((d) => ({ ...d.id, sha256: d.sha256 })),
    heldInModel: check.held,
    cells: seen.map((o) => ({ key: cellKey(o), observed: o.observed, ...(o.observedDetail ? { detail: o.observedDetail } : {}) })),
    heldLive: seen.length === check.cells.length && broken.length === 0,
    brokenLive: broken.map((o) => cellKey(o)),
    applyMs: Math.round(since - start), attackConvergedMs: converged(under), withdrawMs: Math.round(back - withdrawStart),
    restoredMs: converged(after), restored: after.convergence.convergedMs !== undefined,
    interrupted: under.convergence.interrupted || after.convergence.interrupted,
  };
  return { phase, applied: [...docs.map((d) => record('attack', d)), ...docs.map((d) => record('withdraw', d))] };
}

function converged(s: StepObservation): number | null {
  return s.convergence.convergedMs === undefined ? null : Math.round(s.convergence.convergedMs);
}
