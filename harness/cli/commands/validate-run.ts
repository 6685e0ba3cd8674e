// tierprobe validate FILE... [--intent]: checks scenarios (and their policies) without a cluster. The implementation, loaded only when the verb runs.
import type { ValidateOptions } from './validate.ts';
import { InputError, exitCodes, type ExitCode, type Problem } from '../../errors.ts';
import { hasMismatch } from '../../diff/index.ts';
import { compileScenario, loadScenario, modelDiff } from '../../scenario/index.ts';
import { scenarioGuardrails } from '../../guardrails/scenario-proofs.ts';
import { renderGuardrails } from '../../../reports/guardrails-text.ts';
import type { Deps } from '../command.ts';
import { compileOptions } from '../shared-options.ts';
import { intentReport } from '../intent-report.ts';


export async function run(options: ValidateOptions, deps: Deps): Promise<ExitCode> {
  const problems: Problem[] = [];
  let mismatch = false;
  for (const file of options.files) {
    try {
      const scenario = await loadScenario(file);
      const opts = compileOptions(options, deps);
      if (!options.intent) {
        compileScenario(scenario, opts);
        deps.stdout(`ok   ${file}: ${plural(scenario.steps.length, 'step')}\n`);
        continue;
      }
      const diff = modelDiff(scenario, opts);
      const unheld = scenarioGuardrails(scenario, opts).filter((g) => !g.held);
      if (hasMismatch(diff)) {
        mismatch = true;
        deps.stdout(`FAIL ${file}: the model disagrees with the declared intent\n${intentReport(diff)}`);
      } else if (unheld.length > 0) {
        mismatch = true;
        deps.stdout(`FAIL ${file}: ${unheld.length} guardrail check(s) do not hold in the model\n${renderGuardrails(unheld)}`);
      } else {
        const { steps, cells, unchecked } = diff.summary;
        const left = unchecked > 0 ? ` (${plural(unchecked, 'cell')} unchecked: the verdict is unknown offline, it depends on pod addresses; explain --why says which)` : '';
        deps.stdout(`ok   ${file}: ${plural(steps, 'step')}, ${plural(cells - unchecked, 'cell')} as declared${left}\n`);
      }
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      problems.push(...e.problems);
    }
  }
  if (problems.length > 0) throw new InputError(problems);
  return mismatch ? exitCodes.mismatch : exitCodes.ok;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
