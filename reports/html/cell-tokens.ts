// A cell's texts with its own names taken out, so that texts which differ from cell to cell only
// by those names (the reproduce command, "model allow, observed dropped") are stored once for a
// million cells. The page puts the names back (browser/codec.js: cellTokens, untemplate).

/** Starts a placeholder: MARK + '0'.. for token k, MARK + '~' for a MARK of the text itself. */
export const tokenMark = '\u0001';

/** A word: a token replaces only a whole word, so `security.deny-x-y` stays as it is. */
const words = /[A-Za-z0-9_.-]+/g;

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

/** The text with each word equal to a token (the first, where two are equal) as a placeholder. */
export function templated(text: string, tokens: readonly string[]): string {
  const escaped = text.includes(tokenMark) ? text.replaceAll(tokenMark, `${tokenMark}~`) : text;
  return escaped.replace(words, (word) => {
    const k = tokens.indexOf(word);
    return k >= 0 && k < 10 ? tokenMark + String(k) : word;
  });
}
