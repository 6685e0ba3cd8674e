// Finds where a field path sits in a parsed YAML document, for file:line:column messages.
import { isMap, isNode, isPair, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

export type FieldPath = readonly (string | number)[];
export interface Position { line: number; column: number }

/** 1-based line and column of a character offset in text. */
export function positionOf(text: string, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === '\n') { line++; lineStart = i + 1; }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The position of `path` in `doc`. With `key: true` it points at the key of the last
 * segment (for "unknown field"). A path that does not exist points at its deepest existing parent.
 */
export function locate(doc: Document, lineCounter: LineCounter, path: FieldPath, opts: { key?: boolean } = {}): Position {
  let node: unknown = doc.contents;
  let at: Node | null = doc.contents;
  for (const [i, segment] of path.entries()) {
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      // A field whose value is a whole mapping or list is shown at its key, the line a reader looks for.
      const keyFirst = opts.key || isMap(pair.value) || isSeq(pair.value);
      if (last && keyFirst && isScalar(pair.key)) { at = pair.key; break; }
      node = pair.value;
      if (isNode(pair.value)) at = pair.value;
      else if (isScalar(pair.key)) { at = pair.key; break; }
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) break;
      node = item;
      at = item;
    } else break;
  }
  const offset = at?.range?.[0] ?? 0;
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col };
}

/** `steps[1].expect.rules[0]` */
export function formatPath(path: FieldPath): string {
  return path.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}
