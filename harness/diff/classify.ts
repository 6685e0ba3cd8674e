// The mismatch classes of one cell, from its expected, model and observed verdicts.
import type { Verdict } from '../model/index.ts';
import { observedVerdict } from './observation.ts';
import type { DiffCell, Mismatch, Notice } from './types.ts';

/** A cell with everything known about it, before classification. */
export type CellFacts = Omit<DiffCell, 'mismatches' | 'notices'>;

export function classify(c: CellFacts): Mismatch[] {
  const out: Mismatch[] = [];
  const pending = c.stagedVerdict ?? c.verdict;
  const promoted = c.promotedVerdict ?? c.verdict;
  const differ = (cls: Mismatch['class'], what: string, declared: Verdict | undefined, actual: Verdict) => {
    if (declared !== undefined && declared !== actual) out.push({ class: cls, message: `${what}: declared ${declared}, model ${actual}` });
  };
  differ('policy-intent', 'expect', c.expected, c.verdict);
  differ('staged-intent', 'expectStaged', c.expectedStaged, pending);
  differ('promoted-intent', 'expectPromoted', c.expectedPromoted, promoted);
  if (c.observed !== undefined) {
    const seen = observedVerdict(c.observed);
    const detail = c.observedDetail ? ` (${c.observedDetail})` : '';
    if (seen === undefined) out.push({ class: 'harness-fault', message: `probe error${detail}: counted as neither allow nor deny` });
    else if (seen !== c.verdict) out.push({ class: 'dataplane-or-model', message: `model ${c.verdict}, observed ${c.observed}${detail}` });
    else if (c.observed === 'refused') out.push({ class: 'harness-fault', message: `refused: the packet got through but nothing listened on ${c.port}/${c.protocol}${detail}` });
  }
  if (c.loggedVerdict !== undefined && c.loggedVerdict !== c.verdict) {
    out.push({ class: 'flow-log', message: `flow logs ${c.loggedVerdict}, model ${c.verdict}` });
  }
  if (c.loggedStagedVerdict !== undefined && c.loggedStagedVerdict !== pending) {
    out.push({ class: 'flow-log-staged', message: `flow logs (pending) ${c.loggedStagedVerdict}, model ${pending}` });
  }
  if (c.flaky) out.push({ class: 'flaky', message: 'the observation changed between probe rounds' });
  return out;
}

export function notices(c: CellFacts): Notice[] {
  return c.stagedVerdict !== undefined && c.promotedVerdict !== undefined && c.stagedVerdict !== c.promotedVerdict
    ? ['staged-not-promoted'] : [];
}
