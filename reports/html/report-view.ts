// What the page's template prints, worked out beforehand: every value is text or a number, so
// the template only lays it out (and Eta escapes each of them).
import { cellKey, mismatchClasses, type StepDiff } from '../../harness/diff/index.ts';
import type { LiveRun } from '../../harness/live/run-types.ts';
import type { PolicyFile } from '../../harness/live/outputs/policy-files.ts';
import { classMark, observedGlyph } from '../glyphs.ts';
import type { RunStatus } from '../run-status.ts';
import { summaryLine } from '../summary.ts';
import { changeWords, establishedText, figureText, rateText, trafficCells } from '../traffic-text.ts';
import { stateWords, type CellState } from './cell-state.ts';
import type { MatrixCounts } from './heatmap-data.ts';
import { classWords } from './class-words.ts';

/** The facts of a live run the page shows (LiveRun's, so nothing is copied by hand). */
export type ReportRun = Pick<LiveRun, 'runId' | 'scenario' | 'file' | 'cluster' | 'versions' | 'startedAt' | 'wallMs' | 'pods' | 'externals' | 'services' | 'diff' | 'steps' | 'flows' | 'guardrails'>;

export interface HtmlReportInput {
  run: ReportRun;
  /** The policies as applied (policies/ beside the page). */
  files: readonly PolicyFile[];
  /** liveRunStatus(run): the same ending every other report says. */
  status: RunStatus;
  /** harness/evidence/provenance.ts: what the bundle's MANIFEST and clock vouch for. */
  provenance: readonly string[];
}

/** How many mismatching cells a step lists in words; the heatmap marks every one. */
export const listedMismatches = 50;

export interface ReportView {
  title: string;
  scenario: string;
  pass: boolean;
  /** PASS, or what failed: FAIL, INTERRUPTED, INCOMPLETE. */
  word: string;
  /** The summary line every report prints. */
  headline: string;
  classes: { name: string; mark: string; cells: number; what: string }[];
  facts: [string, string][];
  provenance: readonly string[];
  notReached: string[];
  pods: { pod: string; node: string; ip: string }[];
  legend: { state: string; words: string }[];
  /** Guardrails attacked live, per step: held or not, against which adversarial policies. */
  guardrails: { step: string; name: string; verdict: string; held: boolean; result: string; tiers: string; policies: string; back: string }[];
  steps: StepView[];
}

export interface StepView {
  index: number;
  name: string;
  /** Applied, converged, rounds; or why the step is partial. */
  timing: string;
  disagreeing: number;
  policies: { action: string; resource: string; file: string; sha256: string; text: string; source: string }[];
  heatmaps: { index: number; title: string; summary: string; mismatching: boolean }[];
  mismatches: { cell: string; mark: string; name: string; message: string; reproduce: string }[];
  moreMismatches: number;
  traffic: string[][];
  notes: string[];
}

export function reportView(input: HtmlReportInput, counts: readonly (readonly MatrixCounts[])[]): ReportView {
  const { run, status } = input;
  const diff = run.diff;
  const guardrails = (run.guardrails ?? []).map((g) => ({
    step: g.step, name: g.guardrail, verdict: g.verdict, held: g.heldLive && g.heldInModel && g.restored,
    result: g.heldLive ? `held against ${g.policies.length} adversarial polic${g.policies.length === 1 ? 'y' : 'ies'}${g.heldInModel ? '' : ' (the model says it does not hold)'}` : `NOT HELD: ${g.brokenLive.join(', ')}`,
    tiers: g.tiers.join(', '), policies: g.policies.map((x) => `${x.kind} ${x.namespace ? `${x.namespace}/` : ''}${x.name}`).join(', '),
    back: g.restored ? `${g.restoredMs} ms after the withdrawal` : 'NOT back after the withdrawal',
  }));
  const pass = status.state === 'complete' && diff.summary.mismatchingCells === 0 && guardrails.every((g) => g.held);
  const word = pass ? 'PASS' : status.state === 'complete' || status.state === 'failed' ? 'FAIL' : status.state.toUpperCase();
  return {
    title: `tierprobe: ${run.scenario}: ${word}`,
    scenario: diff.scenario,
    pass, word,
    headline: summaryLine(diff, status),
    classes: mismatchClasses.map((name) => ({ name, mark: classMark[name], cells: diff.summary[name], what: classWords[name] })),
    facts: runFacts(run, status),
    provenance: input.provenance,
    notReached: status.notReached,
    pods: [...run.pods, ...run.externals.map((e) => ({ pod: `external:${e.name}`, node: '(Docker network)', ip: e.ip })),
      ...(run.services ?? []).map((s) => ({ pod: s.service, node: `ClusterIP, looked up as ${s.dnsName}`, ip: s.clusterIP }))],
    legend: (Object.keys(stateWords) as CellState[]).map((state) => ({ state, words: stateWords[state] })),
    guardrails,
    steps: diff.steps.map((step, i) => stepView(step, i, run, input.files, counts[i] ?? [])),
  };
}

