// Expected vs model vs observed, per cell: the one structure every report renders.
import type { LoggedHit } from '../flows/trace-decision.ts';
import type { Cell, DecidedBy, Verdict } from '../model/index.ts';
import type { PairTraffic } from '../traffic/types.ts';

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
  /** Flow logs agree on the verdict but name another decider (tier, policy, rule) than the model. */
  | 'attribution'
  /** A connected or dropped probe left no flow record after the step converged. */
  | 'missing-evidence'
  /** After `promote: all`, the enforced verdict differs from what the staged step predicted (its promotedVerdict). */
  | 'promotion'
  /** The observation changed between probe rounds once enforcement had converged. */
  | 'flaky'
  /** The harness failed: the probe errored, or a refusal where the model allows (nothing listened). */
  | 'harness-fault'
  /** Traffic under change: new connections of a pair that should stay allowed failed during the step. */
  | 'disruption'
  /** Traffic under change: the long-lived connection was not cut or kept as declared (or never opened to be judged). */
  | 'established'
  /** Traffic under change: the deny took longer to enforce (or the allow to open) than the declared threshold, or never did. */
  | 'time-to-enforce'
  /** Traffic under change: new connections got through a pair the expectation keeps denied (a guardrail leaked). */
  | 'leak'
  /** A declared guardrail did not hold at the cell: at the step, or against its adversarial policies (model or dataplane). */
  | 'guardrail';

export const mismatchClasses = [
  'policy-intent', 'staged-intent', 'promoted-intent', 'dataplane-or-model', 'flow-log', 'flow-log-staged', 'attribution', 'missing-evidence', 'promotion', 'flaky', 'harness-fault',
  'disruption', 'established', 'time-to-enforce', 'leak', 'guardrail',
] as const satisfies readonly MismatchClass[];

export interface Mismatch { class: MismatchClass; message: string }

/** Facts that deserve a line in a report without failing it. */
export type Notice =
  /** stagedVerdict != promotedVerdict: flow logs cannot show what promotion would change. */
  | 'staged-not-promoted'
  /** Evidence is missing, and --allow-missing-flows said that is no failure. */
  | 'missing-evidence-allowed';

/** What the flow logs of a step said about a cell (SCENARIO-FORMAT.md extensions; README "Flow evidence"). */
export interface FlowEvidence {
  /** Records read for the cell (Src and Dst) in buckets that started after the step converged. */
  records: number;
  /** The records disagree among themselves: flaky in the log, never averaged away. */
  flaky?: string;
  /** What record is missing. */
  missing?: string;
  /** --allow-missing-flows: missing evidence is told, not failed. */
  missingAllowed?: boolean;
  /** What the logs cannot say here. */
  note?: string;
  /** loggedBy / loggedStagedBy as the model names a decider (null: the profile). */
  loggedAs?: DecidedBy | null;
  loggedStagedAs?: DecidedBy | null;
  /** Other deciders records of the same action named (stale conntrack traces; see README): the model's among them is no attribution mismatch. */
  alsoAs?: (DecidedBy | null)[];
}

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
  /** The deciding hit of the enforced trace, in Calico's terms. */
  loggedBy?: LoggedHit;
  /** The deciding hit of the pending trace, in Calico's terms. */
  loggedStagedBy?: LoggedHit;
  flowEvidence?: FlowEvidence;
  /** `promote: all`: the previous step's promotedVerdict, which this step's enforcement must equal. */
  predictedByStaged?: Verdict;
  /** The command that reproduces this probe by hand. */
  reproduce?: string;
  /** Traffic under change: the figures of the step's load on this pair (live, where the step has `traffic:`). */
  traffic?: PairTraffic;
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
  /** Cells whose missing flow evidence --allow-missing-flows let pass. */
  missingEvidenceAllowed: number;
  /** Cells with a declared expectation the model could not check: its verdict is unknown offline (depends on pod addresses). */
  unchecked: number;
};

export interface RunDiff {
  scenario: string;
  steps: StepDiff[];
  summary: Summary;
}
