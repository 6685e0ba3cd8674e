// How a live run ended, for its reports: failed, interrupted, stopped short of the scenario's
// last step (incomplete), or complete. Interrupted comes first: a Ctrl-C often surfaces as an
// error of whatever was running, and its message is kept.
import type { RunStatus } from '../../../reports/index.ts';
import type { LiveRun } from '../run-types.ts';

/** stepNames: the scenario's steps, to name those the run never reached. */
export function liveRunStatus(run: LiveRun, stepNames: readonly string[] = []): RunStatus {
  const observedSteps = run.diff.steps.filter((_, i) => run.steps[i]?.interrupted !== true).length;
  const notReached: string[] = [];
  for (let i = run.diff.steps.length; i < run.totalSteps; i++) notReached.push(stepNames[i] ?? `step ${i + 1}`);
  const state = run.interrupted ? 'interrupted' : run.failure ? 'failed' : observedSteps < run.totalSteps ? 'incomplete' : 'complete';
  return {
    state, observedSteps, totalSteps: run.totalSteps, notReached,
    ...(run.failure ? { message: run.failure.message } : {}),
  };
}
