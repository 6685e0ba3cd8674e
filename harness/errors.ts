// The error classes library code throws. Only harness/cli/process-main.ts turns them into exit codes
// (SCENARIO-FORMAT.md: 2 bad input or usage, 3 environment; 1 is a mismatch result, not an error).

/** One thing wrong with an input file. line and column are 1-based. */
export interface Problem {
  file: string;
  line?: number;
  column?: number;
  /** Field path inside the document, e.g. steps[1].expect.rules[0].port */
  path?: string;
  message: string;
}

/** Bad input: carries every problem found, not only the first. Exit code 2. */
export class InputError extends Error {
  override name = 'InputError';
  readonly problems: Problem[];
  constructor(problems: Problem[], options?: ErrorOptions) {
    super(problems.map(formatProblem).join('\n'), options);
    this.problems = problems;
  }
}

/** Bad command line. Exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export interface EnvironmentDetails {
  /** What to run or do next, for the person at the terminal. */
  hint: string;
  /** The command or request that failed. */
  command?: string;
  /** Its output, as far as it is useful. */
  output?: string;
}

/** The environment failed (cluster, Docker, API server). Exit code 3. */
export class EnvironmentError extends Error {
  override name = 'EnvironmentError';
  readonly hint: string;
  readonly command: string | undefined;
  readonly output: string | undefined;
  constructor(message: string, details: EnvironmentDetails, options?: ErrorOptions) {
    super(message, options);
    this.hint = details.hint;
    this.command = details.command;
    this.output = details.output;
  }
}

/** SIGINT or SIGTERM: the abort reason of every wait and command of a run (exit 3). */
export class InterruptedError extends EnvironmentError {
  override name = 'InterruptedError';
  readonly signal: string;
  /** detail: what was done and kept, such as how many steps were observed. */
  constructor(signal: string, detail?: string) {
    super(`interrupted by ${signal}${detail ? `: ${detail}` : ''}`, {
      hint: 'run again: a new run removes what an interrupted one left behind',
    });
    this.signal = signal;
  }
}

/** `file:line:column: path: message`, leaving out what is unknown. */
export function formatProblem(p: Problem): string {
  const where = [p.file, p.line, p.line === undefined ? undefined : p.column].filter((x) => x !== undefined).join(':');
  const field = p.path ? `${p.path}: ` : '';
  return `${where}: ${field}${p.message}`;
}

export const exitCodes = { ok: 0, mismatch: 1, input: 2, environment: 3 } as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];
