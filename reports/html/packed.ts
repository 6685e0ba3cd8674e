// Per-cell numbers of a heatmap as fixed-width base-64 text: one string per matrix, read by the
// page at any offset without parsing (a million cells take 1-3 MB, not a JSON array of a million
// numbers). The page's decoder is browser/codec.js; packed.test.ts checks the two agree.

export const packAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Cell i is the w characters at i * w. */
export interface Packed { w: number; s: string }

/** Non-negative integers, each in as many characters as the largest needs (at least one). */
export function packIntegers(values: ArrayLike<number>): Packed {
  let max = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`packIntegers: ${v} is not a non-negative integer`);
    if (v > max) max = v;
  }
  let w = 1;
  while (64 ** w <= max) w++;
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    let v = values[i] ?? 0;
    let text = '';
    for (let k = 0; k < w; k++) {
      text = packAlphabet.charAt(v % 64) + text;
      v = Math.floor(v / 64);
    }
    parts[i] = text;
  }
  return { w, s: parts.join('') };
}

/** Optional measurements (ms): 0 is "none", else round(value / step) - min + 1. */
export interface PackedFigures extends Packed { min: number; step: number }

/** Absent when no cell has a figure. */
export function packFigures(values: readonly (number | undefined)[], step: number): PackedFigures | undefined {
  const scaled = values.map((v) => (v === undefined || !Number.isFinite(v) ? undefined : Math.round(v / step)));
  const present = scaled.filter((v): v is number => v !== undefined);
  if (present.length === 0) return undefined;
  const min = present.reduce((a, b) => Math.min(a, b));
  return { ...packIntegers(scaled.map((v) => (v === undefined ? 0 : v - min + 1))), min, step };
}
