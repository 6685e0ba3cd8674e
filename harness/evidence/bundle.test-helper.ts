// Real bundles and real keys for the evidence tests: files in a temp directory, keys from node:crypto.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface TempDir extends AsyncDisposable { path: string }

export async function tempDir(): Promise<TempDir> {
  const path = await mkdtemp(join(tmpdir(), 'tierprobe-evidence-'));
  return { path, [Symbol.asyncDispose]: () => rm(path, { recursive: true, force: true }) };
}

/** A scenario directory as run leaves it before the evidence: reports, nested policies, a file with a space in its name. */
export async function writeSampleBundle(dir: string): Promise<string[]> {
  const files: [string, string][] = [
    ['results.json', '{"run":{}}\n'],
    ['report.md', '# two-steps\n'],
    ['junit.xml', '<testsuites/>\n'],
    ['policies/SHA256SUMS', ''],
    ['policies/01-baseline/01-apply-networkpolicy-x-deny.yaml', 'kind: NetworkPolicy\n'],
    ['diagnostics/pods/x a.txt', 'Running\n'],
  ];
  for (const [name, text] of files) {
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), text);
  }
  return files.map(([name]) => name);
}

export interface KeyFiles { privateKey: string; publicKey: string }

/** A key pair written as PEM (PKCS#8 and SPKI), as `openssl genpkey` and `openssl pkey -pubout` write them. */
export async function writeKeyPair(dir: string, name: string, type: 'ed25519' | 'ec' | 'rsa' = 'ed25519'): Promise<KeyFiles> {
  const pair = type === 'ed25519' ? generateKeyPairSync('ed25519')
    : type === 'ec' ? generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
      : generateKeyPairSync('rsa', { modulusLength: 2048 });
  const files = { privateKey: join(dir, `${name}.pem`), publicKey: join(dir, `${name}.pub`) };
  await writeFile(files.privateKey, privatePem(pair.privateKey));
  await writeFile(files.publicKey, pair.publicKey.export({ type: 'spki', format: 'pem' }));
  return files;
}

/** PKCS#8 PEM, as `openssl genpkey` writes it. */
export function privatePem(key: KeyObject): string | Buffer {
  return key.export({ type: 'pkcs8', format: 'pem' });
}
