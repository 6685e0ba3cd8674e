// The CLI as a function: arguments in, exit code out. main.ts is the only caller that exits.
import yargs from 'yargs';
import { UsageError, exitCodes, type ExitCode } from '../errors.ts';
import type { Deps } from './command.ts';
import { commands } from './commands.ts';
import { reportError } from './report-error.ts';

export async function runCli(args: readonly string[], deps: Deps, debug = false): Promise<ExitCode> {
  let code: ExitCode = exitCodes.ok;
  const y = yargs()
    .scriptName('tierprobe')
    .usage('$0 <command> [options]\n\nPredict and live-test what Calico and Kubernetes network policies do.')
    .strict()
    .demandCommand(1, 'Give a command.')
    .recommendCommands()
    .exitProcess(false)
    .help()
    .version(false)
    .epilog('Exit codes: 0 as expected, 1 a mismatch, 2 bad input or usage, 3 environment failure.')
    .fail((message, error) => {
      throw error ?? new UsageError(message);
    });
  for (const command of commands) command.register(y, deps, (c) => { code = c; });
  try {
    // The callback makes yargs hand over --help output instead of printing it itself.
    await y.parseAsync([...args], {}, (_error, _argv, output) => {
      if (output) deps.stdout(output + '\n');
    });
    return code;
  } catch (e) {
    return reportError(e, deps.stderr, debug);
  }
}
