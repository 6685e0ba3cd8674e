// A scenario, live: clear leftovers, deploy the inventory, then per step apply, probe until
// the dataplane agrees with the model (or the deadline), and diff. Cleans up unless kept.
import { buildRunDiff, type StepInput } from '../diff/index.ts';
import type { ClusterSession } from '../cluster/session.ts';
import type { Inventory } from '../model/index.ts';
import { stepInputs, type CompileOptions, type Scenario } from '../scenario/index.ts';
import type { Clock } from '../time/clock.ts';
import { applyStep } from './apply-step.ts';
import { clearLeftovers } from './cleanup/clear-leftovers.ts';
import { runFilter } from './cleanup/owned-filter.ts';
import { removeOwned } from './cleanup/remove-owned.ts';
import { deployInventory } from './deploy/deploy-inventory.ts';
import type { ReadyPod } from './deploy/wait-for-pods.ts';
import { removeOwnedContainers, startExternals } from './externals/externals.ts';
import { kubeClients, type KubeClients } from './kube-clients.ts';
import { newRunId, ownerLabel, ownerValue, runLabel } from './labels.ts';
import { holdRunLease } from './run-lease.ts';
import type { Logger } from './logger.ts';
import { observeStep } from './observe-step.ts';
import { policyClient } from './policies/policy-client.ts';
import { planProbes } from './probe/probe-plan.ts';
import type { AppliedRecord, LiveRun, StepTimings } from './run-types.ts';
import { tierprobeVersion } from './version.ts';

export interface LiveOptions {
  session: ClusterSession;
  clock: Clock;
  logger: Logger;
  signal?: AbortSignal;
  compile?: CompileOptions;
  /** Deadline for the dataplane to match the model after each step (default 30 s). */
  convergeTimeoutMs?: number;
  readyTimeoutMs?: number;
  /** Keep what the run created (namespaces, pods, policies, externals) for a look by hand. */
  keep?: boolean;
  /** Full rounds after convergence, to catch flaky cells (default 1). */
  confirmRounds?: number;
  /** Least time between the starts of two rounds (default 100 ms). */
  minRoundGapMs?: number;
  /** Execs in flight at once in a round (default: one per source pod, within maxProbes). */
  maxExecs?: number;
  /** Probes in flight at once in a round (default 1500). */
  maxProbes?: number;
  runId?: string;
  /**
   * Fault injection, for the e2e tests that make each mismatch class happen for real:
   * `unserved` deploys agents without some declared listeners (`ns/pod` -> `N/PROTO`s);
   * `onConverged` runs when a step's matrix matched, before the confirmation rounds.
   */
  faults?: { unserved?: ReadonlyMap<string, ReadonlySet<string>>; onConverged?: (step: number) => Promise<void> };
}

