// Options more than one command takes.
import type { Argv } from 'yargs';
import type { CalicoVersion } from '../model/index.ts';

export const calicoVersions = ['3.30', '3.31', '3.32'] as const satisfies readonly CalicoVersion[];

export function withCalicoVersion<T>(y: Argv<T>) {
  return y.option('calico-version', {
    choices: calicoVersions,
    default: '3.31' as const,
    describe: 'Calico version the model follows (built-in tier names changed in 3.32)',
  });
}
