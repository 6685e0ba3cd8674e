// @ts-check
// The run's data, embedded once as JSON (reports/html/page-data.ts), parsed the first time a
// heatmap needs it, so that a page of a million cells opens before anything is decoded.

/** @typedef {{ w: number, s: string }} Packed */
/** @typedef {Packed & { min: number, step: number }} PackedFigures */
/** @typedef {[string, number, number]} Group label, first index, end index (exclusive) */
/**
 * @typedef {{ port: number, protocol: string, rows: number[], cols: number[], rg: Group[], cg: Group[],
 *   views: number[], rec: Packed, lat?: PackedFigures, conv?: PackedFigures }} MatrixData
 */
/** @typedef {{ s: string, g: string[], d: [string, string][], m: [string, string, string][], r?: string }} CellRecord */
/**
 * @typedef {{ names: string[], ips: Record<string, string>, records: CellRecord[], views: string[],
 *   states: Record<string, string>, steps: { name: string, matrices: MatrixData[] }[] }} PageData
 */

/** @type {PageData | undefined} */
let parsedData;

/** @returns {PageData} */
function pageData() {
  if (!parsedData) parsedData = /** @type {PageData} */ (JSON.parse(document.getElementById('tierprobe-data')?.textContent ?? '{}'));
  return parsedData;
}

/**
 * The record of cell (r, c), or undefined where the destination does not serve the port.
 * @param {MatrixData} m
 * @param {number} r
 * @param {number} c
 */
function recordAt(m, r, c) {
  const i = packedAt(m.rec, r * m.cols.length + c);
  return i === 0 ? undefined : pageData().records[i - 1];
}

/**
 * The state character of cell (r, c) in a view, or '' where there is no cell.
 * @param {MatrixData} m
 * @param {number} r
 * @param {number} c
 * @param {number} view
 */
function stateAt(m, r, c, view) {
  return recordAt(m, r, c)?.s.charAt(view) ?? '';
}

/** @param {number} i */
function nameAt(i) {
  return pageData().names[i] ?? '?';
}

/**
 * As cellKey in harness/diff/observation.ts: a Service column names its backend in brackets.
 * @param {string} from
 * @param {string} column
 * @param {number} port
 * @param {string} protocol
 */
function cellKeyText(from, column, port, protocol) {
  const arrow = column.indexOf('→');
  if (arrow < 0) return `${from} -> ${column} ${port}/${protocol}`;
  return `${from} -> ${column.slice(0, arrow)} (${column.slice(arrow + 1)}) ${port}/${protocol}`;
}

/**
 * Create an element with a class and text (never HTML: every name comes from the run).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {string} [className]
 * @param {string} [text]
 * @returns {HTMLElementTagNameMap[K]}
 */
function el(tag, className, text) {
  const e = document.createElement(tag);
  if (className) e.className = className;
  if (text !== undefined) e.textContent = text;
  return e;
}
