import { spawn } from 'node:child_process';
import { CommandError } from './command-error.ts';

export interface RunOptions {
  /** Written to the command's stdin, which is then closed. */
  input?: string | Buffer;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
  /** Called with each chunk of stderr, for progress on long work. */
  onStderr?: (chunk: string) => void;
  /**
   * Stops the command: it runs in a process group of its own, and the whole group (build
   * steps, background downloads) gets SIGTERM. The promise then rejects with the signal's reason.
   */
  signal?: AbortSignal;
}

export interface RunResult {
  stdout: string;
  stderr: string;
}

/** Quotes a command line so a person can paste it into a shell. */
export function shellLine(cmd: string, args: readonly string[]): string {
  const q = (s: string) => (/^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replaceAll("'", `'\\''`)}'`);
  return [cmd, ...args].map(q).join(' ');
}

/** Runs a command to completion; throws CommandError unless it exits 0. */
export function runCommand(cmd: string, args: readonly string[], opts: RunOptions = {}): Promise<RunResult> {
  const line = shellLine(cmd, args);
  return new Promise((resolve, reject) => {
    const { signal } = opts;
    if (signal?.aborted) { reject(signal.reason); return; }
    const child = spawn(cmd, args, {
      env: opts.env ?? process.env,
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
      timeout: opts.timeoutMs,
      detached: signal !== undefined,
    });
    const stop = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      } catch {
        // the group is gone already
      }
    };
    signal?.addEventListener('abort', stop, { once: true });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => {
      err.push(b);
      opts.onStderr?.(b.toString());
    });
    child.on('error', (cause) => reject(new CommandError(line, Buffer.concat(err).toString(), null, { cause })));
    child.on('close', (code) => {
      signal?.removeEventListener('abort', stop);
      if (signal?.aborted) { reject(signal.reason); return; }
      const stdout = Buffer.concat(out).toString();
      const stderr = Buffer.concat(err).toString();
      if (code === 0) resolve({ stdout, stderr });
      else reject(new CommandError(line, `${stderr}${stdout ? `\n${stdout}` : ''}`, code));
    });
    child.stdin.on('error', () => undefined);
    child.stdin.end(opts.input ?? '');
  });
}
