// tierprobe validate FILE... [--intent]: checks scenarios (and their policies) without a cluster.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withModelOptions(y
  .positional('files', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
  .option('intent', { type: 'boolean', default: false, describe: 'also check every declared expect/expectStaged/expectPromoted against the model' }));

export type ValidateOptions = OptionsOf<typeof builder>;

export const validateCommand = defineCommand({
  command: 'validate <files..>',
  describe: 'Check scenario files and their policies without a cluster (exit 2 on bad input)',
  builder,
  run: async (o, deps) => (await import('./validate-run.ts')).run(o, deps),
});
