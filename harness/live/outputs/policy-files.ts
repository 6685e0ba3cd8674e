// Where each applied document is written under policies/, and the checksums that pin them.
import type { AppliedRecord } from '../run-types.ts';

export interface PolicyFile { path: string; record: AppliedRecord }

/** policies/<step>-<step name>/<order>-<apply|delete>-<kind>-<namespace>-<name>.yaml, stable and readable. */
export function policyFiles(applied: readonly AppliedRecord[]): PolicyFile[] {
  const counters = new Map<number, number>();
  return applied.map((record) => {
    const n = (counters.get(record.step) ?? 0) + 1;
    counters.set(record.step, n);
    const dir = `${pad(record.step + 1)}-${slug(record.stepName)}`;
    const name = [pad(n), record.action, record.id.kind, record.id.namespace, record.id.name].filter(Boolean).map((s) => slug(String(s))).join('-');
    return { path: `${dir}/${name}.yaml`, record };
  });
}

/** `sha256sum -c` format, paths relative to policies/. */
export function sha256sums(files: readonly PolicyFile[]): string {
  return files.map((f) => `${f.record.sha256}  ${f.path}\n`).join('');
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9.]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'x';
}
