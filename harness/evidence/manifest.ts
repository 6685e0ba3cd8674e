// MANIFEST: the sha256 of every file of a bundle, one `<hex>  <path>` line each, sorted by path.
// That is sha256sum's own format, so `sha256sum -c MANIFEST` checks a bundle without tierprobe.
// Pure: formatting and strict parsing; listing and hashing the files is bundle-files.ts.
import { InputError, type Problem } from '../errors.ts';

export const MANIFEST = 'MANIFEST';
export const MANIFEST_SIG = 'MANIFEST.sig';

export interface ManifestEntry {
  /** POSIX path relative to the bundle directory. */
  path: string;
  /** Lowercase hex. */
  sha256: string;
}

/** Why a path cannot be a MANIFEST line, or undefined when it can. */
export function unlistableReason(path: string): string | undefined {
  // sha256sum escapes such names with a leading backslash; tierprobe writes none, so it takes none.
  if (/[\u0000-\u001f\u007f\\]/.test(path)) return 'its name holds a control character or a backslash';
  if (path.startsWith('/') || path.split('/').some((s) => s === '' || s === '.' || s === '..')) return 'not a plain relative path';
  if (path === MANIFEST || path === MANIFEST_SIG) return `${path} does not list itself`;
  return undefined;
}

/** The MANIFEST text: entries sorted by path, each line ending in a newline. */
export function formatManifest(entries: readonly ManifestEntry[]): string {
  return [...entries].sort((a, b) => comparePaths(a.path, b.path)).map((e) => {
    const why = unlistableReason(e.path);
    if (why !== undefined) throw new Error(`cannot list ${JSON.stringify(e.path)} in MANIFEST: ${why}`);
    return `${e.sha256}  ${e.path}\n`;
  }).join('');
}

/** Strict: every line is `<64 lowercase hex>  <path>`, each path once. Throws InputError naming file:line of every bad line. */
export function parseManifest(text: string, file: string): ManifestEntry[] {
  const lines = text.split('\n');
  // The newline after the last line ends it; it does not open an empty line.
  if (lines[lines.length - 1] === '') lines.pop();
  const problems: Problem[] = [];
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  lines.forEach((line, i) => {
    const at = { file, line: i + 1 };
    const m = /^([0-9a-f]{64}) {2}(.+)$/.exec(line);
    if (!m) {
      problems.push({ ...at, message: `not a MANIFEST line (want "<64 lowercase hex digits>  <path>"): ${JSON.stringify(line.slice(0, 120))}` });
      return;
    }
    const [, sha256 = '', path = ''] = m;
    const why = unlistableReason(path);
    if (why !== undefined) problems.push({ ...at, message: `${JSON.stringify(path)}: ${why}` });
    else if (seen.has(path)) problems.push({ ...at, message: `${path} is listed twice` });
    else {
      seen.add(path);
      entries.push({ path, sha256 });
    }
  });
  if (problems.length > 0) throw new InputError(problems);
  return entries;
}

/** Code-unit order: the same on every machine, whatever its locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
