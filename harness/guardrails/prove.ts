// Guardrail proofs, in the model: at each step a guardrail holds from, its cells must have its
// verdict, and keep it once its adversarial policies are added. The live runner then shows the
// same in the dataplane. Pure: the model, no I/O.
import { cellKey } from '../diff/index.ts';
import { ruleCovers } from '../diff/expectation.ts';
import { compilePolicies, evaluate, knownVerdict, type Cell, type Inventory, type ModelOptions, type Verdict } from '../model/index.ts';
import { builtInTierNames } from '../model/compile/names.ts';
import type { CompiledStep } from '../scenario/compile.ts';
import { inventoryAt } from '../scenario/relabel.ts';
import type { Guardrail, Scenario } from '../scenario/types.ts';
import { attackPlan, type AttackPlan } from './adversaries.ts';

export interface GuardrailCell { key: string; from: string; to: string; port: number; protocol: Cell['protocol']; verdict: Cell['verdict']; attacked: Cell['verdict']; decidedBy: Cell['decidedBy']; attackedBy: Cell['decidedBy'] }

export interface GuardrailCheck {
  guardrail: string;
  verdict: Verdict;
  stepIndex: number;
  step: string;
  cells: GuardrailCell[];
  attack: AttackPlan;
  /** Cells without the guardrail's verdict at the step itself. */
  broken: GuardrailCell[];
  /** Cells whose verdict the adversarial policies change away from the guardrail's. */
  opened: GuardrailCell[];
  /** Cells the model cannot decide (an address it does not know): never counted as held. */
  unknown: GuardrailCell[];
  /** The guardrail holds at the step and against every adversarial policy, with no cell unknown. */
  held: boolean;
}

/** Every guardrail at every step from its `since` on. stepCells: the model's cells per step (as compiled). */
export function proveGuardrails(scenario: Pick<Scenario, 'guardrails' | 'inventory'>, compiled: readonly CompiledStep[], stepCells: readonly (readonly Cell[])[],
  inventory: Inventory = scenario.inventory, opts: ModelOptions = {}): GuardrailCheck[] {
  const namespaces = scenario.inventory.namespaces.map((n) => n.name);
  return compiled.flatMap(({ step, policies }, i) => scenario.guardrails.flatMap((g, index): GuardrailCheck[] => {
    if (i < g.since) return [];
    const cells = (stepCells[i] ?? []).filter((c) => covered(g, c));
    const builtIn = builtInTierNames(policies.calicoVersion);
    const attack = attackPlan(g, index, policies.compiled.tiers, cells, namespaces, step.alive, builtIn);
    const { policies: attackedSet } = compilePolicies([...step.alive, ...attack.documents], { calicoVersion: policies.calicoVersion });
    const attackedCells = new Map(evaluate(inventoryAt(inventory, step.labels), attackedSet, opts).filter((c) => covered(g, c)).map((c) => [cellKey(c), c]));
    const results = cells.map((c): GuardrailCell => {
      const a = attackedCells.get(cellKey(c));
      return { key: cellKey(c), from: c.from, to: c.to, port: c.port, protocol: c.protocol, verdict: c.verdict, attacked: a?.verdict ?? 'unknown', decidedBy: c.decidedBy, attackedBy: a?.decidedBy ?? null };
    });
    const want = g.rule.verdict;
    const broken = results.filter((c) => knownVerdict(c.verdict) !== undefined && c.verdict !== want);
    const opened = results.filter((c) => c.verdict === want && knownVerdict(c.attacked) !== undefined && c.attacked !== want);
    const unknown = results.filter((c) => knownVerdict(c.verdict) === undefined || knownVerdict(c.attacked) === undefined);
    return [{
      guardrail: g.name, verdict: want, stepIndex: i, step: step.name, cells: results, attack, broken, opened, unknown,
      held: broken.length === 0 && opened.length === 0 && unknown.length === 0,
    }];
  }));
}

/** The guardrail's cells: its rule's, never a pod to itself (always allowed) nor a Service cell. */
export function covered(g: Guardrail, c: Cell): boolean {
  return c.from !== c.to && c.backend === undefined && ruleCovers(g.rule, c);
}
