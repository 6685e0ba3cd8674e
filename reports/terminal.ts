// The terminal report: a truth table per step, port and view, then what disagrees (and, asked, why).
import { cellKey, stepDelta, summarize, type CellChange, type DiffCell, type RunDiff, type StepDiff } from '../harness/diff/index.ts';
import { classMark, describeDecision, legend, notServed, observedGlyph, verdictGlyph } from './glyphs.ts';
import { markingClasses, stepMatrices, verdictIn, viewAddsInformation, viewTitles, type Matrix } from './matrix.ts';
import { completeStatus, type RunStatus } from './run-status.ts';
import { summaryLine } from './summary.ts';
import { textTable } from './text-table.ts';
import { trafficCells, trafficLine } from './traffic-text.ts';

export interface TerminalOptions {
  /** Only this step. */
  step?: string;
  /** Say what decided each cell. */
  why?: boolean;
  /** How the run ended (default: complete, as offline). */
  status?: RunStatus;
  /** explain: per step, the traffic it will run (harness/traffic/planned-traffic.ts). */
  plannedTraffic?: readonly (readonly string[])[];
  /** explain: per step, what to say about its Services (one without a backend at that step). */
  serviceNotes?: readonly (readonly string[])[];
}

export function renderTerminal(diff: RunDiff, opts: TerminalOptions = {}): string {
  const status = opts.status ?? completeStatus(diff.steps.length);
  const out: string[] = [`scenario ${diff.scenario}`, ''];
  diff.steps.forEach((step, i) => {
    if (opts.step !== undefined && step.name !== opts.step) return;
    out.push(...renderStep(step, i, status.totalSteps, diff.steps[i - 1], opts), '');
  });
  status.notReached.forEach((name, i) => {
    if (opts.step === undefined || name === opts.step) out.push(`step ${diff.steps.length + i + 1}/${status.totalSteps}: ${name}: not observed`, '');
  });
  const shown = opts.step === undefined ? diff : { ...diff, summary: summarize(diff.steps.filter((s) => s.name === opts.step)) };
  out.push(legend, '', summaryLine(shown, status));
  return out.join('\n') + '\n';
}

function renderStep(step: StepDiff, index: number, count: number, previous: StepDiff | undefined, opts: TerminalOptions): string[] {
  const changed = previous ? ` (${describeDelta(stepDelta(previous, step), step.staged || previous.staged)})` : '';
  const out = [`step ${index + 1}/${count}: ${step.name}${changed}`];
  for (const m of stepMatrices(step).filter(viewAddsInformation)) out.push('', ...renderMatrix(m));
  const wrong = step.cells.filter((c) => c.mismatches.length > 0);
  if (wrong.length > 0) {
    out.push('', `  disagreements (${wrong.length}):`);
    for (const c of wrong) for (const m of c.mismatches) out.push(`    ${classMark[m.class]} ${cellKey(c)}: ${m.message} [${m.class}]${c.reproduce ? `\n      reproduce: ${c.reproduce}` : ''}`);
  }
  out.push(...renderTraffic(step));
  const planned = opts.plannedTraffic?.[index] ?? [];
  if (planned.length > 0) out.push('', `  traffic under change, planned (${planned.length} pair(s)):`, ...planned.map((l) => `    ${l}`));
  for (const note of opts.serviceNotes?.[index] ?? []) out.push('', `  note: ${note}`);
  const hidden = step.cells.filter((c) => c.notices.includes('staged-not-promoted')).length;
  if (hidden > 0) out.push('', `  note: ${hidden} cell(s) differ between staged and promoted: flow logs cannot show what promotion changes there`);
  const rejected = step.cells.filter((c) => c.observed === 'rejected').length;
  if (rejected > 0) out.push('', `  note: ${rejected} cell(s) ${observedGlyph.rejected} rejected, not dropped: the dataplane answers what it denies (Calico's deny action Reject); a rejected cell counts as a deny`);
  if (opts.why) out.push('', '  why:', ...step.cells.filter((c) => c.from !== c.to).map((c) => `    ${whyLine(c)}`), ...dnsLines(step));
  return out;
}

