// tierprobe query SCENARIO --from ns/pod --to ns/pod|external:NAME --port N/PROTO [--step NAME]
// [--format text|json]: one connection walked through every tier, per step. Offline, read-only.
import type { Argv } from 'yargs';
import { exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { walkthrough } from '../../model/index.ts';
import { compileScenario, loadScenario } from '../../scenario/index.ts';
import { renderQueryText, type QueryReport } from '../../../reports/query-text.ts';
import { defineCommand, type Deps, type OptionsOf } from '../command.ts';
import { compileOptions, withModelOptions } from '../shared-options.ts';
import { parseQuery } from './query-args.ts';

export const builder = (y: Argv) => withModelOptions(y
  .positional('file', { type: 'string', demandOption: true, describe: 'scenario file' })
  .option('from', { type: 'string', demandOption: true, describe: 'the source pod, ns/pod' })
  .option('to', { type: 'string', demandOption: true, describe: 'the destination, ns/pod or external:NAME' })
  .option('port', { type: 'string', demandOption: true, describe: 'a port the destination serves, N/PROTO (such as 80/TCP)' })
  .option('step', { type: 'string', describe: 'only this step (by name); default: every step' })
  .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }));

export type QueryOptions = OptionsOf<typeof builder>;

export async function run(options: QueryOptions, deps: Deps): Promise<ExitCode> {
  const scenario = await loadScenario(options.file);
  const names = scenario.steps.map((s) => s.name);
  if (options.step !== undefined && !names.includes(options.step)) {
    throw new UsageError(`--step: ${options.file} has no step named "${options.step}"; its steps are: ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  const query = parseQuery(options, scenario.inventory, options.file);
  const compiled = compileScenario(scenario, compileOptions(options, deps));
  const report: QueryReport = {
    scenario: scenario.name,
    totalSteps: compiled.length,
    steps: compiled.flatMap(({ step, policies }, index) => (options.step === undefined || step.name === options.step
      ? [{ index, name: step.name, walk: walkthrough(scenario.inventory, policies, query) }]
      : [])),
  };
  if (options.format === 'json') {
    const doc = { scenario: report.scenario, ...query, steps: report.steps.map((s) => ({ name: s.name, self: s.walk.self, modes: s.walk.modes })) };
    deps.stdout(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    deps.stdout(renderQueryText(report));
  }
  return exitCodes.ok;
}

export const queryCommand = defineCommand({
  command: 'query <file>',
  describe: 'Walk one connection through every tier, policy and rule, per step and mode (offline)',
  builder,
  run,
});
