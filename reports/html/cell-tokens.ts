// A cell's texts with its own names taken out, so that texts which differ from cell to cell only
// by those names (the reproduce command, "model allow, observed dropped") are stored once for a
// million cells. The page puts the names back (browser/codec.js: cellTokens, untemplate).

/** Starts a placeholder: MARK + '0'.. for token k, MARK + '~' for a MARK of the text itself. */
export const tokenMark = '\u0001';

/**
 * What the page knows of a cell without its record: the source, the column (ns/pod,
 * external:NAME, svc:NS/NAME→ns/pod), the port, the protocol, and the pods' addresses: the
 * destination's first, so that a pod probing itself names its address as any other source does.
 */
export function cellTokens(from: string, column: string, port: number, protocol: string, ips: Readonly<Record<string, string>>): string[] {
  const backend = column.includes('→') ? column.slice(column.indexOf('→') + 1) : column;
  return [...addressWords(from), ...addressWords(column), String(port), protocol, ips[backend] ?? '', ips[from] ?? ''];
}

/** ns/pod -> [ns, pod]; external:NAME -> [NAME]; svc:NS/NAME→ns/pod -> [NS, NAME, ns, pod]. */
function addressWords(address: string): string[] {
  return address.replace(/^(external|svc):/, '').split(/[/→]/);
}

/**
 * The text with each word equal to a token (the first, where two are equal) as a placeholder.
 * A word is a run of [A-Za-z0-9_.-]: a token replaces only a whole word, so `security.deny-x-y`
 * stays as it is. Scanned by hand: a million cells' texts go through here (twice the speed of a
 * replace with a callback).
 */
export function templated(text: string, tokens: readonly string[]): string {
  const source = text.includes(tokenMark) ? text.replaceAll(tokenMark, `${tokenMark}~`) : text;
  let out = '';
  let copied = 0;
  for (let i = 0; i < source.length;) {
    if (!isWordChar(source.charCodeAt(i))) {
      i++;
      continue;
    }
    let end = i + 1;
    while (end < source.length && isWordChar(source.charCodeAt(end))) end++;
    for (let k = 0; k < tokens.length && k < 10; k++) {
      const t = tokens[k] ?? '';
      if (t.length === end - i && source.startsWith(t, i)) {
        out += source.slice(copied, i) + tokenMark + String(k);
        copied = end;
        break;
      }
    }
    i = end;
  }
  return copied === 0 ? source : out + source.slice(copied);
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 46 || c === 45;
}
