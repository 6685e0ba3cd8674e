#!/usr/bin/env node
// The tierprobe executable. The only place that sets the exit code.
import { runCli } from './cli.ts';

const code = await runCli(process.argv.slice(2), {
  stdout: (text) => { process.stdout.write(text); },
  stderr: (text) => { process.stderr.write(text); },
}, process.env['TIERPROBE_DEBUG'] === '1');
process.exitCode = code;
