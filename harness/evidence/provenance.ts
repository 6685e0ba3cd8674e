// What a bundle's report says of its own evidence: how far its MANIFEST can be trusted, and
// whose clock its times are. Pure; report.md, report.html and `verify` say the same words.

export interface BundleSigning {
  /** Signed with a key the user supplied: its fingerprint (sha256 of the public key, hex). */
  keyFingerprint?: string;
}

export function provenanceLines(s: BundleSigning): string[] {
  return [
    s.keyFingerprint === undefined
      ? 'MANIFEST lists the sha256 of every file of this bundle. It is not signed: it guards against accidental change only, since anyone who edits a file can hash it again (run with --sign-key to sign it).'
      : `MANIFEST lists the sha256 of every file of this bundle and is signed (MANIFEST.sig) with the key whose fingerprint is ${s.keyFingerprint}: \`tierprobe verify DIR --public-key KEY\` checks both.`,
    'Times are from the local clock of the machine that ran tierprobe; nothing vouches for them.',
  ];
}
