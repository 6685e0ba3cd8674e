// One step, live: apply its changes, then observe until the dataplane matches the model.
import type { StepInput } from '../diff/index.ts';
import type { ScenarioStep } from '../scenario/index.ts';
import { applyStep } from './apply-step.ts';
import { startTask } from './logger.ts';
import { relabelStep } from './relabel-step.ts';
import { readDenySetting } from './felix/felix-configuration.ts';
import type { KubeClients } from './kube-clients.ts';
import { observeStep } from './observe-step.ts';
import { attackGuardrail } from './guardrail-phase.ts';
import type { GuardrailCheck } from '../guardrails/prove.ts';
import type { Inventory } from '../model/index.ts';
import type { ReadyPod } from './deploy/wait-for-pods.ts';
import { withServiceTargets, type DeployedService } from './probe/service-plan.ts';
import type { SourcePorts } from './probe/source-ports.ts';
import type { PolicyClient } from './policies/policy-client.ts';
import type { ReproduceContext } from './probe/observations.ts';
import type { SourcePlan } from './probe/probe-plan.ts';
import type { LiveOptions } from './live-options.ts';
import type { AppliedRecord, GuardrailPhase, StepFlowTimings, StepTimings } from './run-types.ts';
import { conntrackLagMs, type EvidenceWindow } from './flows/bucket-grid.ts';
import { cellsNeedingEvidence, withEvidence } from './flows/merge-evidence.ts';
import type { RunFlows } from './flows/run-flows.ts';
import { gatherEvidence } from './flows/step-evidence.ts';
import { cellKey } from '../diff/index.ts';
import { trafficPairs } from '../traffic/expand.ts';
import { pairChanges } from '../traffic/pair-change.ts';
import type { PairTraffic } from '../traffic/types.ts';
import { startTraffic, type RunningTraffic } from './traffic/step-traffic.ts';

export interface StepContext {
  clients: KubeClients;
  policies: PolicyClient;
  plans: readonly SourcePlan[];
  runId: string;
  /** The run's start on its clock. */
  started: number;
  probeTimeoutMs: number;
  reproduce: ReproduceContext;
  options: LiveOptions;
  /** The flow-log leg; absent with --no-flows. */
  flows?: RunFlows;
  /** The scenario's namespaces (flows are read for sources in them). */
  namespaces: readonly string[];
  /** The source pods' clocks are the harness's (kind: nodes are containers on its host). */
  sharedClock: boolean;
  /** The scenario's Services as deployed, by svc:NS/NAME: probed per step, through their ClusterIPs. */
  services: ReadonlyMap<string, DeployedService>;
  pods: ReadonlyMap<string, ReadyPod>;
  /** The guardrail proofs of the model with the live pod addresses, and that inventory: attacked after their steps. */
  guardrails: readonly GuardrailCheck[];
  inventory: Inventory;
  /** The run's UDP source ports: no attempt rides an earlier flow's conntrack entry. */
  sourcePorts: SourcePorts;
}

export interface StepOutcome { input: StepInput; timing: StepTimings; applied: AppliedRecord[]; guardrails: GuardrailPhase[] }

/**
 * model: the model's step input (its cells with the declared expectations); previous: the step
 * before's, which says what the step changes for its traffic pairs.
 */
