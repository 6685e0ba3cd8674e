// tierprobe capture: read the cluster into --out (capture-into.ts) and print the scenario's path.
import { resolve } from 'node:path';
import { exitCodes, type ExitCode } from '../../errors.ts';
import type { Deps } from '../command.ts';
import type { CaptureCommandOptions } from './capture.ts';
import { captureInto } from './capture-into.ts';

export async function run(o: CaptureCommandOptions, deps: Deps): Promise<ExitCode> {
  await captureInto(o, o.out, 'capture reads everything there (read-only, but it may be production)', deps);
  deps.stdout(`${resolve(o.out, 'scenario.yaml')}\n`);
  return exitCodes.ok;
}
