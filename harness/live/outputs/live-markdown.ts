// What the Markdown report adds for a live run: where and how it ran, how fast each step was
// enforced, how to reproduce each mismatch, the policies as applied with their sha256, and how
// far the bundle's own evidence (MANIFEST, times) can be trusted.
import { cellKey } from '../../diff/index.ts';
import type { RunStatus } from '../../../reports/index.ts';
import { provenanceLines } from '../../evidence/provenance.ts';
import type { GuardrailPhase, LiveRun } from '../run-types.ts';
import type { PolicyFile } from './policy-files.ts';

/** status: liveRunStatus(run). */
export function liveMarkdown(run: LiveRun, files: readonly PolicyFile[], status: RunStatus): string {
  const out = ['## Live run', ''];
  const state = { complete: 'complete', failed: `failed: ${status.message ?? ''}`, interrupted: 'interrupted (partial results)', incomplete: 'incomplete' }[status.state]
    + (status.state === 'complete' ? '' : ` (${status.observedSteps} of ${status.totalSteps} steps observed)`);
  out.push(`Run \`${run.runId}\`, ${state}, started ${run.startedAt}, ${(run.wallMs / 1000).toFixed(1)} s in all.`, '');
  out.push(`Cluster: ${run.cluster.provider}, context \`${run.cluster.context}\`, nodes ${run.cluster.nodes.map((n) => `\`${n}\``).join(', ')}. `
    + `Kubernetes ${run.versions.kubernetes ?? '?'}, Calico ${run.versions.calico ?? '?'}, tierprobe ${run.versions.tierprobe}, probe image \`${run.versions.probeImage}\`.`, '');
  out.push('| pod | node | IP |', '| --- | --- | --- |', ...run.pods.map((p) => `| ${p.pod} | ${p.node} | ${p.ip} |`));
  if (run.services && run.services.length > 0) out.push('', '| Service | ClusterIP | looked up as |', '| --- | --- | --- |', ...run.services.map((s) => `| ${s.service} | ${s.clusterIP} | ${s.dnsName} |`));
  for (const e of run.externals) out.push(`| external:${e.name} | (Docker network) | ${e.ip} |`);
  out.push('', '| step | apply | matched the model after | rounds |', '| --- | ---: | ---: | ---: |');
  for (const s of run.steps) {
    const converged = s.convergedMs === null ? `not within ${s.convergeTimeoutMs / 1000} s` : `${s.convergedMs} ms`;
    out.push(`| ${s.name}${s.interrupted ? ' (interrupted)' : ''} | ${s.applyMs} ms | ${converged} | ${s.rounds.length} |`);
  }
  out.push('', ...flowLegMarkdown(run));
  if (run.guardrails && run.guardrails.length > 0) out.push('', ...guardrailMarkdown(run.guardrails));
  const wrong = run.diff.steps.flatMap((s) => s.cells.filter((c) => c.mismatches.length > 0 && c.reproduce).map((c) => ({ step: s.name, c })));
  if (wrong.length > 0) {
    out.push('', '### Reproduce a mismatching probe by hand', '');
    for (const { step, c } of wrong) out.push(`- ${step}: ${cellKey(c)} (${c.observed ?? 'not observed'}${c.observedDetail ? `: ${c.observedDetail}` : ''})`, '', '  ```', `  ${c.reproduce ?? ''}`, '  ```');
  }
  out.push('', '### Policies as applied', '', '| step | action | resource | file | sha256 |', '| --- | --- | --- | --- | --- |');
  for (const f of files) {
    const id = f.record.id;
    out.push(`| ${f.record.stepName} | ${f.record.action} | ${id.kind} ${id.namespace ? `${id.namespace}/` : ''}${id.name} | policies/${f.path} | \`${f.record.sha256}\` |`);
  }
  out.push('', '## Evidence', '', 'This directory is the run\'s evidence bundle: these reports, `results.json`, `junit.xml`, `versions.json`, `policies/`, '
    + '`run.log` (every progress line the run printed), `diagnostics/` when they were taken, and `MANIFEST`. `tierprobe verify DIR` re-hashes every file and names any changed, added or removed.', '',
  ...provenanceLines(run.signing ?? {}).map((l) => `- ${l}`));
  return out.join('\n') + '\n';
}

/** The flow-log leg: whether it was checked, and per step how complete and how fast the evidence was. */
function flowLegMarkdown(run: LiveRun): string[] {
  const f = run.flows;
  if (!f.checked) return ['### Flow logs', '', `**The flow-log leg was not checked**: ${f.why}. No cell was compared with Calico's flow logs.`];
  const out = ['### Flow logs', '', `Read from Goldmane: Felix flushes every ${f.settings.flushSeconds} s (${f.settings.from.flush}), buckets of ${f.settings.windowSeconds} s (${f.settings.from.window}). `
    + 'Only buckets that started after a step converged were read.', '',
  '| step | cells with evidence | records | List calls | round to evidence | added wait |', '| --- | ---: | ---: | ---: | ---: | ---: |'];
  for (const s of run.steps) {
    const e = s.flows;
    if (!e) {
      out.push(`| ${s.name} | not read (${s.convergedMs === null ? 'the step did not converge' : 'interrupted'}) | | | | |`);
      continue;
    }
    const ms = (v: number | null) => (v === null ? 'incomplete at the deadline' : `${(v / 1000).toFixed(1)} s`);
    out.push(`| ${s.name} | ${e.cellsWithEvidence} of ${e.cellsNeeding} | ${e.records} | ${e.lists} | ${ms(e.roundToEvidenceMs)} | ${ms(e.waitedMs)}${e.extensions ? ` (deadline moved on ${e.extensions}×)` : ''} |`);
  }
  // What the logs said beside the verdict: other deciders for the same action, what they cannot show.
  const notes = run.diff.steps.flatMap((s) => s.cells.flatMap((c) => (c.flowEvidence?.note ? [`- ${s.name}: ${cellKey(c)}: ${c.flowEvidence.note}`] : [])));
  if (notes.length > 0) out.push('', `Notes from the flow logs (${notes.length} cell(s)${notes.length > 50 ? ', the first 50' : ''}):`, '', ...notes.slice(0, 50));
  return out;
}

/** Each guardrail attacked at each step: held or not, against which policies (their YAML is under policies/, action attack). */
function guardrailMarkdown(phases: readonly GuardrailPhase[]): string[] {
  const out = ['### Guardrails, attacked live', '', '| step | guardrail | verdict | result | attacked tiers | adversarial policies | matrix back after withdrawal |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const p of phases) {
    const result = p.heldLive ? `held against ${p.policies.length} adversarial polic${p.policies.length === 1 ? 'y' : 'ies'}` : `**NOT HELD**: ${p.brokenLive.join(', ')}`;
    const model = p.heldInModel ? '' : ' (the model says it does not hold)';
    const back = p.restored ? `${p.restoredMs} ms` : '**no**';
    out.push(`| ${p.step} | ${p.guardrail} | ${p.verdict} | ${result}${model} | ${p.tiers.join(', ')} | ${p.policies.map((x) => `${x.kind} ${x.namespace ? `${x.namespace}/` : ''}${x.name}`).join('<br>')} | ${back} |`);
  }
  for (const note of new Set(phases.flatMap((p) => p.notes))) out.push('', `- ${note}`);
  return out;
}
