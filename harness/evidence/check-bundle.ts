// verify's two halves for one bundle. loadBundle reads MANIFEST and MANIFEST.sig and throws
// InputError for what is malformed, so every bundle is known good input before anything is
// hashed; checkBundle re-hashes and checks the signature. Both only read.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { hashFile, listBundleFiles } from './bundle-files.ts';
import { MANIFEST, MANIFEST_SIG, parseManifest, type ManifestEntry } from './manifest.ts';
import { diffManifest, type FileHash, type ManifestDiff } from './manifest-diff.ts';
import { checkSignature, type SignatureCheck } from './manifest-signature.ts';
import { parseSignatureFile, type SignatureFile } from './signature-file.ts';
import type { BundleKey } from './signing-keys.ts';

export interface LoadedBundle {
  dir: string;
  /** MANIFEST's exact bytes: what the signature covers. */
  manifest: Buffer;
  entries: ManifestEntry[];
  signature?: SignatureFile;
}

export async function loadBundle(dir: string): Promise<LoadedBundle> {
  const manifestFile = join(dir, MANIFEST);
  const manifest = await readInput(manifestFile);
  if (manifest === undefined) throw new InputError([{ file: manifestFile, message: 'no such file' }]);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(manifest);
  } catch (e) {
    throw new InputError([{ file: manifestFile, message: 'not UTF-8 text, so not a MANIFEST' }], { cause: e });
  }
  const entries = parseManifest(text, manifestFile);
  const sigFile = join(dir, MANIFEST_SIG);
  const sig = await readInput(sigFile);
  if (sig === undefined) return { dir, manifest, entries };
  return { dir, manifest, entries, signature: parseSignatureFile(sig.toString('utf8'), sigFile) };
}

export interface BundleCheck {
  dir: string;
  listed: number;
  diff: ManifestDiff;
  signature: SignatureCheck;
}

/** key: the --public-key, when given. */
export async function checkBundle(b: LoadedBundle, key: BundleKey | undefined): Promise<BundleCheck> {
  const present = await listBundleFiles(b.dir);
  const regular = new Set(present.files);
  const hashes = new Map<string, FileHash>();
  for (const e of b.entries) if (regular.has(e.path)) hashes.set(e.path, await hashOrWhy(join(b.dir, e.path)));
  return { dir: b.dir, listed: b.entries.length, diff: diffManifest(b.entries, present, hashes), signature: checkSignature(b.manifest, b.signature, key) };
}

/** A file verify cannot read (no permission, gone since it was listed) is a difference to name, not a crash. */
async function hashOrWhy(path: string): Promise<FileHash> {
  try {
    return await hashFile(path);
  } catch (e) {
    return { unreadable: (e as NodeJS.ErrnoException).code ?? (e instanceof Error ? e.message : String(e)) };
  }
}

/** The file's bytes, or undefined when it does not exist; any other failure is bad input. */
async function readInput(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new InputError([{ file, message: `cannot read it: ${e instanceof Error ? e.message : String(e)}` }], { cause: e });
  }
}
