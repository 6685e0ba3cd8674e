// What differs between a MANIFEST and the directory beside it. Pure: the caller lists and hashes.
import type { BundleFiles } from './bundle-files.ts';
import type { ManifestEntry } from './manifest.ts';

export interface ManifestDiff {
  /** Listed and present, but not as listed: other content, or no longer a regular file. */
  changed: { path: string; why: string }[];
  /** Present, not listed. */
  added: { path: string; why?: string }[];
  /** Listed, not present. */
  removed: string[];
}

/** What hashing a file gave: its sha256, or why it could not be read. */
export type FileHash = string | { unreadable: string };

/** hashes: of each listed file that is present and regular. */
export function diffManifest(listed: readonly ManifestEntry[], present: BundleFiles, hashes: ReadonlyMap<string, FileHash>): ManifestDiff {
  const listedPaths = new Set(listed.map((e) => e.path));
  const files = new Set(present.files);
  const odd = new Map(present.unlistable.map((u) => [u.path, u.why]));
  const diff: ManifestDiff = { changed: [], added: [], removed: [] };
  for (const e of listed) {
    const why = odd.get(e.path);
    if (why !== undefined) diff.changed.push({ path: e.path, why: `now ${why}` });
    else if (!files.has(e.path)) diff.removed.push(e.path);
    else {
      const hash = hashes.get(e.path) ?? { unreadable: 'not hashed' };
      if (typeof hash !== 'string') diff.changed.push({ path: e.path, why: `cannot be read now: ${hash.unreadable}` });
      else if (hash !== e.sha256) diff.changed.push({ path: e.path, why: `sha256 ${hash}, MANIFEST says ${e.sha256}` });
    }
  }
  for (const path of present.files) if (!listedPaths.has(path)) diff.added.push({ path });
  for (const u of present.unlistable) if (!listedPaths.has(u.path)) diff.added.push({ path: u.path, why: u.why });
  return diff;
}

export function differs(d: ManifestDiff): boolean {
  return d.changed.length + d.added.length + d.removed.length > 0;
}
