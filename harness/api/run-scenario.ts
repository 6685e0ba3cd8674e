// runScenario(file, options): the scenario live, as `tierprobe run` does it (the cluster the
// scenario names: tierprobe's kind cluster, made if missing, or an allowed existing context),
// with what the probes saw in the result. The bundle is written where `out` says.
import { contextsFromEnv, openSession } from '../cluster/index.ts';
import { modelVersionFor } from '../cluster/model-version.ts';
import { teeRunLog } from '../evidence/run-log.ts';
import { lineLogger, runScenarioLive, type LiveRun } from '../live/index.ts';
import { writeRunBundle } from '../live/outputs/write-bundle.ts';
import type { CalicoVersion } from '../model/index.ts';
import { compileScenario, loadScenario } from '../scenario/index.ts';
import { systemClock } from '../time/clock.ts';
import { collectingWarnings } from './explain-scenario.ts';
import { TierprobeResult } from './result.ts';

export interface RunScenarioOptions {
  /** Contexts `provider: existing` may use, beside TIERPROBE_ALLOW_CONTEXTS (run's --allow-context). */
  allowContexts?: readonly string[];
  /** Write the bundle (results.json, junit.xml, report.html, MANIFEST, ...) under DIR/<scenario>/. */
  out?: string;
  /** Each progress line of the run (default: none). */
  log?: (line: string) => void;
  /** Read Calico's flow logs after each step (default true; run's --no-flows). */
  flows?: boolean;
  allowMissingFlows?: boolean;
  /** Keep what the run created (run's --keep). */
  keep?: boolean;
  /** Seconds the dataplane may take to match the model after each step (default 30). */
  convergeTimeoutSeconds?: number;
  /** Cluster images: pull where a registry answers, only build, or only pull (default auto). */
  pull?: 'auto' | 'never' | 'always';
  /** The Calico version expected; the model follows the cluster's, and a disagreement is an error. */
  calicoVersion?: CalicoVersion;
  allowUnsupported?: boolean;
  signal?: AbortSignal;
}

export interface LiveResult extends TierprobeResult {
  /** The whole live run (timings, guardrail phases, flow-log leg, versions), as results.json holds it. */
  readonly run: LiveRun;
  /** Where the bundle went, when `out` was given. */
  readonly bundle?: string;
}

/**
 * Bad input throws InputError before any cluster is touched; the environment (Docker, the
 * cluster, Goldmane) throws EnvironmentError saying what to run. A run whose cells disagree
 * resolves: the mismatches are in the result (and `expect(result).to.conformTo(...)` says which).
 */
export async function runScenario(file: string, o: RunScenarioOptions = {}): Promise<LiveResult> {
  const scenario = await loadScenario(file);
  const warnings: string[] = [];
  const compile = (calicoVersion: CalicoVersion) => collectingWarnings(calicoVersion, o.allowUnsupported ?? false, warnings);
  compileScenario(scenario, compile(o.calicoVersion ?? '3.31'));
  const log = teeRunLog((text) => { for (const line of text.split('\n')) if (line !== '') o.log?.(line); });
  const session = await openSession(scenario.cluster, {
    pull: o.pull ?? 'auto', readyTimeoutMs: 300_000, allowContexts: [...(o.allowContexts ?? []), ...contextsFromEnv()],
    log: (l) => log.write(`${l}\n`), clock: systemClock, ...(o.signal ? { signal: o.signal } : {}),
  });
  const model = modelVersionFor(session.versions.calico, o.calicoVersion, session.versions.calicoVariant);
  if (model.warning) warnings.push(model.warning);
  const run = await runScenarioLive(scenario, {
    session, clock: systemClock, logger: lineLogger(log.write), ...(o.signal ? { signal: o.signal } : {}),
    compile: { ...compile(model.version), onWarning: () => undefined },
    convergeTimeoutMs: (o.convergeTimeoutSeconds ?? 30) * 1000, keep: o.keep ?? false,
    noFlows: o.flows === false, allowMissingFlows: o.allowMissingFlows ?? false,
  });
  const written = o.out === undefined ? undefined : await writeRunBundle(o.out, run, scenario.steps.map((s) => s.name), log);
  if (run.failure) throw run.failure;
  const result = new TierprobeResult(run.diff, true, warnings);
  return Object.assign(result, { run, ...(written ? { bundle: written.dir } : {}) });
}
