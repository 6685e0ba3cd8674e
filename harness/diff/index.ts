// Expected vs model vs observed: the diff every report and the live runner share.
export type { DiffCell, FlowEvidence, Mismatch, MismatchClass, Notice, Observed, RunDiff, StepDiff, Summary } from './types.ts';
export { mismatchClasses, observedValues } from './types.ts';
export { buildRunDiff, buildStepDiff, diffCell, hasMismatch, isUnchecked, nothingDeclared, summarize, SummaryTally, undeclaredDiffCell, type StepInput } from './build.ts';
export { stepDelta, type CellChange } from './delta.ts';
export { cellKey, observedVerdict, type Observation } from './observation.ts';
export { sinceChange, trafficMismatches } from './traffic-classes.ts';
export { expectedVerdict, ruleCovers, type Expectation, type ExpectRule } from './expectation.ts';
export { parseAddress, formatAddress, addressMatches, type Address } from './address.ts';
export { withGuardrailFindings, type GuardrailFinding } from './guardrail-findings.ts';
