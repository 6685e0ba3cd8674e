// A scenario's guardrail proofs in the model, offline (explain, validate) or with a live run's
// pod addresses.
import type { Inventory } from '../model/index.ts';
import { compileScenario, evaluateScenario, type CompileOptions } from '../scenario/compile.ts';
import type { Scenario } from '../scenario/types.ts';
import { proveGuardrails, type GuardrailCheck } from './prove.ts';

export function scenarioGuardrails(scenario: Scenario, opts: CompileOptions = {}, inventory: Inventory = scenario.inventory): GuardrailCheck[] {
  if (scenario.guardrails.length === 0) return [];
  const compiled = compileScenario(scenario, { ...opts, onWarning: () => undefined });
  const model = opts.calicoVersion ? { calicoVersion: opts.calicoVersion } : {};
  const cells = evaluateScenario(compiled, inventory, model).map((s) => s.cells);
  return proveGuardrails(scenario, compiled, cells, inventory, model);
}
