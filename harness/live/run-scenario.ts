// A scenario, live: clear leftovers, deploy the inventory, then per step apply, probe until
// the dataplane agrees with the model (or the deadline), and diff. Cleans up unless kept.
import { buildRunDiff, withGuardrailFindings, type StepInput } from '../diff/index.ts';
import type { ClusterSession } from '../cluster/session.ts';
import type { Inventory } from '../model/index.ts';
import { stepInputs, type Scenario } from '../scenario/index.ts';
import type { Clock } from '../time/clock.ts';
import { clearLeftovers } from './cleanup/clear-leftovers.ts';
import { runFilter } from './cleanup/owned-filter.ts';
import { removeOwned } from './cleanup/remove-owned.ts';
import { deployInventory } from './deploy/deploy-inventory.ts';
import { deployServices } from './deploy/deploy-services.ts';
import { scenarioGuardrails } from '../guardrails/scenario-proofs.ts';
import { SourcePorts } from './probe/source-ports.ts';
import { liveFindings, modelFindings } from '../guardrails/findings.ts';
import type { GuardrailCheck } from '../guardrails/prove.ts';
import type { ReadyPod } from './deploy/wait-for-pods.ts';
import { removeOwnedContainers, startExternals } from './externals/externals.ts';
import { kubeClients, type KubeClients } from './kube-clients.ts';
import { newRunId, ownerLabel, ownerValue, runLabel } from './labels.ts';
import { holdRunLease } from './run-lease.ts';
import { collectDiagnostics } from './diagnostics/collect-diagnostics.ts';
import { preflight } from './preflight/preflight.ts';
import { refuseForeignReach } from './preflight/foreign-reach.ts';
import type { Logger } from './logger.ts';
import { policyClient } from './policies/policy-client.ts';
import { planProbes, type SourcePlan } from './probe/probe-plan.ts';
import { describeStep, runStep, type StepContext } from './run-step.ts';
import type { LiveOptions } from './live-options.ts';
import type { LiveRun } from './run-types.ts';
import { tierprobeVersion } from './version.ts';
import { openRunFlows } from './flows/run-flows.ts';
import { inventoryCells } from '../scenario/traffic-entries.ts';
import { trafficPairs } from '../traffic/expand.ts';

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
    flows: { checked: false, why: '--no-flows was given' },
  };
  // Nothing is written before this: someone else's object in the way refuses the run here.
  await preflight(clients, scenario, { clock, logger, ...signalOf(o) });
  // On a cluster tierprobe does not own, other workloads run: cluster-wide selectors must not reach them.
  if (session.provider === 'existing') {
    await refuseForeignReach(clients, scenario, { calicoVersion: o.compile?.calicoVersion ?? '3.31', allow: o.allowForeignSelection === true, logger });
  }
  // Goldmane must answer before anything is written, unless --no-flows.
  await using flows = o.noFlows ? undefined : await openRunFlows(clients, session, { allowMissing: o.allowMissingFlows === true, logger });
  if (flows) run.flows = { checked: true, settings: flows.settings };
  await using _lease = await holdRunLease(clients, runId, clock, logger);
  await clearLeftovers(clients, session, { clock, logger });
  let mark = started;
  const lap = () => { const now = clock.now(); const ms = Math.round(now - mark); mark = now; return ms; };
  run.phases.leftoversMs = lap();
  const inputs: StepInput[] = [];
  let guardrailChecks: GuardrailCheck[] = [];
  try {
    logger.info(`run ${runId}: deploying ${scenario.inventory.namespaces.length} namespace(s), ${scenario.inventory.pods.length} pod(s)`);
    const pods = await deployInventory(clients, scenario.inventory, {
      runId, image: session.probeImage, nodes: session.nodes, tolerations: session.tolerations, readyTimeoutMs: o.readyTimeoutMs ?? 120_000, clock, logger, ...signalOf(o),
      trafficSources: trafficSources(scenario),
      ...(o.faults?.unserved ? { unserved: o.faults.unserved } : {}),
    });
    run.pods = [...pods].map(([pod, p]) => ({ pod, node: p.node, ip: p.ip }));
    const services = await deployServices(clients, scenario.inventory.services ?? [], runId);
    if (services.size > 0) {
      run.services = [...services.values()].map((s) => ({ service: s.address, clusterIP: s.clusterIP, dnsName: s.dnsName }));
      logger.info(`${services.size} Service(s): ${run.services.map((s) => `${s.service} ${s.clusterIP}`).join(', ')}`);
    }
    await using _externals = await startExternals(scenario.inventory.externals, { image: session.probeImage, network: session.dockerNetwork, runId, keep: o.keep === true, logger });
    run.phases.deployMs = lap();
    const live = withIps(scenario.inventory, pods);
    const model = stepInputs(scenario, o.compile ?? {}, live);
    const guardrails = scenarioGuardrails(scenario, o.compile ?? {}, live);
    guardrailChecks = guardrails;
    if (scenario.guardrails.length > 0) run.guardrails = [];
    const plans = planProbes(scenario.inventory, pods);
    logger.info(describePairs(plans));
    const ctx: StepContext = {
      clients, policies: policyClient(clients, calico), plans, runId, started, probeTimeoutMs: scenario.probe.timeoutMs, options: o,
      reproduce: { kubeconfigPath: session.kubeconfigPath, context: session.context, timeoutMs: scenario.probe.timeoutMs },
      namespaces: scenario.inventory.namespaces.map((n) => n.name), ...(flows ? { flows } : {}),
      sharedClock: session.provider === 'kind', services, pods, guardrails, inventory: live, sourcePorts: new SourcePorts(),
    };
    for (const [i, step] of scenario.steps.entries()) {
      const input = model[i];
      if (o.signal?.aborted || !input) break;
      const done = await runStep(ctx, step, input, model[i - 1]);
      run.applied.push(...done.applied);
      run.guardrails?.push(...done.guardrails);
      inputs.push(done.input);
      run.steps.push(done.timing);
      logger.info(describeStep(i, scenario.steps.length, step.name, done.timing));
      if (done.timing.interrupted) break;
    }
  } catch (e) {
    // Stopped by SIGINT/SIGTERM (a deploy or a wait gave up because of it): interrupted, not failed.
    if (!o.signal?.aborted) run.failure = e instanceof Error ? e : new Error(String(e));
  } finally {
    run.interrupted = o.signal?.aborted === true;
    run.diff = buildRunDiff(scenario.name, inputs);
    // Guardrails: where the model says one does not hold, and where the dataplane broke one under attack.
    if (guardrailChecks.length > 0) run.diff = withGuardrailFindings(run.diff, [...modelFindings(guardrailChecks.filter((c) => c.stepIndex < inputs.length)), ...liveFindings(run.guardrails ?? [])]);
    if (run.phases.deployMs === 0) run.phases.deployMs = lap();
    else run.phases.stepsMs = lap();
    await takeDiagnostics(clients, run, scenario, logger);
    if (o.keep) logger.info(`--keep: run ${runId}'s resources stay (label ${ownerLabel}=${ownerValue}, ${runLabel}=${runId}); the next run removes them`);
    else await removeRun(clients, session, runId, clock, logger, run);
    run.phases.cleanupMs = lap();
    run.wallMs = Math.round(clock.now() - started);
  }
  return run;
}

