// Docker that cannot be reached is the person's environment, not a bug: commands that need it
// (kind above all, which runs `docker` and quotes its output) turn that failure into an
// EnvironmentError saying so and what to run next.
import { EnvironmentError } from '../errors.ts';
import { CommandError } from '../exec/command-error.ts';
import { dockerSetupScript } from './paths.ts';

export type DockerUnreachable =
  | { reason: 'not-running'; socket?: string }
  | { reason: 'permission-denied' }
  | { reason: 'not-installed' };

/** Why no Docker engine can be reached, as a docker client says it; undefined where the output says something else. */
export function dockerUnreachable(output: string): DockerUnreachable | undefined {
  const down = /Cannot connect to the Docker daemon(?: at (\S+?))?\.? Is the docker daemon running/i.exec(output);
  if (down) return { reason: 'not-running', ...(down[1] ? { socket: down[1] } : {}) };
  if (/permission denied while trying to connect to the Docker daemon/i.test(output)) return { reason: 'permission-denied' };
  if (/exec: "docker": executable file not found/.test(output)) return { reason: 'not-installed' };
  return undefined;
}

/** What to do where Docker is not running or not installed, for a command that only needs it running. */
export const startDockerHint = `npx tierprobe cluster up starts Docker (installing it where needed) and the cluster; to start only Docker: sudo bash ${dockerSetupScript}`;

/**
 * The environment error (exit 3) for a failed command whose output says Docker cannot be
 * reached; undefined for any other failure. hint: what to do where Docker is not running.
 */
export function dockerUnreachableError(cause: unknown, hint: string = startDockerHint): EnvironmentError | undefined {
  if (!(cause instanceof CommandError)) return undefined;
  const why = dockerUnreachable(cause.output);
  if (!why) return undefined;
  // The output is not repeated: the cause (the CommandError) ends with it.
  const details = { command: cause.command };
  switch (why.reason) {
    case 'not-running':
      return new EnvironmentError(`Docker is not running (nothing answers at ${why.socket ?? 'its socket'})`, { hint, ...details }, { cause });
    case 'not-installed':
      return new EnvironmentError('Docker is not installed (no docker command on PATH)', { hint, ...details }, { cause });
    case 'permission-denied':
      return new EnvironmentError('Docker runs, but this user may not use it (permission denied on its socket)', {
        hint: 'run tierprobe as root, or as a member of the docker group (usermod -aG docker $USER, then log in again)', ...details,
      }, { cause });
  }
}
