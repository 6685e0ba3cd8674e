// MANIFEST.sig: a small JSON document beside MANIFEST. The signature covers the exact bytes of
// MANIFEST, nothing else; the fingerprint says which key made it, so verify can name the signer.
//
//   {
//     "format": "tierprobe-manifest-signature/1",
//     "algorithm": "ed25519",
//     "publicKeySha256": "<sha256 of the DER SubjectPublicKeyInfo, hex>",
//     "signature": "<base64>"
//   }
import { z } from 'zod';
import { InputError } from '../errors.ts';
import { signatureAlgorithms } from './signature-scheme.ts';

export const SIGNATURE_FORMAT = 'tierprobe-manifest-signature/1';

const signatureFileSchema = z.strictObject({
  format: z.literal(SIGNATURE_FORMAT),
  algorithm: z.enum(signatureAlgorithms),
  publicKeySha256: z.string().regex(/^[0-9a-f]{64}$/, 'want 64 lowercase hex digits'),
  signature: z.string().regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'want base64').min(1),
});

export type SignatureFile = z.infer<typeof signatureFileSchema>;

export function formatSignatureFile(s: SignatureFile): string {
  return JSON.stringify(s, null, 2) + '\n';
}

/** Strict: unknown fields, another format or algorithm, bad hex or base64 are every one told (InputError). */
export function parseSignatureFile(text: string, file: string): SignatureFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new InputError([{ file, message: `not JSON: ${e instanceof Error ? e.message : String(e)}` }], { cause: e });
  }
  const parsed = signatureFileSchema.safeParse(json);
  if (!parsed.success) {
    throw new InputError(parsed.error.issues.map((i) => ({ file, ...(i.path.length > 0 ? { path: i.path.join('.') } : {}), message: i.message })));
  }
  return parsed.data;
}
