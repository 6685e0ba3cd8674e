/** A command outside the process failed: carries what ran, what it said, and why. */
export class CommandError extends Error {
  override name = 'CommandError';
  readonly command: string;
  readonly output: string;
  readonly exitCode: number | null;
  constructor(command: string, output: string, exitCode: number | null, options?: ErrorOptions) {
    const last = output.trim().split('\n').slice(-8).join('\n');
    super(`command failed (${exitCode === null ? 'killed' : `exit ${exitCode}`}): ${command}${last ? `\n${last}` : ''}`, options);
    this.command = command;
    this.output = output;
    this.exitCode = exitCode;
  }
}
