// results.json: the reports' cell document (explain cells + observed/expected/logged, summary)
// with what the live run adds: per-step timings, the run's facts, the policies as applied.
// Flow-log verdicts sit in the cells (loggedVerdict, loggedBy, flowEvidence) and the flow-log leg
// in run.flows; traffic under change can go in steps[].live; an auditor's report reads run and policies.
import { z } from 'zod';
import { renderResultsJson, type RunStatus } from '../../../reports/index.ts';
import type { LiveRun } from '../run-types.ts';
import type { PolicyFile } from './policy-files.ts';

const base = z.looseObject({ scenario: z.string(), steps: z.array(z.looseObject({ name: z.string() })), summary: z.looseObject({}) });

/** status: liveRunStatus(run), which decides `run.status` and `run.complete`. */
export function resultsDocument(run: LiveRun, files: readonly PolicyFile[], status: RunStatus): object {
  const doc = base.parse(JSON.parse(renderResultsJson(run.diff)));
  // Which pairs went over which path (the same in every step): pod pairs by node, and externals.
  const pairs = { 'same-node': new Set<string>(), 'cross-node': new Set<string>(), external: new Set<string>() };
  for (const c of run.diff.steps[0]?.cells ?? []) if (c.path && c.from !== c.to) pairs[c.path].add(`${c.from} -> ${c.to}`);
  return {
    scenario: doc.scenario,
    steps: doc.steps.map((s, i) => ({ ...s, live: run.steps[i] })),
    summary: doc.summary,
    run: {
      id: run.runId, file: run.file, startedAt: run.startedAt, wallMs: run.wallMs,
      status: status.state, complete: status.state === 'complete', observedSteps: status.observedSteps, totalSteps: status.totalSteps,
      ...(status.notReached.length > 0 ? { notReached: status.notReached } : {}),
      interrupted: run.interrupted, ...(run.failure ? { failure: run.failure.message } : {}), kept: run.kept, flows: run.flows,
      cluster: run.cluster, versions: run.versions, pods: run.pods, externals: run.externals, ...(run.services ? { services: run.services } : {}),
      pairs: Object.fromEntries(Object.entries(pairs).map(([k, v]) => [k, [...v]])),
    },
    policies: files.map((f) => ({
      step: f.record.stepName, action: f.record.action, ...f.record.id, file: `policies/${f.path}`, sha256: f.record.sha256,
      source: `${f.record.location.file}:${f.record.location.line}:${f.record.location.column}`,
    })),
    ...(run.guardrails ? { guardrails: run.guardrails } : {}),
  };
}
