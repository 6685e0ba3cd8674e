// @ts-check
// The heatmap's two tables. The cell grid: sources down, destinations across, a cell per pod
// pair, grouped by namespace, where consecutive sources of a namespace whose cells are alike
// show as one row (with a count). The block grid, for a heatmap too big to read cell by cell: a
// block per pair of namespaces, with its count when all its cells are alike. Both show at most
// pageSize rows and columns at a time.

const pageSize = 100;
const stateOrder = 'ADadMEU';

/** @typedef {RowSpan & { gstart: boolean }} ShownRow */

/**
 * Rows r0..r1 as shown: consecutive sources of a group whose cells in columns c0..c1 have the
 * same records collapse into one, except those the reader expanded.
 * @param {MatrixData} m
 * @param {number} r0
 * @param {number} r1
 * @param {number} c0
 * @param {number} c1
 * @param {Set<number>} expanded
 * @returns {ShownRow[]}
 */
function shownRows(m, r0, r1, c0, c1, expanded) {
  const { w, s } = m.rec;
  const width = m.cols.length;
  /** @param {number} r */
  const cells = (r) => s.slice((r * width + c0) * w, (r * width + c1) * w);
  /** @type {ShownRow[]} */
  const out = [];
  for (const [, g0, g1] of m.rg) {
    const a = Math.max(g0, r0);
    const b = Math.min(g1, r1);
    for (let r = a; r < b;) {
      let n = 1;
      if (!expanded.has(r)) {
        const same = cells(r);
        while (r + n < b && !expanded.has(r + n) && cells(r + n) === same) n++;
      }
      out.push({ r, n, gstart: r === a });
      r += n;
    }
  }
  return out;
}

/**
 * A pager for count items: calls render with the first item shown, when a button moves it.
 * @param {string} what
 * @param {number} count
 * @param {number} first
 * @param {(first: number) => void} move
 */
function pager(what, count, first, move) {
  const bar = el('div', 'pager');
  if (count <= pageSize) return bar;
  const back = el('button', '', '◀');
  const on = el('button', '', '▶');
  back.type = on.type = 'button';
  back.disabled = first === 0;
  on.disabled = first + pageSize >= count;
  back.addEventListener('click', () => move(Math.max(0, first - pageSize)));
  on.addEventListener('click', () => move(first + pageSize));
  bar.append(el('span', '', `${what} ${first + 1}-${Math.min(count, first + pageSize)} of ${count}`), back, on);
  return bar;
}

/**
 * A column's name without its group, which the header above it says.
 * @param {string} name
 * @param {string} group
 */
function shortName(name, group) {
  if (name.startsWith(`${group}/`) || name.startsWith(`${group}→`)) return name.slice(group.length + 1);
  if (name.startsWith('external:')) return name.slice('external:'.length);
  return name;
}

/**
 * The cell grid of rows r0..r1 and columns c0..c1 (end exclusive).
 * @param {MapRef} ref
 * @param {number} r0
 * @param {number} r1
 * @param {number} c0
 * @param {number} c1
 * @returns {HTMLElement}
 */
