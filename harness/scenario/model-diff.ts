// A scenario's steps as diff input: the model's cells with the declared expectations.
import { buildRunDiff, type RunDiff, type StepInput } from '../diff/index.ts';
import type { Inventory } from '../model/index.ts';
import { compileScenario, evaluateScenario, type CompileOptions } from './compile.ts';
import type { Scenario } from './types.ts';

/** Step inputs for buildRunDiff; live runs pass the inventory with pod IPs and add observations. */
export function stepInputs(scenario: Scenario, opts: CompileOptions = {}, inventory: Inventory = scenario.inventory): StepInput[] {
  const cells = evaluateScenario(compileScenario(scenario, opts), inventory, opts.calicoVersion ? { calicoVersion: opts.calicoVersion } : {});
  return scenario.steps.map((step, i) => ({
    name: step.name, cells: cells[i]?.cells ?? [],
    expect: step.expect, expectStaged: step.expectStaged, expectPromoted: step.expectPromoted,
  }));
}

/** The model's prediction and the declared intent, with no observation: what explain shows. */
export function modelDiff(scenario: Scenario, opts: CompileOptions = {}): RunDiff {
  return buildRunDiff(scenario.name, stepInputs(scenario, opts));
}