/** Per source of a Service cell: may it look the Service up by name (53/UDP to kube-dns)? */
function dnsLines(step: StepDiff): string[] {
  const seen = new Map<string, NonNullable<DiffCell['dns']>>();
  for (const c of step.cells) if (c.dns && !seen.has(c.from)) seen.set(c.from, c.dns);
  return [...seen].map(([from, dns]) => `    ${from} DNS (53/UDP to kube-system/kube-dns): ${dnsText(dns)}`);
}

function dnsText(dns: NonNullable<DiffCell['dns']>): string {
  if (dns.verdict === 'allow') return `allowed: ${describeDecision(dns.decidedBy, 'allow')}`;
  if (dns.verdict === 'unknown') return `unknown offline: it ${dns.unknownBecause ?? 'depends on pod addresses'}`;
  return `denied by ${describeDecision(dns.decidedBy, 'deny')} (a lookup by name fails: an error, never a deny of the Service)`;
}

/** Traffic under change: a line per pair with its figure, its warnings under it, then the clocks measured on. */
function renderTraffic(step: StepDiff): string[] {
  const cells = trafficCells(step);
  if (cells.length === 0) return [];
  const out = ['', `  traffic under change (${cells.length} pair(s); times from the API accepting the step's changes):`];
  for (const c of cells) {
    out.push(`    ${cellKey(c)}  ${trafficLine(c.traffic)}`);
    for (const w of c.traffic.warnings) out.push(`      warning: ${w}`);
  }
  for (const clock of new Set(cells.map((c) => c.traffic.clock))) out.push(`    clock: ${clock}`);
  return out;
}

export function renderMatrix(m: Matrix): string[] {
  const title = `  ${m.port}/${m.protocol}${m.view === 'verdict' ? '' : ` ${viewTitles[m.view]}`}  (rows: from, columns: to)`;
  const header = ['', ...m.destinations];
  const rows = m.sources.map((from) => [from, ...m.destinations.map((to) => cellText(m, m.cells.get(`${from} ${to}`)))]);
  return [title, textTable([header, ...rows], '    ')];
}

/** The verdict glyph (observed glyph after it when live and different), then the marks. */
export function cellText(m: Matrix, cell: DiffCell | undefined): string {
  if (!cell) return notServed;
  const verdict = verdictIn(cell, m.view);
  const observed = m.view === 'verdict' && cell.observed && observedGlyph[cell.observed] !== verdictGlyph[verdict] ? observedGlyph[cell.observed] : '';
  const marks = [...new Set(markingClasses(cell, m.view).map((c) => classMark[c]))].join('');
  return verdictGlyph[verdict] + observed + marks;
}

function describeDelta(changes: readonly CellChange[], staged: boolean): string {
  const count = (field: CellChange['field']) => changes.filter((c) => c.field === field).length;
  const enforced = count('verdict');
  const text = `${enforced} cell${enforced === 1 ? '' : 's'} changed`;
  return staged ? `${text}; staged: ${count('stagedVerdict')}, promoted: ${count('promotedVerdict')}` : text;
}

function whyLine(c: DiffCell): string {
  const staged = c.stagedVerdict ? `  staged ${c.stagedVerdict}, promoted ${c.promotedVerdict ?? c.verdict}` : '';
  const unknownElsewhere = c.unknownBecause !== undefined && c.verdict !== 'unknown' ? `; ${c.unknownBecause}` : '';
  return `${cellKey(c)}  ${verdictGlyph[c.verdict]} ${c.verdict}: ${describeDecision(c.decidedBy, c.verdict, c.unknownBecause)}${staged}${unknownElsewhere}`;
}

