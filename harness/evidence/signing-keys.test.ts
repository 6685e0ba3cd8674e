import { expect } from 'chai';
import { generateKeyPairSync } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../errors.ts';
import { loadSigningKey, loadVerifyingKey } from './signing-keys.ts';
import { privatePem, tempDir, writeKeyPair } from './bundle.test-helper.ts';

async function inputError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    expect(e).to.be.instanceOf(InputError);
    return (e as InputError).message;
  }
  throw new Error('expected an InputError');
}

describe('signing keys: what --sign-key and --public-key take', () => {
  it('an Ed25519 pair: the same fingerprint from the private and the public key', async () => {
    await using tmp = await tempDir();
    const pair = await writeKeyPair(tmp.path, 'k');
    const priv = await loadSigningKey(pair.privateKey);
    const pub = await loadVerifyingKey(pair.publicKey);
    expect(priv).to.include({ algorithm: 'ed25519', file: pair.privateKey });
    expect(priv.fingerprint).to.match(/^[0-9a-f]{64}$/).and.equal(pub.fingerprint);
  });

  it('every bad key is bad input naming its file', async () => {
    await using tmp = await tempDir();
    const pair = await writeKeyPair(tmp.path, 'k');
    const garbage = join(tmp.path, 'garbage.pem');
    await writeFile(garbage, 'not a key\n');
    const weak = join(tmp.path, 'weak.pem');
    await writeFile(weak, privatePem(generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey));
    const x25519 = join(tmp.path, 'x25519.pem');
    await writeFile(x25519, privatePem(generateKeyPairSync('x25519').privateKey));
    const k1 = join(tmp.path, 'k1.pem');
    await writeFile(k1, privatePem(generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey));
    await mkdir(join(tmp.path, 'a-dir'));
    const cases: [() => Promise<unknown>, string, RegExp][] = [
      [() => loadSigningKey(join(tmp.path, 'none.pem')), join(tmp.path, 'none.pem'), /cannot read the key: ENOENT/],
      [() => loadSigningKey(join(tmp.path, 'a-dir')), join(tmp.path, 'a-dir'), /cannot read the key: EISDIR/],
      [() => loadSigningKey(garbage), garbage, /not a PEM private key node:crypto can read/],
      [() => loadSigningKey(pair.publicKey), pair.publicKey, /it holds a public key; --sign-key takes the private key/],
      [() => loadSigningKey(weak), weak, /an RSA key of 1024 bits; tierprobe wants at least 2048/],
      [() => loadSigningKey(x25519), x25519, /a key of type x25519, which tierprobe does not sign with; use Ed25519/],
      [() => loadSigningKey(k1), k1, /an EC key on curve secp256k1/],
      [() => loadVerifyingKey(garbage), garbage, /not a PEM public key node:crypto can read/],
    ];
    for (const [p, file, message] of cases) {
      const text = await inputError(p());
      expect(text.startsWith(`${file}: `), text).to.equal(true);
      expect(text).to.match(message);
    }
  });

  it('--public-key also takes the private key, read for its public half', async () => {
    await using tmp = await tempDir();
    const pair = await writeKeyPair(tmp.path, 'k');
    expect((await loadVerifyingKey(pair.privateKey)).fingerprint).to.equal((await loadVerifyingKey(pair.publicKey)).fingerprint);
  });
});
