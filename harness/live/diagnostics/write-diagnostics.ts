// DIR/<scenario>/diagnostics/: the files collected for a failed run, with a README saying why.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Diagnostics } from './collect-diagnostics.ts';

export async function writeDiagnostics(scenarioDir: string, reason: string, files: Diagnostics): Promise<string> {
  const dir = join(scenarioDir, 'diagnostics');
  await mkdir(dir, { recursive: true });
  const lines = [`Collected because ${reason}, before cleanup removed the run's objects.`, '', ...[...files.keys()].sort()];
  await writeFile(join(dir, 'README.txt'), lines.join('\n') + '\n');
  for (const [name, text] of files) {
    const path = join(dir, name);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text);
  }
  return dir;
}
