// The model diff of a scenario a cell at a time, for matrices too big to hold (issue 10: 4M cells
// in explain). Same cells, same order and same classification as modelDiff; nothing is kept but
// the summary, the cells that disagree, and (only before a promote step) the promoted verdicts.
import { cellKey, diffCell, nothingDeclared, SummaryTally, undeclaredDiffCell, type DiffCell, type StepInput, type Summary } from '../diff/index.ts';
import { evaluateRows, knownVerdict, type Cell, type Verdict } from '../model/index.ts';
import { compileScenario, type CompileOptions } from './compile.ts';
import { promotesEverything } from './model-diff.ts';
import { inventoryAt } from './relabel.ts';
import type { Scenario } from './types.ts';

export interface DiffSink {
  beginStep(name: string, index: number): void;
  /** Called between rows (sources): resolves when the sink can take more (a pipe drained). */
  ready?(): Promise<void> | undefined;
  cell(cell: DiffCell): void;
  /** staged: some cell of the step carries a stagedVerdict. */
  endStep(staged: boolean): void;
}

export interface StreamedDiff {
  summary: Summary;
  /** The cells with a mismatch, by step name (for the intent report). */
  mismatching: { step: string; cells: DiffCell[] }[];
}

/** only: the one step to hand to the sink (others are evaluated only when a promote step needs them). */
export async function streamModelDiff(scenario: Scenario, opts: CompileOptions, sink: DiffSink, only?: string): Promise<StreamedDiff> {
  const compiled = compileScenario(scenario, opts);
  const model = opts.calicoVersion ? { calicoVersion: opts.calicoVersion } : {};
  const tally = new SummaryTally();
  const mismatching: StreamedDiff['mismatching'] = [];
  let prediction: Map<string, Verdict> | undefined;
  let shown = 0;
  for (const [i, { step, policies }] of compiled.entries()) {
    const prior = scenario.steps[i - 1];
    const next = scenario.steps[i + 1];
    const predictNext = next !== undefined && promotesEverything(next, step);
    const wanted = only === undefined || only === step.name;
    if (!wanted && !predictNext) {
      prediction = undefined;
      continue;
    }
    const input: Omit<StepInput, 'cells'> = {
      name: step.name, expect: step.expect, expectStaged: step.expectStaged, expectPromoted: step.expectPromoted,
      ...(step.promote && prior?.expectPromoted ? { priorExpectPromoted: prior.expectPromoted } : {}),
      ...(step.promote && prediction ? { promotedPrediction: prediction } : {}),
    };
    const nextPrediction = predictNext ? new Map<string, Verdict>() : undefined;
    const plain = nothingDeclared(input);
    const bad: DiffCell[] = [];
    let staged = false;
    if (wanted) sink.beginStep(step.name, shown++);
    const visit = (cell: Cell) => {
      if (nextPrediction && cell.promotedVerdict !== undefined) {
        const v = knownVerdict(cell.promotedVerdict);
        if (v !== undefined) nextPrediction.set(cellKey(cell), v);
      }
      if (!wanted) return;
      const d = plain ? undeclaredDiffCell(cell) : diffCell(input, cell);
      staged ||= d.stagedVerdict !== undefined;
      tally.add(d);
      if (d.mismatches.length > 0) bad.push(d);
      sink.cell(d);
    };
    const rows = evaluateRows(inventoryAt(scenario.inventory, step.labels), policies, model);
    for (let r = 0; r < rows.count; r++) {
      rows.visit(r, visit);
      const wait = sink.ready?.();
      if (wait) await wait;
    }
    if (wanted) {
      sink.endStep(staged);
      if (bad.length > 0) mismatching.push({ step: step.name, cells: bad });
    }
    prediction = nextPrediction;
  }
  return { summary: tally.summary(shown), mismatching };
}