function cellGrid(ref, r0, r1, c0, c1) {
  const box = el('div');
  const expanded = new Set();
  let firstRow = 0;
  let firstCol = c0;
  const draw = () => {
    const { m, view } = ref;
    const rows = shownRows(m, r0, r1, c0, c1, expanded);
    const pageRows = rows.slice(firstRow, firstRow + pageSize);
    const p0 = firstCol;
    const p1 = Math.min(c1, firstCol + pageSize);
    const table = el('table', 'grid');
    const head = el('thead');
    const groupsRow = el('tr');
    const namesRow = el('tr');
    const corner = el('th', 'corner', 'from \\ to');
    corner.rowSpan = 2;
    groupsRow.append(corner);
    /** @type {Set<number>} */
    const groupStarts = new Set();
    for (const [label, g0, g1] of m.cg) {
      const a = Math.max(g0, p0);
      const b = Math.min(g1, p1);
      if (a >= b) continue;
      groupStarts.add(a);
      const th = el('th', 'group', label);
      th.colSpan = b - a;
      groupsRow.append(th);
      for (let c = a; c < b; c++) {
        const name = nameAt(m.cols[c] ?? -1);
        const col = el('th', 'col', shortName(name, label));
        col.title = name;
        namesRow.append(col);
      }
    }
    head.append(groupsRow, namesRow);
    const body = el('tbody');
    for (const row of pageRows) {
      const tr = el('tr', row.gstart ? 'gstart' : '');
      const from = nameAt(m.rows[row.r] ?? -1);
      const th = el('th', 'row', row.n === 1 ? from : `${from} … ${nameAt(m.rows[row.r + row.n - 1] ?? -1)} `);
      th.title = from;
      if (row.n > 1) {
        const more = el('button', 'rows', `×${row.n}`);
        more.type = 'button';
        more.title = `${row.n} sources whose cells are alike: show each`;
        more.addEventListener('click', () => {
          for (let r = row.r; r < row.r + row.n; r++) expanded.add(r);
          draw();
        });
        th.append(more);
      }
      tr.append(th);
      for (let c = p0; c < p1; c++) {
        const rec = recordAt(m, row.r, c);
        const td = el('td', rec ? `cell s-${rec.s.charAt(view)}` : 'none', rec ? rec.g[view] ?? '' : '·');
        if (groupStarts.has(c)) td.classList.add('cstart');
        if (rec) {
          td.dataset.r = String(row.r);
          td.dataset.n = String(row.n);
          td.dataset.c = String(c);
        }
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(head, body);
    attachCellEvents(table, ref);
    const wrap = el('div', 'grid-wrap');
    wrap.append(table);
    box.replaceChildren(
      pager('rows', rows.length, firstRow, (f) => { firstRow = f; draw(); }),
      pager('columns', c1 - c0, firstCol - c0, (f) => { firstCol = c0 + f; draw(); }),
      wrap,
    );
  };
  draw();
  return box;
}

/**
 * Hover shows a cell's detail; click keeps it.
 * @param {HTMLElement} table
 * @param {MapRef} ref
 */
function attachCellEvents(table, ref) {
  /** @param {EventTarget | null} t */
  const cellOf = (t) => (t instanceof HTMLElement ? /** @type {HTMLElement | null} */ (t.closest('td.cell')) : null);
  /** @param {HTMLElement} td */
  const spanOf = (td) => ({ row: { r: Number(td.dataset.r), n: Number(td.dataset.n) }, c: Number(td.dataset.c) });
  table.addEventListener('mouseover', (e) => {
    const td = cellOf(e.target);
    if (!td) return hideTip();
    const { row, c } = spanOf(td);
    showTip(cellDetail(ref, row, c, false), e);
  });
  table.addEventListener('mouseleave', hideTip);
  table.addEventListener('click', (e) => {
    const td = cellOf(e.target);
    if (!td) return;
    const { row, c } = spanOf(td);
    hideTip();
    pinDetail(cellDetail(ref, row, c, true), td);
  });
}

/**
 * Per block of (row group, column group): its cells in each state, in stateOrder, then the total.
 * @param {MatrixData} m
 * @param {number} view
 */
function blockCounts(m, view) {
  const records = pageData().records;
  const stateOf = new Int8Array(records.length + 1).fill(-1);
  records.forEach((rec, i) => { stateOf[i + 1] = stateOrder.indexOf(rec.s.charAt(view)); });
  const rowGroup = new Int32Array(m.rows.length);
  const colGroup = new Int32Array(m.cols.length);
  m.rg.forEach(([, a, b], g) => rowGroup.fill(g, a, b));
  m.cg.forEach(([, a, b], g) => colGroup.fill(g, a, b));
  const slots = stateOrder.length + 1;
  const counts = new Int32Array(m.rg.length * m.cg.length * slots);
  const width = m.cols.length;
  for (let r = 0; r < m.rows.length; r++) {
    const base = (rowGroup[r] ?? 0) * m.cg.length;
    for (let c = 0; c < width; c++) {
      const state = stateOf[packedAt(m.rec, r * width + c)] ?? -1;
      if (state < 0) continue;
      const at = (base + (colGroup[c] ?? 0)) * slots;
      counts[at + state] = (counts[at + state] ?? 0) + 1;
      counts[at + slots - 1] = (counts[at + slots - 1] ?? 0) + 1;
    }
  }
  return { counts, slots };
}

/**
 * The block grid: a block per (source group, destination group); click opens its cells.
 * @param {MapRef} ref
 * @param {(g: number, h: number) => void} open
 * @returns {HTMLElement}
 */
function blockGrid(ref, open) {
  const box = el('div');
  let firstRow = 0;
  let firstCol = 0;
  const { counts, slots } = blockCounts(ref.m, ref.view);
  const words = pageData().states;
  const draw = () => {
    const { m } = ref;
    const table = el('table', 'grid blocks');
    const head = el('tr');
    head.append(el('th', 'corner', 'from \\ to'));
    const h1 = Math.min(m.cg.length, firstCol + pageSize);
    for (let h = firstCol; h < h1; h++) {
      const g = m.cg[h];
      const th = el('th', 'col', g ? `${g[0]} (${g[2] - g[1]})` : '');
      head.append(th);
    }
    const thead = el('thead');
    thead.append(head);
    const body = el('tbody');
    const g1 = Math.min(m.rg.length, firstRow + pageSize);
    for (let g = firstRow; g < g1; g++) {
      const rg = m.rg[g];
      if (!rg) continue;
      const tr = el('tr');
      tr.append(el('th', 'row', `${rg[0]} (${rg[2] - rg[1]})`));
      for (let h = firstCol; h < h1; h++) {
        const at = (g * m.cg.length + h) * slots;
        const of = (/** @type {number} */ k) => counts[at + k] ?? 0;
        const total = of(slots - 1);
        if (total === 0) {
          tr.append(el('td', 'block none', '·'));
          continue;
        }
        const present = [...stateOrder].map((s, k) => /** @type {[string, number]} */ ([s, of(k)])).filter(([, n]) => n > 0);
        const mismatches = of(stateOrder.indexOf('M'));
        const errors = of(stateOrder.indexOf('E'));
        const dominant = present.reduce((a, b) => (b[1] > a[1] ? b : a));
        const state = mismatches > 0 ? 'M' : errors > 0 ? 'E' : dominant[0];
        const text = mismatches > 0 ? `${mismatches}!` : errors > 0 ? `${errors}?` : present.length === 1 ? String(total) : '';
        const td = el('td', `block cell s-${state}${present.length > 1 && mismatches + errors === 0 ? ' mixed' : ''}`, text);
        td.dataset.g = String(g);
        td.dataset.h = String(h);
        td.dataset.summary = `${rg[0]} → ${m.cg[h]?.[0] ?? ''}: ${total} cell(s): ${present.map(([s, n]) => `${n} ${words[s] ?? s}`).join(', ')}. Click to see each cell.`;
        tr.append(td);
      }
      body.append(tr);
    }
    table.append(thead, body);
    table.addEventListener('mouseover', (e) => {
      const td = e.target instanceof HTMLElement ? e.target.closest('td.block') : null;
      if (!(td instanceof HTMLElement) || !td.dataset.summary) return hideTip();
      showTip(el('div', '', td.dataset.summary), e);
    });
    table.addEventListener('mouseleave', hideTip);
    table.addEventListener('click', (e) => {
      const td = e.target instanceof HTMLElement ? e.target.closest('td.block') : null;
      if (td instanceof HTMLElement && td.dataset.g !== undefined) open(Number(td.dataset.g), Number(td.dataset.h));
    });
    const wrap = el('div', 'grid-wrap');
    wrap.append(table);
    box.replaceChildren(
      pager('source groups', m.rg.length, firstRow, (f) => { firstRow = f; draw(); }),
      pager('destination groups', m.cg.length, firstCol, (f) => { firstCol = f; draw(); }),
      wrap,
    );
  };
  draw();
  return box;
}
