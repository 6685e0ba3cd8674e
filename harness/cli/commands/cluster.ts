// tierprobe cluster up|down|status: the default kind + Calico cluster.
import type { Argv } from 'yargs';
import type { ExitCode } from '../../errors.ts';
import { defineCommand, type Deps, type OptionsOf } from '../command.ts';

export const builder = (y: Argv) => y
  .positional('action', { choices: ['up', 'down', 'status'] as const, demandOption: true, describe: 'what to do' })
  .option('config', { type: 'string', default: 'kind-config/default.yaml', describe: 'kind cluster config' })
  .option('pull', { choices: ['auto', 'never', 'always'] as const, default: 'auto' as const, describe: 'pull images where a registry answers (auto), or only build (never), or only pull (always)' })
  .option('ready-timeout', { type: 'number', default: 300, describe: 'seconds Calico may take to become Ready' });

export type ClusterOptions = OptionsOf<typeof builder>;

export async function run(o: ClusterOptions, deps: Deps): Promise<ExitCode> {
  const actions = await import('./cluster-actions.ts');
  return actions.run(o, deps);
}

export const clusterCommand = defineCommand({
  command: 'cluster <action>',
  describe: 'Create, delete or inspect the default kind + Calico cluster',
  builder,
  run,
});
