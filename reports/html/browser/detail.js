// @ts-check
// A cell's detail, built from its record when the pointer reaches it: a tooltip on hover, and
// on click the same kept in a side panel with the command that reproduces the probe.

/** @typedef {{ step: number, m: MatrixData, view: number }} MapRef */
/** @typedef {{ r: number, n: number }} RowSpan a shown row: its first source, and how many identical sources it stands for */

/**
 * @param {MapRef} ref
 * @param {RowSpan} row
 * @param {number} c
 * @param {boolean} full the reproduce command and the step, as the side panel shows them
 */
function cellDetail(ref, row, c, full) {
  const { m } = ref;
  const from = nameAt(m.rows[row.r] ?? -1);
  const column = nameAt(m.cols[c] ?? -1);
  const box = el('div');
  box.append(el('div', 'key', cellKeyText(from, column, m.port, m.protocol)));
  const rec = recordAt(m, row.r, c);
  if (!rec) {
    box.append(el('div', '', 'The destination does not serve this port.'));
    return box;
  }
  const tokens = cellTokens(from, column, m.port, m.protocol, pageData().ips);
  const view = pageData().views[ref.view] ?? '';
  const state = pageData().states[rec.s.charAt(ref.view)] ?? '';
  box.append(el('div', '', `${view}: ${rec.g[ref.view] ?? ''} ${state}`));
  if (row.n > 1) box.append(el('div', '', `This row stands for ${row.n} sources whose cells are alike: ${from} and the ${row.n - 1} after it.`));
  const table = el('table');
  /** @param {string} label @param {string} text */
  const line = (label, text) => {
    const tr = el('tr');
    tr.append(el('th', '', label), el('td', '', text));
    table.append(tr);
  };
  for (const [label, text] of rec.d) line(label, untemplate(text, tokens));
  const i = row.r * m.cols.length + c;
  const latency = figureAt(m.lat, i);
  if (latency !== undefined) line('latency', `${latency} ms`);
  const converged = figureAt(m.conv, i);
  if (converged !== undefined) line('matched the model', `${converged} ms after the step's changes`);
  box.append(table);
  if (rec.m.length > 0) {
    const list = el('ul', 'mm');
    for (const [cls, mark, message] of rec.m) list.append(el('li', '', `${mark} ${cls}: ${untemplate(message, tokens)}`));
    box.append(el('div', 'key', `${rec.m.length} mismatch(es)`), list);
  } else {
    box.append(el('div', '', 'No mismatch.'));
  }
  if (rec.r !== undefined) {
    if (full) box.append(el('div', 'key', 'reproduce'), el('pre', 'reproduce', untemplate(rec.r, tokens)));
    else box.append(el('div', 'hint', 'Click for the command that reproduces this probe.'));
  }
  if (full) box.prepend(el('div', '', `step ${ref.step + 1}: ${pageData().steps[ref.step]?.name ?? ''}`));
  return box;
}

/**
 * Put content in the tooltip, beside the pointer and inside the window.
 * @param {Node} content
 * @param {MouseEvent} event
 */
function showTip(content, event) {
  const tip = /** @type {HTMLElement} */ (document.getElementById('tip'));
  tip.replaceChildren(content);
  tip.hidden = false;
  const x = Math.min(event.clientX + 14, window.innerWidth - tip.offsetWidth - 8);
  const y = event.clientY + 14 + tip.offsetHeight > window.innerHeight ? event.clientY - tip.offsetHeight - 10 : event.clientY + 14;
  tip.style.left = `${Math.max(4, x)}px`;
  tip.style.top = `${Math.max(4, y)}px`;
}

function hideTip() {
  const tip = document.getElementById('tip');
  if (tip) tip.hidden = true;
}

/** @type {HTMLElement | undefined} */
let pinnedCell;

/**
 * Keep a cell's detail in the side panel until closed.
 * @param {Node} content
 * @param {HTMLElement} cell
 */
function pinDetail(content, cell) {
  const panel = /** @type {HTMLElement} */ (document.getElementById('detail'));
  const close = el('button', 'close', 'close');
  close.type = 'button';
  close.addEventListener('click', unpinDetail);
  panel.replaceChildren(close, content);
  panel.hidden = false;
  pinnedCell?.classList.remove('pinned');
  pinnedCell = cell;
  cell.classList.add('pinned');
}

function unpinDetail() {
  const panel = document.getElementById('detail');
  if (panel) panel.hidden = true;
  pinnedCell?.classList.remove('pinned');
  pinnedCell = undefined;
}
