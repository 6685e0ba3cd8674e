// What `tierprobe whatif` works on and hands to its renderers: the change as loaded, and the
// delta of the model's matrix between the step as it is and the step with the change.
import type { CellVerdict, DecidedBy, Protocol } from '../model/index.ts';
import type { GuardrailCheck } from '../guardrails/prove.ts';
import type { Expectation } from '../diff/expectation.ts';
import type { Guardrail, LoadedDocument, Location } from '../scenario/types.ts';

/** One `delete:` entry of a Change document, resolved against the step's alive documents. */
export interface ChangeDelete { document: LoadedDocument; location: Location }

/** Every CHANGE file together: one step's worth of deletes, then applies. */
export interface Change {
  files: string[];
  /** In the order the files and their documents give them. */
  apply: LoadedDocument[];
  delete: ChangeDelete[];
  /** The documents alive after the change. */
  alive: LoadedDocument[];
  /** The step's documents that applies of the change replace (same identity). */
  replaced: LoadedDocument[];
}

/** The verdict fields of a cell on one side of the change, named as in `explain --format json`. */
export interface CellSide {
  verdict: CellVerdict;
  decidedBy: DecidedBy | null;
  unknownBecause?: string;
  stagedVerdict?: CellVerdict;
  stagedDecidedBy?: DecidedBy | null;
  promotedVerdict?: CellVerdict;
}

export const flipFields = ['verdict', 'stagedVerdict', 'promotedVerdict'] as const;
export type FlipField = (typeof flipFields)[number];

/** Which cell: as `explain --format json` names it, and its cellKey (a Service cell's names its backend). */
export interface CellId {
  key: string;
  from: string;
  to: string;
  backend?: string;
  port: number;
  targetPort?: number;
  protocol: Protocol;
}

/** A cell some verdict of which the change alters. */
export interface CellFlip extends CellId {
  before: CellSide;
  after: CellSide;
  /** Which verdicts differ; 'verdict' (enforced) first when it does. */
  changed: FlipField[];
}

export interface Delta {
  /** Every cell of the matrix (the same cells before and after: the inventory does not change). */
  cells: number;
  /** In matrix order: cells whose enforced verdict flips, and cells whose only change is staged or promoted. */
  flips: CellFlip[];
  /** How many of flips change the enforced verdict. */
  enforced: number;
  /** A staged policy is alive before or after: staged and promoted verdicts exist. */
  staged: boolean;
}

/** An --expect file, checked against the inventory: its expectation and its guardrails (since: the state after). */
export interface WhatifExpectations {
  file: string;
  expect?: Expectation;
  /** Where each expect rule is written, by index. */
  ruleLocations: Location[];
  guardrails: Guardrail[];
}

/** A cell after the change whose verdict is not the one the --expect file declares. */
export interface BrokenCell extends CellId {
  declared: 'allow' | 'deny';
  after: CellSide;
  /** The rule that declared it (its index and where it is written), or the default. */
  by: { rule: number; location: Location } | 'default';
}

export interface ExpectResult {
  /** Cells with a declared verdict and a known one. */
  checked: number;
  /** Cells with a declared verdict the model cannot know offline (unknown): never counted as agreeing. */
  unchecked: number;
  broken: BrokenCell[];
}

export interface WhatifResult {
  scenario: string;
  step: { index: number; name: string; of: number };
  change: Change;
  delta: Delta;
  /** The --expect file, when one was given. */
  expectFile?: string;
  /** Its expect block checked after the change, when it has one. */
  expect?: ExpectResult;
  guardrails: GuardrailCheck[];
  /** An expect rule or a guardrail broke: exit 1 (flips themselves are not failures). */
  broken: boolean;
}
