// The scenario loader: files in, a checked and defaulted Scenario out.
export { loadScenario, defaultKindConfig, defaultProbeTimeoutMs } from './load.ts';
export { compileScenario, evaluateScenario, type CompiledStep, type CompileOptions, type StepCells } from './compile.ts';
export { defaultProbePorts } from './inventory.ts';
export { modelDiff, stepInputs, type PromotionInput } from './model-diff.ts';
export type { Scenario, ScenarioStep, StepPromotion, LoadedDocument, Location, ClusterSettings, DeleteRef, Relabel, LabelState } from './types.ts';
export type { PolicySources } from './policy-sources.ts';
