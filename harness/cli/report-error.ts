// Turns any error into a message for the person and an exit code. Never prints a stack trace
// (set TIERPROBE_DEBUG=1 to get one for an unexpected error).
import { EnvironmentError, InputError, UsageError, exitCodes, formatProblem, type ExitCode } from '../errors.ts';

export function reportError(e: unknown, stderr: (text: string) => void, debug = false): ExitCode {
  if (e instanceof InputError) {
    const files = new Set(e.problems.map((p) => p.file)).size;
    stderr(e.problems.map(formatProblem).join('\n') + `\n${e.problems.length} problem${e.problems.length === 1 ? '' : 's'} in ${files} file${files === 1 ? '' : 's'}\n`);
    return exitCodes.input;
  }
  if (e instanceof UsageError) {
    stderr(`tierprobe: ${e.message}\nRun 'tierprobe --help' for usage.\n`);
    return exitCodes.input;
  }
  if (e instanceof EnvironmentError) {
    const parts = [`tierprobe: ${e.message}`];
    if (e.command) parts.push(`  command: ${e.command}`);
    if (e.output) parts.push(`  output:\n${tail(e.output, 20).replace(/^/gm, '    ')}`);
    const cause = causes(e);
    if (cause) parts.push(`  cause: ${cause}`);
    parts.push(`  what to do: ${e.hint}`);
    stderr(parts.join('\n') + '\n');
    return exitCodes.environment;
  }
  const message = e instanceof Error ? `${e.message}${causes(e) ? ` (cause: ${causes(e)})` : ''}` : String(e);
  stderr(`tierprobe: unexpected error: ${message}\nThis is a bug in tierprobe; please report it with the command you ran.\n`);
  if (debug && e instanceof Error && e.stack) stderr(e.stack + '\n');
  return exitCodes.environment;
}

function causes(e: Error): string {
  const chain: string[] = [];
  for (let c: unknown = e.cause; c !== undefined && chain.length < 5; c = c instanceof Error ? c.cause : undefined) {
    chain.push(c instanceof Error ? c.message : String(c));
  }
  return chain.join(' <- ');
}

function tail(text: string, lines: number): string {
  const all = text.trimEnd().split('\n');
  return (all.length > lines ? [`... (${all.length - lines} earlier lines)`] : []).concat(all.slice(-lines)).join('\n');
}
