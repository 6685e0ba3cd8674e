import { EnvironmentError } from '../errors.ts';
import { CommandError } from '../exec/command-error.ts';
import { runCommand } from '../exec/run-command.ts';
import { dockerSetupScript } from './paths.ts';

/**
 * Makes sure a Docker engine answers: if none does, harness/setup/docker.sh installs
 * Debian's docker.io and starts it (with the capability shim only where privileged
 * containers would fail). An engine that already runs is used as it is.
 */
export async function ensureDocker(log: (line: string) => void): Promise<void> {
  try {
    await runCommand('docker', ['info', '--format', '{{.ServerVersion}}'], { timeoutMs: 20_000 });
    return;
  } catch {
    log('no Docker engine answers; starting one (harness/setup/docker.sh)');
  }
  try {
    await runCommand('bash', [dockerSetupScript], { timeoutMs: 600_000, onStderr: (c) => c.split('\n').filter(Boolean).forEach(log) });
  } catch (cause) {
    throw new EnvironmentError('no Docker engine, and it could not be started', {
      hint: `install Docker (Debian: apt-get install docker.io), start it, then run again; or run as root: sudo bash ${dockerSetupScript}`,
      command: `bash ${dockerSetupScript}`,
      output: cause instanceof CommandError ? cause.output : String(cause),
    }, { cause });
  }
}
