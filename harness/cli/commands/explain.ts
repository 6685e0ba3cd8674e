// tierprobe explain FILE [--step NAME] [--format table|json] [--why]: the model's matrix per step.
import type { Argv } from 'yargs';
import { exitCodes, UsageError, type ExitCode } from '../../errors.ts';
import { buildRunDiff, hasMismatch, summarize, type RunDiff } from '../../diff/index.ts';
import { loadScenario, stepInputs } from '../../scenario/index.ts';
import { plannedTraffic } from '../../traffic/planned-traffic.ts';
import { renderTerminal, streamExplainJson } from '../../../reports/index.ts';
import { defineCommand, type Deps, type OptionsOf } from '../command.ts';
import { intentReport } from '../intent-report.ts';
import { compileOptions, withModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withModelOptions(y
  .positional('file', { type: 'string', demandOption: true, describe: 'scenario file' })
  .option('step', { type: 'string', describe: 'only this step (by name)' })
  .option('format', { choices: ['table', 'json'] as const, default: 'table' as const, describe: 'output format' })
  .option('why', { type: 'boolean', default: false, describe: 'say what decided each cell (table format)' }));

export type ExplainOptions = OptionsOf<typeof builder>;

export async function run(options: ExplainOptions, deps: Deps): Promise<ExitCode> {
  const scenario = await loadScenario(options.file);
  const names = scenario.steps.map((s) => s.name);
  if (options.step !== undefined && !names.includes(options.step)) {
    throw new UsageError(`${options.file} has no step named "${options.step}"; its steps are: ${names.map((n) => `"${n}"`).join(', ')}`);
  }
  const inputs = stepInputs(scenario, compileOptions(options, deps));
  const full = buildRunDiff(scenario.name, inputs);
  const diff = onlyStep(full, options.step);
  if (options.format === 'json') {
    // Streamed: millions of cells would not fit in one string.
    streamExplainJson(diff, deps.stdout);
    if (hasMismatch(diff)) deps.stderr(`the model disagrees with the declared intent:\n${intentReport(diff)}`);
  } else {
    // The whole run, so the step keeps its number and its change count against the one before.
    const planned = plannedTraffic(inputs.map((input, i) => ({ ...input, traffic: scenario.steps[i]?.traffic })));
    deps.stdout(renderTerminal(full, { why: options.why, plannedTraffic: planned, ...(options.step === undefined ? {} : { step: options.step }) }));
  }
  return hasMismatch(diff) ? exitCodes.mismatch : exitCodes.ok;
}

function onlyStep(diff: RunDiff, name: string | undefined): RunDiff {
  if (name === undefined) return diff;
  const steps = diff.steps.filter((s) => s.name === name);
  return { ...diff, steps, summary: summarize(steps) };
}

export const explainCommand = defineCommand({
  command: 'explain <file>',
  describe: "Print the model's expected matrix for every step, no cluster needed (exit 1 where declared intent disagrees)",
  builder,
  run,
});