function runFacts(run: ReportRun, status: RunStatus): [string, string][] {
  const started = Date.parse(run.startedAt);
  const ended = Number.isNaN(started) ? 'unknown (the start time is not a date)' : new Date(started + run.wallMs).toISOString();
  const state = status.state === 'complete' ? 'complete' : `${status.state} (${status.observedSteps} of ${status.totalSteps} steps observed)${status.message ? `: ${status.message}` : ''}`;
  const flows = run.flows.checked
    ? `read from Goldmane: flush every ${run.flows.settings.flushSeconds} s (${run.flows.settings.from.flush}), buckets of ${run.flows.settings.windowSeconds} s (${run.flows.settings.from.window})`
    : `not checked: ${run.flows.why}; no cell was compared with Calico's flow logs`;
  return [
    ['run', `${run.runId} (${run.file})`],
    ['status', state],
    ['cluster', `${run.cluster.provider}, context ${run.cluster.context}`],
    ['nodes', run.cluster.nodes.join(', ')],
    ['Kubernetes', run.versions.kubernetes ?? 'unknown'],
    ['Calico', run.versions.calico ?? 'unknown'],
    ['tierprobe', run.versions.tierprobe],
    ['probe image', run.versions.probeImage],
    ['started', run.startedAt],
    ['finished', ended],
    ['wall time', `${(run.wallMs / 1000).toFixed(1)} s`],
    ['flow logs', flows],
  ];
}

function stepView(step: StepDiff, index: number, run: ReportRun, files: readonly PolicyFile[], counts: readonly MatrixCounts[]): StepView {
  const t = run.steps[index];
  const timing = t === undefined ? 'no timings recorded'
    : `${t.interrupted ? 'interrupted: partial results; ' : ''}changes applied in ${t.applyMs} ms; `
      + `${t.convergedMs === null ? `did not match the model within ${t.convergeTimeoutMs / 1000} s` : `matched the model ${t.convergedMs} ms after the API accepted them`}; ${t.rounds.length} probe round(s)`;
  const wrong = step.cells.filter((c) => c.mismatches.length > 0);
  const rejected = step.cells.filter((c) => c.observed === 'rejected').length;
  const hidden = step.cells.filter((c) => c.notices.includes('staged-not-promoted')).length;
  const notes = [
    ...(hidden > 0 ? [`${hidden} cell(s) differ between staged and promoted: flow logs cannot show what promotion changes there`] : []),
    ...(rejected > 0 ? [`${rejected} cell(s) ${observedGlyph.rejected} rejected, not dropped: the dataplane answers what it denies (Calico's deny action Reject); a rejected cell counts as a deny`] : []),
  ];
  return {
    index, name: step.name, timing, disagreeing: wrong.length, notes,
    policies: files.filter((f) => f.record.step === index).map((f) => ({
      action: f.record.action,
      resource: `${f.record.id.kind} ${f.record.id.namespace ? `${f.record.id.namespace}/` : ''}${f.record.id.name}`,
      file: `policies/${f.path}`, sha256: f.record.sha256, text: f.record.text,
      source: `${f.record.location.file}:${f.record.location.line}:${f.record.location.column}`,
    })),
    heatmaps: counts.map((m, i) => ({ index: i, title: m.title, summary: countsText(m), mismatching: m.states.M + m.states.E > 0 })),
    mismatches: wrong.slice(0, listedMismatches).flatMap((c) => c.mismatches.map((m) => ({ cell: cellKey(c), mark: classMark[m.class], name: m.class, message: m.message, reproduce: c.reproduce ?? '' }))),
    moreMismatches: Math.max(0, wrong.length - listedMismatches),
    traffic: trafficCells(step).map((c) => [cellKey(c), changeWords[c.traffic.change], figureText(c.traffic, true),
      rateText(c.traffic),
      `${c.traffic.failed} of ${c.traffic.requests}${c.traffic.errors > 0 ? `, ${c.traffic.errors} error(s)` : ''}`,
      establishedText(c.traffic), c.traffic.warnings.join('; ')]),
  };
}

function countsText(m: MatrixCounts): string {
  const parts = (Object.keys(m.states) as CellState[]).filter((s) => m.states[s] > 0).map((s) => `${m.states[s].toLocaleString('en-US')} ${stateWords[s]}`);
  return `${m.cells.toLocaleString('en-US')} cells: ${parts.join(', ')}`;
}
