// Why a logged flow and the model disagree, from what the flow's own trace says. Pure.
//  - drift: the trace names a policy the capture does not have (created, renamed or changed in
//    kind since the capture), so the model judged other policies than the dataplane ran;
//  - dataplane surprise: Felix's action is not what its own trace decided (or it logged no
//    trace): the dataplane did something its policies do not say;
//  - model gap: the trace names only captured policies and agrees with the action, yet the
//    model decides otherwise: the model reads Calico's semantics differently.
import type { PolicyHit } from '../flows/flow-schema.ts';
import { decideTrace, describeDecider, inModelTerms, loggedHit } from '../flows/trace-decision.ts';
import type { DecidedBy, PolicySet, Verdict } from '../model/index.ts';

export type DisagreementClass = 'model-gap' | 'dataplane-surprise' | 'drift';

/** Captured policies by namespace and Calico name (default tier bare, no staged: prefix). */
export class CapturedPolicies {
  readonly #names = new Set<string>();
  constructor(policies: PolicySet) {
    for (const p of [...policies.compiled.enforced.values(), ...policies.compiled.staged]) this.#names.add(key(p.namespace, p.name, p.tier));
  }
  has(d: DecidedBy): boolean {
    return this.#names.has(key(d.namespace, d.policy, d.tier));
  }
}

function key(namespace: string | undefined, name: string, tier: string): string {
  let n = name.startsWith('staged:') ? name.slice('staged:'.length) : name;
  if (tier === 'default' && n.startsWith('default.')) n = n.slice('default.'.length);
  return `${namespace ?? ''}/${n}`;
}

export interface Classified { class: DisagreementClass; why: string }

/** hits: the trace of the mode compared (enforced or pending); verdict: what the record says was done in that mode. */
export function classify(hits: readonly PolicyHit[], recorded: Verdict, model: DecidedBy | null, captured: CapturedPolicies): Classified {
  const missing = hits.flatMap((h) => {
    const d = inModelTerms(loggedHit(h));
    return d && !captured.has(d) ? [d] : [];
  });
  if (missing.length > 0) {
    const names = [...new Set(missing.map((d) => `${d.kind} ${d.namespace ? `${d.namespace}/` : ''}${d.policy}`))];
    return { class: 'drift', why: `the flow's trace names ${names.join(', ')}, which the capture does not have` };
  }
  const trace = decideTrace(hits);
  if (!trace) return { class: 'dataplane-surprise', why: `the flow was ${recorded === 'allow' ? 'allowed' : 'denied'} with no policy trace logged` };
  if (trace.verdict !== recorded) {
    return { class: 'dataplane-surprise', why: `the flow was ${recorded === 'allow' ? 'allowed' : 'denied'} though its own trace ${trace.verdict === 'allow' ? 'allows' : 'denies'} (${describeDecider(trace.asModel ?? null)})` };
  }
  const why = model && !hits.some((h) => { const d = inModelTerms(loggedHit(h)); return d !== null && d.policy === model.policy && (d.namespace ?? '') === (model.namespace ?? ''); })
    ? `; the model's decider ${model.policy} is not in the trace: it selects this endpoint in the model, not in Calico (or it left the cluster after the capture)`
    : '';
  return { class: 'model-gap', why: `the trace names only captured policies and agrees with the action, yet the model decides otherwise${why}` };
}
