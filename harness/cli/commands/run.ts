// tierprobe run SCENARIO... [--out DIR]: live runs against kind + Calico (or an allowed context).
import type { Argv } from 'yargs';
import type { ExitCode } from '../../errors.ts';
import { defineCommand, type Deps, type OptionsOf } from '../command.ts';
import { withLiveModelOptions } from '../shared-options.ts';

export const builder = (y: Argv) => withLiveModelOptions(y
  .positional('files', { type: 'string', array: true, demandOption: true, describe: 'scenario files' })
  .option('out', { type: 'string', default: 'tierprobe-out', describe: 'write DIR/<scenario>/ results.json, junit.xml, report.md, report.html, versions.json, policies/, run.log and MANIFEST (tierprobe verify checks it)' })
  .option('sign-key', { type: 'string', describe: 'PEM private key (Ed25519) to sign each MANIFEST with: writes MANIFEST.sig (also TIERPROBE_SIGN_KEY)' })
  .option('converge-timeout', { type: 'number', default: 30, describe: 'seconds the dataplane may take to match the model after each step' })
  .option('pods-timeout', { type: 'number', default: 120, describe: 'seconds the probe pods may take to be Ready' })
  .option('max-probes', { type: 'number', default: 1500, describe: 'probes in flight at once in a round (execs are spread to stay under it)' })
  .option('allow-foreign-selection', { type: 'boolean', default: false, describe: 'provider existing: run although a cluster-wide policy would select pods outside the run (their traffic follows it while the run lasts)' })
  .option('probe-image', { type: 'string', describe: 'provider existing: the probe image from a registry (overrides cluster.probeImage; see the README to build and push it)' })
  .option('flows', { type: 'boolean', default: true, describe: 'read Calico\'s flow logs (Goldmane) after each step and diff them; --no-flows runs without (the report says so)' })
  .option('allow-missing-flows', { type: 'boolean', default: false, describe: 'a probed cell without flow evidence is reported, not a mismatch' })
  .option('keep', { type: 'boolean', default: false, describe: 'keep what the run created (the next run removes it)' })
  .option('allow-context', { type: 'string', array: true, nargs: 1, default: [] as string[], describe: 'a context provider: existing may use (also TIERPROBE_ALLOW_CONTEXTS)' })
  .option('pull', { choices: ['auto', 'never', 'always'] as const, default: 'auto' as const, describe: 'cluster images: pull where a registry answers, only build, or only pull' })
  .option('ready-timeout', { type: 'number', default: 300, describe: 'seconds the cluster may take to become Ready' }));

export type RunOptions = OptionsOf<typeof builder>;

export async function run(o: RunOptions, deps: Deps): Promise<ExitCode> {
  const live = await import('./run-live.ts');
  return live.run(o, deps);
}

export const runCommand = defineCommand({
  command: 'run <files..>',
  describe: 'Run scenarios live: deploy probe pods, apply each step, probe until enforced, diff against the model (exit 1 on any mismatch)',
  builder,
  run,
});
