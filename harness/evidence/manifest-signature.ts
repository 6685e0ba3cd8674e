// Signing a MANIFEST and checking its signature, with node:crypto only. What a check found is
// an enum of states, never a bool: "not checked" must not read as "fine".
import { sign, verify } from 'node:crypto';
import type { BundleKey } from './signing-keys.ts';
import { digestOf } from './signature-scheme.ts';
import { SIGNATURE_FORMAT, type SignatureFile } from './signature-file.ts';

/** Signs the exact bytes of MANIFEST. key: from loadSigningKey. */
export function signManifest(manifest: Uint8Array, key: BundleKey): SignatureFile {
  return {
    format: SIGNATURE_FORMAT,
    algorithm: key.algorithm,
    publicKeySha256: key.fingerprint,
    signature: sign(digestOf[key.algorithm], manifest, key.key).toString('base64'),
  };
}

export type SignatureCheck =
  /** No MANIFEST.sig and no key asked for one: the MANIFEST guards against accidents only. */
  | { state: 'unsigned' }
  /** A key was given but there is no MANIFEST.sig: nothing ties the bundle to that key. */
  | { state: 'unsigned-but-key-given'; given: string }
  /** Signed, but no key was given: the signature was not checked (anyone can write a MANIFEST.sig). */
  | { state: 'not-checked'; signedBy: string; algorithm: string }
  /** Signed by another key than the one given. */
  | { state: 'other-key'; signedBy: string; given: string }
  /** Names the given key, but does not verify with it: MANIFEST or MANIFEST.sig changed after signing. */
  | { state: 'bad-signature'; signedBy: string; algorithm: string }
  | { state: 'verified'; signedBy: string; algorithm: string };

/** key: from loadVerifyingKey (the public key), when --public-key was given. */
export function checkSignature(manifest: Uint8Array, signature: SignatureFile | undefined, key: BundleKey | undefined): SignatureCheck {
  if (!signature) return key ? { state: 'unsigned-but-key-given', given: key.fingerprint } : { state: 'unsigned' };
  const signedBy = signature.publicKeySha256;
  if (!key) return { state: 'not-checked', signedBy, algorithm: signature.algorithm };
  if (signedBy !== key.fingerprint) return { state: 'other-key', signedBy, given: key.fingerprint };
  const ok = signature.algorithm === key.algorithm && verifies(manifest, signature, key);
  return { state: ok ? 'verified' : 'bad-signature', signedBy, algorithm: signature.algorithm };
}

/** Whether a check lets verify exit 0. */
export function signatureAccepted(c: SignatureCheck): boolean {
  return c.state === 'unsigned' || c.state === 'verified';
}

function verifies(manifest: Uint8Array, signature: SignatureFile, key: BundleKey): boolean {
  try {
    return verify(digestOf[key.algorithm], manifest, key.key, Buffer.from(signature.signature, 'base64'));
  } catch {
    // A signature of the wrong shape for the key (a truncated DER for ECDSA) does not verify.
    return false;
  }
}