/** When the run failed or the dataplane disagreed with the model: what a maintainer needs, before cleanup. */
async function takeDiagnostics(clients: KubeClients, run: LiveRun, scenario: Scenario, logger: Logger): Promise<void> {
  const dataplane = run.diff.summary['dataplane-or-model'];
  const reason = run.failure ? `the run failed: ${run.failure.message}` : dataplane > 0 ? `${dataplane} cell(s) disagreed with the model in the dataplane` : undefined;
  if (!reason) return;
  try {
    run.diagnostics = { reason, files: await collectDiagnostics(clients, { runId: run.runId, namespaces: scenario.inventory.namespaces.map((n) => n.name), startedAt: run.startedAt }) };
  } catch (e) {
    logger.warn(`diagnostics could not be collected: ${e instanceof Error ? e.message : String(e)}`);
  }
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

/** How many pod pairs cross a node boundary, for the log (results.json lists them). */
function describePairs(plans: readonly SourcePlan[]): string {
  const pairs = new Map<string, string>();
  for (const p of plans) for (const t of p.targets) if (t.from !== t.to) pairs.set(`${t.from} ${t.to}`, t.path);
  const count = (path: string) => [...pairs.values()].filter((x) => x === path).length;
  return `probing ${count('same-node')} same-node, ${count('cross-node')} cross-node and ${count('external')} external pair(s)`;
}

/** Pods that send a step's traffic: they get the resources the load needs. */
function trafficSources(scenario: Scenario): Set<string> {
  const cells = inventoryCells(scenario.inventory);
  return new Set(scenario.steps.flatMap((s) => trafficPairs(s.traffic ?? [], cells).map((p) => p.from)));
}

function withIps(inventory: Inventory, pods: ReadonlyMap<string, ReadyPod>): Inventory {
  return { ...inventory, pods: inventory.pods.map((p) => ({ ...p, ip: pods.get(`${p.namespace}/${p.name}`)?.ip ?? '' })) };
}

function signalOf(o: { signal?: AbortSignal }): { signal?: AbortSignal } {
  return o.signal ? { signal: o.signal } : {};
}
