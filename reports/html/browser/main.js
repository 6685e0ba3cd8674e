// @ts-check
// Draws a heatmap the first time its <details> opens (a run of a million cells draws nothing
// until asked): the view buttons, then the cell grid, or for a big heatmap the block grid whose
// blocks open their cells below it.

/** Up to this many sources and destinations, a heatmap shows every cell at once. */
const directLimit = 60;

/** @param {HTMLDetailsElement} details */
function drawHeatmap(details) {
  if (details.dataset.drawn) return;
  details.dataset.drawn = 'yes';
  const step = Number(details.dataset.step);
  const m = pageData().steps[step]?.matrices[Number(details.dataset.map)];
  const host = details.querySelector('.map-host');
  if (!m || !host) return;
  /** @type {MapRef} */
  const ref = { step, m, view: m.views[0] ?? 0 };
  /** @type {[number, number] | undefined} */
  let drilled;
  const tabs = el('div', 'views');
  const body = el('div');
  const drill = el('div');
  const draw = () => {
    for (const b of tabs.querySelectorAll('button')) b.setAttribute('aria-pressed', String(Number(b.dataset.view) === ref.view));
    const direct = (m.rows.length <= directLimit && m.cols.length <= directLimit) || (m.rg.length === 1 && m.cg.length === 1);
    body.replaceChildren(direct ? cellGrid(ref, 0, m.rows.length, 0, m.cols.length) : blockGrid(ref, openBlock));
    if (drilled) openBlock(...drilled);
  };
  /** @param {number} g @param {number} h */
  const openBlock = (g, h) => {
    const rg = m.rg[g];
    const cg = m.cg[h];
    if (!rg || !cg) return;
    drilled = [g, h];
    const close = el('button', '', 'close');
    close.type = 'button';
    close.addEventListener('click', () => { drilled = undefined; drill.replaceChildren(); });
    const panel = el('div', 'drill');
    panel.append(el('strong', '', `${rg[0]} → ${cg[0]}: ${rg[2] - rg[1]} source(s) × ${cg[2] - cg[1]} destination(s) `), close,
      cellGrid(ref, rg[1], rg[2], cg[1], cg[2]));
    drill.replaceChildren(panel);
  };
  if (m.views.length > 1) {
    for (const v of m.views) {
      const b = el('button', '', pageData().views[v] ?? '');
      b.type = 'button';
      b.dataset.view = String(v);
      b.addEventListener('click', () => { ref.view = v; draw(); });
      tabs.append(b);
    }
  }
  host.replaceChildren(tabs, body, drill);
  draw();
}

for (const details of document.querySelectorAll('details.heatmap')) {
  if (!(details instanceof HTMLDetailsElement)) continue;
  if (details.open) drawHeatmap(details);
  details.addEventListener('toggle', () => { if (details.open) drawHeatmap(details); });
}
document.addEventListener('keydown', (e) => { if (e.key === 'Escape') unpinDetail(); });
