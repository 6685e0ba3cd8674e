// tierprobe run, the implementation: loaded only when the verb runs (the cluster and live
// modules are most of the CLI's start-up otherwise).
import { InputError, InterruptedError, UsageError, exitCodes, type ExitCode, type Problem } from '../../errors.ts';
import { hasMismatch } from '../../diff/index.ts';
import { contextsFromEnv, openSession, type ClusterSession } from '../../cluster/index.ts';
import { lineLogger, liveRunStatus, runScenarioLive } from '../../live/index.ts';
import { writeRunBundle } from '../../live/outputs/write-bundle.ts';
import { compileScenario, loadScenario, type Scenario } from '../../scenario/index.ts';
import { systemClock } from '../../time/clock.ts';
import { renderTerminal } from '../../../reports/index.ts';
import { renderGuardrailPhases } from '../../../reports/guardrails-text.ts';
import type { Deps } from '../command.ts';
import type { RunOptions } from './run.ts';
import { compileOptions } from '../shared-options.ts';
import { modelVersionFor } from '../../cluster/model-version.ts';
import { withInterrupts } from '../interrupts.ts';
import { loadSigningKey, type BundleKey } from '../../evidence/signing-keys.ts';
import { teeRunLog } from '../../evidence/run-log.ts';
import { RUN_LOG } from '../../evidence/write-evidence.ts';

export async function run(o: RunOptions, deps: Deps): Promise<ExitCode> {
  for (const [flag, value] of [['--converge-timeout', o.convergeTimeout], ['--pods-timeout', o.podsTimeout], ['--ready-timeout', o.readyTimeout], ['--max-probes', o.maxProbes]] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new UsageError(`${flag} must be a positive number, not ${String(value)}`);
  }
  // Every file is checked, policies included, before anything touches a cluster; every problem of every file is told.
  const scenarios: Scenario[] = [];
  const problems: Problem[] = [];
  const signKey = await signingKey(o.signKey ?? process.env['TIERPROBE_SIGN_KEY'], problems);
  for (const file of o.files) {
    try {
      const s = await loadScenario(file);
      compileScenario(s, compileOptions({ ...o, calicoVersion: o.calicoVersion ?? '3.31' }, deps));
      scenarios.push(s);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return withInterrupts(deps, 'the run', async (signal) => {
    let mismatch = false;
    const sessions = new Map<string, ClusterSession>();
    for (const scenario of scenarios) {
      if (signal.aborted) break;
      // The scenario's progress lines, for its run.log (the session's go to the scenario that opened it).
      const log = teeRunLog(deps.stderr);
      const key = JSON.stringify(scenario.cluster);
      const session = sessions.get(key) ?? await openSession(scenario.cluster, {
        pull: o.pull, readyTimeoutMs: o.readyTimeout * 1000, allowContexts: [...o.allowContext, ...contextsFromEnv()],
        log: (l) => log.write(`${l}\n`), clock: systemClock, signal, ...(o.probeImage ? { probeImage: o.probeImage } : {}), ...(deps.tasks ? { tasks: deps.tasks } : {}),
      });
      sessions.set(key, session);
      const model = modelVersionFor(session.versions.calico, o.calicoVersion, session.versions.calicoVariant);
      if (model.warning) log.write(`warning: ${model.warning}\n`);
      log.write(`scenario ${scenario.name} (${scenario.file}) on ${session.context}, Calico ${session.versions.calico ?? '?'} (model ${model.version})\n`);
      const result = await runScenarioLive(scenario, {
        session, clock: systemClock, logger: lineLogger(log.write, deps.tasks), signal,
        // Warnings were given when the files were checked above.
        compile: { ...compileOptions({ ...o, calicoVersion: model.version }, deps), onWarning: () => undefined },
        convergeTimeoutMs: o.convergeTimeout * 1000, readyTimeoutMs: o.podsTimeout * 1000, keep: o.keep, maxProbes: o.maxProbes, allowForeignSelection: o.allowForeignSelection,
        noFlows: !o.flows, allowMissingFlows: o.allowMissingFlows,
      });
      const stepNames = scenario.steps.map((s) => s.name);
      if (result.diff.steps.length > 0) deps.stdout(renderTerminal(result.diff, { status: liveRunStatus(result, stepNames) }));
      if (result.guardrails && result.guardrails.length > 0) deps.stdout(`\n${renderGuardrailPhases(result.guardrails)}`);
      if (!result.flows.checked) log.write(`the flow-log leg was not checked (${result.flows.why}): no cell was compared with Calico's flow logs\n`);
      const { dir, signed, unlisted } = await writeRunBundle(o.out, result, stepNames, log, signKey);
      for (const u of unlisted) deps.stderr(`warning: ${dir}/${u.path} is not in MANIFEST (${u.why}): verify will name it\n`);
      deps.stderr(`results: ${dir}/results.json, junit.xml, report.md, report.html, policies/, ${RUN_LOG}, MANIFEST${signed ? ', MANIFEST.sig' : ''} (${(result.wallMs / 1000).toFixed(1)} s)\n`);
      if (result.failure) throw result.failure;
      if (result.interrupted) {
        const by = signal.reason instanceof InterruptedError ? signal.reason.signal : 'a signal';
        throw new InterruptedError(by, `${result.diff.steps.length} of ${result.totalSteps} step(s) of ${scenario.name} observed; partial results in ${dir}`);
      }
      mismatch ||= hasMismatch(result.diff) || (result.guardrails ?? []).some((g) => !g.heldLive || !g.heldInModel || !g.restored);
    }
    return mismatch ? exitCodes.mismatch : exitCodes.ok;
  });
}

/** The --sign-key (or TIERPROBE_SIGN_KEY), read and checked with the scenario files: a bad key is told before any cluster is touched. */
async function signingKey(file: string | undefined, problems: Problem[]): Promise<BundleKey | undefined> {
  if (file === undefined || file === '') return undefined;
  try {
    return await loadSigningKey(file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}
