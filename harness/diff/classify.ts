// The mismatch classes of one cell, from its expected, model and observed verdicts.
import { describeDecider, sameDecider } from '../flows/trace-decision.ts';
import { knownVerdict, type CellVerdict, type Verdict } from '../model/index.ts';
import { observedVerdict } from './observation.ts';
import { trafficMismatches } from './traffic-classes.ts';
import type { DiffCell, Mismatch, Notice } from './types.ts';

/** A cell with everything known about it, before classification. */
export type CellFacts = Omit<DiffCell, 'mismatches' | 'notices'>;

export function classify(c: CellFacts): Mismatch[] {
  const out: Mismatch[] = [];
  const pending = c.stagedVerdict ?? c.verdict;
  const promoted = c.promotedVerdict ?? c.verdict;
  // An unknown verdict (offline, it depends on pod addresses) is left unchecked, never guessed.
  const differ = (cls: Mismatch['class'], what: string, declared: Verdict | undefined, actual: CellVerdict) => {
    if (declared !== undefined && actual !== 'unknown' && declared !== actual) out.push({ class: cls, message: `${what}: declared ${declared}, model ${actual}` });
  };
  differ('policy-intent', 'expect', c.expected, c.verdict);
  differ('staged-intent', 'expectStaged', c.expectedStaged, pending);
  differ('promoted-intent', 'expectPromoted', c.expectedPromoted, promoted);
  if (c.observed !== undefined) {
    const seen = observedVerdict(c.observed);
    const detail = c.observedDetail ? ` (${c.observedDetail})` : '';
    const model = knownVerdict(c.verdict);
    if (seen === undefined) out.push({ class: 'harness-fault', message: `probe error${detail}: counted as neither allow nor deny` });
    else if (model !== undefined && seen !== model) out.push({ class: 'dataplane-or-model', message: `model ${c.verdict}, observed ${c.observed}${detail}` });
    else if (c.observed === 'refused') out.push({ class: 'harness-fault', message: `refused: the packet got through but nothing listened on ${c.port}/${c.protocol}${detail}` });
  }
  if (c.loggedVerdict !== undefined && c.loggedVerdict !== c.verdict) {
    out.push({ class: 'flow-log', message: `flow logs ${c.loggedVerdict}, model ${c.verdict}` });
  }
  if (c.loggedStagedVerdict !== undefined && c.loggedStagedVerdict !== pending) {
    out.push({ class: 'flow-log-staged', message: `flow logs (pending) ${c.loggedStagedVerdict}, model ${pending}` });
  }
  out.push(...flowEvidenceMismatches(c, pending));
  if (c.traffic) out.push(...trafficMismatches(c.traffic));
  if (c.predictedByStaged !== undefined) {
    const seen = c.observed === undefined ? undefined : observedVerdict(c.observed);
    if (c.verdict !== c.predictedByStaged) out.push({ class: 'promotion', message: `the staged step predicted ${c.predictedByStaged} after promotion (its promotedVerdict), the model now says ${c.verdict}` });
    else if (seen !== undefined && seen !== c.predictedByStaged) out.push({ class: 'promotion', message: `the staged step predicted ${c.predictedByStaged} after promotion, the promoted policies gave ${c.observed}` });
  }
  if (c.flaky) out.push({ class: 'flaky', message: 'the observation changed between probe rounds' });
  return out;
}

/** Attribution (who decided) where the logged verdict agrees, missing and self-contradicting evidence. */
function flowEvidenceMismatches(c: CellFacts, pending: CellVerdict): Mismatch[] {
  const e = c.flowEvidence;
  if (!e) return [];
  const out: Mismatch[] = [];
  if (e.flaky) out.push({ class: 'flaky', message: `flow logs disagree after convergence: ${e.flaky}` });
  if (e.missing && !e.missingAllowed) out.push({ class: 'missing-evidence', message: `no flow evidence: ${e.missing}` });
  const alsoNamed = (e.alsoAs ?? []).some((a) => sameDecider(c.decidedBy, a));
  if (c.loggedVerdict === c.verdict && !sameDecider(c.decidedBy, e.loggedAs) && !alsoNamed) {
    out.push({ class: 'attribution', message: `flow logs: decided by ${describeDecider(e.loggedAs ?? null)}; model: ${describeDecider(c.decidedBy)}` });
  }
  const stagedBy = c.stagedDecidedBy === undefined ? c.decidedBy : c.stagedDecidedBy;
  if (c.loggedStagedVerdict !== undefined && c.loggedStagedVerdict === pending && !sameDecider(stagedBy, e.loggedStagedAs)) {
    out.push({ class: 'attribution', message: `flow logs (pending): decided by ${describeDecider(e.loggedStagedAs ?? null)}; model (pending): ${describeDecider(stagedBy)}` });
  }
  return out;
}

export function notices(c: CellFacts): Notice[] {
  const out: Notice[] = [];
  if (c.stagedVerdict !== undefined && c.promotedVerdict !== undefined && c.stagedVerdict !== c.promotedVerdict) out.push('staged-not-promoted');
  if (c.flowEvidence?.missing && c.flowEvidence.missingAllowed) out.push('missing-evidence-allowed');
  return out;
}
