// Markdown: for pull-request comments and CI summaries.
import { cellKey, type RunDiff } from '../harness/diff/index.ts';
import { classMark, legend } from './glyphs.ts';
import { stepMatrices, viewAddsInformation, viewTitles, type Matrix } from './matrix.ts';
import { completeStatus, type RunStatus } from './run-status.ts';
import { summaryLine } from './summary.ts';
import { cellText } from './terminal.ts';

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

/** Keeps user text from breaking tables or turning into markup. */
function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`).replace(/\n/g, ' ');
}
