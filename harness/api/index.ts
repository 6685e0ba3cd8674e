// tierprobe's programmatic API (the package's main export): the model offline, a live run, and
// the chai plugin that asserts on either (also exported alone as tierprobe/chai).
export { explainScenario, type ExplainScenarioOptions } from './explain-scenario.ts';
export { runScenario, type RunScenarioOptions, type LiveResult } from './run-scenario.ts';
export { TierprobeResult, StepResult, type ResultCell } from './result.ts';
export { tierprobeChai, type Conformance, type ExpectBlock } from './chai-plugin.ts';
export type { DeciderQuery } from './cell-query.ts';
export { InputError, EnvironmentError, UsageError, type Problem } from '../errors.ts';
export type { DecidedBy, Verdict, CellVerdict } from '../model/index.ts';
