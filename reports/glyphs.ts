// The glyphs and words reports use, in one place so every format reads the same.
import type { CellVerdict, DecidedBy } from '../harness/model/index.ts';
import type { MismatchClass, Observed } from '../harness/diff/index.ts';

/** unknown: offline, the verdict depends on pod addresses (--why says which). */
export const verdictGlyph: Record<CellVerdict, string> = { allow: '✓', deny: '✗', unknown: '◌' };
/** A rejected attempt is a deny, told apart from a drop: the dataplane answered (Calico's deny action Reject). */
export const observedGlyph: Record<Observed, string> = { connected: '✓', refused: '↩', dropped: '✗', rejected: '⊘', error: '?' };
export const notServed = '·';

/** One ASCII mark per kind of disagreement, after the cell's glyph. */
export const classMark: Record<MismatchClass, string> = {
  'policy-intent': '!', 'staged-intent': '!', 'promoted-intent': '!',
  'dataplane-or-model': '#', 'flow-log': '~', 'flow-log-staged': '~', attribution: '~', 'missing-evidence': '~', promotion: '#',
  flaky: '?', 'harness-fault': '?',
  disruption: '%', established: '%', 'time-to-enforce': '%', leak: '%', guardrail: '@',
};

export const legend = [
  `${verdictGlyph.allow} allow   ${verdictGlyph.deny} deny   ${verdictGlyph.unknown} unknown offline (depends on pod addresses)   ${notServed} port not served   a second glyph: what the probe saw, where it differs (${observedGlyph.refused} refused, ${observedGlyph.rejected} rejected, ${observedGlyph.error} error)`,
  `! declared intent disagrees   # observed traffic disagrees   ~ flow logs disagree (verdict, decider) or are missing   ? probe error, refusal or flaky`,
  `% traffic under change disagrees (disruption, established connection, time to enforce or open)   @ a guardrail did not hold`,
].join('\n');

/** Why a cell got its verdict, in words. */
export function describeDecision(d: DecidedBy | null, verdict: CellVerdict, unknownBecause?: string): string {
  if (verdict === 'unknown') return `the verdict ${unknownBecause ?? 'depends on pod addresses'}`;
  if (!d) return verdict === 'allow' ? 'no policy applied: the namespace profile allows' : 'no policy named';
  const policy = `${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.policy}`;
  if (d.ruleIndex < 0) return `tier ${d.tier}: no rule matched, end-of-tier ${d.action} (trigger: ${policy})`;
  const then = d.action === 'Pass' ? `, then no later tier decided: ${verdict === 'allow' ? 'the profile allows' : 'denied'}` : '';
  return `tier ${d.tier}: ${policy} rule ${d.ruleIndex} (${d.action})${then}`;
}
