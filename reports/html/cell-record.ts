// What the page shows of one cell on hover and click, as plain texts worded by the same helpers
// as the other reports: what decided it, what the probe and the flow logs saw, the traffic
// figures, the mismatches and the command that reproduces the probe. Latency and convergence are
// per-cell figures kept apart (heatmap-data.ts), so that cells which differ only in their names
// share one record.
import type { DiffCell } from '../../harness/diff/index.ts';
import { describeDecider, type LoggedHit } from '../../harness/flows/trace-decision.ts';
import type { DecidedBy } from '../../harness/model/index.ts';
import { classMark, describeDecision, verdictGlyph } from '../glyphs.ts';
import type { Matrix, View } from '../matrix.ts';
import { cellText } from '../terminal.ts';
import { establishedText, figureText, rateText } from '../traffic-text.ts';
import { cellState, heatViews, type HeatView } from './cell-state.ts';

export interface CellRecord {
  /** The state of each heatView, one character each, in heatViews' order. */
  s: string;
  /** The glyph (and marks) of each heatView, as the terminal and Markdown tables print it. */
  g: string[];
  /** [label, text], in the order shown. */
  d: [string, string][];
  /** The mismatches: [class, its mark, message]. */
  m: [string, string, string][];
  /** The command that reproduces the probe. */
  r?: string;
}

export function cellRecord(c: DiffCell): CellRecord {
  const d: [string, string][] = [];
  const add = (label: string, text: string | undefined) => {
    if (text !== undefined && text !== '') d.push([label, text]);
  };
  add('model', `${c.verdict}: ${describeDecision(c.decidedBy, c.verdict, c.unknownBecause)}`);
  if (c.decidedBy) addDecider(add, c.decidedBy);
  add('declared', c.expected);
  add('observed', c.observed === undefined ? undefined : `${c.observed}${c.path ? ` (${c.path})` : ''}`);
  add('probe detail', c.observedDetail);
  if (c.flaky) add('flaky', 'the observation changed between probe rounds');
  if (c.backend !== undefined) add('backend', `${c.backend}${c.targetPort === undefined ? '' : ` port ${c.targetPort}`}`);
  if (c.dns) add('DNS lookup', `${c.dns.verdict}: ${describeDecision(c.dns.decidedBy, c.dns.verdict, c.dns.unknownBecause)}`);
  if (c.stagedVerdict !== undefined) {
    const by = c.stagedDecidedBy === undefined ? c.decidedBy : c.stagedDecidedBy;
    add('staged (pending)', `${c.stagedVerdict}: ${describeDecision(by, c.stagedVerdict, c.unknownBecause)}`);
  }
  add('declared staged', c.expectedStaged);
  add('promoted', c.promotedVerdict);
  add('declared promoted', c.expectedPromoted);
  add('staged step predicted', c.predictedByStaged);
  add('flow logs', c.loggedVerdict === undefined ? undefined : `${c.loggedVerdict}${c.loggedBy ? `: ${loggedText(c.loggedBy)}` : ''}`);
  add('flow logs (pending)', c.loggedStagedVerdict === undefined ? undefined : `${c.loggedStagedVerdict}${c.loggedStagedBy ? `: ${loggedText(c.loggedStagedBy)}` : ''}`);
  const e = c.flowEvidence;
  if (e) {
    add('flow records', String(e.records));
    if (e.loggedAs !== undefined) add('logged as', describeDecider(e.loggedAs));
    add('flow note', e.note);
    add('flow records missing', e.missing === undefined ? undefined : `${e.missing}${e.missingAllowed ? ' (allowed by --allow-missing-flows)' : ''}`);
    add('flow logs flaky', e.flaky);
  }
  const t = c.traffic;
  if (t) {
    add('traffic', `${t.change}: ${figureText(t, true)}`);
    add('traffic rate', rateText(t));
    add('traffic requests', `${t.succeeded} succeeded, ${t.failed} failed, ${t.errors} error(s) of ${t.requests}; ${t.droppedIterations} not started`);
    add('established connection', `${establishedText(t)}, ${t.established.pings} ping(s)${t.established.declared ? `; declared ${t.established.declared}` : ''}`);
    add('traffic clock', t.clock);
    for (const w of t.warnings) add('traffic warning', w);
  }
  if (c.notices.includes('staged-not-promoted')) add('note', 'staged and promoted differ: flow logs cannot show what promotion changes here');
  if (c.notices.includes('missing-evidence-allowed')) add('note', 'flow evidence missing, let pass by --allow-missing-flows');
  return {
    s: heatViews.map((v) => cellState(c, v)).join(''),
    g: heatViews.map((v) => glyph(c, v)),
    d,
    m: c.mismatches.map((m) => [m.class, classMark[m.class], m.message]),
    ...(c.reproduce === undefined ? {} : { r: c.reproduce }),
  };
}

/** The decider's parts, each on its row: what the hover must show plainly. */
function addDecider(add: (label: string, text: string) => void, by: DecidedBy): void {
  add('tier', by.tier);
  add('policy', `${by.kind} ${by.namespace ? `${by.namespace}/` : ''}${by.policy}`);
  add('rule', by.ruleIndex < 0 ? 'none matched: the end of the tier' : String(by.ruleIndex));
  add('action', by.action);
}

/** A flow log's deciding hit in Calico's own terms. */
function loggedText(h: LoggedHit): string {
  const rule = h.ruleIndex < 0 || h.kind === 'EndOfTier' ? 'end of tier' : `rule ${h.ruleIndex}`;
  const trigger = h.trigger ? ` (trigger: ${h.trigger.kind} ${h.trigger.namespace ? `${h.trigger.namespace}/` : ''}${h.trigger.name})` : '';
  return `${h.kind} ${h.namespace ? `${h.namespace}/` : ''}${h.name}, tier ${h.tier}, ${rule}: ${h.action}${trigger}`;
}

/** cellText reads only the matrix's view: these carry nothing else. */
const viewMatrix = (view: View): Matrix => ({ view, port: 0, protocol: 'TCP', sources: [], destinations: [], cells: new Map() });
const viewMatrices: Record<View, Matrix> = { verdict: viewMatrix('verdict'), stagedVerdict: viewMatrix('stagedVerdict'), promotedVerdict: viewMatrix('promotedVerdict') };

/** As the tables print a cell; the flow-log view: the logged verdict (the model's where none was logged) and ~ where they disagree. */
function glyph(c: DiffCell, view: HeatView): string {
  if (view !== 'flows') return cellText(viewMatrices[view], c);
  return verdictGlyph[c.loggedVerdict ?? c.verdict] + (cellState(c, 'flows') === 'M' ? '~' : '');
}
