// Reads an input file as text, refusing what is not text before any parser sees it.
import { readFile, stat } from 'node:fs/promises';
import { InputError, type Problem } from '../errors.ts';
import { positionOf } from './yaml-position.ts';

/** Far above any real scenario or policy file; parsing 1 MiB of YAML takes about a second. */
export const maxFileBytes = 1024 * 1024;

export async function readTextFile(file: string, shownAs: string = file): Promise<string> {
  const info = await stat(file).catch((cause: unknown) => {
    throw new InputError([{ file: shownAs, message: describeFsError(cause) }], { cause });
  });
  if (info.isDirectory()) throw new InputError([{ file: shownAs, message: 'is a directory, not a file' }]);
  if (info.size > maxFileBytes) {
    throw new InputError([{ file: shownAs, message: `file is ${info.size} bytes; the limit is ${maxFileBytes}` }]);
  }
  const bytes = await readFile(file).catch((cause: unknown) => {
    throw new InputError([{ file: shownAs, message: describeFsError(cause) }], { cause });
  });
  const problem = checkText(shownAs, bytes);
  if (problem) throw new InputError([problem]);
  return new TextDecoder('utf-8').decode(bytes);
}

/** A problem when bytes are not UTF-8 text (NUL and other control characters count as binary). */
export function checkText(file: string, bytes: Uint8Array): Problem | undefined {
  const text = new TextDecoder('utf-8').decode(bytes);
  // eslint-disable-next-line no-control-regex
  const control = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.exec(text);
  if (control) {
    const code = control[0].charCodeAt(0).toString(16).padStart(2, '0');
    return { file, ...positionOf(text, control.index), message: `binary data: control character 0x${code} has no place in a text file` };
  }
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return undefined;
  } catch {
    // The lenient decoding put U+FFFD where the bytes were not UTF-8.
    return { file, ...positionOf(text, Math.max(0, text.indexOf('\uFFFD'))), message: 'binary data: the file is not UTF-8 text' };
  }
}

function describeFsError(cause: unknown): string {
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  if (code === 'ENOENT') return 'file not found';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  return `cannot read: ${cause instanceof Error ? cause.message : String(cause)}`;
}
