// `tierprobe whatif`, in the model: a step as it is and the same step with a change, compiled
// together (the change's problems located in its files, each reported once), evaluated a source
// row at a time on the step's labels; the delta, and what an --expect file declares checked after
// the change, guardrails proved against their adversarial policies. Pure: loaded inputs in.
import { covered, proveGuardrails } from '../guardrails/prove.ts';
import { evaluateRows, type Cell } from '../model/index.ts';
import { compileScenario, type CompileOptions } from '../scenario/compile.ts';
import { inventoryAt } from '../scenario/relabel.ts';
import type { Scenario, ScenarioStep } from '../scenario/types.ts';
import { matrixDelta } from './cell-delta.ts';
import { ExpectCheck } from './expect-check.ts';
import type { Change, WhatifExpectations, WhatifResult } from './types.ts';

/** Throws InputError when a policy of the change, or one it leaves broken (a deleted Tier's policies), does not compile. */
export function whatif(scenario: Scenario, step: ScenarioStep, change: Change, expectations: WhatifExpectations | undefined, opts: CompileOptions = {}): WhatifResult {
  const changed: ScenarioStep = { ...step, name: `${step.name}, with the change`, apply: change.apply, delete: change.delete.map((d) => d.document), alive: change.alive };
  const [before, after] = compileScenario({ ...scenario, steps: [step, changed] }, opts);
  if (!before || !after) throw new Error('whatif: compileScenario returned fewer steps than it was given');
  const model = opts.calicoVersion ? { calicoVersion: opts.calicoVersion } : {};
  const inventory = inventoryAt(scenario.inventory, step.labels);
  const check = expectations?.expect ? new ExpectCheck(expectations.expect, expectations.ruleLocations) : undefined;
  const guardrails = expectations?.guardrails ?? [];
  // Only the guardrails' cells are kept for their proofs; the rest of the matrix passes by.
  const guarded: Cell[] = [];
  const delta = matrixDelta(evaluateRows(inventory, before.policies, model), evaluateRows(inventory, after.policies, model), (cell) => {
    check?.add(cell);
    if (guardrails.some((g) => covered(g, cell))) guarded.push(cell);
  });
  const proofs = guardrails.length === 0 ? [] : proveGuardrails({ guardrails, inventory: scenario.inventory }, [after], [guarded], scenario.inventory, model);
  const expect = check?.result();
  return {
    scenario: scenario.name,
    step: { index: step.index, name: step.name, of: scenario.steps.length },
    change, delta, guardrails: proofs,
    ...(expectations ? { expectFile: expectations.file } : {}),
    ...(expect ? { expect } : {}),
    broken: (expect?.broken.length ?? 0) > 0 || proofs.some((g) => !g.held),
  };
}
