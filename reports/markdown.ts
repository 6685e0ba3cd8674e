// Markdown: for pull-request comments and CI summaries.
import { cellKey, type RunDiff } from '../harness/diff/index.ts';
import { classMark, legend } from './glyphs.ts';
import { stepMatrices, viewAddsInformation, viewTitles, type Matrix } from './matrix.ts';
import { summaryLine } from './summary.ts';
import { cellText } from './terminal.ts';

export function renderMarkdown(diff: RunDiff): string {
  const out = [`# ${escape(diff.scenario)}`, '', `**${escape(summaryLine(diff))}**`, ''];
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
