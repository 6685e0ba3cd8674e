// What `verify DIR` checks: DIR itself when it holds a MANIFEST (a scenario's directory), else
// each directory directly under it (a run's --out directory, one bundle per scenario).
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { MANIFEST, comparePaths } from './manifest.ts';

export interface FoundBundles {
  /** DIR is a --out directory holding bundles, not a bundle itself. */
  nested: boolean;
  /** Directories with a MANIFEST. */
  bundles: string[];
  /** nested: directories under DIR without a MANIFEST; their files cannot be checked. */
  withoutManifest: string[];
  /** nested: files directly in DIR, which no MANIFEST covers. */
  looseFiles: string[];
}

export async function findBundles(dir: string): Promise<FoundBundles> {
  const kind = await kindOf(dir);
  if (kind !== 'directory') throw new InputError([{ file: dir, message: kind === 'missing' ? 'no such directory' : 'not a directory (verify takes a bundle\'s directory, or the --out directory of a run)' }]);
  if (await kindOf(join(dir, MANIFEST)) !== 'missing') return { nested: false, bundles: [dir], withoutManifest: [], looseFiles: [] };
  const found: FoundBundles = { nested: true, bundles: [], withoutManifest: [], looseFiles: [] };
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => comparePaths(a.name, b.name));
  for (const e of entries) {
    if (!e.isDirectory()) found.looseFiles.push(e.name);
    else if (await kindOf(join(dir, e.name, MANIFEST)) === 'missing') found.withoutManifest.push(e.name);
    else found.bundles.push(join(dir, e.name));
  }
  if (found.bundles.length === 0) {
    throw new InputError([{ file: dir, message: `no ${MANIFEST} in it nor in any directory directly under it: not a tierprobe bundle (run writes one into DIR/<scenario>/)` }]);
  }
  return found;
}

async function kindOf(path: string): Promise<'missing' | 'directory' | 'other'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'other';
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT' || (e as NodeJS.ErrnoException).code === 'ENOTDIR') return 'missing';
    throw new InputError([{ file: path, message: `cannot read it: ${e instanceof Error ? e.message : String(e)}` }], { cause: e });
  }
}
