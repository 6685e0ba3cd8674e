// The JSON the page embeds once, in a <script type="application/json">: every heatmap of the
// run in compact form, and the records that hover and click read on demand.
import type { RunDiff } from '../../harness/diff/index.ts';
import type { CellRecord } from './cell-record.ts';
import { heatViews, heatViewTitles, stateWords } from './cell-state.ts';
import { RunTables, stepHeatmaps, type MatrixCounts, type MatrixData } from './heatmap-data.ts';

export interface PageData {
  names: string[];
  /** Pod -> address: the page puts them back into reproduce commands (cell-tokens.ts). */
  ips: Record<string, string>;
  records: CellRecord[];
  /** heatViews' titles, in order (MatrixData.views indexes them). */
  views: string[];
  /** What each state character means. */
  states: Record<string, string>;
  steps: { name: string; matrices: MatrixData[] }[];
}

/** counts: per step, per heatmap, what its summary line says before it is opened. */
export function pageData(diff: RunDiff, ips: Readonly<Record<string, string>>): { data: PageData; counts: MatrixCounts[][] } {
  const tables = new RunTables(ips);
  const steps = diff.steps.map((step) => ({ name: step.name, maps: stepHeatmaps(step, tables) }));
  return {
    data: {
      names: tables.names, ips: { ...ips }, records: tables.records,
      views: heatViews.map((v) => heatViewTitles[v]), states: stateWords,
      steps: steps.map((s) => ({ name: s.name, matrices: s.maps.map((m) => m.data) })),
    },
    counts: steps.map((s) => s.maps.map((m) => m.counts)),
  };
}

/** JSON that cannot end its <script> element or open a comment inside it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}
