// audit-flows as a person reads it: the counts, what could not be mapped and why, then each
// disagreement with both attributions and its class. Pure.
import { describeDecider } from '../flows/trace-decision.ts';
import type { AuditResult, Disagreement } from './compare-flows.ts';

export interface AuditHeader { context: string; since: string; capture: string }

const classText = { 'model-gap': 'model gap', 'dataplane-surprise': 'dataplane surprise', drift: 'drift' } as const;

export function renderAuditText(r: AuditResult, h: AuditHeader): string {
  const lines: string[] = [];
  lines.push(`audit-flows ${h.context}: flows of the last ${h.since} against the capture ${h.capture}`);
  lines.push(`${r.flows} flow record(s) read, ${r.mapped} mapped to capture groups, ${r.flows - r.mapped} not mapped`);
  for (const u of r.unmapped) lines.push(`  not mapped: ${u.flows} ${u.text} (e.g. ${u.examples.join('; ')})`);
  lines.push(`${r.compared} compared${r.staged ? ' (enforced and pending: the capture has staged policies)' : ''}: ${r.agreeing} agree, ${r.compared - r.agreeing} disagree`);
  for (const n of r.notCompared) lines.push(`  not compared: ${n.records} record(s): ${n.why}`);
  if (r.attributionDiffers > 0) lines.push(`  ${r.attributionDiffers} agreeing record(s) name another decider than the model (same verdict: not a disagreement)`);
  if (r.disagreements.length === 0) {
    lines.push('', 'no disagreement: every compared flow was handled as the model predicts');
    return `${lines.join('\n')}\n`;
  }
  lines.push('', `${r.disagreements.length} disagreement(s):`);
  for (const d of r.disagreements) lines.push(...disagreement(d));
  const counts = new Map<string, number>();
  for (const d of r.disagreements) counts.set(classText[d.class], (counts.get(classText[d.class]) ?? 0) + 1);
  lines.push('', `DISAGREE: ${[...counts].map(([c, n]) => `${n} ${c}`).join(', ')}`);
  return `${lines.join('\n')}\n`;
}

function disagreement(d: Disagreement): string[] {
  const side = d.reporter === 'Src' ? `egress at ${d.from}` : `ingress at ${d.to}`;
  return [
    `  ${d.from} -> ${d.to} ${d.port}/${d.protocol} (${side}, ${d.mode}): logged ${d.logged}, model ${d.model}  [${classText[d.class]}]`,
    `    flow:  ${d.loggedAs === undefined ? 'no trace logged' : describeDecider(d.loggedAs)}${d.loggedHit ? ` (logged as ${d.loggedHit.kind} ${d.loggedHit.namespace ? `${d.loggedHit.namespace}/` : ''}${d.loggedHit.name || d.loggedHit.trigger?.name || ''}, tier ${d.loggedHit.tier || '-'})` : ''}`,
    `    model: ${describeDecider(d.modelDecidedBy)}`,
    `    why:   ${d.why}`,
    `    seen:  ${d.records} record(s), ${d.connections} connection(s): ${d.workloads.join('; ')}`,
  ];
}
