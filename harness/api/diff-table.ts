// The table a failed assertion prints: each cell that is not as asked, what was asked, what the
// result says, where that came from, and what decided it.
import { describeDecision } from '../../reports/glyphs.ts';
import { textTable } from '../../reports/text-table.ts';
import type { ResultCell } from './result.ts';

export interface Miss {
  cell: ResultCell;
  /** What the assertion asked for, in words (allow, deny, decided by tier security, ...). */
  wanted: string;
  /** What the result has instead. */
  got: string;
  /** The step, where the assertion spans several. */
  step?: string;
}

/** At most this many rows; the rest are counted. */
export const tableRows = 40;

export function diffTable(misses: readonly Miss[]): string {
  const steps = misses.some((m) => m.step !== undefined);
  const rows = misses.slice(0, tableRows).map((m) => [
    ...(steps ? [m.step ?? ''] : []),
    `${m.cell.from} -> ${m.cell.to}${m.cell.backend ? ` (${m.cell.backend})` : ''} ${m.cell.port}/${m.cell.protocol}`,
    m.wanted, m.got, m.cell.source === 'observed' ? `observed ${m.cell.observed ?? ''}`.trim() : 'model',
    describeDecision(m.cell.decidedBy, m.cell.model),
  ]);
  const table = textTable([[...(steps ? ['step'] : []), 'cell', 'wanted', 'got', 'from', 'decided by (model)'], ...rows]);
  const more = misses.length > tableRows ? `\n  ... and ${misses.length - tableRows} more cell(s)` : '';
  return `${table}${more}`;
}
