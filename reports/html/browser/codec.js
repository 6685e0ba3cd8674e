// @ts-check
// The page's side of reports/html/packed.ts and cell-tokens.ts: reads the packed per-cell
// numbers and puts a cell's names back into its record's texts. Pure, so that a unit test can
// run it in Node against the encoders (reports/html/codec.test.ts).

const packAlphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
const packValue = new Int8Array(128).fill(-1);
for (let i = 0; i < packAlphabet.length; i++) packValue[packAlphabet.charCodeAt(i)] = i;

/**
 * Cell i of a packed string.
 * @param {{ w: number, s: string }} p
 * @param {number} i
 */
function packedAt(p, i) {
  let v = 0;
  for (let k = 0, at = i * p.w; k < p.w; k++, at++) v = v * 64 + (packValue[p.s.charCodeAt(at)] ?? 0);
  return v;
}

/**
 * A packed figure in ms, or undefined where the cell has none.
 * @param {{ w: number, s: string, min: number, step: number } | undefined} p
 * @param {number} i
 */
function figureAt(p, i) {
  if (!p) return undefined;
  const v = packedAt(p, i);
  return v === 0 ? undefined : Math.round((v - 1 + p.min) * p.step * 1000) / 1000;
}

/**
 * The same words, in the same order, as cellTokens in cell-tokens.ts.
 * @param {string} from
 * @param {string} column
 * @param {number} port
 * @param {string} protocol
 * @param {Record<string, string>} ips
 */
function cellTokens(from, column, port, protocol, ips) {
  const backend = column.includes('→') ? column.slice(column.indexOf('→') + 1) : column;
  /** @param {string} a */
  const words = (a) => a.replace(/^(external|svc):/, '').split(/[/→]/);
  return [...words(from), ...words(column), String(port), protocol, ips[backend] ?? '', ips[from] ?? ''];
}

/**
 * @param {string} text
 * @param {readonly string[]} tokens
 */
function untemplate(text, tokens) {
  if (!text.includes('\u0001')) return text;
  return text.replace(/\u0001(.)/g, (_, c) => (c === '~' ? '\u0001' : tokens[c.charCodeAt(0) - 48] ?? ''));
}
