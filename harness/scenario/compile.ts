// Hands each step's alive documents to the model; its problems come back located in the files.
import { InputError, type Problem } from '../errors.ts';
import { compilePolicies, evaluate, type Cell, type Inventory, type ModelOptions, type PolicySet } from '../model/index.ts';
import type { Scenario, ScenarioStep } from './types.ts';

export interface CompiledStep { step: ScenarioStep; policies: PolicySet }
export interface StepCells { name: string; cells: Cell[] }

/** Compiles every step. Throws InputError with every invalid or unsupported policy field, each reported once. */
export function compileScenario(scenario: Scenario, opts?: ModelOptions): CompiledStep[] {
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const compiled = scenario.steps.map((step) => {
    const { policies, problems: found } = compilePolicies(step.alive, opts);
    for (const p of found) {
      const key = JSON.stringify([p.source.file, p.source.document, p.path, p.message]);
      if (!seen.has(key)) problems.push(scenario.sources.locate(p));
      seen.add(key);
    }
    return { step, policies };
  });
  if (problems.length > 0) throw new InputError(problems);
  return compiled;
}

/** The model's matrix per step. Live runs pass an inventory with pod IPs. */
export function evaluateScenario(compiled: readonly CompiledStep[], inventory: Inventory, opts?: ModelOptions): StepCells[] {
  return compiled.map(({ step, policies }) => ({ name: step.name, cells: evaluate(inventory, policies, opts) }));
}
