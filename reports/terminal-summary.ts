// The terminal report of a matrix too big for a table (issue 10: 1000 pods): per step and port,
// how many cells allow, deny or are unknown, what disagrees (the first few), and how to see all.
import { cellKey, type DiffCell, type MismatchClass, type RunDiff } from '../harness/diff/index.ts';
import type { CellVerdict } from '../harness/model/index.ts';
import { classMark } from './glyphs.ts';
import { completeStatus } from './run-status.ts';
import { summaryLine } from './summary.ts';

const SHOWN_DISAGREEMENTS = 20;

interface StepSummary {
  name: string;
  index: number;
  cells: number;
  /** `${port}/${protocol}` -> counts, in first-seen order. */
  ports: Map<string, Record<CellVerdict, number>>;
  disagreements: string[];
  disagreeing: number;
  classes: Map<MismatchClass, number>;
}

/** A DiffSink (harness/scenario/stream-diff.ts) that keeps counts, not cells. */
export class TerminalSummary {
  readonly #steps: StepSummary[] = [];
  readonly #scenario: string;
  readonly #totalSteps: number;
  readonly #why: string;

  /** why: why no table is shown (e.g. "4,008,000 cells in step 1"). */
  constructor(scenario: string, totalSteps: number, why: string) {
    this.#scenario = scenario;
    this.#totalSteps = totalSteps;
    this.#why = why;
  }

  beginStep(name: string): void {
    this.#steps.push({ name, index: this.#steps.length, cells: 0, ports: new Map(), disagreements: [], disagreeing: 0, classes: new Map() });
  }

  cell(c: DiffCell): void {
    const s = this.#steps.at(-1);
    if (!s) return;
    s.cells++;
    const key = `${c.port}/${c.protocol}`;
    let counts = s.ports.get(key);
    if (!counts) s.ports.set(key, counts = { allow: 0, deny: 0, unknown: 0 });
    counts[c.verdict]++;
    if (c.mismatches.length === 0) return;
    s.disagreeing++;
    for (const m of c.mismatches) {
      s.classes.set(m.class, (s.classes.get(m.class) ?? 0) + 1);
      if (s.disagreements.length < SHOWN_DISAGREEMENTS) s.disagreements.push(`    ${classMark[m.class]} ${cellKey(c)}: ${m.message} [${m.class}]`);
    }
  }

  endStep(): void {}

  /** stepNumbers: each shown step's number in the scenario (1-based), when only some are shown. */
  render(diff: Pick<RunDiff, 'summary'>, stepNumbers?: readonly number[]): string {
    const out = [`scenario ${this.#scenario}`, '', `too many cells for a table (${this.#why}): counts per step and port instead.`,
      'Every cell: --format json; a table: a scenario with fewer pods (about 200 cells per port and step at most read well).', ''];
    for (const s of this.#steps) {
      out.push(`step ${stepNumbers?.[s.index] ?? s.index + 1}/${this.#totalSteps}: ${s.name}: ${s.cells.toLocaleString('en-US')} cells`);
      for (const [port, n] of s.ports) {
        out.push(`  ${port.padEnd(9)} allow ${n.allow.toLocaleString('en-US')}, deny ${n.deny.toLocaleString('en-US')}${n.unknown > 0 ? `, unknown offline ${n.unknown.toLocaleString('en-US')}` : ''}`);
      }
      if (s.disagreeing > 0) {
        out.push(`  disagreements (${s.disagreeing.toLocaleString('en-US')} cells: ${[...s.classes].map(([c, n]) => `${c} ${n}`).join(', ')}):`, ...s.disagreements);
        if (s.disagreeing > s.disagreements.length) out.push(`    ... and more: --format json has every cell, each with its mismatches`);
      }
      out.push('');
    }
    out.push(summaryLine({ scenario: this.#scenario, steps: [], summary: diff.summary }, completeStatus(this.#steps.length)));
    return out.join('\n') + '\n';
  }
}