export async function runScenarioLive(scenario: Scenario, o: LiveOptions): Promise<LiveRun> {
  const { session, clock, logger } = o;
  const runId = o.runId ?? newRunId();
  const started = clock.now();
  const clients = kubeClients(session);
  const calico = session.calico;
  const run: LiveRun = {
    runId, scenario: scenario.name, file: scenario.file, totalSteps: scenario.steps.length,
    cluster: { provider: session.provider, context: session.context, nodes: session.nodes },
    versions: { ...session.versions, tierprobe: tierprobeVersion, probeImage: session.probeImage },
    startedAt: new Date().toISOString(), wallMs: 0, phases: { leftoversMs: 0, deployMs: 0, stepsMs: 0, cleanupMs: 0 }, pods: [], externals: scenario.inventory.externals.map((e) => ({ name: e.name, ip: e.ip })),
    diff: buildRunDiff(scenario.name, []), steps: [], applied: [], interrupted: false, kept: o.keep === true,
  };
  await using _lease = await holdRunLease(clients, runId, clock);
  await clearLeftovers(clients, session, { clock, logger, ownRunId: runId, namespaces: scenario.inventory.namespaces.map((n) => n.name) });
  let mark = started;
  const lap = () => { const now = clock.now(); const ms = Math.round(now - mark); mark = now; return ms; };
  run.phases.leftoversMs = lap();
  const inputs: StepInput[] = [];
  try {
    logger.info(`run ${runId}: deploying ${scenario.inventory.namespaces.length} namespace(s), ${scenario.inventory.pods.length} pod(s)`);
    const pods = await deployInventory(clients, scenario.inventory, {
      runId, image: session.probeImage, nodes: session.nodes, readyTimeoutMs: o.readyTimeoutMs ?? 120_000, clock, logger, ...signalOf(o),
      ...(o.faults?.unserved ? { unserved: o.faults.unserved } : {}),
    });
    run.pods = [...pods].map(([pod, p]) => ({ pod, node: p.node, ip: p.ip }));
    await using _externals = await startExternals(scenario.inventory.externals, { image: session.probeImage, network: session.dockerNetwork, runId, keep: o.keep === true, logger });
    run.phases.deployMs = lap();
    const model = stepInputs(scenario, o.compile ?? {}, withIps(scenario.inventory, pods));
    const plans = planProbes(scenario.inventory, pods);
    const policies = policyClient(clients, calico);
    for (const [i, step] of scenario.steps.entries()) {
      if (o.signal?.aborted) break;
      const input = model[i];
      if (!input) break;
      const stepStart = clock.now();
      run.applied.push(...await applyStep(step, policies, runId));
      const since = clock.now();
      const convergeTimeoutMs = o.convergeTimeoutMs ?? 30_000;
      const seen = await observeStep(clients, plans, input.cells, since, {
        timeoutMs: scenario.probe.timeoutMs, convergeTimeoutMs, minRoundGapMs: o.minRoundGapMs ?? 100, confirmRounds: o.confirmRounds ?? 1, clock, ...signalOf(o),
        ...(o.maxExecs === undefined ? {} : { maxExecs: o.maxExecs }),
        ...(o.maxProbes === undefined ? {} : { maxProbes: o.maxProbes }),
        ...(o.faults?.onConverged ? { onConverged: () => o.faults?.onConverged?.(i) ?? Promise.resolve() } : {}),
        reproduce: { kubeconfigPath: session.kubeconfigPath, context: session.context, timeoutMs: scenario.probe.timeoutMs },
      });
      inputs.push({ ...input, observations: seen.observations });
      const c = seen.convergence;
      const timing: StepTimings = {
        name: step.name, startedMs: Math.round(stepStart - started), applyMs: Math.round(since - stepStart),
        convergedMs: c.convergedMs === undefined ? null : Math.round(c.convergedMs), convergeTimeoutMs, rounds: c.rounds, interrupted: c.interrupted,
      };
      run.steps.push(timing);
      logger.info(`step ${i + 1}/${scenario.steps.length} ${step.name}: applied in ${timing.applyMs} ms; ${c.convergedMs === undefined ? `not matching the model after ${Math.round(convergeTimeoutMs / 1000)} s` : `matched the model ${timing.convergedMs} ms after`}; ${c.rounds.length} round(s)`);
      if (c.interrupted) break;
    }
  } catch (e) {
    run.failure = e instanceof Error ? e : new Error(String(e));
  } finally {
    run.interrupted = o.signal?.aborted === true;
    run.diff = buildRunDiff(scenario.name, inputs);
    if (run.phases.deployMs === 0) run.phases.deployMs = lap();
    else run.phases.stepsMs = lap();
    if (o.keep) logger.info(`--keep: run ${runId}'s resources stay (label ${ownerLabel}=${ownerValue}, ${runLabel}=${runId}); the next run removes them`);
    else await removeRun(clients, session, runId, clock, logger, run);
    run.phases.cleanupMs = lap();
    run.wallMs = Math.round(clock.now() - started);
  }
  return run;
}

async function removeRun(clients: KubeClients, session: ClusterSession, runId: string, clock: Clock, logger: Logger, run: LiveRun): Promise<void> {
  try {
    await removeOwned(clients, session.calico, runFilter(runId), { clock, logger });
    if (session.dockerNetwork !== undefined) await removeOwnedContainers(runFilter(runId));
  } catch (e) {
    logger.warn(`cleanup of run ${runId} failed (the next run retries it): ${e instanceof Error ? e.message : String(e)}`);
    run.failure ??= e instanceof Error ? e : new Error(String(e));
  }
}

function withIps(inventory: Inventory, pods: ReadonlyMap<string, ReadyPod>): Inventory {
  return { ...inventory, pods: inventory.pods.map((p) => ({ ...p, ip: pods.get(`${p.namespace}/${p.name}`)?.ip ?? '' })) };
}

function signalOf(o: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return o.signal ? { signal: o.signal } : {};
}
