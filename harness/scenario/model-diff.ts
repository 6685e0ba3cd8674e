// A scenario's steps as diff input: the model's cells with the declared expectations.
import { buildRunDiff, cellKey, type Expectation, type RunDiff, type StepInput } from '../diff/index.ts';
import { knownVerdict, type Inventory, type Verdict } from '../model/index.ts';
import { isStagedPolicy } from './promote-targets.ts';
import { compileScenario, evaluateScenario, type CompileOptions, type StepCells } from './compile.ts';
import type { Scenario, ScenarioStep } from './types.ts';

/** What a promote step adds to its StepInput (README "Scenario format", `promote`). */
export type PromotionInput = StepInput & {
  /**
   * `promote: all` (or a list naming every staged policy alive): the previous step's
   * promotedVerdict per cellKey; this step's verdicts must equal it.
   */
  promotedPrediction?: ReadonlyMap<string, Verdict>;
  /** A promote step: the previous step's expectPromoted, where it declared one. */
  priorExpectPromoted?: Expectation;
};

/** Step inputs for buildRunDiff; live runs pass the inventory with pod IPs and add observations. */
export function stepInputs(scenario: Scenario, opts: CompileOptions = {}, inventory: Inventory = scenario.inventory): PromotionInput[] {
  const cells = evaluateScenario(compileScenario(scenario, opts), inventory, opts.calicoVersion ? { calicoVersion: opts.calicoVersion } : {});
  return scenario.steps.map((step, i) => ({
    name: step.name, cells: cells[i]?.cells ?? [],
    expect: step.expect, expectStaged: step.expectStaged, expectPromoted: step.expectPromoted,
    ...promotionInput(step, scenario.steps[i - 1], cells[i - 1]),
  }));
}

function promotionInput(step: ScenarioStep, prior: ScenarioStep | undefined, priorCells: StepCells | undefined): Omit<PromotionInput, keyof StepInput> {
  if (!step.promote || !prior) return {};
  const out: Omit<PromotionInput, keyof StepInput> = prior.expectPromoted ? { priorExpectPromoted: prior.expectPromoted } : {};
  if (!promotesEverything(step, prior) || !priorCells) return out;
  const predicted = new Map<string, Verdict>();
  for (const c of priorCells.cells) {
    const v = c.promotedVerdict === undefined ? undefined : knownVerdict(c.promotedVerdict);
    if (v !== undefined) predicted.set(cellKey(c), v);
  }
  return { ...out, promotedPrediction: predicted };
}

/** A promote step promoting every staged policy alive before it: `all`, or a list naming each. */
export function promotesEverything(step: ScenarioStep, prior: ScenarioStep): boolean {
  if (!step.promote) return false;
  return step.promote.all || step.promote.policies.length === prior.alive.filter(isStagedPolicy).length;
}

/** The model's prediction and the declared intent, with no observation: what explain shows. */
export function modelDiff(scenario: Scenario, opts: CompileOptions = {}): RunDiff {
  return buildRunDiff(scenario.name, stepInputs(scenario, opts));
}
