// `tierprobe query` as text: one connection per step, each mode's result, then both directions
// tier by tier: every policy that selects the endpoint, the rule that fired or why none did.
import type { DecidedBy, DirectionWalk, ModeWalk, PolicyStep, RuleStep, TierStep, Walkthrough } from '../harness/model/index.ts';
import { describeDecision } from './glyphs.ts';

/** walk absent: a Service with no backend at that step, which note says. */
export interface QueryStep { index: number; name: string; walk?: Walkthrough; note?: string }
export interface QueryReport { scenario: string; totalSteps: number; steps: QueryStep[] }

const MODE_TITLES: Record<ModeWalk['mode'], string> = {
  enforced: 'enforced',
  pending: 'staged (pending: what the flow logs report)',
  promoted: 'promoted (every staged policy promoted)',
};

export function renderQueryText(report: QueryReport): string {
  const first = report.steps.find((s) => s.walk)?.walk;
  const out: string[] = [];
  if (first) out.push(`${first.from} -> ${first.to} ${first.port}/${first.protocol}, scenario ${report.scenario}`, '');
  for (const step of report.steps) {
    out.push(`step ${step.index + 1}/${report.totalSteps}: ${step.name}${step.walk?.backend === undefined ? '' : `, backend ${step.walk.backend} (after DNAT: ${step.walk.backend} ${step.walk.targetPort ?? '?'}/${step.walk.protocol})`}`);
    if (!step.walk) {
      out.push(`  ${step.note ?? 'nothing to walk'}`, '');
      continue;
    }
    if (step.walk.hairpin) {
      out.push('  the source is this backend: through the Service the connection leaves the pod and comes back (kube-proxy\'s hairpin), so its egress and its ingress are both policed');
    }
    if (step.walk.self) {
      out.push('  a pod to itself: the traffic never leaves the pod, so it is always allowed and no policy is looked at');
    }
    for (const mode of step.walk.modes) out.push(...renderMode(mode, step.walk));
    out.push('');
  }
  return out.join('\n');
}

function renderMode(mode: ModeWalk, walk: Walkthrough): string[] {
  const out = [`  ${MODE_TITLES[mode.mode]}: ${mode.verdict}, ${resultDetail(mode)}`];
  if (walk.self) return out;
  if (mode.egress) out.push(...renderDirection(mode.egress));
  if (mode.ingress) out.push(...renderDirection(mode.ingress));
  else out.push(`    ingress at ${walk.to}: not a Calico endpoint, no policy runs there`);
  return out;
}

function resultDetail(mode: ModeWalk): string {
  if (mode.verdict === 'unknown') return `the verdict ${mode.unknownBecause ?? 'depends on pod addresses'}`;
  return mode.mode === 'promoted' && mode.decidedBy === null && mode.verdict === 'allow'
    ? 'no policy applied: the namespace profile allows'
    : describeDecision(mode.decidedBy, mode.verdict).replace(/^tier /, 'decided in tier ');
}

function renderDirection(d: DirectionWalk): string[] {
  const head = `    ${d.direction} at ${d.endpoint}${d.reached ? '' : ' (not reached: egress denied; shown for reference)'}`;
  const out = [head];
  for (const tier of d.tiers) out.push(...renderTier(tier));
  if (d.decidedAt === 'profile') {
    const after = d.decidedBy === null ? '' : ` (the verdict is named after the last Pass: ${policyName(d.decidedBy)})`;
    out.push(`      after the last tier: profile ${d.profile ?? 'kns'} allows${after}`);
  }
  out.push(`      ${d.direction}: ${d.verdict}`);
  return out;
}

function renderTier(t: TierStep): string[] {
  const title = `      tier ${t.tier} (order ${t.order ?? 'none'}, default action ${t.defaultAction})`;
  const out: string[] = [];
  if (t.outcome.kind === 'no-policy') out.push(`${title}: ${t.leftOut.length > 0 ? 'no policy of this mode selects this endpoint, so its default action does not apply' : 'no policy selects this endpoint'}`);
  else if (t.outcome.kind === 'not-reached') out.push(`${title}: not reached, an earlier tier decided; it has:`);
  else out.push(`${title}:`);
  for (const p of t.policies) out.push(...renderPolicy(p, t.outcome.kind === 'not-reached'));
  for (const l of t.leftOut) out.push(`        (${l.kind} ${qualified(l)}: ${l.why})`);
  const o = t.outcome;
  if (o.kind === 'rule') {
    out.push(o.action === 'Pass'
      ? `        -> Pass (${policyName(o.decidedBy)} rule ${o.decidedBy.ruleIndex}): on to the next tier; this tier's default action is not applied`
      : `        -> ${o.action} (${policyName(o.decidedBy)} rule ${o.decidedBy.ruleIndex})`);
  } else if (o.kind === 'end-of-tier') {
    const then = o.action === 'Pass' ? ': on to the next tier' : '';
    out.push(`        -> end of tier: no rule fired, default action ${o.action}${then} (Calico names ${policyName(o.decidedBy)})`);
  }
  return out;
}

function renderPolicy(p: PolicyStep, tierNotReached: boolean): string[] {
  const notes = [
    `order ${p.order ?? 'none'}`,
    ...(p.stagedAction ? [`staged, stagedAction ${p.stagedAction}`] : []),
    ...(p.promotedFrom ? [`promoted from ${p.promotedFrom.kind} ${qualified(p.promotedFrom)}`] : []),
  ];
  const head = `        ${p.kind} ${qualified(p)} (${notes.join(', ')})`;
  if (tierNotReached) return [head];
  if (!p.reached) return [`${head}: not reached: a rule before it in this tier fired`];
  const out = [head];
  if (p.rules.length === 0 && p.rulesNotReached === 0) out.push('          no rules for this direction');
  for (const r of p.rules) out.push(`          ${renderRule(r)}`);
  if (p.rulesNotReached > 0) {
    const from = (p.rules.at(-1)?.index ?? -1) + 1;
    const to = from + p.rulesNotReached - 1;
    out.push(`          ${from === to ? `rule ${from}` : `rules ${from}-${to}`}: not reached`);
  }
  return out;
}

function renderRule(r: RuleStep): string {
  const head = `rule ${r.index} ${r.action}`;
  const note = r.addressNote ? ` (${r.addressNote})` : '';
  if (r.outcome === 'depends-on-address' && r.dependsOnAddress) {
    const d = r.dependsOnAddress;
    return `${head}: depends on the pod's address: ${d.pods.join(' and ')} may or may not be in ${d.cidrs.join(', ') || 'the CIDRs it names'}; `
      + `the walk below goes on as if it ${d.walkGoesOnAs === 'matched' ? 'matched' : 'did not match'}`;
  }
  if (r.outcome === 'no-match') return `${head}: no match: ${r.reason?.message ?? 'no field named'}${note}`;
  if (r.action === 'Log') return `${head}: matches: logged, and the walk goes on (Log never decides)${note}`;
  return `${head}: matches${note}`;
}

function qualified(p: { name: string; namespace?: string }): string {
  return p.namespace === undefined ? p.name : `${p.namespace}/${p.name}`;
}

function policyName(d: DecidedBy): string {
  return `${d.kind} ${qualified({ name: d.policy, ...(d.namespace === undefined ? {} : { namespace: d.namespace }) })}`;
}
