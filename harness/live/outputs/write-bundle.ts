// A live run's bundle, in the order that keeps MANIFEST true: the outputs, diagnostics where the
// run left some, then run.log and MANIFEST last (they cover everything). `tierprobe run` and the
// programmatic runScenario both write it.
import { writeDiagnostics } from '../diagnostics/write-diagnostics.ts';
import type { BundleKey } from '../../evidence/signing-keys.ts';
import { clearPreviousEvidence, writeEvidence } from '../../evidence/write-evidence.ts';
import type { LiveRun } from '../run-types.ts';
import { writeOutputs } from './write-outputs.ts';

export interface WrittenBundle {
  dir: string;
  signed: boolean;
  /** Files of the bundle's directory MANIFEST does not list, and why. */
  unlisted: { path: string; why: string }[];
}

export async function writeRunBundle(out: string, run: LiveRun, stepNames: readonly string[], log: { write(text: string): void; text(): string }, signKey?: BundleKey): Promise<WrittenBundle> {
  if (signKey) run.signing = { keyFingerprint: signKey.fingerprint };
  const dir = await writeOutputs(out, run, stepNames);
  await clearPreviousEvidence(dir);
  if (run.diagnostics) {
    const at = await writeDiagnostics(dir, run.diagnostics.reason, run.diagnostics.files);
    log.write(`diagnostics: ${at}/ (${run.diagnostics.reason})\n`);
  }
  const evidence = await writeEvidence(dir, log.text(), signKey);
  return { dir, signed: evidence.signed, unlisted: evidence.unlisted };
}
