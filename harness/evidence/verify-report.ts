// What `tierprobe verify` prints: per bundle, every file that differs from its MANIFEST, what
// the signature check found, and how far an intact MANIFEST can be trusted. Pure.
import { basename, join } from 'node:path';
import type { BundleCheck } from './check-bundle.ts';
import type { FoundBundles } from './find-bundles.ts';
import { differs } from './manifest-diff.ts';
import { signatureAccepted, type SignatureCheck } from './manifest-signature.ts';
import { provenanceLines } from './provenance.ts';

export function bundleOk(c: BundleCheck): boolean {
  return !differs(c.diff) && signatureAccepted(c.signature);
}

/** root: the DIR given; every check of found.bundles, in order. */
export function renderVerify(root: string, found: FoundBundles, checks: readonly BundleCheck[]): string {
  const out: string[] = [];
  if (found.nested) out.push(`${root} is not a bundle but holds ${checks.length} (directories with a MANIFEST); each is checked: ${found.bundles.map((b) => basename(b)).join(', ')}`, '');
  for (const c of checks) out.push(...renderBundle(c), '');
  if (found.nested) {
    for (const d of found.withoutManifest) out.push(`${join(root, d)}/: no MANIFEST, so nothing in it can be checked (counted as a failure)`);
    if (found.looseFiles.length > 0) out.push(`not covered by any MANIFEST (files directly in ${root}): ${found.looseFiles.join(', ')}`);
    const ok = checks.filter(bundleOk).length;
    out.push(`${ok} of ${checks.length} bundles intact${found.withoutManifest.length > 0 ? `, ${found.withoutManifest.length} director${found.withoutManifest.length === 1 ? 'y' : 'ies'} without a MANIFEST` : ''}`);
  }
  return out.join('\n').replace(/\n+$/, '') + '\n';
}

function renderBundle(c: BundleCheck): string[] {
  const d = c.diff;
  const out = [differs(d)
    ? `${c.dir}: DIFFERS from its MANIFEST: ${d.changed.length} changed, ${d.added.length} added, ${d.removed.length} removed (MANIFEST lists ${c.listed} files)`
    : `${c.dir}: files intact: the ${c.listed} files MANIFEST lists hash as listed, and there are no others`];
  for (const f of d.changed) out.push(`  changed  ${f.path} (${f.why})`);
  for (const f of d.added) out.push(`  added    ${f.path}${f.why ? ` (${f.why})` : ''}`);
  for (const p of d.removed) out.push(`  removed  ${p}`);
  const sig = signatureLine(c.signature);
  if (sig) out.push(`  ${sig}`);
  const signedBy = 'signedBy' in c.signature ? c.signature.signedBy : undefined;
  out.push(...provenanceLines(signedBy === undefined ? {} : { keyFingerprint: signedBy }).map((l) => `  ${l}`));
  if (!bundleOk(c)) out.push(`  => bundle NOT verified${differs(d) ? '' : ' (the files are intact, the signature is not accepted)'}`);
  return out;
}

function signatureLine(s: SignatureCheck): string | undefined {
  switch (s.state) {
    case 'unsigned': return undefined;
    case 'unsigned-but-key-given': return `signature: none (no MANIFEST.sig), yet --public-key was given (fingerprint ${s.given}): nothing shows this bundle comes from that key`;
    case 'not-checked': return `signature: MANIFEST.sig says ${s.algorithm} by the key with fingerprint ${s.signedBy}, but no --public-key was given, so it was NOT checked (anyone can write a MANIFEST.sig): give the signer's public key`;
    case 'other-key': return `signature: made by the key with fingerprint ${s.signedBy}, not by the one given (${s.given})`;
    case 'bad-signature': return `signature: BAD: MANIFEST.sig names the given key (${s.signedBy}) but does not verify with it: MANIFEST or MANIFEST.sig changed after signing`;
    case 'verified': return `signature: verified (${s.algorithm}) with the given key, fingerprint ${s.signedBy}`;
  }
}
