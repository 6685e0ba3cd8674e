// Options more than one command takes.
import type { Argv } from 'yargs';
import { formatProblem } from '../errors.ts';
import type { CalicoVersion } from '../model/index.ts';
import type { CompileOptions } from '../scenario/index.ts';
import type { Deps } from './command.ts';

export const calicoVersions = ['3.30', '3.31', '3.32'] as const satisfies readonly CalicoVersion[];

/** --calico-version and --allow-unsupported: how the model reads the policies. */
export function withModelOptions<T>(y: Argv<T>) {
  return y
    .option('calico-version', {
      choices: calicoVersions,
      default: '3.31' as const,
      describe: 'Calico version the model follows (built-in tier names changed in 3.32)',
    })
    .option('allow-unsupported', {
      type: 'boolean',
      default: false,
      describe: 'warn about policy fields the model cannot evaluate (such as http) instead of failing',
    });
}

/**
 * The same for live runs: the model follows the cluster's Calico; --calico-version, if given,
 * is checked against it (and checks the files before the cluster is known).
 */
export function withLiveModelOptions<T>(y: Argv<T>, versionDescribe = 'Calico version you expect; the model follows the cluster\'s, and a disagreement is said') {
  return y
    .option('calico-version', {
      choices: calicoVersions,
      describe: versionDescribe,
    })
    .option('allow-unsupported', {
      type: 'boolean',
      default: false,
      describe: 'warn about policy fields the model cannot evaluate (such as http) instead of failing',
    });
}

/** The compile options those flags give; warnings go to stderr. */
export function compileOptions(o: { calicoVersion: CalicoVersion; allowUnsupported: boolean }, deps: Deps): CompileOptions {
  return {
    calicoVersion: o.calicoVersion,
    allowUnsupported: o.allowUnsupported,
    onWarning: (p) => deps.stderr(`warning: ${formatProblem(p)}\n`),
  };
}
