// Reading the keys given on the command line: --sign-key (a PEM private key) for run,
// --public-key for verify. Every failure is bad input naming the file (exit 2).
import { createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { InputError } from '../errors.ts';
import { algorithmFor, keyFingerprint, type SignatureAlgorithm } from './signature-scheme.ts';

export interface BundleKey {
  file: string;
  key: KeyObject;
  algorithm: SignatureAlgorithm;
  /** Of the public key: keyFingerprint(). */
  fingerprint: string;
}

/** A PEM private key to sign MANIFESTs with. */
export async function loadSigningKey(file: string): Promise<BundleKey> {
  const pem = await readKeyFile(file);
  let key: KeyObject;
  try {
    key = createPrivateKey(pem);
  } catch (e) {
    const hint = /-----BEGIN PUBLIC KEY-----/.test(pem) ? 'it holds a public key; --sign-key takes the private key' : 'not a PEM private key node:crypto can read';
    throw new InputError([{ file, message: `${hint} (${errorText(e)})` }], { cause: e });
  }
  return bundleKey(file, key, createPublicKey(key));
}

/** A public key to check MANIFEST.sig with (a private key or an X.509 certificate is read for its public key). */
export async function loadVerifyingKey(file: string): Promise<BundleKey> {
  const pem = await readKeyFile(file);
  let key: KeyObject;
  try {
    key = createPublicKey(pem);
  } catch (e) {
    throw new InputError([{ file, message: `not a PEM public key node:crypto can read (${errorText(e)})` }], { cause: e });
  }
  return bundleKey(file, key, key);
}

function bundleKey(file: string, key: KeyObject, publicKey: KeyObject): BundleKey {
  const scheme = algorithmFor(key);
  if ('refused' in scheme) throw new InputError([{ file, message: `${scheme.refused}` }]);
  return { file, key, algorithm: scheme.algorithm, fingerprint: keyFingerprint(publicKey) };
}

async function readKeyFile(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (e) {
    throw new InputError([{ file, message: `cannot read the key: ${errorText(e)}` }], { cause: e });
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
