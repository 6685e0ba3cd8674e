// Aligns rows of text cells into columns (the first column left-aligned, the rest centred).

export function textTable(rows: readonly (readonly string[])[], indent = '  '): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => { widths[i] = Math.max(widths[i] ?? 0, width(cell)); });
  return rows.map((row) => indent + row.map((cell, i) => {
    const w = widths[i] ?? 0;
    if (i === 0) return cell + ' '.repeat(w - width(cell));
    const left = Math.floor((w - width(cell)) / 2);
    return ' '.repeat(left) + cell + ' '.repeat(w - width(cell) - left);
  }).join('  ').trimEnd()).join('\n');
}

/** Display width: every code point counts one (the glyphs used are single width). */
function width(s: string): number {
  return [...s].length;
}
