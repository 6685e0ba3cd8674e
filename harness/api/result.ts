// What the programmatic API returns: a run's diff (explain's, offline, or a live run's) seen as
// steps of cells, each with the one verdict that counts: what the probe saw when it ran live,
// else what the model says. The chai plugin (chai-plugin.ts) asserts on these.
import { observedVerdict, type DiffCell, type MismatchClass, type RunDiff, type Summary } from '../diff/index.ts';
import type { CellVerdict, DecidedBy, Protocol, Verdict } from '../model/index.ts';

export interface ResultCell {
  from: string;
  to: string;
  port: number;
  protocol: Protocol;
  /** A Service cell's backend pod. */
  backend?: string;
  /** The verdict that counts: the observed one live (connected or refused: allow; dropped or rejected: deny), else the model's. */
  verdict: CellVerdict | undefined;
  /** Where `verdict` comes from. */
  source: 'observed' | 'model';
  /** The model's verdict, and what decided it (null: the namespace's profile allowed it). */
  model: CellVerdict;
  decidedBy: DecidedBy | null;
  /** The declared `expect` verdict, where the scenario declares one. */
  expected?: Verdict;
  /** Live only: what the probe saw. */
  observed?: DiffCell['observed'];
  /** The classes of every mismatch of the cell (policy-intent, dataplane-or-model, ...). */
  mismatches: { class: MismatchClass; message: string }[];
}

export class StepResult {
  readonly name: string;
  readonly index: number;
  readonly live: boolean;
  readonly cells: readonly ResultCell[];
  constructor(name: string, index: number, live: boolean, cells: readonly ResultCell[]) {
    this.name = name;
    this.index = index;
    this.live = live;
    this.cells = cells;
  }
}

export class TierprobeResult {
  readonly scenario: string;
  /** True for a live run (runScenario), false for the model alone (explainScenario). */
  readonly live: boolean;
  readonly steps: readonly StepResult[];
  readonly summary: Summary;
  /** Warnings the policies gave (unsupported fields, Calico's deviations), as explain prints them. */
  readonly warnings: readonly string[];
  /** The diff every report renders (SCENARIO-FORMAT.md), for what this view leaves out. */
  readonly diff: RunDiff;
  constructor(diff: RunDiff, live: boolean, warnings: readonly string[] = []) {
    this.scenario = diff.scenario;
    this.live = live;
    this.diff = diff;
    this.summary = diff.summary;
    this.warnings = warnings;
    this.steps = diff.steps.map((s, i) => new StepResult(s.name, i, live, s.cells.map(resultCell)));
  }

  /** A step by name or 0-based index; throws naming the steps there are. */
  step(which: string | number): StepResult {
    const s = typeof which === 'number' ? this.steps[which] : this.steps.find((x) => x.name === which);
    if (!s) throw new Error(`${this.scenario} has no step ${typeof which === 'number' ? `at index ${which}` : `named "${which}"`}; its steps are: ${this.steps.map((x) => `"${x.name}"`).join(', ')}`);
    return s;
  }

  /** The last step: the state a scenario ends in. */
  get last(): StepResult {
    const s = this.steps.at(-1);
    if (!s) throw new Error(`${this.scenario} has no step observed`);
    return s;
  }
}

function resultCell(c: DiffCell): ResultCell {
  const seen = c.observed === undefined ? undefined : observedVerdict(c.observed);
  return {
    from: c.from, to: c.to, port: c.port, protocol: c.protocol, ...(c.backend === undefined ? {} : { backend: c.backend }),
    verdict: c.observed === undefined ? c.verdict : seen, source: c.observed === undefined ? 'model' : 'observed',
    model: c.verdict, decidedBy: c.decidedBy,
    ...(c.expected === undefined ? {} : { expected: c.expected }),
    ...(c.observed === undefined ? {} : { observed: c.observed }),
    mismatches: c.mismatches,
  };
}
