// Expected vs model vs observed, per cell: the one structure every report renders.
import type { Cell, Verdict } from '../model/index.ts';

/**
 * What a live probe saw (SCENARIO-FORMAT.md "Verdicts"). `rejected`: a policy rejected the
 * attempt (Calico's deny action Reject): a deny, like `dropped`.
 */
export type Observed = 'connected' | 'refused' | 'dropped' | 'rejected' | 'error';
export const observedValues = ['connected', 'refused', 'dropped', 'rejected', 'error'] as const satisfies readonly Observed[];

export type MismatchClass =
  /** The declared `expect` disagrees with the model: the policies don't do what their author said. */
  | 'policy-intent'
  /** The declared `expectStaged` disagrees with the model's pending (flow log) verdict. */
  | 'staged-intent'
  /** The declared `expectPromoted` disagrees with the model's verdict after promotion. */
  | 'promoted-intent'
  /** Observed traffic disagrees with the model: Calico or the model is wrong. */
  | 'dataplane-or-model'
  /** Flow logs report another verdict than the model's. */
  | 'flow-log'
  /** Flow logs report another pending (staged) verdict than the model's. */
  | 'flow-log-staged'
  /** The observation changed between probe rounds once enforcement had converged. */
  | 'flaky'
  /** The harness failed: the probe errored, or a refusal where the model allows (nothing listened). */
  | 'harness-fault';

export const mismatchClasses = [
  'policy-intent', 'staged-intent', 'promoted-intent', 'dataplane-or-model', 'flow-log', 'flow-log-staged', 'flaky', 'harness-fault',
] as const satisfies readonly MismatchClass[];

export interface Mismatch { class: MismatchClass; message: string }

/** Facts that deserve a line in a report without failing it. */
export type Notice =
  /** stagedVerdict != promotedVerdict: flow logs cannot show what promotion would change. */
  'staged-not-promoted';

export interface DiffCell extends Cell {
  expected?: Verdict;
  expectedStaged?: Verdict;
  expectedPromoted?: Verdict;
  observed?: Observed;
  observedDetail?: string;
  latencyMs?: number;
  convergedMs?: number;
  flaky?: boolean;
  path?: 'same-node' | 'cross-node' | 'external';
  loggedVerdict?: Verdict;
  loggedStagedVerdict?: Verdict;
  /** The command that reproduces this probe by hand. */
  reproduce?: string;
  mismatches: Mismatch[];
  notices: Notice[];
}

export interface StepDiff {
  name: string;
  cells: DiffCell[];
  /** True when any cell carries stagedVerdict (a staged policy is alive). */
  staged: boolean;
}

export type Summary = Record<MismatchClass, number> & {
  steps: number;
  cells: number;
  /** Cells with at least one mismatch. */
  mismatchingCells: number;
  stagedNotPromoted: number;
};

export interface RunDiff {
  scenario: string;
  steps: StepDiff[];
  summary: Summary;
}
