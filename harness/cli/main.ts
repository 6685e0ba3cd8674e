#!/usr/bin/env node
// The tierprobe executable. The only place that sets the exit code.
import { runCli } from './cli.ts';

// A reader that goes away (`| head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
let stdoutFull = false;
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => { if (!process.stdout.write(text)) stdoutFull = true; },
  stderr: (text) => { process.stderr.write(text); },
  stdoutReady: () => (stdoutFull ? new Promise<void>((resolve) => process.stdout.once('drain', () => { stdoutFull = false; resolve(); })) : undefined),
}, process.env['TIERPROBE_DEBUG'] === '1');
process.exitCode = code;
