// A step's heatmaps as the page embeds them: per port, the sources and columns grouped by
// namespace (so that a namespace is a contiguous block), and per cell the index of its record
// in a table shared by the whole run. The page draws a heatmap from this only when it is opened.
import type { DiffCell, StepDiff } from '../../harness/diff/index.ts';
import { columnOf } from '../matrix.ts';
import { cellRecord, type CellRecord } from './cell-record.ts';
import { cellState, heatViews, type CellState, type HeatView } from './cell-state.ts';
import { cellTokens, templated } from './cell-tokens.ts';
import { packFigures, packIntegers, type Packed, type PackedFigures } from './packed.ts';

/** [label, first index, end index (exclusive)]. */
export type Group = [string, number, number];

export interface MatrixData {
  port: number;
  protocol: string;
  /** Indices into the run's names. */
  rows: number[];
  cols: number[];
  rg: Group[];
  cg: Group[];
  /** Indices into heatViews: the views this heatmap has. */
  views: number[];
  /** Per cell, row-major: its record's index + 1; 0 where the destination does not serve the port. */
  rec: Packed;
  /** Per cell: the probe's latency, and when it matched the model after the step's changes (ms). */
  lat?: PackedFigures;
  conv?: PackedFigures;
}

/** Counts the page model shows before a heatmap is opened. */
export interface MatrixCounts { title: string; cells: number; states: Record<CellState, number> }

/** Names and records shared by every heatmap of a run, each stored once. */
export class RunTables {
  readonly names: string[] = [];
  readonly records: CellRecord[] = [];
  readonly #nameIndex = new Map<string, number>();
  readonly #recordIndex = new Map<string, number>();
  readonly #ips: Readonly<Record<string, string>>;

  /** ips: pod -> address, which the reproduce commands name (cell-tokens.ts). */
  constructor(ips: Readonly<Record<string, string>>) {
    this.#ips = ips;
  }

  name(n: string): number {
    let i = this.#nameIndex.get(n);
    if (i === undefined) {
      i = this.names.push(n) - 1;
      this.#nameIndex.set(n, i);
    }
    return i;
  }

  /** The record's index + 1, its texts with the cell's names taken out. */
  record(c: DiffCell, column: string): number {
    const tokens = cellTokens(c.from, column, c.port, c.protocol, this.#ips);
    const r = cellRecord(c);
    const t = (text: string) => templated(text, tokens);
    const shared: CellRecord = { s: r.s, g: r.g, d: r.d.map(([l, text]) => [l, t(text)]), m: r.m.map(([cls, mark, msg]) => [cls, mark, t(msg)]), ...(r.r === undefined ? {} : { r: t(r.r) }) };
    const key = JSON.stringify(shared);
    let i = this.#recordIndex.get(key);
    if (i === undefined) {
      i = this.records.push(shared) - 1;
      this.#recordIndex.set(key, i);
    }
    return i + 1;
  }
}

export function stepHeatmaps(step: StepDiff, tables: RunTables): { data: MatrixData; counts: MatrixCounts }[] {
  const byPort = new Map<string, DiffCell[]>();
  for (const c of step.cells) {
    const key = `${c.port}/${c.protocol}`;
    let cells = byPort.get(key);
    if (!cells) byPort.set(key, cells = []);
    cells.push(c);
  }
  return [...byPort.values()].map((cells) => heatmap(step, cells, tables));
}

function heatmap(step: StepDiff, cells: readonly DiffCell[], tables: RunTables): { data: MatrixData; counts: MatrixCounts } {
  const first = cells[0];
  if (!first) throw new Error('heatmap: a port without cells');
  const rows = grouped(cells.map((c) => c.from));
  const cols = grouped(cells.map(columnOf));
  const rowAt = new Map(rows.names.map((n, i) => [n, i]));
  const colAt = new Map(cols.names.map((n, i) => [n, i]));
  const width = cols.names.length;
  const rec = new Uint32Array(rows.names.length * width);
  const lat: (number | undefined)[] = new Array(rec.length).fill(undefined);
  const conv: (number | undefined)[] = new Array(rec.length).fill(undefined);
  const counts: MatrixCounts = { title: `${first.port}/${first.protocol}`, cells: 0, states: { A: 0, D: 0, a: 0, d: 0, M: 0, E: 0, U: 0 } };
  let logged = false;
  for (const c of cells) {
    const column = columnOf(c);
    const at = (rowAt.get(c.from) ?? 0) * width + (colAt.get(column) ?? 0);
    rec[at] = tables.record(c, column);
    lat[at] = c.latencyMs;
    conv[at] = c.convergedMs;
    counts.cells++;
    counts.states[cellState(c, 'verdict')]++;
    logged ||= c.loggedVerdict !== undefined || c.loggedStagedVerdict !== undefined || c.flowEvidence !== undefined;
  }
  const views: HeatView[] = ['verdict', ...(step.staged ? ['stagedVerdict', 'promotedVerdict'] as const : []), ...(logged ? ['flows'] as const : [])];
  const latency = packFigures(lat, 0.1);
  const converged = packFigures(conv, 1);
  return {
    data: {
      port: first.port, protocol: first.protocol,
      rows: rows.names.map((n) => tables.name(n)), cols: cols.names.map((n) => tables.name(n)),
      rg: rows.groups, cg: cols.groups,
      views: views.map((v) => heatViews.indexOf(v)),
      rec: packIntegers(rec),
      ...(latency ? { lat: latency } : {}),
      ...(converged ? { conv: converged } : {}),
    },
    counts,
  };
}

/** Distinct names, grouped by groupOf in the order groups first appear, and each group's range. */
function grouped(all: readonly string[]): { names: string[]; groups: Group[] } {
  const byGroup = new Map<string, Set<string>>();
  for (const n of all) {
    const g = groupOf(n);
    let names = byGroup.get(g);
    if (!names) byGroup.set(g, names = new Set());
    names.add(n);
  }
  const names: string[] = [];
  const groups: Group[] = [];
  for (const [g, members] of byGroup) {
    groups.push([g, names.length, names.length + members.size]);
    for (const n of members) names.push(n);
  }
  return { names, groups };
}

/** A pod's namespace; every external in one group; a Service's backends under the Service. */
export function groupOf(name: string): string {
  if (name.startsWith('external:')) return 'externals';
  if (name.startsWith('svc:')) return name.split('→')[0] ?? name;
  const slash = name.indexOf('/');
  return slash < 0 ? name : name.slice(0, slash);
}
