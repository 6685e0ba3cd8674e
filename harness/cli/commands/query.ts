// tierprobe query SCENARIO --from ns/pod --to ns/pod|external:NAME|svc:NS/NAME --port N/PROTO [--step NAME]
// [--format text|json]: one connection walked through every tier, per step (a Service: per backend). Offline, read-only.
import type { Argv } from 'yargs';
import { defineCommand, type OptionsOf } from '../command.ts';
import { withModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withModelOptions(y
  .positional('file', { type: 'string', demandOption: true, describe: 'scenario file' })
  .option('from', { type: 'string', demandOption: true, describe: 'the source pod, ns/pod' })
  .option('to', { type: 'string', demandOption: true, describe: 'the destination, ns/pod, external:NAME or svc:NS/NAME (walked to each backend)' })
  .option('port', { type: 'string', demandOption: true, describe: 'a port the destination serves (a Service: its port), N/PROTO (such as 80/TCP)' })
  .option('step', { type: 'string', describe: 'only this step (by name); default: every step' })
  .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'output format' }));

export type QueryOptions = OptionsOf<typeof builder>;

export const queryCommand = defineCommand({
  command: 'query <file>',
  describe: 'Walk one connection through every tier, policy and rule, per step and mode (offline)',
  builder,
  run: async (o, deps) => (await import('./query-run.ts')).run(o, deps),
});
