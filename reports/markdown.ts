// Markdown: for pull-request comments and CI summaries.
import { cellKey, type RunDiff, type StepDiff } from '../harness/diff/index.ts';
import { classMark, legend } from './glyphs.ts';
import { stepMatrices, viewAddsInformation, viewTitles, type Matrix } from './matrix.ts';
import { completeStatus, type RunStatus } from './run-status.ts';
import { summaryLine } from './summary.ts';
import { cellText } from './terminal.ts';
import { changeWords, establishedText, figureText, trafficCells } from './traffic-text.ts';

/** status: how the run ended (default: complete, as offline). */
export function renderMarkdown(diff: RunDiff, status: RunStatus = completeStatus(diff.steps.length)): string {
  const out = [`# ${escape(diff.scenario)}`, '', `**${escape(summaryLine(diff, status))}**`, ''];
  for (const step of diff.steps) {
    out.push(`## ${escape(step.name)}`, '');
    for (const m of stepMatrices(step).filter(viewAddsInformation)) out.push(...matrixTable(m), '');
    const wrong = step.cells.filter((c) => c.mismatches.length > 0);
    if (wrong.length > 0) {
      out.push('| | cell | class | what |', '| --- | --- | --- | --- |');
      for (const c of wrong) for (const m of c.mismatches) out.push(`| ${classMark[m.class]} | ${escape(cellKey(c))} | ${m.class} | ${escape(m.message)} |`);
      out.push('');
    }
    out.push(...trafficSection(step));
  }
  if (status.notReached.length > 0) out.push('## Not observed', '', ...status.notReached.map((name) => `- ${escape(name)}`), '');
  out.push('```', legend, '```', '');
  return out.join('\n');
}

function matrixTable(m: Matrix): string[] {
  const title = `**${m.port}/${m.protocol}**${m.view === 'verdict' ? '' : ` ${viewTitles[m.view]}`} (rows: from, columns: to)`;
  return [
    title, '',
    `| from \\ to | ${m.destinations.map(escape).join(' | ')} |`,
    `| --- |${m.destinations.map(() => ' :---: |').join('')}`,
    ...m.sources.map((from) => `| ${escape(from)} | ${m.destinations.map((to) => escape(cellText(m, m.cells.get(`${from} ${to}`)))).join(' | ')} |`),
  ];
}

/** Traffic under change: a row per pair with its figures, then the warnings. */
function trafficSection(step: StepDiff): string[] {
  const cells = trafficCells(step);
  if (cells.length === 0) return [];
  const out = [
    '### Traffic under change', '',
    'Times are from the API accepting the step\'s changes to the start of a request, resolved to the request interval.', '',
    '| pair | change | figure | resolution | rate asked / reached | dropped | failed | established | clock |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | --- | --- |',
  ];
  for (const c of cells) {
    const t = c.traffic;
    const failed = `${t.failed} of ${t.requests}${t.errors > 0 ? `, ${t.errors} error(s)` : ''}`;
    const held = `${establishedText(t)}, ${t.established.pings} ping(s)${t.established.declared ? `; declared ${t.established.declared}` : ''}`;
    const row = [cellKey(c), changeWords[t.change], figureText(t, false), `±${t.resolutionMs.toFixed(1)} ms`,
      `${t.ratePerSecond}/s / ${t.reachedPerSecond.toFixed(1)}/s`, String(t.droppedIterations), failed, held, t.clock];
    out.push(`| ${row.map(escape).join(' | ')} |`);
  }
  out.push('');
  const warnings = cells.flatMap((c) => c.traffic.warnings.map((w) => `- ${escape(cellKey(c))}: ${escape(w)}`));
  if (warnings.length > 0) out.push(...warnings, '');
  return out;
}

/** Keeps user text from breaking tables or turning into markup. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\n/g, ' ');
}
