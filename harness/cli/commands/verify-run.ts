// tierprobe verify, the implementation. Reads only: it never writes into the bundle.
import { InputError, exitCodes, type ExitCode, type Problem } from '../../errors.ts';
import { checkBundle, loadBundle, type BundleCheck, type LoadedBundle } from '../../evidence/check-bundle.ts';
import { findBundles } from '../../evidence/find-bundles.ts';
import { loadVerifyingKey } from '../../evidence/signing-keys.ts';
import { bundleOk, renderVerify } from '../../evidence/verify-report.ts';
import type { Deps } from '../command.ts';
import type { VerifyOptions } from './verify.ts';

export async function run(o: VerifyOptions, deps: Deps): Promise<ExitCode> {
  const problems: Problem[] = [];
  const key = await collect(problems, () => (o.publicKey === undefined ? Promise.resolve(undefined) : loadVerifyingKey(o.publicKey)));
  const found = await collect(problems, () => findBundles(o.dir));
  // Every MANIFEST and MANIFEST.sig is read and parsed before anything is hashed: bad input is told whole, at once.
  const loaded: LoadedBundle[] = [];
  for (const dir of found?.bundles ?? []) {
    const b = await collect(problems, () => loadBundle(dir));
    if (b) loaded.push(b);
  }
  if (problems.length > 0 || !found) throw new InputError(problems);
  const checks: BundleCheck[] = [];
  for (const b of loaded) checks.push(await checkBundle(b, key));
  deps.stdout(renderVerify(o.dir, found, checks));
  return checks.every(bundleOk) && found.withoutManifest.length === 0 ? exitCodes.ok : exitCodes.mismatch;
}

/** The value, or undefined with its problems added when it is bad input. */
async function collect<T>(problems: Problem[], f: () => Promise<T>): Promise<T | undefined> {
  try {
    return await f();
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    problems.push(...e.problems);
    return undefined;
  }
}
