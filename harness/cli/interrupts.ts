// SIGINT and SIGTERM for a verb that changes things: the first one aborts the verb's signal
// with an InterruptedError (every wait and command stops, what was observed is written, what
// was created is removed, exit 3 "interrupted"); a second one quits at once.
import { InterruptedError } from '../errors.ts';
import type { Deps } from './command.ts';

export async function withInterrupts<T>(deps: Deps, what: string, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const stop = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (stop.signal.aborted) {
      deps.stderr(`\n${signal} again: quitting now; the next run clears up\n`);
      process.exit(3);
    }
    deps.stderr(`\n${signal}: stopping ${what}; writing what was observed and removing what was created\n`);
    stop.abort(new InterruptedError(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(stop.signal);
  } catch (e) {
    // Whatever failed because of the interruption, the interruption is what the person is told.
    if (stop.signal.aborted && !(e instanceof InterruptedError)) throw stop.signal.reason;
    throw e;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
