// tierprobe verify DIR [--public-key PATH]: check an evidence bundle against its MANIFEST (and MANIFEST.sig).
import type { Argv } from 'yargs';
import type { ExitCode } from '../../errors.ts';
import { defineCommand, type Deps, type OptionsOf } from '../command.ts';

export const builder = (y: Argv) => y
  .positional('dir', { type: 'string', demandOption: true, describe: 'a bundle (DIR/<scenario>/ of a run) or the --out DIR holding several' })
  .option('public-key', { type: 'string', describe: 'PEM public key of the signer: MANIFEST.sig must verify with it' });

export type VerifyOptions = OptionsOf<typeof builder>;

export async function run(o: VerifyOptions, deps: Deps): Promise<ExitCode> {
  // Loaded when the verb runs, as run's live modules are: the other verbs need neither zod's schema nor crypto.
  const impl = await import('./verify-run.ts');
  return impl.run(o, deps);
}

export const verifyCommand = defineCommand({
  command: 'verify <dir>',
  describe: 'Check an evidence bundle: re-hash every file against MANIFEST, check MANIFEST.sig (exit 1 if anything differs)',
  builder,
  run,
});
