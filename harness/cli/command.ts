// How a verb plugs into the CLI: typed options from a yargs builder, and run(options, deps).
import type { ArgumentsCamelCase, Argv } from 'yargs';
import type { ExitCode } from '../errors.ts';
import type { TaskStarter } from '../progress/progress.ts';

/** What a command may touch outside itself; tests pass their own. */
export interface Deps {
  /** Results: tables, JSON. */
  stdout: (text: string) => void;
  /** Results already encoded (UTF-8, whole characters); absent: decoded and given to stdout. */
  stdoutBytes?: (bytes: Uint8Array) => void;
  /** Messages for the person: problems, hints, progress. */
  stderr: (text: string) => void;
  /**
   * After stdout writes: resolves once stdout can take more (a pipe's reader caught up); undefined
   * when it can now. Streams of millions of cells wait on it instead of queueing in memory.
   */
  stdoutReady?: () => Promise<void> | undefined;
  /** How long work shows that it moves: bars on a terminal; absent, plain lines on stderr. */
  tasks?: TaskStarter;
}

export interface CommandSpec<O> {
  /** yargs command string, e.g. 'validate <files..>'. */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<O>;
  run: (options: ArgumentsCamelCase<O>, deps: Deps) => Promise<ExitCode>;
}

/** The options a builder produces, as yargs infers them: what a command's run() takes. */
export type OptionsOf<B> = B extends (y: Argv) => Argv<infer O> ? ArgumentsCamelCase<O> : never;

/** A command with its option type closed over, so main can hold a plain list of them. */
export interface Command {
  register: (y: Argv, deps: Deps, done: (code: ExitCode) => void) => Argv;
}

export function defineCommand<O>(spec: CommandSpec<O>): Command {
  return {
    register: (y, deps, done) => y.command(spec.command, spec.describe, spec.builder, async (argv) => {
      done(await spec.run(argv, deps));
    }),
  };
}
