// Builds a RunDiff from the model's cells, the declared expectations and (live) the observations.
import type { Cell, Verdict } from '../model/index.ts';
import { classify, notices, type CellFacts } from './classify.ts';
import { expectedVerdict, type Expectation } from './expectation.ts';
import { cellKey, observedVerdict, type Observation } from './observation.ts';
import type { DiffCell, MismatchClass, RunDiff, StepDiff, Summary } from './types.ts';

export interface StepInput {
  name: string;
  /** The model's cells for this step. */
  cells: readonly Cell[];
  expect?: Expectation | undefined;
  expectStaged?: Expectation | undefined;
  expectPromoted?: Expectation | undefined;
  /** Live observations; cells without one stay unobserved. */
  observations?: readonly Observation[];
  /** `promote: all`: the previous step's promotedVerdict per cellKey, which this step must equal. */
  promotedPrediction?: ReadonlyMap<string, Verdict>;
  /** A promote step: the previous step's expectPromoted, checked against this step's observations. */
  priorExpectPromoted?: Expectation | undefined;
}

export function buildRunDiff(scenario: string, steps: readonly StepInput[]): RunDiff {
  const diffs = steps.map(buildStepDiff);
  return { scenario, steps: diffs, summary: summarize(diffs) };
}

export function buildStepDiff(step: StepInput): StepDiff {
  const observed = new Map((step.observations ?? []).map((o) => [cellKey(o), o]));
  const cells = step.cells.map((cell) => diffCell(step, cell, observed));
  return { name: step.name, cells, staged: cells.some((c) => c.stagedVerdict !== undefined) };
}

/** One cell of a step's diff; `observed` is keyed by cellKey (empty offline). */
export function diffCell(step: Omit<StepInput, 'cells'>, cell: Cell, observed: ReadonlyMap<string, Observation> = NO_OBSERVATIONS): DiffCell {
  // Nothing declared, predicted or observed (most of a big explain): no class can apply.
  if (observed.size === 0 && nothingDeclared(step)) return { ...cell, mismatches: [], notices: notices(cell) };
  const facts: CellFacts = { ...cell };
  const expected = expectedVerdict(step.expect, cell);
  const expectedStaged = expectedVerdict(step.expectStaged, cell);
  // A promote step checks the previous step's expectPromoted against what promotion gave.
  const expectedPromoted = expectedVerdict(step.expectPromoted, cell);
  const promisedBefore = expectedVerdict(step.priorExpectPromoted, cell);
  const predicted = step.promotedPrediction?.get(cellKey(cell));
  if (predicted) facts.predictedByStaged = predicted;
  if (expected) facts.expected = expected;
  if (expectedStaged) facts.expectedStaged = expectedStaged;
  if (expectedPromoted) facts.expectedPromoted = expectedPromoted;
  const o = observed.size > 0 ? observed.get(cellKey(cell)) : undefined;
  if (o) {
    const { from: _from, to: _to, port: _port, protocol: _protocol, ...seen } = o;
    Object.assign(facts, seen);
  }
  const mismatches = classify(facts);
  // expectStaged is what the flow logs will report: checked against them, not only the model.
  if (facts.expectedStaged !== undefined && facts.loggedStagedVerdict !== undefined && facts.loggedStagedVerdict !== facts.expectedStaged) {
    mismatches.push({ class: 'staged-intent', message: `expectStaged: declared ${facts.expectedStaged}, flow logs (pending) ${facts.loggedStagedVerdict}` });
  }
  if (promisedBefore && facts.observed !== undefined) {
    const seen = observedVerdict(facts.observed);
    if (seen !== undefined && seen !== promisedBefore) mismatches.push({ class: 'promoted-intent', message: `the previous step's expectPromoted: declared ${promisedBefore}, observed after promotion ${facts.observed}` });
  }
  return { ...facts, mismatches, notices: notices(facts) };
}

const NO_OBSERVATIONS: ReadonlyMap<string, Observation> = new Map();

/** A step with no expect blocks and no promotion to check: offline, no mismatch class can apply. */
export function nothingDeclared(step: Omit<StepInput, 'cells'>): boolean {
  return !step.expect && !step.expectStaged && !step.expectPromoted && !step.priorExpectPromoted && !step.promotedPrediction;
}

/**
 * diffCell of a step where nothingDeclared, without a copy: the cell becomes its own diff cell.
 * Only for a cell fresh from the model that nothing else holds, as the streamed explain's are.
 */
export function undeclaredDiffCell(cell: Cell): DiffCell {
  return Object.assign(cell, { mismatches: [], notices: notices(cell) });
}

export function summarize(steps: readonly StepDiff[]): Summary {
  const tally = new SummaryTally();
  for (const step of steps) for (const cell of step.cells) tally.add(cell);
  return tally.summary(steps.length);
}

/** A Summary counted a cell at a time, for diffs too big to hold. */
export class SummaryTally {
  readonly #counts: Record<MismatchClass, number> = {
    'policy-intent': 0, 'staged-intent': 0, 'promoted-intent': 0, 'dataplane-or-model': 0,
    'flow-log': 0, 'flow-log-staged': 0, attribution: 0, 'missing-evidence': 0, promotion: 0, flaky: 0, 'harness-fault': 0,
    disruption: 0, established: 0, 'time-to-enforce': 0, leak: 0, guardrail: 0,
  };
  #cells = 0;
  #mismatchingCells = 0;
  #stagedNotPromoted = 0;
  #missingEvidenceAllowed = 0;
  #unchecked = 0;

  add(cell: DiffCell): void {
    this.#cells++;
    if (cell.mismatches.length > 0) this.#mismatchingCells++;
    if (cell.notices.includes('staged-not-promoted')) this.#stagedNotPromoted++;
    if (cell.notices.includes('missing-evidence-allowed')) this.#missingEvidenceAllowed++;
    if (isUnchecked(cell)) this.#unchecked++;
    for (const m of cell.mismatches) this.#counts[m.class]++;
  }

  summary(steps: number): Summary {
    return {
      ...this.#counts, steps, cells: this.#cells, mismatchingCells: this.#mismatchingCells, stagedNotPromoted: this.#stagedNotPromoted,
      missingEvidenceAllowed: this.#missingEvidenceAllowed, unchecked: this.#unchecked,
    };
  }
}

/** A declared verdict meets a model verdict that is unknown offline: left unchecked, never guessed. */
export function isUnchecked(c: DiffCell): boolean {
  return (c.expected !== undefined && c.verdict === 'unknown') ||
    (c.expectedStaged !== undefined && (c.stagedVerdict ?? c.verdict) === 'unknown') ||
    (c.expectedPromoted !== undefined && (c.promotedVerdict ?? c.verdict) === 'unknown');
}

/** True when the run has at least one mismatch (exit code 1). */
export function hasMismatch(diff: RunDiff): boolean {
  return diff.summary.mismatchingCells > 0;
}
