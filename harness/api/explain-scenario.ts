// explainScenario(file): the model's verdict for every cell of every step, with the scenario's
// declared intent and guardrails checked, as `tierprobe explain` computes it. No cluster.
import { buildRunDiff, withGuardrailFindings } from '../diff/index.ts';
import { formatProblem } from '../errors.ts';
import { modelFindings } from '../guardrails/findings.ts';
import { scenarioGuardrails } from '../guardrails/scenario-proofs.ts';
import type { CalicoVersion } from '../model/index.ts';
import { loadScenario, stepInputs, type CompileOptions } from '../scenario/index.ts';
import { TierprobeResult } from './result.ts';

export interface ExplainScenarioOptions {
  /** The Calico version the model follows (default 3.31, as explain's --calico-version). */
  calicoVersion?: CalicoVersion;
  /** Warn about policy fields the model cannot evaluate instead of failing (explain's --allow-unsupported). */
  allowUnsupported?: boolean;
}

/**
 * Loads and checks the scenario (a bad file throws InputError, its message naming each file,
 * line and field), then evaluates the model. The result's warnings are explain's.
 */
export async function explainScenario(file: string, o: ExplainScenarioOptions = {}): Promise<TierprobeResult> {
  const scenario = await loadScenario(file);
  const warnings: string[] = [];
  const opts = collectingWarnings(o.calicoVersion ?? '3.31', o.allowUnsupported ?? false, warnings);
  const diff = withGuardrailFindings(buildRunDiff(scenario.name, stepInputs(scenario, opts)), modelFindings(scenarioGuardrails(scenario, opts)));
  return new TierprobeResult(diff, false, warnings);
}

/** Compile options that keep each warning, formatted as explain prints it, in `warnings`. */
export function collectingWarnings(calicoVersion: CalicoVersion, allowUnsupported: boolean, warnings: string[]): CompileOptions {
  return { calicoVersion, allowUnsupported, onWarning: (p) => warnings.push(formatProblem(p)) };
}
