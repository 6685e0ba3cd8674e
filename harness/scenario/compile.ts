// Hands each step's alive documents to the model; its problems come back located in the files.
import { InputError, type Problem } from '../errors.ts';
import { compilePolicies, evaluate, type Cell, type Inventory, type ModelOptions, type PolicySet } from '../model/index.ts';
import { inventoryAt } from './relabel.ts';
import type { Scenario, ScenarioStep } from './types.ts';

export interface CompiledStep { step: ScenarioStep; policies: PolicySet }
export interface StepCells { name: string; cells: Cell[] }

export interface CompileOptions extends ModelOptions {
  /** Report what the model cannot evaluate (such as http rules) through onWarning instead of failing. */
  allowUnsupported?: boolean;
  /** Gets every deviation (Calico runs a field against the spec), and what allowUnsupported allows. */
  onWarning?: (problem: Problem) => void;
}

/**
 * Compiles every step. Throws InputError with every invalid policy field, and every unsupported
 * one unless allowUnsupported; deviations are always warnings. Each is reported once, however
 * many steps it is alive in.
 */
export function compileScenario(scenario: Scenario, opts: CompileOptions = {}): CompiledStep[] {
  const { allowUnsupported = false, onWarning, ...modelOptions } = opts;
  const seen = new Set<string>();
  const problems: Problem[] = [];
  const compiled = scenario.steps.map((step) => {
    const { policies, problems: found } = compilePolicies(step.alive, modelOptions);
    for (const p of found) {
      // By where it is shown: a promoted copy's problems are its staged document's.
      const located = scenario.sources.locate(p);
      const key = JSON.stringify([located, p.kind]);
      if (seen.has(key)) continue;
      seen.add(key);
      if (p.kind === 'deviation' || (p.kind === 'unsupported' && allowUnsupported)) onWarning?.(located);
      else problems.push(located);
    }
    return { step, policies };
  });
  if (problems.length > 0) throw new InputError(problems);
  return compiled;
}

/** The model's matrix per step. Live runs pass an inventory with pod IPs. */
export function evaluateScenario(compiled: readonly CompiledStep[], inventory: Inventory, opts?: ModelOptions): StepCells[] {
  return compiled.map(({ step, policies }) => ({ name: step.name, cells: evaluate(inventoryAt(inventory, step.labels), policies, opts) }));
}