export async function runStep(ctx: StepContext, step: ScenarioStep, model: StepInput, previous?: StepInput): Promise<StepOutcome> {
  const o = ctx.options;
  const wallNow = o.wallNow ?? Date.now;
  // Read at every step, before its clock starts (the setting can change between steps): how a
  // refusal the agent could not place is taken (probe/answer-reading.ts). Never fails the step.
  const denyAction = await readDenySetting(ctx.clients.config);
  // Traffic under change: the load runs its `before` ahead of the changes.
  const pairs = step.traffic && step.traffic.length > 0 ? trafficPairs(step.traffic, model.cells) : [];
  const loadStart = o.clock.now();
  const traffic = pairs.length === 0 ? undefined : await startTraffic(ctx.clients, ctx.plans, pairs, {
    clock: o.clock, wallNow, timeoutMs: ctx.probeTimeoutMs, sharedClock: ctx.sharedClock,
    maxRunMs: Math.max(...pairs.map((p) => p.afterMs)) + (o.convergeTimeoutMs ?? 30_000) + 60_000, ...(o.signal ? { signal: o.signal } : {}),
  });
  const stepStart = o.clock.now();
  let applied: AppliedRecord[];
  try {
    applied = await applyStep(step, ctx.policies, ctx.runId);
    // Labels after policies: the step's origin is the API accepting both.
    applied.push(...await relabelStep(step, ctx.clients, ctx.runId));
  } catch (e) {
    traffic?.abort();
    throw e;
  }
  const since = o.clock.now();
  const sinceWall = wallNow();
  const figures = traffic?.finish(sinceWall, since - stepStart, pairChanges(previous, model, pairs));
  figures?.catch(() => undefined);
  const convergeTimeoutMs = o.convergeTimeoutMs ?? 30_000;
  let told = false;
  // The cells that match the model, round by round.
  const converging = startTask(o.logger, `step ${step.index + 1} ${step.name}: cells matching the model`, model.cells.length);
  let rounds = 0;
  let window: EvidenceWindow | undefined;
  const flows = ctx.flows;
  // Service backends follow the step's labels: their targets are the step's.
  const plans = withServiceTargets(ctx.plans, model.cells, ctx.services, ctx.pods);
  const seen = await observeStep(ctx.clients, plans, model.cells, since, {
    timeoutMs: ctx.probeTimeoutMs, convergeTimeoutMs, minRoundGapMs: o.minRoundGapMs ?? 100, confirmRounds: o.confirmRounds ?? 1, clock: o.clock,
    ...(o.signal ? { signal: o.signal } : {}),
    ...(o.maxExecs === undefined ? {} : { maxExecs: o.maxExecs }),
    ...(o.maxProbes === undefined ? {} : { maxProbes: o.maxProbes }),
    denyAction, wallNow, sourcePorts: ctx.sourcePorts,
    // Flow evidence needs probes through a whole bucket that starts after convergence.
    // With traffic, only after the load stopped: its long-lived connections outlive a new deny.
    ...(flows ? { confirmUntil: (convergedWallMs: number) => (window = flows.grid.windowAfter(Math.max(convergedWallMs, traffic?.stopsAtWallMs(sinceWall) ?? 0), { flushSeconds: flows.settings.flushSeconds, roundMs: ctx.probeTimeoutMs + 500, lagMs: conntrackLagMs })).probeUntilWallMs } : {}),
    ...(o.faults?.onConverged ? { onConverged: () => o.faults?.onConverged?.(step.index) ?? Promise.resolve() } : {}),
    // Progress: the step's first round says how far the dataplane is from the model.
    onRound: (r, differing) => {
      if (!told) {
        told = true;
        o.logger.info(`step ${step.index + 1} ${step.name}: first round, ${r.probes} probe(s) in ${Math.round(r.durationMs)} ms, ${differing} cell(s) differ from the model`
          + (differing > 0 ? `; probing them until they match (${Math.round(convergeTimeoutMs / 1000)} s at most)` : ''));
      }
      rounds += 1;
      converging.update(model.cells.length - differing, `round ${rounds}`);
    },
    reproduce: ctx.reproduce,
  }).catch((e: unknown) => { converging.end(`step ${step.index + 1} ${step.name}: stopped after ${rounds} round(s)`); throw e; });
  const c = seen.convergence;
  converging.end(`step ${step.index + 1} ${step.name}: ${c.rounds.length} round(s), ${c.convergedMs === undefined ? 'not matching the model' : 'matching the model'}`);
  const timing: StepTimings = {
    name: step.name, startedMs: Math.round(stepStart - ctx.started), applyMs: Math.round(since - stepStart),
    convergedMs: c.convergedMs === undefined ? null : Math.round(c.convergedMs), convergeTimeoutMs, rounds: c.rounds, interrupted: c.interrupted,
  };
  let observations = seen.observations;
  if (traffic && figures) {
    if (c.interrupted || o.signal?.aborted) traffic.abort();
    else {
      const byCell: Map<string, PairTraffic> = await figures;
      observations = observations.map((x) => { const t = byCell.get(cellKey(x)); return t ? { ...x, traffic: t } : x; });
      timing.traffic = { pairs: pairs.length, sources: new Set(pairs.map((p) => p.from)).size, startedBeforeMs: Math.round(stepStart - loadStart) };
    }
  }
  if (flows && window && !c.interrupted && !o.signal?.aborted) {
    const probesEnd = wallNow();
    const cells = cellsNeedingEvidence(observations);
    const staged = model.cells.some((x) => x.stagedVerdict !== undefined);
    const waiting = startTask(o.logger, `step ${step.index + 1} ${step.name}: cells with flow evidence`, cells.length);
    waiting.update(0, `Felix flushes every ${flows.settings.flushSeconds} s`);
    let looks = 0;
    const e = await gatherEvidence(cells, window, {
      lister: flows.reader, settings: flows.settings, grid: flows.grid, namespaces: ctx.namespaces, staged, clock: o.clock, wallNow,
      onLook: (complete) => { looks += 1; waiting.update(complete, `look ${looks}`); },
      onExtend: (complete, until) => o.logger.info(`step ${step.index + 1} ${step.name}: flow evidence for ${complete} of ${cells.length} cell(s) at the deadline; waiting ${Math.round((until - wallNow()) / 1000)} s more (a flush and a bucket)`),
      ...(o.signal ? { signal: o.signal } : {}), ...(o.flowsFirstLook ? { firstLook: o.flowsFirstLook } : {}),
    }).catch((err: unknown) => { waiting.end(`step ${step.index + 1} ${step.name}: flow evidence not read`); throw err; });
    waiting.end(`step ${step.index + 1} ${step.name}: flow evidence for ${[...e.cells.values()].filter((x) => x.missing === undefined).length} of ${cells.length} cell(s) after ${Math.round((wallNow() - probesEnd) / 1000)} s`);
    observations = withEvidence(observations, e, flows.allowMissing);
    const withRecords = [...e.cells.values()].filter((x) => x.missing === undefined).length;
    // The first full round that started inside the bucket read: its evidence took this long to be complete.
    const firstRound = c.rounds.find((r) => r.full && sinceWall + r.startMs >= (e.window.bucketStartSec ?? e.window.fromSec) * 1000);
    timing.flows = {
      fromSec: e.window.fromSec, gridKnown: e.window.gridKnown,
      coveredUntilMs: Math.round(e.window.coverUntilWallMs - sinceWall),
      waitedMs: Math.round(wallNow() - probesEnd),
      completeMs: e.completeWallMs === undefined ? null : Math.round(e.completeWallMs - sinceWall),
      roundToEvidenceMs: e.completeWallMs === undefined || !firstRound ? null : Math.round(e.completeWallMs - (sinceWall + firstRound.startMs)),
      lists: e.lists, records: e.records, cellsNeeding: cells.length, cellsWithEvidence: withRecords,
      ...(e.extensions > 0 ? { extensions: e.extensions } : {}),
    } satisfies StepFlowTimings;
    if (withRecords < cells.length) o.logger.warn(`step ${step.index + 1} ${step.name}: ${cells.length - withRecords} of ${cells.length} probed cell(s) have no complete flow evidence`);
  }
  // Guardrails: attacked once the step is observed, each in a phase of its own.
  const phases: GuardrailPhase[] = [];
  const checks = ctx.guardrails.filter((g) => g.stepIndex === step.index);
  for (const check of checks) {
    if (c.interrupted || o.signal?.aborted) break;
    o.logger.info(`step ${step.index + 1} ${step.name}: attacking guardrail ${check.guardrail} with ${check.attack.documents.length} adversarial polic${check.attack.documents.length === 1 ? 'y' : 'ies'} in tier(s) ${check.attack.tiers.join(', ')}`);
    const done = await attackGuardrail({
      clients: ctx.clients, policies: ctx.policies, plans, runId: ctx.runId, inventory: ctx.inventory,
      observe: {
        timeoutMs: ctx.probeTimeoutMs, convergeTimeoutMs, minRoundGapMs: o.minRoundGapMs ?? 100, confirmRounds: o.confirmRounds ?? 1, clock: o.clock,
        ...(o.signal ? { signal: o.signal } : {}), ...(o.maxExecs === undefined ? {} : { maxExecs: o.maxExecs }), ...(o.maxProbes === undefined ? {} : { maxProbes: o.maxProbes }),
        denyAction, wallNow, sourcePorts: ctx.sourcePorts, reproduce: ctx.reproduce,
      },
    }, step, model.cells, check, o.compile?.calicoVersion ? { calicoVersion: o.compile.calicoVersion } : {});
    phases.push(done.phase);
    applied.push(...done.applied);
    const p = done.phase;
    o.logger.info(`step ${step.index + 1} ${step.name}: guardrail ${check.guardrail} ${p.heldLive ? 'held' : `NOT held (${p.brokenLive.length} cell(s) opened)`} under attack`
      + `${p.attackConvergedMs === null ? ', the dataplane never matched the model under attack' : ''}; matrix ${p.restored ? `back ${p.restoredMs} ms after the withdrawal` : 'NOT back after the withdrawal'}`);
  }
  return { input: { ...model, observations }, timing, applied, guardrails: phases };
}

export function describeStep(i: number, count: number, name: string, t: StepTimings): string {
  const matched = t.convergedMs === null ? `not matching the model after ${Math.round(t.convergeTimeoutMs / 1000)} s` : `matched the model ${t.convergedMs} ms after`;
  return `step ${i + 1}/${count} ${name}: applied in ${t.applyMs} ms; ${matched}; ${t.rounds.length} round(s)${t.interrupted ? '; interrupted' : ''}`;
}
