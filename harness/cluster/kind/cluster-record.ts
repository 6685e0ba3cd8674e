// Which kind clusters tierprobe created: when it creates one, it records the Docker IDs of
// the cluster's node containers in its cache. A kind cluster of the same name whose nodes are
// other containers is someone else's: `cluster up`, `down` and the recreate-after-restart
// never act on it. (kind's node labels come from the user's config and prove nothing.)
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { EnvironmentError } from '../../errors.ts';
import { runCommand } from '../../exec/run-command.ts';

const recordSchema = z.object({ name: z.string(), nodes: z.array(z.string()).min(1), createdAt: z.string() });

export class ClusterRecords {
  readonly dir: string;
  constructor(cacheDir: string) {
    this.dir = join(cacheDir, 'clusters');
  }

  private file(name: string): string {
    return join(this.dir, `${name}.json`);
  }

  /** Records the nodes of a cluster tierprobe just created. */
  async record(name: string, nodes: readonly string[]): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const ids = await containerIds(nodes);
    await writeFile(this.file(name), JSON.stringify({ name, nodes: ids, createdAt: new Date().toISOString() }, null, 2) + '\n');
  }

  async forget(name: string): Promise<void> {
    await rm(this.file(name), { force: true });
  }

  /** Whether the cluster of this name, with these node containers, is the one tierprobe created. */
  async isOurs(name: string, nodes: readonly string[]): Promise<boolean> {
    let text: string;
    try {
      text = await readFile(this.file(name), 'utf8');
    } catch {
      return false;
    }
    const parsed = recordSchema.safeParse(safeJson(text));
    if (!parsed.success) return false;
    const ids = await containerIds(nodes);
    return ids.length > 0 && ids.every((id) => parsed.data.nodes.includes(id));
  }

  /** Refuses a cluster tierprobe did not create, naming it. */
  async mustBeOurs(name: string, nodes: readonly string[], verb: string): Promise<void> {
    if (await this.isOurs(name, nodes)) return;
    throw new EnvironmentError(`kind cluster "${name}" was not created by tierprobe (here, with cache ${this.dir}): refusing to ${verb} it`, {
      hint: `give tierprobe its own cluster: set another name: in the kind config (kind-config/default.yaml uses "tierprobe"), or delete that cluster yourself if it is disposable (kind delete cluster --name ${name})`,
    });
  }
}

async function containerIds(nodes: readonly string[]): Promise<string[]> {
  if (nodes.length === 0) return [];
  const { stdout } = await runCommand('docker', ['inspect', '--format', '{{.Id}}', ...nodes]);
  return stdout.split('\n').map((l) => l.trim()).filter(Boolean);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
