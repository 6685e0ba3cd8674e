// tierprobe explain FILE [--step NAME] [--format table|json] [--why]: the model's matrix per step.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withModelOptions(y
  .positional('file', { type: 'string', demandOption: true, describe: 'scenario file' })
  .option('step', { type: 'string', describe: 'only this step (by name)' })
  .option('format', { choices: ['table', 'json'] as const, default: 'table' as const, describe: 'output format' })
  .option('why', { type: 'boolean', default: false, describe: 'say what decided each cell (table format)' }));

export type ExplainOptions = OptionsOf<typeof builder>;

export const explainCommand = defineCommand({
  command: 'explain <file>',
  describe: "Print the model's expected matrix for every step, no cluster needed (exit 1 where declared intent disagrees)",
  builder,
  run: async (o, deps) => (await import('./explain-run.ts')).run(o, deps),
});
