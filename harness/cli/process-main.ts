// The CLI bound to this process: its streams, its exit code (the only place that sets it) and the terminal's bars.
import { runCli } from './cli.ts';
import { barTasks } from '../progress/bar-tasks.ts';
import { wantsBars } from '../progress/choose-progress.ts';

// A reader that goes away (`| head`) ends the output, not the process with a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code !== 'EPIPE') throw e;
  process.exit(process.exitCode ?? 0);
});
let stdoutFull = false;
// In a terminal, long work draws bars on stderr and every other message goes above them.
const terminal = wantsBars(process.stderr, process.env) ? barTasks(process.stderr) : undefined;
const code = await runCli(process.argv.slice(2), {
  stdout: (text) => { if (!process.stdout.write(text)) stdoutFull = true; },
  stdoutBytes: (bytes) => { if (!process.stdout.write(bytes)) stdoutFull = true; },
  stderr: terminal ? terminal.writeAbove : (text) => { process.stderr.write(text); },
  ...(terminal ? { tasks: terminal.starter } : {}),
  stdoutReady: () => (stdoutFull ? new Promise<void>((resolve) => process.stdout.once('drain', () => { stdoutFull = false; resolve(); })) : undefined),
}, process.env['TIERPROBE_DEBUG'] === '1');
process.exitCode = code;
