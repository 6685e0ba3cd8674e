// `tierprobe whatif` as text: the change, "N cells flip of M", then per (source namespace →
// destination namespace) each flipped cell with what decided it before and after (and its staged
// and promoted verdicts where a staged policy is alive), then what the --expect file declares. Pure.
import { directionCounts, groupFlips } from '../harness/whatif/groups.ts';
import type { CellFlip, CellSide, WhatifResult } from '../harness/whatif/types.ts';
import { describeResource, sameResource } from '../harness/scenario/steps.ts';
import type { Location } from '../harness/scenario/types.ts';
import type { CellVerdict } from '../harness/model/index.ts';
import { describeDecision, verdictGlyph } from './glyphs.ts';
import { describeCheck } from './guardrails-text.ts';

/** Past this many cells listed, the rest of each group is only counted (--format json lists every one). */
export const TABLE_FLIP_LIMIT = 1000;

export function renderWhatifTable(r: WhatifResult, limit = TABLE_FLIP_LIMIT): string {
  const out = [`whatif ${r.scenario}: step ${r.step.index + 1}/${r.step.of} "${r.step.name}", with ${r.change.files.join(', ')}`];
  for (const d of r.change.delete) out.push(`  delete ${describeResource(d.document.id)} (${where(d.location)})`);
  for (const doc of r.change.apply) {
    const replaces = r.change.replaced.some((x) => sameResource(x.id, doc.id));
    out.push(`  apply ${describeResource(doc.id)} (${where(doc.location)})${replaces ? ', replacing the one alive' : ''}`);
  }
  out.push('', headline(r));
  let listed = 0;
  for (const g of groupFlips(r.delta.flips)) {
    out.push('');
    const only = g.flips.length - g.enforced;
    const counts = [g.enforced > 0 ? plural(g.enforced, 'cell flips', 'cells flip') : '', only > 0 ? stagedOnly(only) : ''].filter(Boolean);
    out.push(`${g.from} → ${g.to}: ${counts.join(', ')}`);
    const shown = g.flips.slice(0, Math.max(0, limit - listed));
    for (const flip of shown) out.push(...flipLines(flip));
    listed += shown.length;
    if (shown.length < g.flips.length) out.push(`  (${g.flips.length - shown.length} more not listed: --format json lists every one)`);
  }
  out.push(...declared(r));
  return `${out.join('\n')}\n`;
}

function headline(r: WhatifResult): string {
  const { delta } = r;
  const ways = directionCounts(delta.flips).map(([way, n]) => `${n} ${way}`).join(', ');
  const only = delta.flips.length - delta.enforced;
  const staged = only > 0 ? `; ${stagedOnly(only)}` : '';
  if (delta.flips.length === 0) return `0 cells flip of ${delta.cells}: the change moves no verdict`;
  return `${plural(delta.enforced, 'cell flips', 'cells flip')} of ${delta.cells}${ways ? `: ${ways}` : ''}${staged}`;
}

function flipLines(f: CellFlip): string[] {
  const enforced = f.changed.includes('verdict');
  const lines = [`  ${f.key}  ${enforced ? `${verdict(f.before.verdict)} → ${verdict(f.after.verdict)}` : `${verdict(f.after.verdict)}, unchanged`}`];
  if (enforced) {
    lines.push(`    before: ${decision(f.before)}`, `    after:  ${decision(f.after)}`);
  }
  if (f.before.stagedVerdict !== undefined || f.after.stagedVerdict !== undefined) {
    const was = f.before.stagedVerdict ?? f.before.verdict;
    const is = f.after.stagedVerdict ?? f.after.verdict;
    lines.push(`    staged (pending): ${was === is ? `${verdict(is)}, unchanged` : `${verdict(was)} → ${verdict(is)}`}` +
      (was === is ? '' : `; before: ${describeDecision(f.before.stagedDecidedBy ?? f.before.decidedBy, was)}; after: ${describeDecision(f.after.stagedDecidedBy ?? f.after.decidedBy, is)}`));
  }
  if (f.before.promotedVerdict !== undefined || f.after.promotedVerdict !== undefined) {
    const was = f.before.promotedVerdict ?? f.before.verdict;
    const is = f.after.promotedVerdict ?? f.after.verdict;
    lines.push(`    promoted: ${was === is ? `${verdict(is)}, unchanged` : `${verdict(was)} → ${verdict(is)}`}`);
  }
  return lines;
}

function declared(r: WhatifResult): string[] {
  if (r.expectFile === undefined) return [];
  const out = [''];
  if (r.expect) {
    const e = r.expect;
    const unchecked = e.unchecked > 0 ? ` (${e.unchecked} unknown offline, unchecked)` : '';
    out.push(`expect (${r.expectFile}): ${e.broken.length === 0 ? `holds at all ${e.checked} cells checked` : `broken at ${e.broken.length} of ${e.checked} cells checked`}${unchecked}`);
    for (const b of e.broken.slice(0, TABLE_FLIP_LIMIT)) {
      const by = b.by === 'default' ? 'expect.default' : `expect.rules[${b.by.rule}] at ${where(b.by.location)}`;
      out.push(`  ${b.key}: declared ${b.declared} (${by}), after the change ${b.after.verdict}: ${describeDecision(b.after.decidedBy, b.after.verdict, b.after.unknownBecause)}`);
    }
    if (e.broken.length > TABLE_FLIP_LIMIT) out.push(`  and ${e.broken.length - TABLE_FLIP_LIMIT} more: --format json lists every one`);
  }
  if (r.guardrails.length > 0) {
    out.push(`guardrails (${r.expectFile}), after the change:`);
    for (const g of r.guardrails) out.push(`  ${g.guardrail} (${g.verdict}, ${g.cells.length} cell(s)): ${describeCheck(g)}`);
  }
  const brokenRules = r.expect?.broken.length ?? 0;
  const brokenGuardrails = r.guardrails.filter((g) => !g.held).length;
  out.push('', !r.broken
    ? 'nothing declared breaks'
    : `BROKEN: ${[brokenRules > 0 ? plural(brokenRules, 'cell breaks expect', 'cells break expect') : '', brokenGuardrails > 0 ? plural(brokenGuardrails, 'guardrail does not hold', 'guardrails do not hold') : ''].filter(Boolean).join(', ')}`);
  return out;
}

function stagedOnly(n: number): string {
  return `${plural(n, 'cell changes', 'cells change')} only a staged or promoted verdict`;
}

function decision(side: CellSide): string {
  return describeDecision(side.decidedBy, side.verdict, side.unknownBecause);
}

function verdict(v: CellVerdict): string {
  return `${verdictGlyph[v]} ${v}`;
}

function where(l: Location): string {
  return `${l.file}:${l.line}:${l.column}`;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
