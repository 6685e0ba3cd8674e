// The files of a bundle directory as MANIFEST sees them: every regular file under it, recursive,
// as a sorted POSIX relative path, MANIFEST and MANIFEST.sig at its top left out.
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST, MANIFEST_SIG, comparePaths, unlistableReason } from './manifest.ts';

export interface BundleFiles {
  /** Regular files MANIFEST can list. */
  files: string[];
  /** Entries it cannot: symbolic links, sockets and the like, or names sha256sum would escape. */
  unlistable: { path: string; why: string }[];
}

export async function listBundleFiles(dir: string): Promise<BundleFiles> {
  const out: BundleFiles = { files: [], unlistable: [] };
  await walk(dir, '', out);
  out.files.sort(comparePaths);
  out.unlistable.sort((a, b) => comparePaths(a.path, b.path));
  return out;
}

async function walk(root: string, prefix: string, out: BundleFiles): Promise<void> {
  for (const entry of await readdir(join(root, prefix), { withFileTypes: true })) {
    const path = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (prefix === '' && (entry.name === MANIFEST || entry.name === MANIFEST_SIG)) continue;
    // Links are not followed: what a link points to is not part of the bundle.
    if (entry.isDirectory()) await walk(root, path, out);
    else if (!entry.isFile()) out.unlistable.push({ path, why: entry.isSymbolicLink() ? 'a symbolic link, not a regular file' : 'not a regular file' });
    else {
      const why = unlistableReason(path);
      if (why === undefined) out.files.push(path);
      else out.unlistable.push({ path, why });
    }
  }
}

/** sha256 of a file, read as a stream: bundles can hold large logs. */
export async function hashFile(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
