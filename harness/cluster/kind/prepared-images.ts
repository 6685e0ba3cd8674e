import { EnvironmentError } from '../../errors.ts';
import { CommandError } from '../../exec/command-error.ts';
import { runCommand } from '../../exec/run-command.ts';
import { prepareScript, cacheDir } from '../paths.ts';

/** What image preparation produced: the kind CLI and image references by role. */
export interface PreparedImages {
  kind: string;
  images: Map<string, string>;
}

export type PrepareGroup = 'kind' | 'kubernetes' | 'calico' | 'probe';

/** Parses prepare.sh's stdout: `KIND <path>` and `IMAGE <role>=<ref>` lines. */
export function parsePrepareOutput(stdout: string): PreparedImages {
  let kind = '';
  const images = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const k = /^KIND (\S+)$/.exec(line);
    if (k?.[1]) kind = k[1];
    const i = /^IMAGE ([\w-]+)=(\S+)$/.exec(line);
    if (i?.[1] && i[2]) images.set(i[1], i[2]);
  }
  return { kind, images };
}

/**
 * Runs image preparation for the given groups. Cached work returns in seconds; cold work
 * builds from Go modules and Debian packages and reports each step on stderr.
 */
export async function prepareImages(
  groups: PrepareGroup[],
  pull: 'auto' | 'never' | 'always',
  progress: (line: string) => void,
): Promise<PreparedImages> {
  const merged: PreparedImages = { kind: '', images: new Map() };
  for (const group of groups) {
    try {
      const { stdout } = await runCommand('bash', [prepareScript, '--pull', pull, '--only', group], {
        onStderr: (chunk) => chunk.split('\n').filter(Boolean).forEach(progress),
      });
      const got = parsePrepareOutput(stdout);
      merged.kind ||= got.kind;
      for (const [role, ref] of got.images) merged.images.set(role, ref);
    } catch (cause) {
      const output = cause instanceof CommandError ? cause.output : String(cause);
      throw new EnvironmentError(
        `preparing the ${group} images failed`,
        {
          hint: `read the log named above (logs are in ${cacheDir()}/logs), fix the cause, then run: npx tierprobe cluster up`,
          command: `bash ${prepareScript} --only ${group}`,
          output,
        },
        { cause },
      );
    }
  }
  return merged;
}
