// Which signature a key makes: one fixed algorithm per kind of key, named in MANIFEST.sig.
// Ed25519 is the documented one; the others are what node:crypto signs with sound defaults.
import { createHash, type KeyObject } from 'node:crypto';

export const signatureAlgorithms = ['ed25519', 'ed448', 'ecdsa-p256-sha256', 'ecdsa-p384-sha384', 'ecdsa-p521-sha512', 'rsa-pkcs1-sha256'] as const;
export type SignatureAlgorithm = (typeof signatureAlgorithms)[number];

/** crypto.sign's first argument: null where the algorithm hashes by itself (EdDSA). */
export const digestOf: Record<SignatureAlgorithm, string | null> = {
  'ed25519': null,
  'ed448': null,
  'ecdsa-p256-sha256': 'sha256',
  'ecdsa-p384-sha384': 'sha384',
  'ecdsa-p521-sha512': 'sha512',
  // PKCS#1 v1.5, crypto.sign's default for RSA: what `openssl dgst -sha256 -verify` checks.
  'rsa-pkcs1-sha256': 'sha256',
};

const curves: Record<string, SignatureAlgorithm> = { 'prime256v1': 'ecdsa-p256-sha256', 'secp384r1': 'ecdsa-p384-sha384', 'secp521r1': 'ecdsa-p521-sha512' };

/** The algorithm a key (private or public) signs with, or why tierprobe takes no such key. */
export function algorithmFor(key: KeyObject): { algorithm: SignatureAlgorithm } | { refused: string } {
  const type = key.asymmetricKeyType;
  const details = key.asymmetricKeyDetails ?? {};
  if (type === 'ed25519' || type === 'ed448') return { algorithm: type };
  if (type === 'ec') {
    const algorithm = curves[details.namedCurve ?? ''];
    return algorithm ? { algorithm } : { refused: `an EC key on curve ${details.namedCurve ?? '?'}; tierprobe signs with P-256, P-384 or P-521 (or, best, Ed25519)` };
  }
  if (type === 'rsa') {
    const bits = details.modulusLength ?? 0;
    return bits >= 2048 ? { algorithm: 'rsa-pkcs1-sha256' } : { refused: `an RSA key of ${bits} bits; tierprobe wants at least 2048 (or, best, Ed25519)` };
  }
  return { refused: `a key of type ${type ?? '?'}, which tierprobe does not sign with; use Ed25519 (openssl genpkey -algorithm ed25519)` };
}

/** sha256 of the DER SubjectPublicKeyInfo, hex: `openssl pkey -pubin -in KEY.pub -outform DER | sha256sum`. */
export function keyFingerprint(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ type: 'spki', format: 'der' })).digest('hex');
}
