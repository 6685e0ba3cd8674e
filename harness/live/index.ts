// The live runner: deploy probes, apply steps, probe until enforcement matches, diff, report.
export { runScenarioLive } from './run-scenario.ts';
export type { LiveOptions } from './live-options.ts';
export type { LiveRun, StepTimings, AppliedRecord, PlacedPod } from './run-types.ts';
export { writeOutputs } from './outputs/write-outputs.ts';
export { liveRunStatus } from './outputs/run-status.ts';
export { lineLogger, silentLogger, type Logger } from './logger.ts';
export { ownerLabel, ownerValue, runLabel } from './labels.ts';
