// The last files of a scenario's bundle, once every other is written: run.log, then MANIFEST
// over everything in the directory, then MANIFEST.sig when a key was given.
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { hashFile, listBundleFiles } from './bundle-files.ts';
import { MANIFEST, MANIFEST_SIG, formatManifest, type ManifestEntry } from './manifest.ts';
import { signManifest } from './manifest-signature.ts';
import { formatSignatureFile } from './signature-file.ts';
import type { BundleKey } from './signing-keys.ts';

export const RUN_LOG = 'run.log';

/**
 * What a run writes only sometimes (diagnostics/, MANIFEST.sig) or last: removed before it
 * writes them, so a bundle never carries a previous run's diagnostics or signature.
 */
export async function clearPreviousEvidence(dir: string): Promise<void> {
  for (const name of ['diagnostics', RUN_LOG, MANIFEST, MANIFEST_SIG]) await rm(join(dir, name), { recursive: true, force: true });
}

export interface WrittenEvidence {
  /** Files MANIFEST lists. */
  listed: number;
  signed: boolean;
  /** Entries left out of MANIFEST (not regular files, or names it cannot hold); verify will call them added. */
  unlisted: { path: string; why: string }[];
}

export async function writeEvidence(dir: string, runLog: string, key?: BundleKey): Promise<WrittenEvidence> {
  await writeFile(join(dir, RUN_LOG), runLog);
  const present = await listBundleFiles(dir);
  const entries: ManifestEntry[] = [];
  for (const path of present.files) entries.push({ path, sha256: await hashFile(join(dir, path)) });
  const manifest = Buffer.from(formatManifest(entries), 'utf8');
  await writeFile(join(dir, MANIFEST), manifest);
  if (key) await writeFile(join(dir, MANIFEST_SIG), formatSignatureFile(signManifest(manifest, key)));
  return { listed: entries.length, signed: key !== undefined, unlisted: present.unlistable };
}
