import { EnvironmentError } from '../../errors.ts';
import { CommandError } from '../../exec/command-error.ts';
import { runCommand } from '../../exec/run-command.ts';
import { prepareScript, cacheDir } from '../paths.ts';
import { goBuildProgress } from './go-build-progress.ts';
import type { TaskStarter } from '../../progress/progress.ts';

/** What image preparation produced: the kind CLI and image references by role. */
export interface PreparedImages {
  kind: string;
  calicoctl: string;
  /** The Calico Go module's directory, for its manifests. */
  calicoSrc: string;
  images: Map<string, string>;
}

export type PrepareGroup = 'kind' | 'calicoctl' | 'kubernetes' | 'calico' | 'probe';

/** Parses prepare.sh's stdout: `KIND <path>`, `CALICOCTL <path>` and `IMAGE <role>=<ref>` lines. */
export function parsePrepareOutput(stdout: string): PreparedImages {
  let kind = '';
  let calicoctl = '';
  let calicoSrc = '';
  const images = new Map<string, string>();
  for (const line of stdout.split('\n')) {
    const k = /^KIND (\S+)$/.exec(line);
    if (k?.[1]) kind = k[1];
    const c = /^CALICOCTL (\S+)$/.exec(line);
    if (c?.[1]) calicoctl = c[1];
    const s = /^CALICO_SRC (\S+)$/.exec(line);
    if (s?.[1]) calicoSrc = s[1];
    const i = /^IMAGE ([\w-]+)=(\S+)$/.exec(line);
    if (i?.[1] && i[2]) images.set(i[1], i[2]);
  }
  return { kind, calicoctl, calicoSrc, images };
}

/**
 * Runs image preparation for the given groups. Cached work returns in seconds; cold work
 * builds from Go modules and Debian packages and reports each step on stderr.
 */
export async function prepareImages(
  groups: PrepareGroup[],
  pull: 'auto' | 'never' | 'always',
  progress: (line: string) => void,
  signal?: AbortSignal,
  tasks?: TaskStarter,
): Promise<PreparedImages> {
  const only = groups.join(',');
  const builds = goBuildProgress(progress, tasks ? { tasks } : {});
  try {
    // One invocation, so that a cold build can download and bootstrap in the background
    // while the first binaries compile.
    const { stdout } = await runCommand('bash', [prepareScript, '--pull', pull, '--only', only], {
      onStderr: (chunk) => chunk.split('\n').filter(Boolean).forEach((l) => { progress(l); builds.line(l); }),
      ...(signal ? { signal } : {}),
    });
    builds.stop();
    return parsePrepareOutput(stdout);
  } catch (cause) {
    builds.stop();
    if (signal?.aborted) throw signal.reason;
    const output = cause instanceof CommandError ? cause.output : String(cause);
    throw new EnvironmentError(
      `preparing the images (${only}) failed`,
      {
        hint: `read the log named above (logs are in ${cacheDir()}/logs), fix the cause, then run: npx tierprobe cluster up`,
        command: `bash ${prepareScript} --only ${only}`,
        output,
      },
      { cause },
    );
  }
}
