// Each mismatch class in a few words, for the page's summary table (harness/diff/types.ts has the whole story).
import type { MismatchClass } from '../../harness/diff/index.ts';

export const classWords: Record<MismatchClass, string> = {
  'policy-intent': 'the declared expect disagrees with the model',
  'staged-intent': 'the declared expectStaged disagrees with the pending verdict',
  'promoted-intent': 'the declared expectPromoted disagrees with the verdict after promotion',
  'dataplane-or-model': 'observed traffic disagrees with the model',
  'flow-log': 'the flow logs report another verdict than the model',
  'flow-log-staged': 'the flow logs report another pending verdict than the model',
  attribution: 'the flow logs name another decider than the model',
  'missing-evidence': 'a probe left no flow record',
  promotion: 'after promotion, enforcement differs from what the staged step predicted',
  flaky: 'the observation changed between rounds after convergence',
  'harness-fault': 'the probe errored, or nothing listened',
  disruption: 'a pair that should stay allowed failed during the change',
  established: 'the long-lived connection was not cut or kept as declared',
  'time-to-enforce': 'enforcing (or opening) took longer than the threshold',
  leak: 'connections got through a pair that stays denied',
  guardrail: 'a declared guardrail did not hold (at the step, or under attack)',
};
